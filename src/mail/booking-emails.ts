import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { CompiledQuery } from 'kysely';
import { createActionToken, prepareActionToken } from '../accounts/action-tokens.js';
import type { DomainEvent, EventReaction } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import { findAppointment, type Appointment } from '../scheduling/appointment-repository.js';
import { loadAvailability } from '../scheduling/availability.js';
import { localDateOf, nextFreeSlots } from '../scheduling/free-slots.js';
import { findSpecialist, type Specialist } from '../specialists/specialist-repository.js';
import { findStaffToNotify } from '../accounts/staff-repository.js';
import { findClinic } from '../clinic/clinic-repository.js';
import { appointmentInvite, bookingFacts, links } from './booking-mail-data.js';
import { formatForMail, type MailData, type MailLocale } from './mail-data.js';
import { queueEmail, readMessageContext, type OutboxContext } from './outbox.js';
import type { TemplateKey } from './template-keys.js';

export interface BookingEmailSettings {
  publicUrl: string;
  timezone: string;
  cutoffHours: number;
  /** How many free slots a missed visit's e-mail offers. */
  offeredSlots: number;
}

const CHANGED_BY: Record<MailLocale, Record<'client' | 'clinic', string>> = {
  uk: { client: 'ви', clinic: 'адміністратор клініки' },
  en: { client: 'you', clinic: 'the clinic' },
};

interface Loaded {
  appointment: Appointment;
  specialist: Specialist;
  locale: MailLocale;
}

/**
 * The e-mails a booking's life sends, as a reaction to its events: written into the outbox in
 * the same transaction as the change, delivered later by the worker.
 */
export function bookingEmails(ctx: OutboxContext, settings: BookingEmailSettings): EventReaction {
  const to = links(settings.publicUrl);

  async function load(trx: Db, event: DomainEvent): Promise<Loaded | null> {
    if (!event.appointmentId) return null;
    const given = event.subjects?.appointment?.id === event.appointmentId ? event.subjects : undefined;
    const appointment = given?.appointment ?? (await findAppointment(trx, event.appointmentId));
    const specialist = appointment ? (given?.specialist ?? (await findSpecialist(trx, appointment.specialistId))) : null;
    if (!appointment || !specialist) return null;
    return { appointment, specialist, locale: appointment.locale };
  }

  /** The merge data every appointment e-mail has: the client, the clinic, the appointment, the cut-off. */
  async function baseData(trx: Db, loaded: Loaded, clinic?: Parameters<typeof bookingFacts>[1]['clinic']) {
    const { appointment, specialist, locale } = loaded;
    const facts = await bookingFacts(trx, { appointment, specialist, locale, timezone: settings.timezone, publicUrl: settings.publicUrl, ...(clinic !== undefined ? { clinic } : {}) });
    return { client: { name: appointment.contact.name, email: appointment.contact.email }, ...facts, cutoffHours: settings.cutoffHours };
  }

  async function send(
    trx: Db,
    event: DomainEvent,
    loaded: Loaded,
    templateKey: TemplateKey,
    extra: Partial<MailData> & { links: MailData['links'] },
    invite?: 'REQUEST' | 'CANCEL',
    alongside?: readonly CompiledQuery[],
  ): Promise<void> {
    // The recipient, the template and the clinic in one read, handed on to queueEmail.
    const request = { templateKey, locale: loaded.locale, contactId: loaded.appointment.contact.id };
    const context = await readMessageContext(trx, request);
    const base = await baseData(trx, loaded, context.clinic);
    await queueEmail(
      trx,
      ctx,
      {
        ...request,
        appointmentId: loaded.appointment.id,
        data: { ...base, ...extra },
        invite: invite
          ? appointmentInvite({
              appointment: loaded.appointment,
              specialist: loaded.specialist,
              clinic: base.clinic,
              method: invite,
              from: ctx.outbox.from,
              host: ctx.outbox.host,
              timezone: settings.timezone,
              now: event.at,
            })
          : null,
        ...(alongside ? { alongside } : {}),
      },
      event.at,
      context,
    );
  }

  const changedBy = (event: DomainEvent, locale: MailLocale): string => CHANGED_BY[locale][event.actor.type === 'client' ? 'client' : 'clinic'];

  /** A client moved or cancelled online: every administrator and manager is told, in the clinic's language. */
  async function tellTheClinic(trx: Db, event: DomainEvent, loaded: Loaded): Promise<void> {
    const staff = await findStaffToNotify(trx);
    if (staff.length === 0) return;
    const clinic = await findClinic(trx);
    const locale = clinic?.defaultLocale ?? 'uk';
    const base = await baseData(trx, loaded, clinic);
    const facts = await bookingFacts(trx, { appointment: loaded.appointment, specialist: loaded.specialist, locale, timezone: settings.timezone, publicUrl: settings.publicUrl, clinic });
    const from = new Date(String(event.data?.from));
    const previous = event.kind === 'booking.rescheduled' && !Number.isNaN(from.getTime()) ? formatForMail(from, settings.timezone, locale) : undefined;
    for (const member of staff) {
      await queueEmail(
        trx,
        ctx,
        {
          templateKey: 'client_changed_booking',
          locale,
          contactId: null,
          appointmentId: loaded.appointment.id,
          to: { address: member.email, name: member.name },
          data: {
            ...base,
            ...facts,
            changedBy: loaded.appointment.contact.name,
            links: { console: `${settings.publicUrl}/admin/appointments/${loaded.appointment.id}` },
            ...(previous ? { previous: { date: previous.date, time: previous.time } } : {}),
          },
        },
        event.at,
      );
    }
  }

  return async (trx, event) => {
    if (!event.kind.startsWith('booking.')) return;
    const loaded = await load(trx, event);
    if (!loaded) return;
    const { appointment } = loaded;
    if (event.actor.type === 'client' && (event.kind === 'booking.rescheduled' || event.kind === 'booking.cancelled')) {
      await tellTheClinic(trx, event, loaded);
    }

    switch (event.kind) {
      case 'booking.created': {
        if (appointment.status === 'unconfirmed' && appointment.holdExpiresAt) {
          // The token is written with the e-mail that carries it, in one statement.
          const { token, insert } = prepareActionToken(trx, {
            purpose: 'confirm_booking',
            contactId: appointment.contact.id,
            appointmentId: appointment.id,
            expiresAt: appointment.holdExpiresAt,
            now: event.at,
          });
          const minutes = Math.max(1, Math.round((appointment.holdExpiresAt.getTime() - event.at.getTime()) / 60_000));
          await send(trx, event, loaded, 'booking_confirm_request', { links: { confirm: to.confirm(token) }, expiresInMinutes: minutes }, undefined, [insert]);
        } else if (appointment.status === 'booked' && appointment.startsAt.getTime() > event.at.getTime()) {
          // Booked by staff (a phone call): the clinic's own confirmation, with the invite.
          await send(trx, event, loaded, 'booking_approved', { links: { portal: to.portal(appointment.id) } }, 'REQUEST');
        }
        return;
      }
      case 'booking.confirmed':
        await send(trx, event, loaded, 'booking_thank_you', { links: { portal: to.portal(appointment.id) } });
        return;
      case 'booking.approved':
        await send(trx, event, loaded, 'booking_approved', { links: { portal: to.portal(appointment.id) } }, 'REQUEST');
        return;
      case 'booking.rescheduled': {
        const from = new Date(String(event.data?.from));
        const previous = Number.isNaN(from.getTime()) ? undefined : formatForMail(from, settings.timezone, loaded.locale);
        const invite = appointment.status === 'unconfirmed' ? undefined : 'REQUEST';
        await send(
          trx,
          event,
          loaded,
          'booking_rescheduled',
          { links: { portal: to.portal(appointment.id) }, changedBy: changedBy(event, loaded.locale), ...(previous ? { previous: { date: previous.date, time: previous.time } } : {}) },
          invite,
        );
        return;
      }
      case 'booking.cancelled': {
        const wasConfirmed = event.data?.from === 'confirmed' || event.data?.from === 'booked';
        await send(
          trx,
          event,
          loaded,
          'booking_cancelled',
          { links: { bookAgain: to.bookAgain(appointment.specialistId) }, changedBy: changedBy(event, loaded.locale) },
          wasConfirmed ? 'CANCEL' : undefined,
        );
        return;
      }
      case 'booking.no_show':
        await sendNoShowFollowUp(trx, event, loaded);
        return;
      case 'booking.expired':
        await send(trx, event, loaded, 'hold_expired', { links: { bookAgain: to.bookAgain(appointment.specialistId) } });
        return;
      default:
        return;
    }
  };

  /** A missed visit: the earliest free times with the same specialist, each bookable with one click. */
  async function sendNoShowFollowUp(trx: Db, event: DomainEvent, loaded: Loaded): Promise<void> {
    const { appointment, specialist } = loaded;
    const today = localDateOf(event.at, settings.timezone);
    const last = DateTime.fromISO(today, { zone: settings.timezone }).plus({ days: specialist.horizonDays }).toISODate()!;
    const availability = await loadAvailability(trx, { specialist, from: today, to: last, timezone: settings.timezone, now: event.at });
    const slots = specialist.active ? nextFreeSlots({ ...availability, count: settings.offeredSlots }) : [];
    const offerId = randomUUID();
    const offeredSlots = [];
    for (const slot of slots) {
      const token = await createActionToken(trx, {
        purpose: 'rebook',
        contactId: appointment.contact.id,
        appointmentId: appointment.id,
        data: { offerId, specialistId: specialist.id, startsAt: slot.startsAt.toISOString() },
        expiresAt: slot.startsAt,
        now: event.at,
      });
      offeredSlots.push({ ...formatForMail(slot.startsAt, settings.timezone, loaded.locale), url: to.rebook(token) });
    }
    await send(trx, event, loaded, 'no_show_follow_up', { offeredSlots, links: { bookAgain: to.bookAgain(specialist.id) } });
  }
}
