import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { runApiKeyCommand } from './api-key-cli.js';

// Monday 7 December 2026, 08:00 in Kyiv; the specialist works weekdays 09:00–13:00 and 14:00–18:00.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

describe('an administrator connects an integration with an API key', () => {
  let t: TestApp;
  let adminCookie: string;
  let specialistId: string;
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    adminCookie = await t.staffCookie('admin');
    specialistId = (await aSpecialist(t.handle.db)).id;
  });
  afterAll(async () => t?.close());

  async function makeKey(name: string, scopes: string[]): Promise<{ id: string; key: string }> {
    const response = await t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: { cookie: adminCookie }, payload: { name, scopes } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it('shows the key once, keeps only its hash, and the key answers who it is', async () => {
    const made = await makeKey('Zapier', ['read', 'write']);
    expect(made.key).toMatch(/^cfk_[A-Za-z0-9_-]{43}$/);

    const stored = await t.handle.db.selectFrom('api_keys').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(made.key);
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/api-keys', headers: { cookie: adminCookie } });
    expect(list.body).not.toContain(made.key);
    expect(list.json().items).toEqual([expect.objectContaining({ id: made.id, name: 'Zapier', scopes: ['read', 'write'], lastUsedAt: null, revokedAt: null })]);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(made.key) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ type: 'api_key', id: made.id, name: 'Zapier', scopes: ['read', 'write'], clinic: { timezone: 'Europe/Kyiv' } });

    const used = await t.app.inject({ method: 'GET', url: '/api/admin/api-keys', headers: { cookie: adminCookie } });
    expect(used.json().items[0].lastUsedAt).toBe('2026-12-07T08:00:00+02:00');
  });

  it('books as staff with a write key, and the timeline and the audit log name the key', async () => {
    const { id, key } = await makeKey('Booking form on partner site', ['read', 'write']);
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/admin/bookings',
      headers: bearer(key),
      payload: { specialistId, startsAt: '2026-12-07T10:00:00+02:00', name: 'Iryna Koval', email: 'iryna@example.com' },
    });
    expect(booked.statusCode, booked.body).toBe(201);

    const steps = await t.handle.db.selectFrom('timeline_events').select(['kind', 'actor_type', 'actor_id']).where('kind', '=', 'booking.created').execute();
    expect(steps).toContainEqual({ kind: 'booking.created', actor_type: 'api', actor_id: id });
    await t.app.close(); // audit entries are written once the response is out; closing waits for them
    const audit = await t.handle.db.selectFrom('audit_log').select(['actor_type', 'actor_id', 'actor_label', 'action']).where('actor_id', '=', id).execute();
    expect(audit).toContainEqual({ actor_type: 'api', actor_id: id, actor_label: 'API key "Booking form on partner site"', action: 'booking.create' });
  });
});

describe('what an API key may not do', () => {
  let t: TestApp;
  let adminCookie: string;
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  let readOnly: { id: string; key: string };

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    adminCookie = await t.staffCookie('admin');
    const made = await t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: { cookie: adminCookie }, payload: { name: 'Reports', scopes: ['read'] } });
    readOnly = made.json();
  });
  afterAll(async () => t?.close());

  it('a read-only key reads the staff API but cannot change anything', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/bookings', headers: bearer(readOnly.key) })).statusCode).toBe(200);
    const specialist = await aSpecialist(t.handle.db);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/admin/bookings',
      headers: bearer(readOnly.key),
      payload: { specialistId: specialist.id, startsAt: '2026-12-07T10:00:00+02:00', name: 'X', email: 'x@example.com' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toContain('"write" scope');
    expect(await t.handle.db.selectFrom('appointments').select('id').execute()).toEqual([]);
  });

  it('no key reaches what is for administrators or for a signed-in person', async () => {
    const { key } = (await t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: { cookie: adminCookie }, payload: { name: 'Everything', scopes: ['read', 'write'] } })).json();
    for (const [method, url] of [
      ['GET', '/api/admin/staff'],
      ['GET', '/api/admin/api-keys'],
      ['POST', '/api/admin/api-keys'],
      ['GET', '/api/admin/audit'],
      ['GET', '/api/auth/sessions'],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: bearer(key), payload: method === 'POST' ? { name: 'More', scopes: ['read'] } : undefined });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('a manager cannot make keys', async () => {
    const manager = await t.staffCookie('manager');
    const response = await t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: { cookie: manager }, payload: { name: 'Mine', scopes: ['read'] } });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a malformed, unknown or revoked key with 401 and says which', async () => {
    const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(malformed.statusCode).toBe(401);
    expect(malformed.json().error.message).toContain('Bearer');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer('cfk_not-a-key-anyone-made') });
    expect(unknown.statusCode).toBe(401);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/api-keys/${readOnly.id}`, headers: { cookie: adminCookie } })).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(readOnly.key) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.message).toContain('revoked');
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/api-keys', headers: { cookie: adminCookie } })).json();
    expect(list.items.find((item: { id: string }) => item.id === readOnly.id).revokedAt).toBe('2026-12-07T08:00:00+02:00');
  });

  it('refuses a key with no name or an unknown scope, naming the field', async () => {
    const noName = await t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: { cookie: adminCookie }, payload: { name: ' ', scopes: ['read'] } });
    expect(noName.statusCode).toBe(400);
    expect(JSON.stringify(noName.json())).toContain('name');
    const badScope = await t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: { cookie: adminCookie }, payload: { name: 'X', scopes: ['admin'] } });
    expect(badScope.statusCode).toBe(400);
    expect(JSON.stringify(badScope.json())).toContain('scopes');
  });
});

describe('clinicflow apikey', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
  });
  afterAll(async () => t?.close());

  it('creates a key that works, lists it, and revokes it', async () => {
    const lines: string[] = [];
    const out = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(`ERROR ${line}`) };
    // The command closes what it opens; lend it the test's database without letting it close it.
    const open = async () => ({ ...t.handle, close: async () => undefined });

    expect(await runApiKeyCommand(['create', '--name', 'Nightly export', '--scope', 'read'], open, out)).toBe(0);
    const key = lines.find((line) => line.startsWith('cfk_'))!;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}` } });
    expect(me.json()).toMatchObject({ name: 'Nightly export', scopes: ['read'] });

    lines.length = 0;
    expect(await runApiKeyCommand(['list'], open, out)).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Nightly export');
    expect(lines[0]).not.toContain(key);
    const id = lines[0]!.split(/\s+/)[0]!;

    expect(await runApiKeyCommand(['revoke', '--id', id], open, out)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
    expect(await runApiKeyCommand(['revoke', '--id', id.replace(/^./, id[0] === 'a' ? 'b' : 'a')], open, out)).toBe(1);
  });
});
