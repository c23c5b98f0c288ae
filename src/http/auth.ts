import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resumeSession, SESSION_COOKIE, type ClientSession, type Session, type StaffSession } from '../accounts/sessions.js';
import type { StaffRole } from '../accounts/staff-repository.js';
import type { Db } from '../db/engine.js';
import { AppError, forbidden, unauthorized } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie on every request, and refuses a state-changing request that a
 * browser sent from another site (CSRF): browsers always send `Origin` on such requests.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Db; publicUrl: string; now: () => Date }): void {
  const publicOrigin = new URL(deps.publicUrl).origin;
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
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

/** An onRequest hook (before the body is even read) that lets only signed-in staff through, and only with one of `roles` when given. */
export function requireStaff(...roles: StaffRole[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const session = request.session;
    if (!session) throw unauthorized();
    if (session.kind !== 'staff') throw forbidden('This is for the clinic staff only.');
    if (roles.length > 0 && !roles.includes(session.user.role)) throw forbidden('Your role does not allow this.');
  };
}

export function staffOf(request: FastifyRequest): StaffSession {
  const session = request.session;
  if (!session || session.kind !== 'staff') throw unauthorized();
  return session;
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
