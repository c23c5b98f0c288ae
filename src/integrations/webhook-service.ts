import type { Db } from '../db/engine.js';
import { conflict, invalidInput, notFound } from '../http/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { targetProblem, type LookupAll, type TargetPolicy } from './address-guard.js';
import { isWebhookEventType, type WebhookEventType } from './webhook-catalogue.js';
import { erasedPayload, inReadingOrder, samplePayload } from './webhook-payloads.js';
import {
  assignDeliveryJob,
  eventPayloadsOfContact,
  findDelivery,
  findSubscription,
  insertSubscription,
  listEvents,
  removeSubscription,
  replaceEventPayload,
  type Delivery,
  type Subscription,
  type SubscriptionOrigin,
} from './webhook-repository.js';
import { newWebhookSecret } from './webhook-signature.js';

export interface WebhookSettings extends TargetPolicy {
  /** Tests pass their own resolver; by default the system's. */
  lookup?: LookupAll;
}

/** Who makes a subscription: a staff member (console or REST hook) or an API key (REST hook). */
export type Subscriber = { staffId: string; apiKeyId?: never } | { apiKeyId: string; staffId?: never };

/**
 * Subscribes `targetUrl` to events of one type; the answer holds the secret, which is never
 * shown again. Refuses (400, naming the field) an unknown type or a target the address guard refuses.
 */
export async function subscribe(
  db: Db,
  settings: WebhookSettings,
  args: { event: string; targetUrl: string; origin: SubscriptionOrigin; by: Subscriber; now: Date },
): Promise<{ subscription: Subscription; secret: string }> {
  if (!isWebhookEventType(args.event)) throw invalidInput({ event: 'is not an event type this clinic sends; GET /api/v1/event-types lists them' });
  const problem = await targetProblem(args.targetUrl, settings, settings.lookup);
  if (problem) throw invalidInput({ targetUrl: problem }, `The target URL ${problem}.`);
  const secret = newWebhookSecret();
  const id = await insertSubscription(db, {
    eventType: args.event,
    targetUrl: args.targetUrl,
    secret,
    origin: args.origin,
    staffId: args.by.staffId ?? null,
    apiKeyId: args.by.apiKeyId ?? null,
    now: args.now,
  });
  return { subscription: (await findSubscription(db, id))!, secret };
}

/**
 * Ends a subscription: its waiting deliveries stop. Removing one that is already removed is
 * fine (an integration platform may unsubscribe after a 410 did). `restHooksOnly`: the REST-hooks
 * API sees only the subscriptions made through it, not those an administrator made.
 */
export async function unsubscribe(db: Db, args: { id: string; reason: 'removed_by_staff' | 'unsubscribed'; restHooksOnly: boolean; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const subscription = await findSubscription(trx, args.id);
    if (!subscription || (args.restHooksOnly && subscription.origin !== 'rest_hook')) throw notFound('The subscription', 'id');
    await removeSubscription(trx, args.id, args.reason, args.now);
  });
}

/**
 * Sends a delivery again, whatever became of it (delivered, failed, still waiting for its next
 * retry): a new queue job takes it over, with a fresh round of retries. The event id stays, so a
 * receiver that has it already can tell it is the same event.
 */
export async function resendDelivery(deps: { db: Db; queue: JobQueue }, args: { subscriptionId: string; deliveryId: string }): Promise<Delivery> {
  const delivery = await deps.db.transaction().execute(async (trx) => {
    const found = await findDelivery(trx, args.deliveryId);
    if (!found || found.subscriptionId !== args.subscriptionId) throw notFound('The delivery', 'deliveryId');
    const subscription = await findSubscription(trx, args.subscriptionId);
    if (subscription?.removedAt) throw conflict('subscription_removed', 'This subscription has been removed; there is nowhere to send it.');
    await assignDeliveryJob(trx, found.id, await deps.queue.enqueue(trx, 'deliver-webhook', { deliveryId: found.id }), 'queued');
    return (await findDelivery(trx, found.id))!;
  });
  deps.queue.nudge('deliver-webhook');
  return delivery;
}

/** The polling list of one type: payloads newest first, and the `seq` to continue below. */
export async function pollEvents(db: Db, args: { type: WebhookEventType; beforeSeq: string | null; limit: number }): Promise<{ payloads: Array<Record<string, unknown>>; nextSeq: string | null }> {
  const rows = await listEvents(db, { type: args.type, beforeSeq: args.beforeSeq, limit: args.limit + 1 });
  const page = rows.slice(0, args.limit);
  return { payloads: page.map((row) => inReadingOrder(row.payload)), nextSeq: rows.length > args.limit ? page[page.length - 1]!.seq : null };
}

/** A sample to map fields by: the latest real event of the type, or a made-up one (ids of zeros). */
export async function sampleEvent(db: Db, type: WebhookEventType, timezone: string): Promise<Record<string, unknown>> {
  const [latest] = await listEvents(db, { type, beforeSeq: null, limit: 1 });
  return latest ? inReadingOrder(latest.payload) : (samplePayload(type, timezone) as unknown as Record<string, unknown>);
}

/** Part of an erasure: the contact's stored event payloads lose their personal data, as the timeline does. */
export async function eraseContactFromWebhookEvents(trx: Db, contactId: string): Promise<void> {
  for (const event of await eventPayloadsOfContact(trx, contactId)) {
    await replaceEventPayload(trx, event.id, erasedPayload(event.payload, contactId));
  }
}
