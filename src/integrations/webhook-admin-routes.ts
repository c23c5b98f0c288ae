import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff, staffOf } from '../http/auth.js';
import { errors, IdParams, ListOf, PageOf, Uuid } from '../http/common-schemas.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { invalidInput, notFound } from '../http/errors.js';
import { inBatches, registerCsvExport } from '../http/csv-download.js';
import { DELIVERY_COLUMNS, SUBSCRIPTION_COLUMNS } from './integration-csv.js';
import { findSubscription, listDeliveries, listSubscriptions, type Delivery } from './webhook-repository.js';
import { CreatedSubscription, DeliveryQuery, DeliveryView, deliveryView, SubscribeBody, SubscriptionView, subscriptionView } from './webhook-schemas.js';
import { resendDelivery, subscribe, unsubscribe } from './webhook-service.js';

/** The console's webhooks: administrators only (a subscription sends patient data out of the clinic). */
export function registerWebhookAdminRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const adminOnly = { onRequest: requireStaff('admin') };

  app.get(
    '/api/admin/webhooks',
    { ...adminOnly, schema: { tags: ['integrations'], summary: 'Webhook subscriptions, live ones first, with their deliveries counted by state', response: { 200: ListOf(SubscriptionView), ...errors(401, 403) } } },
    async () => ({ items: (await listSubscriptions(deps.db)).map((subscription) => subscriptionView(subscription, tz)) }),
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/webhooks/export.csv',
    ...adminOnly,
    audit: { action: 'webhooks.export', recordType: 'webhook' },
    tags: ['integrations'],
    summary: 'Webhook subscriptions as CSV, live ones first, with their deliveries counted by state (never a signing secret)',
    fileName: 'webhooks',
    columns: SUBSCRIPTION_COLUMNS,
    rows: () => listSubscriptions(deps.db),
  });

  registerCsvExport(app, deps, {
    url: '/api/admin/webhooks/:id/deliveries/export.csv',
    ...adminOnly,
    audit: { action: 'webhook.deliveries.export', recordType: 'webhook' },
    tags: ['integrations'],
    summary: 'A subscription’s deliveries as CSV, newest first, each with its last attempt; `state` filters as the list does',
    params: IdParams,
    filters: { state: DeliveryQuery.properties.state },
    fileName: 'webhook-deliveries',
    columns: DELIVERY_COLUMNS,
    rows: async ({ params, query }) => {
      if (!(await findSubscription(deps.db, params.id))) throw notFound('The subscription', 'id');
      return inBatches<Delivery>(
        (after, limit) =>
          listDeliveries(deps.db, { subscriptionId: params.id, ...(query.state ? { state: query.state } : {}), before: after ? { createdAt: new Date(after.key), id: after.id } : null, limit }),
        (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
      );
    },
  });

  app.post(
    '/api/admin/webhooks',
    {
      ...adminOnly,
      schema: {
        tags: ['integrations'],
        summary: 'Subscribe a URL to one event type; the answer holds the signing secret, which is never shown again',
        body: SubscribeBody,
        response: { 201: CreatedSubscription, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { subscription, secret } = await subscribe(deps.db, deps.config.webhooks, { ...request.body, origin: 'console', by: { staffId: staffOf(request).user.id }, now: deps.now() });
      return reply.status(201).send({ ...subscriptionView(subscription, tz), secret });
    },
  );

  app.delete(
    '/api/admin/webhooks/:id',
    { ...adminOnly, schema: { tags: ['integrations'], summary: 'Remove a subscription: nothing more is sent to it, waiting deliveries stop', params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await unsubscribe(deps.db, { id: request.params.id, reason: 'removed_by_staff', restHooksOnly: false, now: deps.now() });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      ...adminOnly,
      schema: {
        tags: ['integrations'],
        summary: 'A subscription’s deliveries, newest first, each with every attempt (status, time, error)',
        params: IdParams,
        querystring: DeliveryQuery,
        response: { 200: PageOf(DeliveryView), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findSubscription(deps.db, id))) throw notFound('The subscription', 'id');
      const limit = request.query.limit ?? 50;
      const cursor = decodeCursor(request.query.cursor);
      const before = cursor ? { createdAt: new Date(cursor.key), id: cursor.id } : null;
      if (before && Number.isNaN(before.createdAt.getTime())) throw invalidInput({ cursor: 'is not a cursor this server gave out' });
      const rows = await listDeliveries(deps.db, { subscriptionId: id, ...(request.query.state ? { state: request.query.state } : {}), before, limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items: items.map((delivery) => deliveryView(delivery, tz)),
        nextCursor: rows.length > limit && last ? encodeCursor({ key: last.createdAt.toISOString(), id: last.id }) : null,
      };
    },
  );

  app.post(
    '/api/admin/webhooks/:id/deliveries/:deliveryId/resend',
    {
      ...adminOnly,
      schema: {
        tags: ['integrations'],
        summary: 'Send a delivery again now, whatever its state, with a fresh round of retries; the event id stays the same',
        params: Type.Object({ id: Uuid, deliveryId: Uuid }),
        response: { 202: DeliveryView, ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const delivery = await resendDelivery(deps, { subscriptionId: request.params.id, deliveryId: request.params.deliveryId });
      return reply.status(202).send(deliveryView(delivery, tz));
    },
  );
}
