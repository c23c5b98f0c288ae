import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../app-deps.js';
import { findClinic } from '../clinic/clinic-repository.js';
import { errors } from '../http/common-schemas.js';
import { preferredLocale, renderLandingPage, type ClinicContacts, type LandingPage } from '../pages/landing-pages.js';
import { checkMagicLink, requestMagicLink, signInWithMagicLink } from './magic-link.js';
import { CLIENT_SESSION_DAYS, SESSION_COOKIE } from './sessions.js';

const VERIFY_PATH = '/api/auth/magic-link/verify';

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

  /** A landing page in the visitor's language, with the clinic's contacts; never cached (it may hold a live token). */
  const sendPage = async (request: FastifyRequest, reply: FastifyReply, status: number, pageFor: (clinic: ClinicContacts) => LandingPage): Promise<FastifyReply> => {
    const clinic = await findClinic(deps.db);
    const locale = preferredLocale(request.headers['accept-language'], clinic?.defaultLocale ?? 'uk');
    const contacts = { name: clinic?.name ?? '', address: clinic?.address ?? '', phone: clinic?.phone ?? '', email: clinic?.email ?? '' };
    return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderLandingPage(pageFor(contacts), locale));
  };
  const linkNoLongerWorks = (request: FastifyRequest, reply: FastifyReply, outcome: 'expired' | 'used' | 'unknown'): Promise<FastifyReply> =>
    sendPage(request, reply, outcome === 'unknown' ? 404 : 410, (clinic) => ({ kind: 'sign_in_link_invalid', clinic, signInUrl: `${deps.config.publicUrl}/portal/sign-in` }));

  // Opening the e-mailed link shows a page with one button; nothing is used up until it is pressed.
  app.get(
    VERIFY_PATH,
    { attachValidation: true, schema: { hide: true, querystring: Type.Object({ token: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const token = String((request.query as { token?: unknown }).token ?? '');
      const state = await checkMagicLink(deps.db, token, deps.now());
      if (state !== 'valid') return linkNoLongerWorks(request, reply, state);
      return sendPage(request, reply, 200, (clinic) => ({ kind: 'sign_in_confirm', clinic, verifyPath: VERIFY_PATH, token }));
    },
  );

  // The button: a plain HTML form (no JavaScript needed) posts the token; the client is signed in
  // and taken to the portal.
  app.register(async (scope: App) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post(
      VERIFY_PATH,
      {
        config: { rateLimit: { max: 30, timeWindow: 15 * 60_000 } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with the token of an e-mailed sign-in link (the form on the link’s page posts it); 303 to the portal with the session cookie set',
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: Type.Object({ token: Type.String({ maxLength: 200 }) }),
          response: { 303: Type.Null(), 404: Type.String({ description: 'A page: the link is unknown' }), 410: Type.String({ description: 'A page: the link was used or has expired' }), ...errors(400, 429) },
        },
      },
      async (request, reply) => {
        const result = await signInWithMagicLink(deps, request.body.token, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, now: deps.now() });
        if (result.outcome !== 'signed_in') return linkNoLongerWorks(request, reply, result.outcome);
        void reply.setCookie(SESSION_COOKIE, result.sessionToken, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: CLIENT_SESSION_DAYS * 86_400 });
        return reply.redirect(`${deps.config.publicUrl}/portal`, 303);
      },
    );
  });
}
