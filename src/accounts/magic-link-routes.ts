import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { findClinic } from '../clinic/clinic-repository.js';
import { errors } from '../http/common-schemas.js';
import { preferredLocale, renderLandingPage } from '../pages/landing-pages.js';
import { requestMagicLink, signInWithMagicLink } from './magic-link.js';
import { CLIENT_SESSION_DAYS, SESSION_COOKIE } from './sessions.js';

export function registerMagicLinkRoutes(app: App, deps: AppDeps): void {
  const secure = deps.config.publicUrl.startsWith('https://');

  app.post(
    '/api/auth/magic-link',
    {
      config: { rateLimit: { max: 5, timeWindow: 15 * 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'A client asks for a sign-in link. Always 202, whether or not the address is known',
        body: Type.Object({ email: Type.String({ maxLength: 254 }) }, { additionalProperties: false }),
        response: { 202: Type.Object({ status: Type.Literal('sent_if_known') }), ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim();
      // Only a plausible address is looked up; the answer is the same either way.
      if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) await requestMagicLink(deps, email, deps.now());
      return reply.status(202).send({ status: 'sent_if_known' as const });
    },
  );

  app.get(
    '/api/auth/magic-link/verify',
    { attachValidation: true, schema: { hide: true, querystring: Type.Object({ token: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const token = String((request.query as { token?: unknown }).token ?? '');
      const result = await signInWithMagicLink(deps, token, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, now: deps.now() });
      if (result.outcome === 'signed_in') {
        void reply.setCookie(SESSION_COOKIE, result.sessionToken, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: CLIENT_SESSION_DAYS * 86_400 });
        return reply.redirect(`${deps.config.publicUrl}/portal`, 303);
      }
      const clinic = await findClinic(deps.db);
      const locale = preferredLocale(request.headers['accept-language'], clinic?.defaultLocale ?? 'uk');
      const page = renderLandingPage(
        {
          kind: 'sign_in_link_invalid',
          clinic: { name: clinic?.name ?? '', address: clinic?.address ?? '', phone: clinic?.phone ?? '', email: clinic?.email ?? '' },
          signInUrl: `${deps.config.publicUrl}/portal/sign-in`,
        },
        locale,
      );
      return reply.status(result.outcome === 'unknown' ? 404 : 410).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
    },
  );
}
