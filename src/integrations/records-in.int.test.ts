import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../contacts/timeline.js';
import { carryOutErasure, requestErasure } from '../portal/data-rights.js';
import { aSpecialist } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { createApiKey } from './api-keys.js';

// Monday 7 December 2026, 08:00 in Kyiv.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

describe('a booking platform keeps the clinic’s contacts and bookings in step through the API', () => {
  let t: TestApp;
  let writeKey: { id: string; key: string };
  let readKey: { id: string; key: string };
  let specialistId: string;

  const as = (key: string, idempotencyKey?: string): Record<string, string> => ({
    authorization: `Bearer ${key}`,
    ...(idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {}),
  });
  const post = (url: string, payload: object, key: string, idempotencyKey?: string) =>
    t.app.inject({ method: 'POST', url, headers: as(key, idempotencyKey), payload });
  const contactsWith = async (email: string) =>
    t.handle.db.selectFrom('contacts').select(['id', 'name', 'phone']).where(sql<string>`lower(email)`, '=', email.toLowerCase()).execute();
  const stepsOf = async (contactId: string) =>
    t.handle.db.selectFrom('timeline_events').select(['kind', 'actor_type', 'actor_id', 'data']).where('contact_id', '=', contactId).orderBy('id').execute();

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    const now = t.clock.now();
    const write = await createApiKey(t.handle.db, { name: 'Booking platform', scopes: ['read', 'write'], createdBy: null, now });
    const read = await createApiKey(t.handle.db, { name: 'Reports', scopes: ['read'], createdBy: null, now });
    writeKey = { id: write.apiKey.id, key: write.key };
    readKey = { id: read.apiKey.id, key: read.key };
    specialistId = (await aSpecialist(t.handle.db, { name: 'Dr. Koval' })).id;
  });
  afterAll(async () => t?.close());

  it('sends Olena in twice: made, then updated; one contact; a repeat with the same key answers the same and records nothing new', async () => {
    const first = { email: 'Olena.Petrenko@Example.com', name: 'Olena Petrenko', phone: '+380 67 123 4567', tags: ['VIP'] };
    const made = await post('/api/v1/contacts', first, writeKey.key, 'olena-1');
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ email: 'Olena.Petrenko@Example.com', name: 'Olena Petrenko', phone: '+380 67 123 4567', tags: ['vip'], lifecycle: 'lead' });
    const contactId = made.json().id as string;

    // The platform timed out and sends it again with the same key: the same answer, nothing done twice.
    const repeat = await post('/api/v1/contacts', first, writeKey.key, 'olena-1');
    expect(repeat.statusCode).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.json()).toEqual(made.json());
    // The same body with its fields in another order is the same request.
    const reordered = await post('/api/v1/contacts', { tags: ['VIP'], phone: '+380 67 123 4567', name: 'Olena Petrenko', email: 'Olena.Petrenko@Example.com' }, writeKey.key, 'olena-1');
    expect(reordered.statusCode).toBe(201);
    expect(await contactsWith('olena.petrenko@example.com')).toHaveLength(1);
    expect(await stepsOf(contactId)).toEqual([{ kind: 'contact.created', actor_type: 'api', actor_id: writeKey.id, data: { source: 'api' } }]);

    // Later she gives a new phone; the address comes in another case.
    const second = { email: 'olena.petrenko@example.com', phone: '+380 50 765 4321', tags: ['newsletter'] };
    const updated = await post('/api/v1/contacts', second, writeKey.key, 'olena-2');
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ id: contactId, name: 'Olena Petrenko', phone: '+380 50 765 4321', tags: ['newsletter', 'vip'] });
    const steps = await stepsOf(contactId);
    expect(steps).toHaveLength(2);
    expect(steps[1]).toEqual({
      kind: 'contact.updated',
      actor_type: 'api',
      actor_id: writeKey.id,
      data: { source: 'api', changes: { phone: { from: '+380 67 123 4567', to: '+380 50 765 4321' }, tags: { from: ['vip'], to: ['newsletter', 'vip'] } } },
    });

    // The same key for something else is refused, and does nothing.
    const reused = await post('/api/v1/contacts', { ...second, name: 'Someone Else' }, writeKey.key, 'olena-2');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toMatchObject({ code: 'idempotency_key_reused', fields: { 'Idempotency-Key': expect.any(String) } });

    // Sending what she already has changes nothing and adds no step.
    const same = await post('/api/v1/contacts', second, writeKey.key);
    expect(same.statusCode).toBe(200);
    expect(await stepsOf(contactId)).toHaveLength(2);
    expect(await contactsWith('olena.petrenko@example.com')).toHaveLength(1);
  });

  it('two requests racing with one key: one does the work, the other is told it is in progress or given the same answer', async () => {
    const body = { email: 'racing@example.com', name: 'Taras Racing' };
    const answers = await Promise.all([post('/api/v1/contacts', body, writeKey.key, 'race-1'), post('/api/v1/contacts', body, writeKey.key, 'race-1')]);
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect([[201, 409], [201, 201]]).toContainEqual(statuses);
    const refused = answers.find((answer) => answer.statusCode === 409);
    if (refused) expect(refused.json().error.code).toBe('idempotency_in_progress');
    const [contact] = await contactsWith('racing@example.com');
    expect((await stepsOf(contact!.id)).map((step) => step.kind)).toEqual(['contact.created']);
    // Once the first is done, the repeat gets its answer.
    const after = await post('/api/v1/contacts', body, writeKey.key, 'race-1');
    expect(after.statusCode).toBe(201);
    expect(after.json().id).toBe(contact!.id);
  });

  it('names the field at fault, and the header when the key is too long', async () => {
    const bad = await post('/api/v1/contacts', { email: 'not-an-address', name: 'X', locale: 'de' }, writeKey.key);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['email', 'locale']);

    const nameless = await post('/api/v1/contacts', { email: 'new.person@example.com' }, writeKey.key);
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.fields).toEqual({ name: 'is required for a new contact' });
    expect(await contactsWith('new.person@example.com')).toHaveLength(0);

    const long = await post('/api/v1/contacts', { email: 'long.key@example.com', name: 'Long Key' }, writeKey.key, 'k'.repeat(256));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toEqual({ 'Idempotency-Key': 'is longer than 255 characters' });
    expect(await contactsWith('long.key@example.com')).toHaveLength(0);
    expect((await post('/api/v1/contacts', { email: 'long.key@example.com', name: 'Long Key' }, writeKey.key, 'k'.repeat(255))).statusCode).toBe(201);
  });

  it('finds a contact by address, and puts tags on and takes them off, each change on the timeline', async () => {
    const { id } = (await post('/api/v1/contacts', { email: 'andriy@example.com', name: 'Andriy Bondar', tags: ['new'] }, writeKey.key)).json();
    const found = await t.app.inject({ url: '/api/v1/contacts?email=ANDRIY@example.com', headers: as(readKey.key) });
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await t.app.inject({ url: '/api/v1/contacts?email=nobody@example.com', headers: as(readKey.key) })).json()).toEqual({ items: [] });

    const tagged = await post(`/api/v1/contacts/${id}/tags`, { tags: ['Knee', 'new'] }, writeKey.key, 'tag-andriy');
    expect(tagged.statusCode, tagged.body).toBe(200);
    expect(tagged.json().tags).toEqual(['knee', 'new']);
    const untagged = await t.app.inject({ method: 'DELETE', url: `/api/v1/contacts/${id}/tags/new`, headers: as(writeKey.key) });
    expect(untagged.statusCode).toBe(200);
    expect(untagged.json().tags).toEqual(['knee']);
    // Taking off a tag it no longer has is no error, and no step.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/contacts/${id}/tags/new`, headers: as(writeKey.key) })).statusCode).toBe(200);
    const steps = (await stepsOf(id)).map((step) => [step.kind, (step.data as { changes?: unknown }).changes ?? null]);
    expect(steps).toEqual([
      ['contact.created', null],
      ['contact.updated', { tags: { from: ['new'], to: ['knee', 'new'] } }],
      ['contact.updated', { tags: { from: ['knee', 'new'], to: ['knee'] } }],
    ]);
    const missing = await post('/api/v1/contacts/00000000-0000-4000-8000-000000000000/tags', { tags: ['x'] }, writeKey.key);
    expect(missing.statusCode).toBe(404);
  });

  it('books Iryna with a key: 201; the taken time is 409; the repeat of a refusal is the same refusal, even once the time is free', async () => {
    const booking = { specialistId, startsAt: '2026-12-08T10:00:00+02:00', email: 'iryna@example.com', name: 'Iryna Koval', notes: 'Back pain' };
    const booked = await post('/api/v1/bookings', booking, writeKey.key, 'book-iryna');
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({ status: 'booked', source: 'api', startsAt: '2026-12-08T10:00:00+02:00', contact: { name: 'Iryna Koval', email: 'iryna@example.com' } });
    expect((await post('/api/v1/bookings', booking, writeKey.key, 'book-iryna')).json()).toEqual(booked.json());
    expect(await t.handle.db.selectFrom('appointments').select('id').where('specialist_id', '=', specialistId).execute()).toHaveLength(1);

    const clash = { specialistId, startsAt: '2026-12-08T10:15:00+02:00', contactId: booked.json().contact.id };
    const taken = await post('/api/v1/bookings', clash, writeKey.key, 'book-clash');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('slot_taken');

    await t.handle.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', booked.json().id).execute();
    const repeated = await post('/api/v1/bookings', clash, writeKey.key, 'book-clash');
    expect(repeated.statusCode).toBe(409);
    expect(repeated.headers['idempotent-replayed']).toBe('true');
    // A new key is a new request, and now the time is free.
    expect((await post('/api/v1/bookings', clash, writeKey.key, 'book-clash-2')).statusCode).toBe(201);
  });

  it('a read-only key reads but cannot write, and leaves no key behind', async () => {
    const refused = await post('/api/v1/contacts', { email: 'readonly@example.com', name: 'Read Only' }, readKey.key, 'ro-1');
    expect(refused.statusCode).toBe(403);
    expect((await post('/api/v1/bookings', { specialistId, startsAt: '2026-12-09T10:00:00+02:00', email: 'ro@example.com', name: 'Ro' }, readKey.key)).statusCode).toBe(403);
    expect(await contactsWith('readonly@example.com')).toHaveLength(0);
    expect(await t.handle.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'ro-1').execute()).toEqual([]);
  });

  it('forgets the kept answers about a contact whose data is erased', async () => {
    const made = await post('/api/v1/contacts', { email: 'forget.me@example.com', name: 'Forget Me', phone: '+380 67 999 9999' }, writeKey.key, 'forget-1');
    const kept = () => t.handle.db.selectFrom('idempotency_keys').select('response_body').where('key', '=', 'forget-1').execute();
    expect(JSON.stringify(await kept())).toContain('+380 67 999 9999');
    const request = await requestErasure(t.deps, { contactId: made.json().id, reason: '', now: t.clock.now() });
    await carryOutErasure(t.deps, { requestId: request.id, actor: SYSTEM, decision: 'complete', note: '', now: t.clock.now() });
    expect(await kept()).toEqual([]);
  });

  it('keys belong to their caller, and expire after 24 hours', async () => {
    const other = await createApiKey(t.handle.db, { name: 'Another platform', scopes: ['read', 'write'], createdBy: null, now: t.clock.now() });
    const body = { email: 'mykola@example.com', name: 'Mykola Shevchenko' };
    expect((await post('/api/v1/contacts', body, writeKey.key, 'shared-key')).statusCode).toBe(201);
    // Another caller's same key is its own: its request runs (and finds Mykola there).
    expect((await post('/api/v1/contacts', body, other.key, 'shared-key')).statusCode).toBe(200);

    t.clock.advanceMinutes(24 * 60 - 1);
    expect((await post('/api/v1/contacts', body, writeKey.key, 'shared-key')).statusCode).toBe(201);
    t.clock.advanceMinutes(2);
    const afresh = await post('/api/v1/contacts', body, writeKey.key, 'shared-key');
    expect(afresh.statusCode).toBe(200);
    expect(afresh.headers['idempotent-replayed']).toBeUndefined();
    // Expired keys are tidied away as new ones come in.
    const old = await t.handle.db.selectFrom('idempotency_keys').select('key').where('expires_at', '<=', t.clock.now()).execute();
    expect(old).toEqual([]);
  });
});
