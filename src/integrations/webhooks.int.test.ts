import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findContactByEmail } from '../contacts/contact-repository.js';
import { requestErasure } from '../portal/data-rights.js';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../test/webhook-receiver.js';
import { createApiKey } from './api-keys.js';
import { keepWebhookEvents, newEventId } from './webhook-reaction.js';
import { newWebhookSecret } from './webhook-signature.js';

// Monday 7 December 2026, 08:00 in Kyiv. Specialists work weekdays 09:00–13:00 and 14:00–18:00.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

interface DeliveryView {
  id: string;
  eventId: string;
  event: string;
  state: 'queued' | 'delivered' | 'failed' | 'gone';
  attempts: Array<{ statusCode: number | null; error: string | null; outcome: string; response: string | null }>;
}

/** Asks `check` again every 100 ms until it gives something, for up to 30 seconds. */
async function until<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What a receiver does with each request: check the signature with the reference implementation. */
function verified(received: ReceivedWebhook, secret: string): { id: string; type: string } & Record<string, unknown> {
  const headers = { 'webhook-id': received.id, 'webhook-timestamp': received.timestamp, 'webhook-signature': received.signature };
  return new Webhook(secret).verify(received.body, headers) as { id: string; type: string };
}

let slot = 0;
/** Free visitor slots, one per booking: Tuesday, Wednesday, ... 09:00–12:30 on the half hour. */
function nextSlot(): string {
  const day = 8 + Math.floor(slot / 8);
  const minutes = 9 * 60 + (slot % 8) * 30;
  slot += 1;
  return `2026-12-${String(day).padStart(2, '0')}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+02:00`;
}

describe('events out to a receiver on the clinic’s own network (WEBHOOKS_ALLOW_PRIVATE_TARGETS=true)', () => {
  let t: TestApp;
  let admin: string;
  let specialistId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM, env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_SECONDS: '1', BOOKING_RATE_LIMIT: '1000' } });
    await t.startWorker();
    admin = await t.staffCookie('admin');
    specialistId = (await aSpecialist(t.handle.db, { name: 'Dr. Iryna Koval', specialty: 'Neurologist' })).id;
  });
  afterAll(() => t?.close());

  const asAdmin = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: admin }, ...(payload ? { payload } : {}) });
  const book = async (visitor: Record<string, unknown> = {}): Promise<string> => {
    const response = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId, startsAt: nextSlot(), ...aVisitor({ locale: 'en', ...visitor }) } });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  };
  const deliveriesOf = async (subscriptionId: string): Promise<DeliveryView[]> => {
    const response = await asAdmin('GET', `/api/admin/webhooks/${subscriptionId}/deliveries`);
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };
  const subscribeInConsole = async (event: string, targetUrl: string): Promise<{ id: string; secret: string }> => {
    const response = await asAdmin('POST', '/api/admin/webhooks', { event, targetUrl });
    expect(response.statusCode).toBe(201);
    return response.json();
  };

  it('a receiver that is down for the first attempts comes back and gets each booking exactly once by webhook-id, every request signed', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { id: subscriptionId, secret } = await subscribeInConsole('booking.created', receiver.url('/bookings'));
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      // Nobody can read the secret again.
      expect(JSON.stringify((await asAdmin('GET', '/api/admin/webhooks')).json())).not.toContain(secret);

      await receiver.goAway();
      const olena = await book({ name: 'Olena Petrenko', email: 'olena.webhooks@example.com' });
      const refused = await until('an attempt refused at the door', async () => {
        const [delivery] = await deliveriesOf(subscriptionId);
        return delivery && delivery.attempts.length >= 1 ? delivery : null;
      });
      expect(refused.state).toBe('queued');
      expect(refused.attempts[0]).toMatchObject({ statusCode: null, outcome: 'failed', error: expect.stringMatching(/Connection refused/) });

      // It comes back, but is not ready yet: 503.
      receiver.status = 503;
      await receiver.comeBack();
      await until('an attempt answered 503', async () => {
        const [delivery] = await deliveriesOf(subscriptionId);
        return delivery?.attempts.some((attempt) => attempt.statusCode === 503);
      });

      receiver.status = 200;
      const delivered = await until('the delivery', async () => {
        const [delivery] = await deliveriesOf(subscriptionId);
        return delivery?.state === 'delivered' ? delivery : null;
      });
      // Refused while it was away, 503 while it was starting, then 200.
      expect(delivered.attempts.map((attempt) => String(attempt.statusCode)).join(',')).toMatch(/^(null,)+(503,)+200$/);
      expect(delivered.attempts.at(-1)).toMatchObject({ outcome: 'delivered', response: 'ok', error: null });

      // Two more visitors book while it is up.
      const bohdan = await book({ name: 'Bohdan Lysenko' });
      const marta = await book({ name: 'Marta Hnatiuk' });
      await until('three deliveries', async () => (await deliveriesOf(subscriptionId)).filter((d) => d.state === 'delivered').length === 3);

      // Each event exactly once with a 2xx, its id the same on every attempt, every signature good.
      const polled = (await asAdmin('GET', '/api/v1/events/booking.created')).json() as Array<{ id: string; data: { appointment: { id: string } } }>;
      const ours = polled.filter((event) => [olena, bohdan, marta].includes(event.data.appointment.id));
      expect(ours).toHaveLength(3);
      expect([...receiver.accepted('/bookings')].sort()).toEqual(ours.map((event) => event.id).sort());
      expect(new Set(receiver.received.map((r) => r.id)).size).toBe(3);
      expect(receiver.received.filter((r) => r.id === delivered.eventId).length).toBe(delivered.attempts.filter((a) => a.statusCode !== null).length);
      for (const request of receiver.received) {
        const payload = verified(request, secret);
        expect(payload.id).toBe(request.id);
        expect(payload.type).toBe('booking.created');
        expect(request.contentType).toBe('application/json');
        expect(request.userAgent).toMatch(/^Clinicflow-Webhooks\/1 /);
      }
      const first = verified(receiver.received.find((r) => r.answered === 200 && r.id === delivered.eventId)!, secret);
      expect(first).toMatchObject({
        type: 'booking.created',
        version: 1,
        clinic: { timezone: 'Europe/Kyiv' },
        data: { appointment: { id: olena, status: 'unconfirmed', startsAt: '2026-12-08T09:00:00+02:00' }, specialist: { name: 'Dr. Iryna Koval', specialty: 'Neurologist' }, contact: { name: 'Olena Petrenko', email: 'olena.webhooks@example.com' } },
      });

      // An administrator sends the first one again: the same id goes out, so the receiver can tell.
      const resent = await asAdmin('POST', `/api/admin/webhooks/${subscriptionId}/deliveries/${delivered.id}/resend`);
      expect(resent.statusCode).toBe(202);
      expect(resent.json().state).toBe('queued');
      const again = await until('the resent copy', async () => {
        const found = (await deliveriesOf(subscriptionId)).find((d) => d.id === delivered.id)!;
        return found.state === 'delivered' && found.attempts.length === delivered.attempts.length + 1 ? found : null;
      });
      expect(again.attempts.at(-1)).toMatchObject({ statusCode: 200, outcome: 'delivered' });
      expect(receiver.accepted('/bookings').filter((id) => id === delivered.eventId)).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it('a receiver answering 410 Gone is unsubscribed, and the deliveries still waiting for it are stopped', async () => {
    const receiver = await startWebhookReceiver();
    try {
      receiver.status = 503;
      const { id: subscriptionId } = await subscribeInConsole('booking.created', receiver.url('/gone'));
      await book();
      await book();
      await until('both deliveries tried', async () => (await deliveriesOf(subscriptionId)).every((d) => d.attempts.length >= 1) && (await deliveriesOf(subscriptionId)).length === 2);

      receiver.status = 410;
      const subscription = await until('the subscription to be removed', async () => {
        const items = (await asAdmin('GET', '/api/admin/webhooks')).json().items as Array<{ id: string; removedAt: string | null; removedReason: string | null }>;
        const found = items.find((s) => s.id === subscriptionId);
        return found?.removedAt ? found : null;
      });
      expect(subscription.removedReason).toBe('gone');
      const deliveries = await deliveriesOf(subscriptionId);
      expect(deliveries.map((d) => d.state)).toEqual(['gone', 'gone']);
      // Both may have been on their way at once; neither is tried again after its 410.
      const gone = receiver.received.filter((r) => r.answered === 410).map((r) => r.id);
      expect(gone.length).toBeGreaterThanOrEqual(1);
      expect(new Set(gone).size).toBe(gone.length);

      // Nothing more is made for it, and the stopped delivery's retry sends nothing.
      await book();
      expect(await deliveriesOf(subscriptionId)).toHaveLength(2);
      const heard = receiver.received.length;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(receiver.received.length).toBe(heard);
      // Resending to a removed subscription is refused with a reason.
      const resend = await asAdmin('POST', `/api/admin/webhooks/${subscriptionId}/deliveries/${deliveries[0]!.id}/resend`);
      expect(resend.statusCode).toBe(409);
      expect(resend.json().error.code).toBe('subscription_removed');
    } finally {
      await receiver.close();
    }
  });

  it('an integration platform connects with a key, subscribes, maps a sample, receives a cancellation, and unsubscribes', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { key } = await createApiKey(t.handle.db, { name: 'Zapier', scopes: ['read', 'write'], createdBy: null, now: t.clock.now() });
      const asPlatform = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
        t.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

      // The connection test, then what can be subscribed to.
      expect((await asPlatform('GET', '/api/v1/me')).json()).toMatchObject({ type: 'api_key', name: 'Zapier' });
      const types = (await asPlatform('GET', '/api/v1/event-types')).json().items as Array<{ type: string; description: string }>;
      expect(types.map((item) => item.type)).toEqual(expect.arrayContaining(['booking.created', 'booking.cancelled', 'contact.updated', 'message.received', 'email.failed']));

      const unknown = await asPlatform('POST', '/api/v1/hooks', { event: 'booking.exploded', targetUrl: receiver.url('/zap') });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields).toHaveProperty('event');

      const subscribed = await asPlatform('POST', '/api/v1/hooks', { event: 'booking.cancelled', targetUrl: receiver.url('/zap') });
      expect(subscribed.statusCode).toBe(201);
      const hook = subscribed.json() as { id: string; secret: string; event: string };
      expect(hook).toMatchObject({ event: 'booking.cancelled', secret: expect.stringMatching(/^whsec_/) });

      // Before anything was cancelled, the sample is made up: ids of zeros.
      const made = await asPlatform('GET', '/api/v1/events/booking.cancelled/sample');
      expect(made.statusCode).toBe(200);
      expect(made.json()).toHaveLength(1);
      expect(made.json()[0]).toMatchObject({ id: `evt_${'0'.repeat(32)}`, type: 'booking.cancelled', data: { appointment: { id: '00000000-0000-0000-0000-000000000000' } } });

      // A booking is cancelled (by the platform itself, acting as the clinic's manager).
      const appointmentId = await book({ name: 'Ivan Cancelling' });
      expect((await asPlatform('POST', `/api/admin/bookings/${appointmentId}/cancel`, { reason: 'Client called' })).statusCode).toBe(200);
      const [request] = await until('the cancellation', async () => (receiver.accepted('/zap').length === 1 ? receiver.received : null));
      const payload = verified(request!, hook.secret);
      expect(payload).toMatchObject({ type: 'booking.cancelled', data: { appointment: { id: appointmentId, status: 'cancelled' }, previous: { status: 'unconfirmed' }, reason: 'Client called', by: { type: 'api' } } });

      // The sample and the polling list now show the real event.
      expect((await asPlatform('GET', '/api/v1/events/booking.cancelled/sample')).json()).toEqual([payload]);
      expect((await asPlatform('GET', '/api/v1/events/booking.cancelled')).json()[0]).toEqual(payload);

      // Unsubscribing ends it: the next cancellation makes no delivery at all.
      expect((await asPlatform('DELETE', `/api/v1/hooks/${hook.id}`)).statusCode).toBe(204);
      expect((await asPlatform('DELETE', `/api/v1/hooks/${hook.id}`)).statusCode).toBe(204);
      expect((await asPlatform('DELETE', '/api/v1/hooks/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      const second = await book({ name: 'Second Cancel' });
      expect((await asPlatform('POST', `/api/admin/bookings/${second}/cancel`)).statusCode).toBe(200);
      const made2 = await t.handle.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', hook.id).execute();
      expect(made2).toHaveLength(1);

      // A read-only key may poll but not subscribe; it cannot reach the console's webhooks at all.
      const { key: readKey } = await createApiKey(t.handle.db, { name: 'Reporting', scopes: ['read'], createdBy: null, now: t.clock.now() });
      const asReader = (method: 'GET' | 'POST', url: string, body?: object) => t.app.inject({ method, url, headers: { authorization: `Bearer ${readKey}` }, ...(body ? { payload: body } : {}) });
      expect((await asReader('GET', '/api/v1/events/booking.cancelled')).statusCode).toBe(200);
      expect((await asReader('POST', '/api/v1/hooks', { event: 'booking.created', targetUrl: receiver.url() })).statusCode).toBe(403);
      expect((await asReader('GET', '/api/admin/webhooks')).statusCode).toBe(403);
    } finally {
      await receiver.close();
    }
  });

  it('documents every event type’s payload in the OpenAPI document, by name', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { components: { schemas: Record<string, { title?: string }> }; paths: Record<string, Record<string, unknown>> };
    const titles = Object.values(doc.components.schemas).map((schema) => schema.title);
    const types = (await asAdmin('GET', '/api/v1/event-types')).json().items.map((item: { type: string }) => item.type);
    expect(types).toHaveLength(12);
    expect(titles).toEqual(expect.arrayContaining(types));
    expect(doc.components.schemas).toHaveProperty('BookingNoShowEvent');
    expect(JSON.stringify(doc.paths['/api/v1/events/{type}'])).toContain('rel=\\"next\\"');
  });

  it('pages the polling list newest first with stable ids, through the Link header', async () => {
    await book({ name: 'Paging One' });
    await book({ name: 'Paging Two' });
    const firstPage = await asAdmin('GET', '/api/v1/events/booking.created?limit=2');
    const next = /<([^>]+)>; rel="next"/.exec(String(firstPage.headers.link))?.[1];
    expect(next).toMatch(/^http:\/\/clinic\.test\/api\/v1\/events\/booking\.created\?limit=2&cursor=/);
    const secondPage = await asAdmin('GET', next!.replace('http://clinic.test', ''));
    const all = (await asAdmin('GET', '/api/v1/events/booking.created?limit=100')).json() as Array<{ id: string; data: { contact: { name: string } } }>;
    expect(all.slice(0, 2).map((e) => e.data.contact.name)).toEqual(['Paging Two', 'Paging One']);
    expect([...firstPage.json(), ...secondPage.json()].map((e: { id: string }) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
    expect((await asAdmin('GET', '/api/v1/events/booking.created?cursor=bm9wZQ')).statusCode).toBe(400);
    expect((await asAdmin('GET', '/api/v1/events/booking.exploded')).statusCode).toBe(400);
  });

  it('writes no event, delivery or job for an event whose transaction rolled back', async () => {
    const receiver = await startWebhookReceiver();
    try {
      await subscribeInConsole('contact.updated', receiver.url('/contacts'));
      const contactId = (await findContactByEmail(t.handle.db, 'olena.webhooks@example.com'))!.id;
      const count = async () => ({
        events: Number((await t.handle.db.selectFrom('webhook_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
        deliveries: Number((await t.handle.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
        jobs: Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(`${t.handle.queueSchema}.job`)} WHERE name = 'deliver-webhook'`.execute(t.handle.db)).rows[0]!.n),
      });
      const before = await count();
      await expect(
        t.handle.db.transaction().execute(async (trx) => {
          await t.deps.events.record(trx, { kind: 'contact.updated', contactId, actor: { type: 'system', id: null }, data: { changes: { phone: { from: null, to: '1' } } }, at: t.clock.now() });
          throw new Error('the cause failed');
        }),
      ).rejects.toThrow('the cause failed');
      expect(await count()).toEqual(before);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('keeps a batch of events in order, a thousand per statement, as a CSV import records them', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { id: subscriptionId } = await subscribeInConsole('contact.created', receiver.url('/imported'));
      const names = Array.from({ length: 1003 }, (_, i) => `Imported ${i + 1}`);
      const contacts = await t.handle.db
        .insertInto('contacts')
        .values(names.map((name, i) => ({ email: `imported${i + 1}@example.com`, name })))
        .returning(['id', 'name'])
        .execute();
      const at = t.clock.now();
      await t.handle.db.transaction().execute((trx) =>
        keepWebhookEvents(trx, { queue: t.system.queue, timezone: 'Europe/Kyiv' }, [
          ...contacts.map((contact) => ({ kind: 'contact.created', contactId: contact.id, actor: { type: 'staff' as const, id: null }, data: { source: 'import' }, at })),
          { kind: 'contact.tagged', contactId: contacts[0]!.id, actor: { type: 'staff' as const, id: null }, at },
        ]),
      );
      const polled = (await asAdmin('GET', '/api/v1/events/contact.created?limit=100')).json() as Array<{ data: { contact: { name: string }; source: string } }>;
      expect(polled.slice(0, 3).map((event) => event.data.contact.name)).toEqual(['Imported 1003', 'Imported 1002', 'Imported 1001']);
      expect(polled[0]!.data.source).toBe('import');
      // A delivery and its job for each, in the same transaction.
      const made = await t.handle.db.selectFrom('webhook_deliveries').select(['id', 'job_id']).where('subscription_id', '=', subscriptionId).execute();
      expect(made).toHaveLength(1003);
      expect(made.every((delivery) => delivery.job_id !== null)).toBe(true);
      // They go out (the benchmark measures how fast; here the first fifty will do).
      // Counted where the worker records them: the receiver can have a request the worker has not recorded yet.
      const delivered = async (): Promise<number> =>
        (await t.handle.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', subscriptionId).where('state', '=', 'delivered').execute()).length;
      await until('the first deliveries', async () => (await delivered()) >= 50);
      expect(new Set(receiver.accepted('/imported')).size).toBeGreaterThanOrEqual(50);
      // Removing the subscription stops the rest: nothing is left waiting.
      expect((await asAdmin('DELETE', `/api/admin/webhooks/${subscriptionId}`)).statusCode).toBe(204);
      const states = await t.handle.db.selectFrom('webhook_deliveries').select('state').where('subscription_id', '=', subscriptionId).execute();
      expect(states.filter((delivery) => delivery.state === 'queued')).toHaveLength(0);
      expect(states.filter((delivery) => delivery.state === 'delivered').length).toBeGreaterThanOrEqual(50);
    } finally {
      await receiver.close();
    }
  });

  it('an erasure takes the client out of their stored event payloads, as out of their timeline', async () => {
    const contactId = (await findContactByEmail(t.handle.db, 'olena.webhooks@example.com'))!.id;
    const request = await requestErasure(t.deps, { contactId, reason: 'Please forget me', now: t.clock.now() });
    expect((await asAdmin('POST', `/api/admin/erasure-requests/${request.id}/complete`, {})).statusCode).toBe(200);
    const stored = await t.handle.db.selectFrom('webhook_events').select(['type', 'payload']).where('contact_id', '=', contactId).execute();
    expect(stored.map((row) => row.type)).toEqual(expect.arrayContaining(['booking.created', 'contact.created']));
    expect(JSON.stringify(stored)).not.toMatch(/Olena|olena\.webhooks|Petrenko/);
    const polled = (await asAdmin('GET', '/api/v1/events/booking.created?limit=100')).json() as Array<{ data: { contact: { id: string; name: string } } }>;
    expect(polled.find((event) => event.data.contact.id === contactId)?.data.contact.name).toBe('Erased contact');
  });
});

describe('targets on private addresses when WEBHOOKS_ALLOW_PRIVATE_TARGETS is off (the default)', () => {
  let t: TestApp;
  let admin: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM, env: { WEBHOOK_RETRY_BASE_SECONDS: '1' } });
    await t.startWorker();
    admin = await t.staffCookie('admin');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('refuses them when subscribing, naming targetUrl', async () => {
    for (const targetUrl of [receiver.url(), `https://127.0.0.1:${receiver.port}/hook`, `https://localhost:${receiver.port}/hook`, 'https://10.0.0.1/hook', 'https://[::1]/hook', 'https://169.254.169.254/latest']) {
      const response = await t.app.inject({ method: 'POST', url: '/api/admin/webhooks', headers: { cookie: admin }, payload: { event: 'booking.created', targetUrl } });
      expect(response.statusCode, targetUrl).toBe(400);
      expect(Object.keys(response.json().error.fields), targetUrl).toEqual(['targetUrl']);
    }
  });

  it('refuses again at delivery time when the name now resolves to a private address', async () => {
    // Subscribed while the name pointed somewhere public; now `localhost` is 127.0.0.1.
    const subscription = await t.handle.db
      .insertInto('webhook_subscriptions')
      .values({ event_type: 'contact.updated', target_url: `https://localhost:${receiver.port}/hook`, secret: newWebhookSecret(), origin: 'console', created_by_staff_id: null, created_by_api_key_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const contact = await t.handle.db.insertInto('contacts').values({ email: 'dns.change@example.com', name: 'Dana Change' }).returning('id').executeTakeFirstOrThrow();
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/admin/contacts/${contact.id}`, headers: { cookie: admin }, payload: { phone: '+380 67 765 4321' } });
    expect(edited.statusCode).toBe(200);
    const delivery = await until('a refused attempt', async () => {
      const response = await t.app.inject({ url: `/api/admin/webhooks/${subscription.id}/deliveries`, headers: { cookie: admin } });
      const [found] = response.json().items as DeliveryView[];
      return found && found.attempts.length > 0 ? found : null;
    });
    expect(delivery.attempts[0]).toMatchObject({ statusCode: null, outcome: 'failed', error: expect.stringMatching(/^Refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/) });
    expect(receiver.received).toHaveLength(0);
  });

  it('keeps the event for polling even though nobody may receive it', async () => {
    const events = await t.handle.db.selectFrom('webhook_events').select(['id', 'type']).where('type', '=', 'contact.updated').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(newEventId()).not.toBe(events[0]!.id);
  });
});
