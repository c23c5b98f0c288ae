import { createActionToken, lookUpActionToken, markTokenUsed } from '../accounts/action-tokens.js';
import { findContactByEmail, findContactById, updateContact, type Contact } from '../contacts/contact-repository.js';
import type { Actor, DomainEvents } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import { conflict, notFound } from '../http/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { mailClinic } from '../mail/booking-mail-data.js';
import { queueEmail, type OutboxSettings } from '../mail/outbox.js';
import { findAppointment, searchAppointments, type Appointment } from '../scheduling/appointment-repository.js';
import { changeStatusIn, reschedule, tooLate, type BookingContext } from '../scheduling/booking-service.js';
import { clientChangeDeadline, clientMayChange } from '../scheduling/client-change-window.js';

export interface PortalContext extends BookingContext {
  queue: JobQueue;
  outbox: OutboxSettings;
  config: { publicUrl: string; clientChangeCutoffHours: number };
}

const clientActor = (contactId: string): Actor => ({ type: 'client', id: contactId });

/** The client's own appointment, or 404: another client's id looks exactly like one that does not exist. */
async function ownAppointment(db: Db, contactId: string, appointmentId: string, forUpdate = false): Promise<Appointment> {
  const appointment = await findAppointment(db, appointmentId, { forUpdate });
  if (!appointment || appointment.contact.id !== contactId) throw notFound('The appointment', 'id');
  return appointment;
}

export interface ClientAppointment {
  appointment: Appointment;
  /** Until when the client may move or cancel it online. */
  changeableUntil: Date;
  canChange: boolean;
}

/** The client's appointments, upcoming first, then the past ones, newest first. */
export async function listOwnAppointments(ctx: PortalContext, contactId: string, now: Date): Promise<{ upcoming: ClientAppointment[]; past: ClientAppointment[] }> {
  const all = await searchAppointments(ctx.db, { contactId }, { after: null, limit: 500 });
  const cutoffHours = ctx.booking.clientChangeCutoffHours;
  const view = (appointment: Appointment): ClientAppointment => ({
    appointment,
    changeableUntil: clientChangeDeadline(appointment.startsAt, cutoffHours),
    canChange: ['unconfirmed', 'confirmed', 'booked'].includes(appointment.status) && clientMayChange({ startsAt: appointment.startsAt, now, cutoffHours }),
  });
  const upcoming = all.filter((a) => a.endsAt.getTime() > now.getTime() && ['unconfirmed', 'confirmed', 'booked'].includes(a.status)).map(view);
  const past = all.filter((a) => !upcoming.some((u) => u.appointment.id === a.id)).reverse().map(view);
  return { upcoming, past };
}

/** The client moves their appointment to another free slot of the same specialist, until the cut-off. */
export async function rescheduleOwn(ctx: PortalContext, args: { contactId: string; appointmentId: string; startsAt: Date; now: Date }): Promise<Appointment> {
  await ownAppointment(ctx.db, args.contactId, args.appointmentId);
  return reschedule(ctx, { appointmentId: args.appointmentId, startsAt: args.startsAt, actor: clientActor(args.contactId), now: args.now });
}

/** The client cancels, until the cut-off; later they are asked to call the clinic. */
export async function cancelOwn(ctx: PortalContext, args: { contactId: string; appointmentId: string; now: Date }): Promise<Appointment> {
  return ctx.db.transaction().execute(async (trx) => {
    const appointment = await ownAppointment(trx, args.contactId, args.appointmentId, true);
    const cutoffHours = ctx.booking.clientChangeCutoffHours;
    if (['unconfirmed', 'confirmed', 'booked'].includes(appointment.status) && !clientMayChange({ startsAt: appointment.startsAt, now: args.now, cutoffHours })) {
      throw tooLate(cutoffHours);
    }
    return changeStatusIn(trx, ctx.events, { appointmentId: appointment.id, action: 'cancel', actor: clientActor(args.contactId), now: args.now });
  });
}

export async function updateOwnProfile(
  ctx: { db: Db; events: DomainEvents },
  args: { contactId: string; changes: { name?: string; phone?: string | null; locale?: 'uk' | 'en' }; now: Date },
): Promise<Contact> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findContactById(trx, args.contactId);
    if (!before) throw notFound('The contact', 'id');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, to] of Object.entries(args.changes)) {
      if (to !== undefined && before[field as keyof Contact] !== to) changes[field] = { from: before[field as keyof Contact], to };
    }
    if (Object.keys(changes).length === 0) return before;
    await updateContact(trx, args.contactId, args.changes, args.now);
    await ctx.events.record(trx, { kind: 'contact.updated', contactId: args.contactId, actor: clientActor(args.contactId), data: { changes }, at: args.now });
    return (await findContactById(trx, args.contactId))!;
  });
}

const EMAIL_CHANGE_MINUTES = 60;

/** A new e-mail address takes effect only once its owner opens the link sent to it. */
export async function requestEmailChange(ctx: PortalContext, args: { contactId: string; newEmail: string; now: Date }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const contact = await findContactById(trx, args.contactId);
    if (!contact) throw notFound('The contact', 'id');
    if (contact.email.toLowerCase() === args.newEmail.toLowerCase()) throw conflict('same_email', 'This is already your address.', { email: 'is your current address' });
    // Another contact's address: answer as usual and send nothing, so the portal can't be used
    // to find out who is a patient here. The link would be refused anyway ('taken').
    if (await findContactByEmail(trx, args.newEmail)) return;
    const token = await createActionToken(trx, {
      purpose: 'confirm_email',
      contactId: contact.id,
      data: { email: args.newEmail },
      expiresAt: new Date(args.now.getTime() + EMAIL_CHANGE_MINUTES * 60_000),
      now: args.now,
    });
    const { defaultLocale: _locale, ...clinic } = await mailClinic(trx, ctx.config.publicUrl);
    await queueEmail(
      trx,
      ctx,
      {
        templateKey: 'email_change_confirm',
        locale: contact.locale,
        contactId: contact.id,
        to: { address: args.newEmail, name: contact.name },
        data: {
          client: { name: contact.name, email: args.newEmail },
          clinic,
          links: { confirmEmail: `${ctx.config.publicUrl}/api/me/email/confirm?token=${encodeURIComponent(token)}` },
          cutoffHours: ctx.config.clientChangeCutoffHours,
          expiresInMinutes: EMAIL_CHANGE_MINUTES,
        },
      },
      args.now,
    );
    await ctx.events.record(trx, { kind: 'contact.email_change_requested', contactId: contact.id, actor: clientActor(contact.id), data: { to: args.newEmail }, at: args.now });
  });
}

export type EmailChangeOutcome = 'changed' | 'expired' | 'used' | 'unknown' | 'taken';

export async function confirmEmailChange(ctx: { db: Db; events: DomainEvents }, token: string, now: Date): Promise<EmailChangeOutcome> {
  return ctx.db.transaction().execute(async (trx): Promise<EmailChangeOutcome> => {
    const found = await lookUpActionToken(trx, token, 'confirm_email', now);
    if (found.state !== 'valid') return found.state;
    const email = String(found.token.data.email ?? '');
    const owner = await findContactByEmail(trx, email);
    if (owner && owner.id !== found.token.contactId) return 'taken';
    const before = await findContactById(trx, found.token.contactId);
    if (!before) return 'unknown';
    await updateContact(trx, before.id, { email }, now);
    await trx.updateTable('contacts').set({ email_status: 'ok', email_status_reason: null }).where('id', '=', before.id).execute();
    await markTokenUsed(trx, found.hash, now);
    await ctx.events.record(trx, { kind: 'contact.updated', contactId: before.id, actor: clientActor(before.id), data: { changes: { email: { from: before.email, to: email } } }, at: now });
    return 'changed';
  });
}
