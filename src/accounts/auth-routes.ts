import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff, staffOf } from '../http/auth.js';
import { errors } from '../http/common-schemas.js';
import { AppError } from '../http/errors.js';
import { passwordMatches } from './passwords.js';
import { endSession, SESSION_COOKIE, startStaffSession, STAFF_ABSOLUTE_HOURS } from './sessions.js';
import { clearLoginFailures, findStaffByEmail, recentLoginFailures, recordLoginFailure } from './staff-repository.js';

const FAILURE_LIMIT = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;

const StaffMe = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('manager')]),
});

// Compared against when the e-mail is unknown, so a wrong address costs as long as a wrong password.
const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$/MNYQbXy7Vfpb7JWU/FMCw$lvlO+YePICcmnE4D5zB67nnqgm2viyh2v9wkVosQXDE';

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  const secure = deps.config.publicUrl.startsWith('https://');

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: 10, timeWindow: 15 * 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Staff sign in; sets an HttpOnly session cookie',
        body: Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 200: StaffMe, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const now = deps.now();
      // Per account, whatever address the attempts come from (per address: the rate limit above).
      const failures = await recentLoginFailures(deps.db, email.trim(), new Date(now.getTime() - FAILURE_WINDOW_MS));
      if (failures.count >= FAILURE_LIMIT) {
        const retryAfter = Math.max(1, Math.ceil(((failures.oldest?.getTime() ?? now.getTime()) + FAILURE_WINDOW_MS - now.getTime()) / 1000));
        throw new AppError(429, 'too_many_attempts', `Too many failed sign-ins for this account. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, undefined, {
          'retry-after': String(retryAfter),
        });
      }
      const user = await findStaffByEmail(deps.db, email.trim());
      const matches = await passwordMatches(user?.passwordHash ?? DECOY_HASH, password);
      if (!user || !matches || !user.active) {
        await recordLoginFailure(deps.db, email.trim(), request.ip, now);
        throw new AppError(401, 'invalid_credentials', 'The e-mail or password is not right.');
      }
      await clearLoginFailures(deps.db, user.email);
      const token = await startStaffSession(deps.db, {
        staffUserId: user.id,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now,
      });
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        secure,
        sameSite: 'lax',
        path: '/',
        maxAge: STAFF_ABSOLUTE_HOURS * 3600,
      });
      return { id: user.id, email: user.email, name: user.name, role: user.role };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: ends the session on the server', response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (request.session && request.session.kind !== 'api') await endSession(deps.db, request.session.sessionId, deps.now());
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { onRequest: requireStaff(), schema: { tags: ['auth'], summary: 'The signed-in staff member', response: { 200: StaffMe, ...errors(401, 403) } } },
    async (request) => {
      const { user } = staffOf(request);
      return { id: user.id, email: user.email, name: user.name, role: user.role };
    },
  );
}
