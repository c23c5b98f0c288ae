import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, CLIENT_SESSION_DAYS } from '../accounts/sessions.js';
import type { App, AppDeps } from '../app-deps.js';
import { findClinic } from '../clinic/clinic-repository.js';
import { links } from '../mail/booking-mail-data.js';
import { formatForMail } from '../mail/mail-data.js';
import { preferredLocale, renderLandingPage, type ClinicContacts, type LandingPage, type PageAppointment } from '../pages/landing-pages.js';
import { findSpecialist } from '../specialists/specialist-repository.js';
import type { Appointment } from './appointment-repository.js';
import { bookOfferedSlot, confirmBookingFromEmail, type Visit } from './email-link-service.js';

const TokenQuery = Type.Object({ token: Type.Optional(Type.String()), lang: Type.Optional(Type.String()) });

/**
 * The links in the clinic's e-mails: plain GETs that work without JavaScript, answered with a
 * redirect into the site or a clear page, never an error body.
 */
export function registerEmailLinkRoutes(app: App, deps: AppDeps): void {
  const to = links(deps.config.publicUrl);
  const tz = deps.config.clinicTimezone;
  const secure = deps.config.publicUrl.startsWith('https://');

  const visitOf = (request: FastifyRequest): Visit => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null, now: deps.now() });

  async function clinicContacts(): Promise<ClinicContacts> {
    const clinic = await findClinic(deps.db);
    return { name: clinic?.name ?? 'Clinic', address: clinic?.address ?? '', phone: clinic?.phone ?? '', email: clinic?.email ?? '' };
  }

  async function pageAppointment(appointment: Appointment, locale: 'uk' | 'en'): Promise<PageAppointment> {
    const specialist = await findSpecialist(deps.db, appointment.specialistId);
    return {
      ...formatForMail(appointment.startsAt, tz, locale),
      specialistName: specialist?.name ?? '',
      specialty: specialist?.specialty ?? '',
      status: appointment.status,
    };
  }

  function page(reply: FastifyReply, status: number, content: LandingPage, locale: 'uk' | 'en'): FastifyReply {
    return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderLandingPage(content, locale));
  }

  function signIn(reply: FastifyReply, sessionToken: string): void {
    void reply.setCookie(SESSION_COOKIE, sessionToken, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: CLIENT_SESSION_DAYS * 86_400 });
  }

  const localeOf = (request: FastifyRequest, appointment?: Appointment | null): 'uk' | 'en' => {
    const lang = (request.query as { lang?: unknown } | undefined)?.lang;
    return lang === 'uk' || lang === 'en' ? lang : (appointment?.locale ?? preferredLocale(request.headers['accept-language'], 'uk'));
  };

  // A person followed a link from an e-mail: whatever goes wrong, they get a page, not the API's JSON.
  const pageRoute = {
    attachValidation: true,
    errorHandler: (error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
      const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'e-mailed link failed');
      const clinic = { name: '', address: '', phone: '', email: '' };
      return page(reply, status, { kind: 'unavailable', clinic, homeUrl: to.home() }, localeOf(request));
    },
  };

  app.get(
    '/booking/confirm',
    { ...pageRoute, schema: { hide: true, querystring: TokenQuery } },
    async (request, reply) => {
      const result = await confirmBookingFromEmail(deps, String(request.query.token ?? ''), visitOf(request));
      const clinic = await clinicContacts();
      switch (result.outcome) {
        case 'confirmed':
          signIn(reply, result.sessionToken);
          return reply.redirect(to.confirmed(result.appointment.id), 303);
        case 'already_confirmed': {
          const locale = localeOf(request, result.appointment);
          return page(reply, 200, { kind: 'already_confirmed', clinic, appointment: await pageAppointment(result.appointment, locale), signInUrl: to.signIn() }, locale);
        }
        case 'expired':
          return page(reply, 410, { kind: 'link_expired', clinic, bookAgainUrl: to.bookAgain(result.appointment?.specialistId) }, localeOf(request, result.appointment));
        case 'unknown':
          return page(reply, 404, { kind: 'link_unknown', clinic, homeUrl: to.home() }, localeOf(request));
      }
    },
  );

  app.get(
    '/booking/rebook',
    { ...pageRoute, schema: { hide: true, querystring: TokenQuery } },
    async (request, reply) => {
      const result = await bookOfferedSlot(deps, String(request.query.token ?? ''), visitOf(request));
      const clinic = await clinicContacts();
      switch (result.outcome) {
        case 'booked': {
          signIn(reply, result.sessionToken);
          const locale = localeOf(request, result.appointment);
          return page(
            reply,
            201,
            { kind: 'rebooked', clinic, appointment: await pageAppointment(result.appointment, locale), portalUrl: to.portal(result.appointment.id), cutoffHours: deps.booking.clientChangeCutoffHours },
            locale,
          );
        }
        case 'taken': {
          const locale = localeOf(request);
          const alternatives = result.alternatives.map((startsAt) => ({
            ...formatForMail(startsAt, tz, locale),
            url: `${to.bookAgain(result.specialistId)}&startsAt=${encodeURIComponent(startsAt.toISOString())}`,
          }));
          return page(reply, 409, { kind: 'offer_taken', clinic, bookAgainUrl: to.bookAgain(result.specialistId), alternatives }, locale);
        }
        case 'used':
          return page(reply, 200, { kind: 'offer_used', clinic, portalUrl: to.portal() }, localeOf(request));
        case 'unknown':
          return page(reply, 404, { kind: 'link_unknown', clinic, homeUrl: to.home() }, localeOf(request));
      }
    },
  );
}
