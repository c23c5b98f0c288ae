import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { createActionToken } from '../accounts/action-tokens.js';
import type { App, AppDeps } from '../app-deps.js';
import { errors, IdParams } from '../http/common-schemas.js';
import { bookingFacts, links } from '../mail/booking-mail-data.js';
import { queueEmail } from '../mail/outbox.js';
import { findSpecialist } from '../specialists/specialist-repository.js';
import { findAppointment } from './appointment-repository.js';

/** The first confirmation request plus this many more, per booking. */
export const MAX_CONFIRMATION_RESENDS = 3;

export type ResendOutcome = 'queued' | 'not_applicable' | 'limit_reached';

/**
 * A visitor who did not get the confirmation e-mail asks for it again. Only an unconfirmed
 * booking whose hold is still running, asked for with the address it was made with, gets a new
 * link; the caller answers the same whatever happens, so the endpoint tells nobody whether a
 * booking or an address exists.
 */
export async function resendConfirmation(deps: AppDeps, args: { appointmentId: string; email: string; now: Date }): Promise<ResendOutcome> {
  const { now } = args;
  return deps.db.transaction().execute(async (trx) => {
    const appointment = await findAppointment(trx, args.appointmentId, { forUpdate: true });
    if (!appointment || appointment.status !== 'unconfirmed' || !appointment.holdExpiresAt) return 'not_applicable';
    if (appointment.holdExpiresAt.getTime() <= now.getTime()) return 'not_applicable';
    if (appointment.contact.email.trim().toLowerCase() !== args.email.trim().toLowerCase()) return 'not_applicable';

    const sent = await trx
      .selectFrom('outbound_messages')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('appointment_id', '=', appointment.id)
      .where('template_key', '=', 'booking_confirm_request')
      .executeTakeFirstOrThrow();
    if (Number(sent.count) >= 1 + MAX_CONFIRMATION_RESENDS) return 'limit_reached';

    const specialist = await findSpecialist(trx, appointment.specialistId);
    if (!specialist) return 'not_applicable';
    const locale = appointment.locale;
    const facts = await bookingFacts(trx, { appointment, specialist, locale, timezone: deps.booking.timezone, publicUrl: deps.config.publicUrl });
    // A new link rather than the old one again: only the token's hash is stored.
    const token = await createActionToken(trx, {
      purpose: 'confirm_booking',
      contactId: appointment.contact.id,
      appointmentId: appointment.id,
      expiresAt: appointment.holdExpiresAt,
      now,
    });
    const minutes = Math.max(1, Math.round((appointment.holdExpiresAt.getTime() - now.getTime()) / 60_000));
    await queueEmail(
      trx,
      { queue: deps.queue, events: deps.events, outbox: deps.outbox },
      {
        templateKey: 'booking_confirm_request',
        locale,
        contactId: appointment.contact.id,
        appointmentId: appointment.id,
        data: {
          client: { name: appointment.contact.name, email: appointment.contact.email },
          ...facts,
          cutoffHours: deps.booking.clientChangeCutoffHours,
          links: { confirm: links(deps.config.publicUrl).confirm(token) },
          expiresInMinutes: minutes,
        },
      },
      now,
    );
    await deps.events.record(trx, {
      kind: 'booking.confirmation_resent',
      contactId: appointment.contact.id,
      appointmentId: appointment.id,
      actor: { type: 'client', id: null },
      at: now,
    });
    return 'queued';
  });
}

const ResendBody = Type.Object({ email: Type.String({ maxLength: 254 }) }, { additionalProperties: false });

/** Counted per e-mail address (after validation, so the body is there); an address that is not one counts by IP. */
function addressKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() !== '' ? `resend:${email.trim().toLowerCase()}` : `resend-ip:${request.ip}`;
}

export function registerResendRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/bookings/:id/resend-confirmation',
    {
      config: { rateLimit: { max: 5, timeWindow: 15 * 60_000, hook: 'preHandler', keyGenerator: addressKey } },
      schema: {
        tags: ['bookings'],
        summary: 'The visitor asks for the confirmation e-mail again. Always 202, whether or not one is sent',
        params: IdParams,
        body: ResendBody,
        response: { 202: Type.Object({ status: Type.Literal('sent_if_pending') }), ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      await resendConfirmation(deps, { appointmentId: request.params.id, email: request.body.email, now: deps.now() });
      return reply.status(202).send({ status: 'sent_if_pending' as const });
    },
  );
}
