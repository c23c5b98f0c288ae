import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resumeSession, SESSION_COOKIE, type ClientSession, type Session, type StaffSession } from '../accounts/sessions.js';
import type { StaffRole } from '../accounts/staff-repository.js';
import type { Db } from '../db/engine.js';
import type { Actor } from '../contacts/timeline.js';
import { resolveApiKey, scopeFor } from '../integrations/api-keys.js';
import { AppError, forbidden, unauthorized } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is calling on every request: an API key in `Authorization: Bearer`, else the
 * session cookie. Refuses a state-changing request that a browser sent from another site with
 * a cookie (CSRF): browsers always send `Origin` on such requests. A bearer key is never sent
 * by a browser on its own, so it needs no such check.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Db; publicUrl: string; now: () => Date }): void {
  const publicOrigin = new URL(deps.publicUrl).origin;
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, key] = authorization.trim().split(/\s+/, 2);
      if (scheme?.toLowerCase() !== 'bearer' || !key) throw unauthorized('Send an API key as "Authorization: Bearer <key>".');
      const apiKey = await resolveApiKey(deps.db, key, deps.now());
      if (!apiKey) throw unauthorized('This API key is unknown or has been revoked.');
      request.session = { kind: 'api', apiKey };
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (STATE_CHANGING.has(request.method) && token) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
        throw new AppError(403, 'csrf_rejected', 'This request came from another site and was refused.');
      }
    }
    request.session = token ? await resumeSession(deps.db, token, deps.now()) : null;
  });
}

/**
 * An onRequest hook (before the body is even read) that lets only signed-in staff through, and
 * only with one of `roles` when given. An API key counts as a manager: it may use what managers
 * may (appointments, contacts, messages, integrations), within its scopes, and never what is
 * for administrators only (staff accounts, settings, other keys).
 */
export function requireStaff(...roles: StaffRole[]) {
  const keysAllowed = roles.length === 0 || roles.includes('manager');
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const session = request.session;
    if (!session) throw unauthorized();
    if (session.kind === 'api') {
      if (!keysAllowed) throw forbidden('API keys may not do this; it is for administrators signed in to the console.');
      const scope = scopeFor(request.method);
      if (!session.apiKey.scopes.includes(scope)) throw forbidden(`This API key lacks the "${scope}" scope.`);
      return;
    }
    if (session.kind !== 'staff') throw forbidden('This is for the clinic staff only.');
    if (roles.length > 0 && !roles.includes(session.user.role)) throw forbidden('Your role does not allow this.');
  };
}

/** The signed-in staff member; an API key is refused here (routes about one's own account or sessions). */
export function staffOf(request: FastifyRequest): StaffSession {
  const session = request.session;
  if (session?.kind === 'api') throw forbidden('This needs a staff member signed in to the console, not an API key.');
  if (!session || session.kind !== 'staff') throw unauthorized();
  return session;
}

/** Who acts, for the timeline: the staff member, or the API key (behind a route guarded by requireStaff). */
export function actorOf(request: FastifyRequest): Actor {
  const session = request.session;
  if (session?.kind === 'api') return { type: 'api', id: session.apiKey.id };
  return { type: 'staff', id: staffOf(request).user.id };
}

/** An onRequest hook that lets only a signed-in client through (staff use the admin API). */
export function requireClient() {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const session = request.session;
    if (!session) throw unauthorized('Sign in with the link we e-mail you.');
    if (session.kind !== 'client') throw forbidden('This is the client portal; staff use the console.');
  };
}

export function clientOf(request: FastifyRequest): ClientSession {
  const session = request.session;
  if (!session || session.kind !== 'client') throw unauthorized();
  return session;
}
