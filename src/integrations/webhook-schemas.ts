import { Type, type TSchema } from '@sinclair/typebox';
import { Instant, Uuid } from '../http/common-schemas.js';
import { formatInstant } from '../http/instant.js';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from './webhook-catalogue.js';
import type { Delivery, Subscription } from './webhook-repository.js';

// Request and response shapes of the webhook routes, declared once; the payloads themselves are in webhook-payloads.ts.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const EventTypeName = Type.Union(
  WEBHOOK_EVENT_TYPES.map((type) => Type.Literal(type)),
  { description: 'An event type; GET /api/v1/event-types lists them with what each means' },
);

export const EventTypeItem = Type.Object({
  type: EventTypeName,
  description: Type.String(),
  version: Type.Integer({ description: 'The payload version sent today' }),
});

export const SubscribeBody = Type.Object(
  {
    event: Type.String({ maxLength: 100, description: 'The event type to receive, e.g. booking.created', examples: ['booking.created'] }),
    targetUrl: Type.String({
      maxLength: 2000,
      description: 'Where to POST each event: https, on a public address (http and private addresses only with WEBHOOKS_ALLOW_PRIVATE_TARGETS=true)',
      examples: ['https://hooks.example.com/clinicflow'],
    }),
  },
  { additionalProperties: false },
);

const Secret = Type.String({
  pattern: '^whsec_',
  description: 'The signing secret, shown this once: `whsec_` and the base64 of the HMAC-SHA256 key. Verify `webhook-signature` with it (Standard Webhooks).',
});

export const RestHook = Type.Object({ id: Uuid, event: EventTypeName, targetUrl: Type.String(), secret: Secret, createdAt: Instant });

const DeliveryStateName = Type.Union([Type.Literal('queued'), Type.Literal('delivered'), Type.Literal('failed'), Type.Literal('gone')], {
  description: 'queued: waiting for its first or next attempt; delivered: a 2xx came back; failed: every retry failed; gone: the subscription was removed first',
});

export const SubscriptionView = Type.Object({
  id: Uuid,
  event: EventTypeName,
  targetUrl: Type.String(),
  origin: Type.Union([Type.Literal('console'), Type.Literal('rest_hook')], { description: 'console: made by an administrator; rest_hook: through POST /api/v1/hooks' }),
  createdBy: Nullable(Type.Object({ type: Type.Union([Type.Literal('staff'), Type.Literal('api_key')]), id: Uuid, name: Type.String() })),
  createdAt: Instant,
  removedAt: Nullable(Instant),
  removedReason: Nullable(
    Type.Union([Type.Literal('removed_by_staff'), Type.Literal('unsubscribed'), Type.Literal('gone')], {
      description: 'removed_by_staff: in the console; unsubscribed: DELETE /api/v1/hooks/{id}; gone: the target answered 410 Gone',
    }),
  ),
  deliveries: Type.Object({ queued: Type.Integer(), delivered: Type.Integer(), failed: Type.Integer(), gone: Type.Integer() }),
});

export const CreatedSubscription = Type.Composite([SubscriptionView, Type.Object({ secret: Secret })]);

export const DeliveryView = Type.Object({
  id: Uuid,
  eventId: Type.String(),
  event: EventTypeName,
  state: DeliveryStateName,
  createdAt: Instant,
  lastAttemptAt: Nullable(Instant),
  deliveredAt: Nullable(Instant),
  attempts: Type.Array(
    Type.Object({
      at: Instant,
      durationMs: Type.Integer(),
      statusCode: Nullable(Type.Integer({ description: 'What the target answered; null when it did not' })),
      error: Nullable(Type.String({ description: 'Why there was no answer: refused, timed out, connection refused, ...' })),
      response: Nullable(Type.String({ description: 'The first characters of the answer’s body' })),
      outcome: Type.Union([Type.Literal('delivered'), Type.Literal('failed'), Type.Literal('gone')]),
    }),
  ),
});

export const DeliveryQuery = Type.Object({
  state: Type.Optional(DeliveryStateName),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export function eventTypeItems(version: number): Array<{ type: (typeof WEBHOOK_EVENT_TYPES)[number]; description: string; version: number }> {
  return WEBHOOK_EVENT_TYPES.map((type) => ({ type, description: WEBHOOK_EVENT_DESCRIPTIONS[type], version }));
}

export function subscriptionView(subscription: Subscription, timezone: string) {
  return {
    id: subscription.id,
    event: subscription.eventType as (typeof WEBHOOK_EVENT_TYPES)[number],
    targetUrl: subscription.targetUrl,
    origin: subscription.origin,
    createdBy: subscription.createdBy,
    createdAt: formatInstant(subscription.createdAt, timezone),
    removedAt: subscription.removedAt ? formatInstant(subscription.removedAt, timezone) : null,
    removedReason: subscription.removedReason,
    deliveries: subscription.deliveries,
  };
}

export function deliveryView(delivery: Delivery, timezone: string) {
  const at = (instant: Date | null): string | null => (instant ? formatInstant(instant, timezone) : null);
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    event: delivery.eventType as (typeof WEBHOOK_EVENT_TYPES)[number],
    state: delivery.state,
    createdAt: formatInstant(delivery.createdAt, timezone),
    lastAttemptAt: at(delivery.lastAttemptAt),
    deliveredAt: at(delivery.deliveredAt),
    attempts: delivery.attempts.map((attempt) => ({
      at: formatInstant(attempt.at, timezone),
      durationMs: attempt.durationMs,
      statusCode: attempt.statusCode,
      error: attempt.error,
      response: attempt.responseSnippet,
      outcome: attempt.outcome,
    })),
  };
}
