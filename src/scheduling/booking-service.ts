import { findContactById, findOrCreateContact, updateContact } from '../contacts/contact-repository.js';
import { SYSTEM, type Actor, type DomainEvent, type DomainEvents, type EventContact } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import { AppError, conflict, invalidInput, notFound } from '../http/errors.js';
import { findSpecialistLockingDiary, type Specialist } from '../specialists/specialist-repository.js';
import {
  findAppointment,
  insertAppointmentOf,
  overdueHolds,
  updateAppointment,
  type Appointment,
  type BookingSource,
} from './appointment-repository.js';
import { nextStatus, statusAfterReschedule, type AppointmentAction } from './appointment-states.js';
import { loadAvailability } from './availability.js';
import { clientMayChange } from './client-change-window.js';
import { checkRequestedSlot, localDateOf, type RequestedSlotRefusal } from './free-slots.js';

export interface BookingSettings {
  timezone: string;
  holdMinutes: number;
  clientChangeCutoffHours: number;
}

/** What the booking services need: the database, the one door for events, and the clinic's rules. */
export interface BookingContext {
  db: Db;
  events: DomainEvents;
  booking: BookingSettings;
}

export interface VisitorBooking {
  specialistId: string;
  startsAt: Date;
  name: string;
  email: string;
  phone?: string | null;
  notes?: string;
  locale?: 'uk' | 'en';
}

const refusals: Record<Exclude<RequestedSlotRefusal, 'taken'>, string> = {
  in_past: 'is in the past',
  too_soon: 'is too soon: this specialist needs more notice',
  beyond_horizon: 'is too far ahead: bookings for this specialist are not open yet',
  outside_working_hours: 'is outside the specialist’s working hours',
  off_grid: 'is not the start of a consultation slot',
};

export function slotTaken(): AppError {
  return conflict('slot_taken', 'This time is no longer free. Please choose another one.', { startsAt: 'is no longer free' });
}

const actionEvents: Record<AppointmentAction, string> = {
  confirm: 'booking.confirmed',
  approve: 'booking.approved',
  complete: 'booking.completed',
  mark_no_show: 'booking.no_show',
  cancel: 'booking.cancelled',
  expire: 'booking.expired',
};

/** The specialist a visitor books, with their diary locked. */
async function activeSpecialist(trx: Db, specialistId: string): Promise<Specialist> {
  const specialist = await findSpecialistLockingDiary(trx, specialistId);
  if (!specialist || !specialist.active) {
    throw new AppError(404, 'not_found', 'This specialist was not found.', { specialistId: 'is not a specialist who takes bookings' });
  }
  return specialist;
}

async function mustFind(trx: Db, id: string): Promise<Appointment> {
  const appointment = await findAppointment(trx, id, { forUpdate: true });
  if (!appointment) throw notFound('The appointment', 'id');
  return appointment;
}

/**
 * Checks a visitor's requested time against the specialist's free slots, in the transaction that
 * will book it (their diary locked), and returns when it ends. A hold that has run out frees its
 * time to the slot rules at once, but the exclusion constraint counts it until it is marked
 * expired: when the same read saw one (other than the appointment being moved), it is marked
 * now, before the caller writes the time.
 */
export async function assertFreeForVisitor(
  trx: Db,
  events: DomainEvents,
  args: { specialist: Specialist; startsAt: Date; settings: BookingSettings; now: Date; excludeAppointmentId?: string },
): Promise<Date> {
  const day = localDateOf(args.startsAt, args.settings.timezone);
  const availability = await loadAvailability(trx, {
    specialist: args.specialist,
    from: day,
    to: day,
    timezone: args.settings.timezone,
    now: args.now,
    ...(args.excludeAppointmentId ? { excludeAppointmentId: args.excludeAppointmentId } : {}),
  });
  const check = checkRequestedSlot({ ...availability, startsAt: args.startsAt });
  if (check.ok) {
    if (availability.holdsRunOut) await expireOverdueHolds(trx, events, args.now, args.specialist.id, args.excludeAppointmentId);
    return check.slot.endsAt;
  }
  if (check.reason === 'taken') throw slotTaken();
  throw invalidInput({ startsAt: refusals[check.reason] }, `The requested time ${refusals[check.reason]}.`);
}

/** Expires the holds that ran out (all, or one specialist's but `exceptId`), each with its timeline event. */
export async function expireOverdueHolds(trx: Db, events: DomainEvents, now: Date, specialistId?: string, exceptId?: string): Promise<Appointment[]> {
  const holds = await overdueHolds(trx, { now, limit: 500, ...(specialistId ? { specialistId } : {}), ...(exceptId ? { exceptId } : {}) });
  for (const hold of holds) {
    await updateAppointment(trx, hold.id, { status: 'expired', holdExpiresAt: null }, now);
    await events.record(trx, { kind: 'booking.expired', contactId: hold.contact.id, appointmentId: hold.id, actor: SYSTEM, at: now });
  }
  return holds;
}

/**
 * A visitor books on the site: the time must be a free slot; the booking holds it, unconfirmed,
 * until the visitor confirms from the e-mail or the hold runs out.
 */
export async function bookAppointment(ctx: BookingContext, input: VisitorBooking, now: Date): Promise<Appointment> {
  const settings = ctx.booking;
  return ctx.db.transaction().execute(async (trx) => {
    const specialist = await activeSpecialist(trx, input.specialistId);
    const endsAt = await assertFreeForVisitor(trx, ctx.events, { specialist, startsAt: input.startsAt, settings, now });
    const contact = await contactFor(trx, input, { type: 'client', id: null }, now);
    const appointment = await insertAppointmentOf(
      trx,
      {
        specialistId: specialist.id,
        contactId: contact.id,
        startsAt: input.startsAt,
        endsAt,
        status: 'unconfirmed',
        source: 'site',
        notes: input.notes ?? '',
        locale: input.locale ?? 'uk',
        holdExpiresAt: new Date(now.getTime() + settings.holdMinutes * 60_000),
        now,
      },
      contact.contact,
    );
    // The contact's events and the booking's in one go: one timeline write, one for webhooks.
    // Each carries what it is about, so the reactions read none of it again.
    await ctx.events.recordMany(trx, [
      ...contact.events.map((event) => ({ ...event, subjects: { contact: contact.contact } })),
      {
        kind: 'booking.created',
        contactId: contact.id,
        appointmentId: appointment.id,
        actor: { type: 'client', id: null },
        data: { specialistId: specialist.id, specialistName: specialist.name, startsAt: input.startsAt.toISOString(), source: 'site' },
        at: now,
        subjects: { contact: contact.contact, appointment, specialist },
      },
    ]);
    return appointment;
  });
}

/** The contact a booking is for, with the events about them the caller records alongside the booking's. */
interface BookingContact {
  id: string;
  locale: 'uk' | 'en';
  /** As it stands after this booking's changes (a phone given for the first time). */
  contact: EventContact;
  events: DomainEvent[];
}

/** The contact a booking belongs to: a known e-mail attaches to its contact; a new one is created. */
async function contactFor(
  trx: Db,
  input: { email: string; name: string; phone?: string | null; locale?: 'uk' | 'en' },
  actor: Actor,
  now: Date,
): Promise<BookingContact> {
  const { contact, created } = await findOrCreateContact(trx, {
    email: input.email,
    name: input.name,
    phone: input.phone ?? null,
    locale: input.locale ?? 'uk',
    now,
  });
  const events: DomainEvent[] = [];
  let phone = contact.phone;
  if (created) {
    events.push({ kind: 'contact.created', contactId: contact.id, actor, data: { source: actor.type === 'staff' ? 'staff' : 'booking' }, at: now });
  } else if (!contact.phone && input.phone) {
    // A returning visitor who gives a phone for the first time: keep it, and say so on the timeline.
    await updateContact(trx, contact.id, { phone: input.phone }, now);
    phone = input.phone;
    events.push({ kind: 'contact.updated', contactId: contact.id, actor, data: { changes: { phone: { from: null, to: input.phone } } }, at: now });
  }
  const current: EventContact = { id: contact.id, name: contact.name, email: contact.email, phone, locale: contact.locale, lifecycle: contact.lifecycle };
  return { id: contact.id, locale: contact.locale, contact: current, events };
}

/** A lead becomes a client when they confirm a booking, or when the clinic books them itself. */
export async function becomeClient(trx: Db, events: DomainEvents, contactId: string, actor: Actor, now: Date): Promise<void> {
  const contact = await findContactById(trx, contactId);
  if (!contact || contact.lifecycle === 'client') return;
  await updateContact(trx, contactId, { lifecycle: 'client' }, now);
  await events.record(trx, { kind: 'contact.updated', contactId, actor, data: { changes: { lifecycle: { from: contact.lifecycle, to: 'client' } } }, at: now });
}

export interface StaffBooking {
  specialistId: string;
  startsAt: Date;
  durationMinutes?: number;
  contactId?: string;
  name?: string;
  email?: string;
  phone?: string | null;
  notes?: string;
  locale?: 'uk' | 'en';
}

/**
 * Staff book directly (a phone call, a walk-in, a visit recorded afterwards): straight into
 * `booked`. Working hours, notice and horizon do not bind staff; only overlaps are refused.
 */
export async function bookAsStaff(ctx: BookingContext, input: StaffBooking, actor: Actor, source: BookingSource, now: Date): Promise<Appointment> {
  return ctx.db.transaction().execute(async (trx) => {
    const specialist = await findSpecialistLockingDiary(trx, input.specialistId);
    if (!specialist) throw notFound('The specialist', 'specialistId');
    await expireOverdueHolds(trx, ctx.events, now, specialist.id);
    let contact: BookingContact;
    if (input.contactId) {
      const found = await findContactById(trx, input.contactId);
      if (!found) throw notFound('The contact', 'contactId');
      contact = { id: found.id, locale: found.locale, contact: found, events: [] };
    } else if (input.email && input.name) {
      contact = await contactFor(trx, { email: input.email, name: input.name, phone: input.phone ?? null, ...(input.locale ? { locale: input.locale } : {}) }, actor, now);
    } else {
      throw invalidInput({ contactId: 'give contactId, or name and email' });
    }
    // The contact's own events first, so its timeline reads created, then became a client.
    await ctx.events.recordMany(trx, contact.events);
    await becomeClient(trx, ctx.events, contact.id, actor, now);
    const minutes = input.durationMinutes ?? specialist.consultationMinutes;
    const appointment = await insertAppointmentOf(
      trx,
      {
        specialistId: specialist.id,
        contactId: contact.id,
        startsAt: input.startsAt,
        endsAt: new Date(input.startsAt.getTime() + minutes * 60_000),
        status: 'booked',
        source,
        notes: input.notes ?? '',
        locale: input.locale ?? contact.locale,
        holdExpiresAt: null,
        now,
      },
      contact.contact,
    );
    await ctx.events.record(trx, {
      kind: 'booking.created',
      contactId: contact.id,
      appointmentId: appointment.id,
      actor,
      data: { specialistId: specialist.id, specialistName: specialist.name, startsAt: input.startsAt.toISOString(), source },
      at: now,
      subjects: { appointment, specialist },
    });
    return appointment;
  });
}

/** Moves an appointment through its life: approve, complete, no-show, cancel, confirm, expire. */
export interface StatusChange {
  appointmentId: string;
  action: AppointmentAction;
  actor: Actor;
  now: Date;
  reason?: string;
}

export async function changeStatus(ctx: BookingContext, args: StatusChange): Promise<Appointment> {
  return ctx.db.transaction().execute((trx) => changeStatusIn(trx, ctx.events, args));
}

/** `changeStatus` inside a transaction the caller already holds (e-mailed links). */
export async function changeStatusIn(trx: Db, events: DomainEvents, args: StatusChange): Promise<Appointment> {
  const appointment = await mustFind(trx, args.appointmentId);
  const result = nextStatus({
    status: appointment.status,
    action: args.action,
    actor: args.actor.type === 'api' ? 'staff' : args.actor.type,
    startsAt: appointment.startsAt,
    holdExpiresAt: appointment.holdExpiresAt,
    now: args.now,
  });
  if (!result.ok) throw conflict(result.code, result.message, { status: `is ${appointment.status}` });
  await updateAppointment(trx, appointment.id, { status: result.status, holdExpiresAt: null }, args.now);
  if (args.action === 'confirm') await becomeClient(trx, events, appointment.contact.id, args.actor, args.now);
  const changed = (await findAppointment(trx, appointment.id))!;
  await events.record(trx, {
    kind: actionEvents[args.action],
    contactId: appointment.contact.id,
    appointmentId: appointment.id,
    actor: args.actor,
    data: { from: appointment.status, to: result.status, ...(args.reason ? { reason: args.reason } : {}) },
    at: args.now,
    subjects: { appointment: changed },
  });
  return changed;
}

/**
 * Moves an appointment to another time. Staff may put it anywhere free of overlaps; a client
 * only onto a free slot of the same specialist, and only until the cut-off before the start.
 */
export async function reschedule(
  ctx: BookingContext,
  args: { appointmentId: string; startsAt: Date; actor: Actor; now: Date },
): Promise<Appointment> {
  const settings = ctx.booking;
  return ctx.db.transaction().execute(async (trx) => {
    const current = await mustFind(trx, args.appointmentId);
    const status = statusAfterReschedule(current.status, args.actor.type === 'client' ? 'client' : 'staff');
    if (status === null) {
      throw conflict('invalid_transition', `A ${current.status} appointment can no longer be moved.`, { status: `is ${current.status}` });
    }
    const specialist = await findSpecialistLockingDiary(trx, current.specialistId);
    if (!specialist) throw notFound('The specialist', 'specialistId');
    let endsAt = new Date(args.startsAt.getTime() + (current.endsAt.getTime() - current.startsAt.getTime()));
    if (args.actor.type === 'client') {
      const cutoffHours = settings.clientChangeCutoffHours;
      if (!clientMayChange({ startsAt: current.startsAt, now: args.now, cutoffHours })) throw tooLate(cutoffHours);
      endsAt = await assertFreeForVisitor(trx, ctx.events, { specialist, startsAt: args.startsAt, settings, now: args.now, excludeAppointmentId: current.id });
    }
    await updateAppointment(trx, current.id, { startsAt: args.startsAt, endsAt, status }, args.now);
    const moved = (await findAppointment(trx, current.id))!;
    await ctx.events.record(trx, {
      kind: 'booking.rescheduled',
      contactId: current.contact.id,
      appointmentId: current.id,
      actor: args.actor,
      data: { from: current.startsAt.toISOString(), to: args.startsAt.toISOString(), ...(status !== current.status ? { status } : {}) },
      at: args.now,
      subjects: { appointment: moved, specialist },
    });
    return moved;
  });
}

export function tooLate(cutoffHours: number): AppError {
  return conflict(
    'too_late',
    `Appointments can be changed online only until ${cutoffHours} hours before they start. Please call the clinic.`,
  );
}
