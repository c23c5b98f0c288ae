import type { Db } from '../db/engine.js';
import type { QueuedJob } from '../jobs/job-queue.js';
import { inReadingOrder } from './webhook-payloads.js';
import { findDeliveryToSend, markDeliveryGone, recordAttempt, removeSubscription, type AttemptOutcome, type DeliveryState } from './webhook-repository.js';
import type { WebhookAnswer, WebhookSender } from './webhook-sender.js';
import { signWebhook } from './webhook-signature.js';

export interface WebhookDeliveryContext {
  db: Db;
  sender: WebhookSender;
  /** The clock attempts are logged by. */
  now: () => Date;
  /**
   * The clock `webhook-timestamp` is read from: the machine's, always. Receivers compare it with
   * their own clock to refuse replays, so it must be real time even where a test moves `now`.
   */
  signingClock?: () => number;
}

/** 2xx: delivered. 410 Gone: the receiver wants no more (the subscription is removed). Anything else: try again later. */
export function attemptOutcome(answer: WebhookAnswer): AttemptOutcome {
  if (answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300) return 'delivered';
  if (answer.statusCode === 410) return 'gone';
  return 'failed';
}

/**
 * The worker's half: one attempt at one delivery. Idempotent: a delivery that is no longer
 * queued, or that a resend handed to another job, is left alone. A failed attempt is logged and
 * thrown, so the queue retries with backoff; the last one marks the delivery failed. The same
 * event id goes out as `webhook-id` every time, so a receiver that got it already can tell.
 */
export async function deliverWebhook(ctx: WebhookDeliveryContext, job: QueuedJob<{ deliveryId: string }>): Promise<void> {
  const delivery = await findDeliveryToSend(ctx.db, job.data.deliveryId);
  if (!delivery || delivery.state !== 'queued') return;
  if (delivery.jobId !== null && delivery.jobId !== job.id) return;
  if (delivery.subscriptionRemoved) {
    await markDeliveryGone(ctx.db, delivery.id);
    return;
  }
  const body = JSON.stringify(inReadingOrder(delivery.payload));
  const timestamp = Math.floor((ctx.signingClock ?? Date.now)() / 1000);
  const at = ctx.now();
  const answer = await ctx.sender.send({ url: delivery.targetUrl, headers: { ...signWebhook({ id: delivery.eventId, timestamp, body, secret: delivery.secret }) }, body });
  const outcome = attemptOutcome(answer);
  const lastTry = job.retryCount >= job.retryLimit;
  const state: DeliveryState = outcome === 'failed' ? (lastTry ? 'failed' : 'queued') : outcome;
  const attempt = { at, durationMs: answer.durationMs, statusCode: answer.statusCode, error: answer.error, responseSnippet: answer.snippet, outcome };
  if (outcome === 'gone') {
    await ctx.db.transaction().execute(async (trx) => {
      await recordAttempt(trx, delivery.id, attempt, state);
      await removeSubscription(trx, delivery.subscriptionId, 'gone', at);
    });
  } else {
    await recordAttempt(ctx.db, delivery.id, attempt, state);
  }
  if (state === 'queued') throw new Error(`Webhook not delivered: ${answer.error ?? `the target answered ${answer.statusCode}`}`);
}
