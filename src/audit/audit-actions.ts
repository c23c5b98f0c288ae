// Which requests are put on the record, and under what action name: pure, from the method and
// the route pattern (`/api/admin/contacts/:id`), never from the concrete URL.

export interface AuditRouteConfig {
  /** e.g. 'contact.export'; replaces the derived name. */
  action?: string;
  /** e.g. 'contact'; replaces the derived record type. */
  recordType?: string;
}

export interface AuditAction {
  action: string;
  recordType: string;
}

export type AuditedRequestKind = 'staff-admin' | 'client-self' | 'login';

/** The staff API: the console's routes and the integration API that API keys call. */
const STAFF_PREFIXES = ['/api/admin/', '/api/v1/'];
const staffPrefixOf = (routeUrl: string): string | undefined => STAFF_PREFIXES.find((prefix) => routeUrl.startsWith(prefix));
export const LOGIN_ROUTE = '/api/auth/login';

// Resources whose names do not turn singular by losing an "s".
const IRREGULAR: Record<string, { one: string; many: string }> = {
  outbox: { one: 'outbox_message', many: 'outbox' },
  audit: { one: 'audit_entry', many: 'audit' },
};

// A trailing segment that names the act itself, whatever the HTTP method.
const VERB_SEGMENTS: Record<string, string> = { export: 'export', erase: 'erase', erasure: 'erase' };

// Action names are lower-case words joined by dots (the table checks it).
const snake = (segment: string): string => segment.toLowerCase().replace(/[^a-z_]/g, '_');

function names(resource: string): { one: string; many: string; singleton: boolean } {
  const key = snake(resource);
  const irregular = IRREGULAR[key];
  if (irregular) return { ...irregular, singleton: false };
  if (key.endsWith('s')) return { one: key.slice(0, -1), many: key, singleton: false };
  return { one: key, many: key, singleton: true };
}

const isParam = (segment: string): boolean => segment.startsWith(':');

/** Which audited kind a request falls under, by route pattern; null: not audited. */
export function auditedKind(method: string, routeUrl: string): AuditedRequestKind | null {
  if (staffPrefixOf(routeUrl)) return 'staff-admin';
  if (routeUrl === '/api/me/export' || routeUrl.startsWith('/api/me/erasure')) return 'client-self';
  if (routeUrl === LOGIN_ROUTE && method === 'POST') return 'login';
  return null;
}

/**
 * The action for a staff request under /api/admin/ (or /api/v1/, the same names):
 * - `GET /contacts` → contacts.list, `GET /contacts/:id` → contact.read,
 * - `POST /contacts` → contact.create, `PATCH|PUT /contacts/:id` → contact.update, `DELETE` → contact.delete,
 * - `POST /bookings/:id/approve` → booking.approve (a trailing word after the id is the act),
 * - `GET|PUT /specialists/:id/schedule` → specialist.schedule.read / .update (a sub-record),
 * - `GET|PATCH /clinic` → clinic.read / clinic.update (a singleton),
 * - `…/export`, `…/erasure` → <record>.export, <record>.erase whatever the method.
 */
export function adminAction(method: string, routeUrl: string): AuditAction {
  const segments = routeUrl.slice((staffPrefixOf(routeUrl) ?? '').length).split('/').filter(Boolean);
  const resource = names(segments[0] ?? 'admin');
  const rest = segments.slice(1);
  const hasParam = rest.some(isParam);
  const literals = rest.filter((segment) => !isParam(segment)).map(snake);
  const tail = literals[literals.length - 1];
  const base = hasParam || resource.singleton ? resource.one : resource.many;

  if (tail !== undefined && VERB_SEGMENTS[tail]) return { action: `${resource.one}.${VERB_SEGMENTS[tail]}`, recordType: resource.one };
  if (tail !== undefined) {
    const lastIsLiteral = !isParam(rest[rest.length - 1]!);
    const sub = literals.join('.');
    if (method === 'POST' && lastIsLiteral) return { action: `${base}.${sub}`, recordType: resource.one };
    return { action: `${base}.${sub}.${crudVerb(method, true)}`, recordType: resource.one };
  }
  if (method === 'GET' || method === 'HEAD') {
    return { action: hasParam || resource.singleton ? `${resource.one}.read` : `${resource.many}.list`, recordType: resource.one };
  }
  return { action: `${resource.one}.${crudVerb(method, hasParam || resource.singleton)}`, recordType: resource.one };
}

function crudVerb(method: string, existing: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return 'read';
    case 'DELETE':
      return 'delete';
    case 'POST':
      return existing ? 'update' : 'create';
    default:
      return 'update';
  }
}

/**
 * A client acting on their own record: `/api/me/export` → contact.export, `POST /api/me/erasure`
 * → contact.erase, `POST /api/me/erasure-request` → contact.erasure_request, a GET of either →
 * contact.erasure.read / contact.erasure_request.read.
 */
export function clientSelfAction(method: string, routeUrl: string): AuditAction {
  if (routeUrl === '/api/me/export') return { action: 'contact.export', recordType: 'contact' };
  const name = routeUrl.slice('/api/me/'.length).split('/').filter((segment) => segment !== '' && !isParam(segment)).map(snake).join('_');
  if (method === 'GET' || method === 'HEAD') return { action: `contact.${name}.read`, recordType: 'contact' };
  return { action: name === 'erasure' ? 'contact.erase' : `contact.${name}`, recordType: 'contact' };
}

/** Applies a route's `config.audit` over the derived names. */
export function withOverride(derived: AuditAction, override: AuditRouteConfig | undefined): AuditAction {
  return { action: override?.action ?? derived.action, recordType: override?.recordType ?? derived.recordType };
}
