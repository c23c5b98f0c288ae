import { randomBytes } from 'node:crypto';
import { takeUnwrittenTimeline, type DomainEvent, type EventReaction } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { isWebhookEventType, WEBHOOK_PAYLOAD_VERSION, type WebhookEventType } from './webhook-catalogue.js';
import { buildWebhookPayload } from './webhook-payloads.js';
import { assignDeliveryJob, findMessages, insertEventsWithDeliveries, loadEventSubjects, type EventSubjects, type NewWebhookEvent } from './webhook-repository.js';

export const newEventId = (): string => `evt_${randomBytes(16).toString('hex')}`;

// Events written per statement when many come at once.
const CHUNK = 1000;

/**
 * Events out, as a reaction at the one door every domain event passes: inside the transaction
 * that caused it, an event of a catalogued type is kept as its public payload (the polling
 * lists read it even when nobody subscribes), and each live subscription to its type gets a
 * delivery and a queue job. Nothing is sent from here; the worker does that after the commit,
 * and a rolled-back cause leaves no event, delivery or job behind. Two statements per event
 * (load its subjects, write it with its deliveries), and two per thousand for a batch; one when
 * the events carry their subjects (a visitor's booking).
 */
export function webhookEvents(ctx: WebhookEventContext): EventReaction {
  const one = (trx: Db, event: DomainEvent): Promise<void> => keepWebhookEvents(trx, ctx, [event]);
  // `many`: a batch in one go (a CSV import records thousands of contact.created at once).
  return Object.assign(one, { many: (trx: Db, events: readonly DomainEvent[]) => keepWebhookEvents(trx, ctx, events) });
}

export interface WebhookEventContext {
  queue: JobQueue;
  timezone: string;
}

/** The reaction's work for any number of events, in order; events of other kinds are passed over. */
export async function keepWebhookEvents(trx: Db, ctx: WebhookEventContext, events: readonly DomainEvent[]): Promise<void> {
  const ours = events.filter((event): event is DomainEvent & { kind: WebhookEventType } => isWebhookEventType(event.kind));
  for (let start = 0; start < ours.length; start += CHUNK) {
    const chunk = ours.slice(start, start + CHUNK);
    const given = chunk.map(subjectsGiven);
    const subjects = given.every((one): one is EventSubjects => one !== null)
      ? given
      : await loadEventSubjects(
          trx,
          chunk.map((event) => ({ contactId: event.contactId, appointmentId: event.appointmentId ?? null })),
        );
    const messageIdOf = (event: DomainEvent): string | null =>
      event.kind === 'message.received' && typeof event.data?.messageId === 'string' ? event.data.messageId : null;
    const messages = await findMessages(trx, chunk.map(messageIdOf).filter((id): id is string => id !== null));
    const kept: NewWebhookEvent[] = [];
    chunk.forEach((event, index) => {
      const { contact, appointment, specialist } = subjects[index]!;
      if (!contact) return;
      const id = newEventId();
      const messageId = messageIdOf(event);
      const payload = buildWebhookPayload({
        id,
        type: event.kind,
        at: event.at,
        timezone: ctx.timezone,
        actor: event.actor,
        data: event.data ?? {},
        contact,
        appointment,
        specialist,
        message: messageId ? (messages.get(messageId) ?? null) : null,
      });
      if (payload) kept.push({ id, type: event.kind, version: WEBHOOK_PAYLOAD_VERSION, payload, contactId: event.contactId, occurredAt: event.at });
    });
    // The events' timeline rows ride in this statement (contacts/timeline.ts): one round trip for both.
    const deliveries = kept.length > 0 ? await insertEventsWithDeliveries(trx, kept, takeUnwrittenTimeline(trx)) : [];
    for (const deliveryId of deliveries) {
      await assignDeliveryJob(trx, deliveryId, await ctx.queue.enqueue(trx, 'deliver-webhook', { deliveryId }));
    }
    if (deliveries.length > 0) ctx.queue.nudge('deliver-webhook');
  }
}

/**
 * What an event says it is about, when it carries all its payload needs: the contact, and for an
 * event about an appointment, that appointment and its specialist. Null sends the reaction to
 * the database.
 */
function subjectsGiven(event: DomainEvent): EventSubjects | null {
  const contact = event.subjects?.contact;
  if (!contact || contact.id !== event.contactId) return null;
  if (!event.appointmentId) return { contact, appointment: null, specialist: null };
  const { appointment, specialist } = event.subjects ?? {};
  if (appointment?.id !== event.appointmentId || appointment.contact.id !== contact.id || specialist?.id !== appointment.specialistId) return null;
  return { contact, appointment, specialist };
}
