import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { actorOf, requireStaff } from '../http/auth.js';
import { errors, IdParams, ListOf } from '../http/common-schemas.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { invalidInput } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { WEBHOOK_PAYLOAD_VERSION } from './webhook-catalogue.js';
import { WEBHOOK_PAYLOAD_SCHEMAS } from './webhook-payloads.js';
import { EventTypeItem, EventTypeName, eventTypeItems, RestHook, SubscribeBody } from './webhook-schemas.js';
import { pollEvents, sampleEvent, subscribe, unsubscribe, type Subscriber } from './webhook-service.js';

const AnyEvent = Type.Union(WEBHOOK_PAYLOAD_SCHEMAS, { description: 'The event’s payload, as webhooks deliver it; one schema per type' });
const TypeParams = Type.Object({ type: EventTypeName });

/**
 * Events out for integration platforms, with an API key (or a staff session): the REST-hooks
 * API that Zapier-style "REST hook" triggers call to subscribe and unsubscribe, and per event
 * type a polling list and a sample, both answering a JSON array of payloads.
 */
export function registerWebhookRoutes(app: App, deps: AppDeps): void {
  for (const schema of WEBHOOK_PAYLOAD_SCHEMAS) app.addSchema(schema);
  const tz = deps.config.clinicTimezone;
  const staffOrKey = { onRequest: requireStaff() };
  const security: Array<Record<string, string[]>> = [{ apiKey: [] }, { session: [] }];

  app.get(
    '/api/v1/event-types',
    { ...staffOrKey, schema: { tags: ['integrations'], summary: 'The event types webhooks and polling offer, with what each means', security, response: { 200: ListOf(EventTypeItem), ...errors(401, 403) } } },
    async () => ({ items: eventTypeItems(WEBHOOK_PAYLOAD_VERSION) }),
  );

  app.post(
    '/api/v1/hooks',
    {
      ...staffOrKey,
      schema: {
        tags: ['integrations'],
        summary: 'Subscribe a URL to one event type (REST hook); the answer holds the signing secret, shown once',
        description:
          'Each event of the type is POSTed to `targetUrl` as JSON, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). ' +
          'A 2xx answer is a delivery; anything else is retried with backoff for at least three days; `410 Gone` ends the subscription.',
        security,
        body: SubscribeBody,
        response: { 201: RestHook, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const by: Subscriber = actor.type === 'api' ? { apiKeyId: actor.id! } : { staffId: actor.id! };
      const { subscription, secret } = await subscribe(deps.db, deps.config.webhooks, { ...request.body, origin: 'rest_hook', by, now: deps.now() });
      return reply.status(201).send({ id: subscription.id, event: subscription.eventType as never, targetUrl: subscription.targetUrl, secret, createdAt: formatInstant(subscription.createdAt, tz) });
    },
  );

  app.delete(
    '/api/v1/hooks/:id',
    { ...staffOrKey, schema: { tags: ['integrations'], summary: 'Unsubscribe a REST hook: nothing more is sent to it, waiting deliveries stop', security, params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await unsubscribe(deps.db, { id: request.params.id, reason: 'unsubscribed', restHooksOnly: true, now: deps.now() });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/events/:type',
    {
      ...staffOrKey,
      schema: {
        tags: ['integrations'],
        summary: 'Recent events of one type, newest first (polling): a JSON array of payloads',
        description:
          'Ids are stable, so a poller can tell what it has seen. Up to `limit` (default 50, at most 100) per page; when there are more, ' +
          'the answer has a `Link: <…?cursor=…>; rel="next"` header to the next (older) page.',
        security,
        params: TypeParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
          cursor: Type.Optional(Type.String({ maxLength: 200, description: 'From the `Link` header of the page before' })),
        }),
        response: { 200: Type.Array(AnyEvent), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { type } = request.params;
      const limit = request.query.limit ?? 50;
      const cursor = decodeCursor(request.query.cursor);
      if (cursor && !/^\d{1,19}$/.test(cursor.key)) throw invalidInput({ cursor: 'is not a cursor this server gave out' });
      const page = await pollEvents(deps.db, { type, beforeSeq: cursor?.key ?? null, limit });
      if (page.nextSeq !== null) {
        const last = page.payloads[page.payloads.length - 1]!;
        const next = `${deps.config.publicUrl}/api/v1/events/${type}?limit=${limit}&cursor=${encodeCursor({ key: page.nextSeq, id: String(last.id) })}`;
        void reply.header('link', `<${next}>; rel="next"`);
      }
      return page.payloads as never;
    },
  );

  app.get(
    '/api/v1/events/:type/sample',
    {
      ...staffOrKey,
      schema: {
        tags: ['integrations'],
        summary: 'One sample event of the type, to map fields before anything has happened: an array of one payload',
        description: 'The latest real event of the type when there is one; otherwise a made-up one whose ids are all zeros.',
        security,
        params: TypeParams,
        response: { 200: Type.Array(AnyEvent, { minItems: 1, maxItems: 1 }), ...errors(400, 401, 403) },
      },
    },
    async (request) => [await sampleEvent(deps.db, request.params.type, tz)] as never,
  );
}
