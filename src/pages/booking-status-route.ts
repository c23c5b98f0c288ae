import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Session } from '../accounts/sessions.js';
import type { App, AppDeps } from '../app-deps.js';
import { findClinic } from '../clinic/clinic-repository.js';
import { formatForMail } from '../mail/mail-data.js';
import { findAppointment } from '../scheduling/appointment-repository.js';
import { findSpecialist } from '../specialists/specialist-repository.js';
import { preferredLocale, renderLandingPage, type ClinicContacts, type LandingPage, type PageLocale } from './landing-pages.js';

const BookingStatusQuery = Type.Object({
  id: Type.Optional(Type.String()),
  lang: Type.Optional(Type.Union([Type.Literal('uk'), Type.Literal('en')])),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// An empty name makes the page say "Клініка" / "The clinic" in its own language.
const NO_CLINIC: ClinicContacts = { name: '', address: '', phone: '', email: '' };

function localeOf(value: unknown): PageLocale | undefined {
  return value === 'uk' || value === 'en' ? value : undefined;
}

interface StatusRequest {
  session: Session | null;
  id: string | undefined;
  lang: PageLocale | undefined;
  acceptLanguage: string | undefined;
}

/**
 * The page for `/booking/confirmed?id=`: the appointment, for the signed-in client who owns it;
 * for anyone else one and the same "please sign in" page, whether or not the id exists, so the
 * link reveals nothing to someone who is not its client (not even the appointment's language).
 */
async function bookingStatusPage(deps: AppDeps, request: StatusRequest): Promise<{ page: LandingPage; locale: PageLocale }> {
  const publicUrl = deps.config.publicUrl;
  const profile = await findClinic(deps.db);
  const clinic: ClinicContacts = profile ? { name: profile.name, address: profile.address, phone: profile.phone, email: profile.email } : NO_CLINIC;
  const session = request.session;
  const appointment =
    session?.kind === 'client' && request.id !== undefined && UUID.test(request.id) ? await findAppointment(deps.db, request.id) : null;

  if (!session || session.kind !== 'client' || !appointment || appointment.contact.id !== session.contactId) {
    const locale = request.lang ?? preferredLocale(request.acceptLanguage, profile?.defaultLocale ?? 'uk');
    return { locale, page: { kind: 'sign_in_to_view', clinic, signInUrl: `${publicUrl}/portal/sign-in`, homeUrl: `${publicUrl}/` } };
  }

  const locale = request.lang ?? appointment.locale;
  const specialist = await findSpecialist(deps.db, appointment.specialistId);
  const when = formatForMail(appointment.startsAt, deps.config.clinicTimezone, locale);
  return {
    locale,
    page: {
      kind: 'booking_status',
      clinic,
      appointment: { ...when, specialistName: specialist?.name ?? '', specialty: specialist?.specialty ?? '', status: appointment.status },
      portalUrl: `${publicUrl}/portal`,
      cutoffHours: deps.config.clientChangeCutoffHours,
    },
  };
}

function sendPage(reply: FastifyReply, statusCode: number, html: string): FastifyReply {
  return reply
    .code(statusCode)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

/**
 * `GET /booking/confirmed?id=<appointment>`: where an e-mail's "see your appointment" link
 * leads. A page for people, not an API endpoint: every outcome is an HTML page, never an error
 * body, so a bad id or language is read leniently rather than refused by validation.
 */
export function registerBookingStatusPage(app: App, deps: AppDeps): void {
  app.get(
    '/booking/confirmed',
    {
      schema: { hide: true, querystring: BookingStatusQuery },
      attachValidation: true,
      // Catches failures of the app-wide hooks too (resuming the session reads the database),
      // so even an outage answers with a page rather than the API's JSON error body.
      errorHandler: (error, request, reply) => {
        const statusCode = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
        if (statusCode >= 500) request.log.error({ err: error }, 'booking status page failed');
        const query = (request.query ?? {}) as Record<string, unknown>;
        const locale = localeOf(query.lang) ?? preferredLocale(request.headers['accept-language'], 'uk');
        const page: LandingPage = { kind: 'unavailable', clinic: NO_CLINIC, homeUrl: `${deps.config.publicUrl}/` };
        return sendPage(reply, statusCode, renderLandingPage(page, locale));
      },
    },
    async (request, reply) => {
      // After a failed validation the query is as the client sent it: read it defensively.
      const query = request.query as Record<string, unknown>;
      const { page, locale } = await bookingStatusPage(deps, {
        session: request.session,
        id: typeof query.id === 'string' ? query.id.trim() : undefined,
        lang: localeOf(query.lang),
        acceptLanguage: request.headers['accept-language'],
      });
      return sendPage(reply, 200, renderLandingPage(page, locale));
    },
  );
}
