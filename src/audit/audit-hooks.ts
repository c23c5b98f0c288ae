import type { FastifyRequest } from 'fastify';
import { findStaffByEmail } from '../accounts/staff-repository.js';
import type { App, AppDeps } from '../app-deps.js';
import { AppError } from '../http/errors.js';
import { adminAction, auditedKind, clientSelfAction, withOverride, type AuditedRequestKind, type AuditRouteConfig } from './audit-actions.js';
import { recordAudit, type AuditInput } from './audit-log.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Names this route's audit entries instead of deriving them from the route. */
    audit?: AuditRouteConfig;
  }
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** The route's parameters as one record id: `id` when there is one, else the values joined by '/'. */
function recordIdOf(params: unknown): string | null {
  if (!params || typeof params !== 'object') return null;
  const values = params as Record<string, unknown>;
  if (typeof values.id === 'string' && values.id !== '') return values.id;
  const parts = Object.values(values).filter((value): value is string => typeof value === 'string' && value !== '');
  return parts.length > 0 ? parts.join('/') : null;
}

/** The validated query, when there is one: what a search looked for (secrets are redacted later). */
function queryOf(request: FastifyRequest): Record<string, unknown> | undefined {
  const query = request.query;
  if (!query || typeof query !== 'object' || Object.keys(query).length === 0) return undefined;
  return query as Record<string, unknown>;
}

function actorOf(request: FastifyRequest): AuditInput['actor'] {
  const session = request.session;
  if (session?.kind === 'staff') return { type: 'staff', id: session.user.id, label: session.user.email };
  // A client is named by id only: the entry outlives an erasure of their personal data.
  if (session?.kind === 'client') return { type: 'client', id: session.contactId, label: '' };
  if (session?.kind === 'api') return { type: 'api', id: session.apiKey.id, label: `API key "${session.apiKey.name}"` };
  return { type: 'api', id: null, label: 'anonymous' };
}

/** The entry for one finished request, or null when it is not one the audit log records. */
async function entryFor(deps: AppDeps, request: FastifyRequest, status: number, kind: AuditedRequestKind, route: string): Promise<AuditInput | null> {
  const at = deps.now();
  const base = { at, ip: request.ip ?? null };
  const override = request.routeOptions.config.audit;

  if (kind === 'login') {
    // The attempted e-mail names the actor; the password is never read from the body.
    const body = request.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.trim() : '';
    const user = email ? await findStaffByEmail(deps.db, email) : null;
    const ok = isSuccess(status);
    return {
      ...base,
      actor: { type: 'staff', id: user?.id ?? null, label: email },
      action: ok ? 'staff.login' : 'staff.login_failed',
      recordType: 'staff_user',
      recordId: user?.id ?? null,
      details: { method: request.method, route, status },
    };
  }

  // Someone signed in tried what their role may not: worth knowing about, not only what succeeded.
  if (status === 403 && kind === 'staff-admin' && request.session) {
    const attempted = withOverride(adminAction(request.method, route), override);
    return {
      ...base,
      actor: actorOf(request),
      action: 'access.denied',
      recordType: attempted.recordType,
      recordId: recordIdOf(request.params),
      details: { method: request.method, route, status, attempted: attempted.action },
    };
  }
  if (!isSuccess(status)) return null;
  const actor = actorOf(request);
  if (kind === 'client-self') {
    if (actor.type !== 'client') return null;
    const named = withOverride(clientSelfAction(request.method, route), override);
    return { ...base, actor, ...named, recordId: actor.id, details: { method: request.method, route, status } };
  }
  if (actor.type !== 'staff' && !(actor.type === 'api' && actor.id)) request.log.warn({ route }, 'a /api/admin request succeeded without a staff session');
  const named = withOverride(adminAction(request.method, route), override);
  const query = queryOf(request);
  return {
    ...base,
    actor,
    ...named,
    recordId: recordIdOf(request.params),
    details: { method: request.method, route, status, ...(query ? { query } : {}) },
  };
}

/** Reads are recorded before their answer leaves: no personal data is shown that the log does not hold. */
const recordedBeforeSending = (method: string): boolean => method === 'GET' || method === 'HEAD';

/**
 * Puts every successful staff request to /api/admin/* and /api/v1/* (and every one refused for
 * the caller's role or scope), every client export or erasure request and every staff sign-in
 * attempt on the audit record. Request bodies are never recorded: they hold personal data,
 * passwords and tokens.
 *
 * A read is recorded before its answer is sent; when the entry cannot be written, the answer is
 * withheld (503 `audit_unavailable`) and the caller may try again. A change is recorded after its
 * answer has gone out: it has committed, and an error in its place would invite a second try.
 * A failed write is logged loudly and the process carries on.
 */
export function registerAuditHooks(app: App, deps: AppDeps): void {
  const pending = new Set<Promise<void>>();

  /** The request's entry, when it is one the log records (null otherwise). */
  const entryOf = async (request: FastifyRequest, status: number): Promise<AuditInput | null> => {
    const route = request.routeOptions.url;
    const kind = route ? auditedKind(request.method, route) : null;
    return route && kind ? entryFor(deps, request, status, kind, route) : null;
  };
  const notWritten = (request: FastifyRequest, status: number, err: unknown, consequence: string): void => {
    request.log.error({ err, audit: { method: request.method, route: request.routeOptions.url, status, ip: request.ip } }, `AUDIT ENTRY NOT WRITTEN: ${consequence}`);
  };

  app.addHook('onSend', async (request, reply, payload) => {
    if (!recordedBeforeSending(request.method)) return payload;
    const entry = await entryOf(request, reply.statusCode);
    if (!entry) return payload;
    try {
      await recordAudit(deps.db, entry);
    } catch (err) {
      notWritten(request, reply.statusCode, err, 'the answer was withheld');
      // A stream that will not be sent must not keep what it holds open.
      if (payload && typeof (payload as { destroy?: unknown }).destroy === 'function') (payload as { destroy: () => void }).destroy();
      throw new AppError(503, 'audit_unavailable', 'This could not be recorded in the audit log, so it is not shown. Please try again in a moment.');
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    if (recordedBeforeSending(request.method)) return;
    const write = entryOf(request, reply.statusCode)
      .then(async (entry) => {
        if (entry) await recordAudit(deps.db, entry);
      })
      .catch((err: unknown) => notWritten(request, reply.statusCode, err, 'this request is missing from the audit log'));
    pending.add(write);
    try {
      await write;
    } finally {
      pending.delete(write);
    }
  });

  // Closing the app waits for entries still being written, so none is cut off by a shutdown.
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
}
