import { lookUpActionToken, markOfferUsed, markTokenUsed } from '../accounts/action-tokens.js';
import { startClientSession } from '../accounts/sessions.js';
import type { Actor } from '../contacts/timeline.js';
import { AppError } from '../http/errors.js';
import { findSpecialist, findSpecialistLockingDiary } from '../specialists/specialist-repository.js';
import { findAppointment, insertAppointment, type Appointment } from './appointment-repository.js';
import { loadAvailability } from './availability.js';
import { assertFreeForVisitor, becomeClient, changeStatusIn, type BookingContext } from './booking-service.js';
import { localDateOf, nextFreeSlots, type FreeSlotsInput } from './free-slots.js';
import { DateTime } from 'luxon';

const CLIENT: Actor = { type: 'client', id: null };

export interface Visit {
  ip: string | null;
  userAgent: string | null;
  now: Date;
}

export type ConfirmOutcome =
  | { outcome: 'confirmed'; appointment: Appointment; sessionToken: string }
  | { outcome: 'already_confirmed'; appointment: Appointment }
  | { outcome: 'expired'; appointment: Appointment | null }
  | { outcome: 'unknown' };

/**
 * The visitor opened the link in "confirm your booking": the booking becomes confirmed, the
 * contact a client, and the visitor gets a session. Opening it again is harmless; a link that
 * ran out, was tampered with, or is not ours changes nothing.
 */
export async function confirmBookingFromEmail(ctx: BookingContext, token: string, visit: Visit): Promise<ConfirmOutcome> {
  return ctx.db.transaction().execute(async (trx): Promise<ConfirmOutcome> => {
    const found = await lookUpActionToken(trx, token, 'confirm_booking', visit.now);
    if (found.state === 'unknown' || !found.token.appointmentId) return { outcome: 'unknown' };
    const appointment = await findAppointment(trx, found.token.appointmentId, { forUpdate: true });
    if (!appointment) return { outcome: 'unknown' };
    if (found.state === 'used' || (appointment.status !== 'unconfirmed' && appointment.status !== 'expired' && appointment.status !== 'cancelled')) {
      return appointment.status === 'cancelled' || appointment.status === 'expired'
        ? { outcome: 'expired', appointment }
        : { outcome: 'already_confirmed', appointment };
    }
    if (found.state === 'expired' || appointment.status !== 'unconfirmed') return { outcome: 'expired', appointment };
    const confirmed = await changeStatusIn(trx, ctx.events, { appointmentId: appointment.id, action: 'confirm', actor: CLIENT, now: visit.now });
    await markTokenUsed(trx, found.hash, visit.now);
    const sessionToken = await startClientSession(trx, { contactId: appointment.contact.id, ip: visit.ip, userAgent: visit.userAgent, now: visit.now });
    return { outcome: 'confirmed', appointment: confirmed, sessionToken };
  });
}

export type RebookOutcome =
  | { outcome: 'booked'; appointment: Appointment; sessionToken: string }
  | { outcome: 'taken'; specialistId: string; alternatives: Date[] }
  | { outcome: 'used' }
  | { outcome: 'unknown' };

/**
 * The client clicked one of the times offered after a missed visit: it is booked for them as
 * confirmed (they chose it themselves from their own e-mail), with the usual e-mails. If the
 * time has gone meanwhile, they are told so with the next free times.
 */
export async function bookOfferedSlot(ctx: BookingContext, token: string, visit: Visit): Promise<RebookOutcome> {
  try {
    const result = await ctx.db.transaction().execute(async (trx): Promise<RebookOutcome> => {
      const found = await lookUpActionToken(trx, token, 'rebook', visit.now);
      if (found.state === 'unknown') return { outcome: 'unknown' };
      if (found.state === 'used') return { outcome: 'used' };
      const specialistId = String(found.token.data.specialistId ?? '');
      const startsAt = new Date(String(found.token.data.startsAt ?? ''));
      const specialist = await findSpecialistLockingDiary(trx, specialistId);
      if (!specialist || Number.isNaN(startsAt.getTime())) return { outcome: 'unknown' };
      if (found.state === 'expired' || !specialist.active) {
        return { outcome: 'taken', specialistId, alternatives: [] };
      }
      const endsAt = await assertFreeForVisitor(trx, ctx.events, { specialist, startsAt, settings: ctx.booking, now: visit.now });
      const missed = found.token.appointmentId ? await findAppointment(trx, found.token.appointmentId) : null;
      const id = await insertAppointment(trx, {
        specialistId: specialist.id,
        contactId: found.token.contactId,
        startsAt,
        endsAt,
        status: 'confirmed',
        source: 'site',
        notes: missed?.notes ?? '',
        locale: missed?.locale ?? 'uk',
        holdExpiresAt: null,
        now: visit.now,
      });
      const common = { contactId: found.token.contactId, appointmentId: id, actor: CLIENT, at: visit.now };
      await ctx.events.record(trx, {
        ...common,
        kind: 'booking.created',
        data: { specialistId: specialist.id, specialistName: specialist.name, startsAt: startsAt.toISOString(), source: 'no_show_offer', replaces: missed?.id ?? null },
      });
      await becomeClient(trx, ctx.events, found.token.contactId, CLIENT, visit.now);
      await ctx.events.record(trx, { ...common, kind: 'booking.confirmed', data: { from: null, to: 'confirmed', via: 'no_show_offer' } });
      await markOfferUsed(trx, String(found.token.data.offerId ?? ''), visit.now);
      await markTokenUsed(trx, found.hash, visit.now);
      const sessionToken = await startClientSession(trx, { contactId: found.token.contactId, ip: visit.ip, userAgent: visit.userAgent, now: visit.now });
      return { outcome: 'booked', appointment: (await findAppointment(trx, id))!, sessionToken };
    });
    return result.outcome === 'taken' ? await offerAlternatives(ctx, token, visit) : result;
  } catch (err) {
    // The offered time was taken, or no longer bookable (notice, hours changed): offer what is free now.
    if (err instanceof AppError && (err.code === 'slot_taken' || err.code === 'invalid_input')) return offerAlternatives(ctx, token, visit);
    if ((err as { code?: string }).code === '23P01') return offerAlternatives(ctx, token, visit);
    throw err;
  }
}

async function offerAlternatives(ctx: BookingContext, token: string, visit: Visit): Promise<RebookOutcome> {
  const found = await lookUpActionToken(ctx.db, token, 'rebook', visit.now);
  if (found.state === 'unknown') return { outcome: 'unknown' };
  const specialist = await findSpecialist(ctx.db, String(found.token.data.specialistId ?? ''));
  if (!specialist) return { outcome: 'unknown' };
  if (!specialist.active) return { outcome: 'taken', specialistId: specialist.id, alternatives: [] };
  const today = localDateOf(visit.now, ctx.booking.timezone);
  const last = DateTime.fromISO(today, { zone: ctx.booking.timezone }).plus({ days: specialist.horizonDays }).toISODate()!;
  const availability = await loadAvailability(ctx.db, { specialist, from: today, to: last, timezone: ctx.booking.timezone, now: visit.now });
  const input: Omit<FreeSlotsInput, 'from' | 'to'> = availability;
  return { outcome: 'taken', specialistId: specialist.id, alternatives: nextFreeSlots({ ...input, count: 3 }).map((slot) => slot.startsAt) };
}
