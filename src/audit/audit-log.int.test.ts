import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startClientSession } from '../accounts/sessions.js';
import { findOrCreateContact, type Contact } from '../contacts/contact-repository.js';
import { openServerDatabase } from '../db/engine.js';
import { usingServer } from '../test/test-database.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import type { ChainedAuditEntry } from './audit-chain.js';
import { listAudit, recordAudit, verifyAuditChain } from './audit-log.js';
import type { AuditFilter } from './audit-repository.js';

// Monday 7 December 2026, 09:00 in Kyiv.
const MONDAY = '2026-12-07T09:00:00+02:00';
const FRONT_DESK_IP = '203.0.113.7';

let contactCount = 0;
async function aContact(t: TestApp, name = 'Olena Petrenko'): Promise<Contact> {
  contactCount += 1;
  const { contact } = await findOrCreateContact(t.handle.db, { email: `patient${contactCount}@example.com`, name, phone: '+380 67 123 4567', locale: 'uk', now: t.clock.now() });
  return contact;
}

async function staffIdOf(t: TestApp, cookie: string): Promise<string> {
  return (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().id as string;
}

/** Entries are written just after the response goes out: wait until `count` of them are there. */
async function entriesOnceThere(t: TestApp, filter: AuditFilter, count: number): Promise<ChainedAuditEntry[]> {
  return vi.waitFor(
    async () => {
      const { items } = await listAudit(t.handle.db, filter, { beforeId: null, limit: 500 });
      expect(items).toHaveLength(count);
      return items;
    },
    { timeout: 15_000, interval: 25 },
  );
}

describe('the audit log', () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let managerId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY });
    admin = await t.staffCookie('admin');
    manager = await t.staffCookie('manager', 'iryna@clinic.test');
    managerId = await staffIdOf(t, manager);
  });
  afterAll(() => t.close());

  it('a manager opens Olena’s record, corrects it and searches bookings: three entries say who, what, which record and from where', async () => {
    const olena = await aContact(t);
    const asManager = { headers: { cookie: manager }, remoteAddress: FRONT_DESK_IP };

    expect((await t.app.inject({ ...asManager, url: `/api/admin/contacts/${olena.id}` })).statusCode).toBe(200);
    const edit = await t.app.inject({ ...asManager, method: 'PATCH', url: `/api/admin/contacts/${olena.id}`, payload: { phone: '+380 50 765 4321', notes: 'Allergic to penicillin' } });
    expect(edit.statusCode).toBe(200);
    expect((await t.app.inject({ ...asManager, url: '/api/admin/bookings?q=Petrenko&status=booked,confirmed&limit=20' })).statusCode).toBe(200);

    // Each entry is written just after its response, so two requests moments apart may be
    // entered in either order: find them by action, not by position.
    const [update] = await entriesOnceThere(t, { actorId: managerId, action: 'contact.update' }, 1);
    const [read] = await entriesOnceThere(t, { actorId: managerId, action: 'contact.read' }, 1);
    const [search] = await entriesOnceThere(t, { actorId: managerId, action: 'bookings' }, 1);
    const byManager = { actorType: 'staff', actorId: managerId, actorLabel: 'iryna@clinic.test', ip: FRONT_DESK_IP };
    expect(read).toMatchObject({ ...byManager, action: 'contact.read', recordType: 'contact', recordId: olena.id, details: { method: 'GET', route: '/api/admin/contacts/:id', status: 200 } });
    expect(update).toMatchObject({ ...byManager, action: 'contact.update', recordType: 'contact', recordId: olena.id, details: { method: 'PATCH', route: '/api/admin/contacts/:id', status: 200 } });
    expect(search).toMatchObject({
      ...byManager,
      action: 'bookings.list',
      recordType: 'booking',
      recordId: null,
      details: { method: 'GET', route: '/api/admin/bookings', status: 200, query: { q: 'Petrenko', status: 'booked,confirmed', limit: 20 } },
    });
    expect(read!.at).toEqual(new Date(MONDAY));
    // The request body is personal data: neither the new phone nor the notes are on the record.
    const stored = JSON.stringify([read, update, search]);
    expect(stored).not.toContain('penicillin');
    expect(stored).not.toContain('765 4321');
    expect(stored).not.toContain(olena.email);
  });

  it('an admin finds entries by action, by record, by person and by day, a page at a time', async () => {
    const taras = await aContact(t, 'Taras Koval');
    const maria = await aContact(t, 'Maria Shevchenko');
    const reception = await t.staffCookie('manager', 'reception@clinic.test');
    const receptionId = await staffIdOf(t, reception);
    await t.app.inject({ url: `/api/admin/contacts/${taras.id}`, headers: { cookie: reception } });
    await t.app.inject({ url: `/api/admin/contacts/${maria.id}`, headers: { cookie: reception } });
    await t.app.inject({ method: 'PATCH', url: `/api/admin/contacts/${taras.id}`, headers: { cookie: reception }, payload: { name: 'Taras Koval Jr.' } });
    await entriesOnceThere(t, { actorId: receptionId, action: 'contact' }, 3);

    const audit = async (query: string) => {
      const response = await t.app.inject({ url: `/api/admin/audit?${query}`, headers: { cookie: admin } });
      expect(response.statusCode).toBe(200);
      return response.json() as { items: Array<{ id: string; action: string; recordId: string | null; actor: { id: string; label: string }; at: string }>; nextCursor: string | null };
    };

    const updates = await audit(`action=contact.update&recordId=${taras.id}`);
    expect(updates.items).toHaveLength(1);
    expect(updates.items[0]).toMatchObject({ action: 'contact.update', recordId: taras.id, actor: { type: 'staff', id: receptionId, label: 'reception@clinic.test' }, at: '2026-12-07T09:00:00+02:00' });

    expect((await audit(`recordType=contact&recordId=${maria.id}`)).items.map((e) => e.action)).toEqual(['contact.read']);
    const byReception = (await audit(`actorId=${receptionId}&action=contact`)).items;
    expect(byReception.map((e) => `${e.action} ${e.recordId}`).sort()).toEqual([`contact.read ${maria.id}`, `contact.read ${taras.id}`, `contact.update ${taras.id}`].sort());
    expect(byReception.map((e) => BigInt(e.id))).toEqual(byReception.map((e) => BigInt(e.id)).sort((a, b) => (a > b ? -1 : 1)));
    // A prefix must end at a dot: `contact` is not `contacts.list`.
    expect((await audit('action=contact')).items.every((e) => e.action.startsWith('contact.'))).toBe(true);
    expect((await audit(`actorId=${receptionId}&action=staff.login`)).items).toHaveLength(1);

    expect((await audit(`actorId=${receptionId}&from=2026-12-07&to=2026-12-07`)).items).toHaveLength(4);
    expect((await audit(`actorId=${receptionId}&to=2026-12-06`)).items).toHaveLength(0);
    expect((await audit(`actorId=${receptionId}&from=2026-12-07T07:00:00Z&to=2026-12-07T07:00:00.001Z`)).items).toHaveLength(4);

    const first = await audit(`actorId=${receptionId}&limit=3`);
    expect(first.items).toHaveLength(3);
    const second = await audit(`actorId=${receptionId}&limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(BigInt(second.items[0]!.id)).toBeLessThan(BigInt(first.items[2]!.id));
    expect([...first.items, ...second.items].map((e) => e.action).sort()).toEqual(['contact.read', 'contact.read', 'contact.update', 'staff.login']);

    const wrong = await t.app.inject({ url: '/api/admin/audit?from=yesterday', headers: { cookie: admin } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_input', fields: { from: expect.any(String) } });
    expect((await t.app.inject({ url: '/api/admin/audit?cursor=bm9wZQ', headers: { cookie: admin } })).statusCode).toBe(400);

    // Reading the audit log is itself on the record.
    const adminId = await staffIdOf(t, admin);
    const lookedAt = await entriesOnceThere(t, { actorId: adminId, action: 'audit.list' }, 10);
    expect(lookedAt.map((e) => e.details)).toContainEqual({ method: 'GET', route: '/api/admin/audit', status: 200, query: { actorId: receptionId, limit: 3, cursor: first.nextCursor } });
  });

  it('a manager may not read the audit log, and nobody signed out may either', async () => {
    const refused = await t.app.inject({ url: '/api/admin/audit', headers: { cookie: manager } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect((await t.app.inject({ url: '/api/admin/audit/verify', headers: { cookie: manager } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/admin/audit' })).statusCode).toBe(401);

    // The refusals are on the record under the manager's name; the signed-out attempt is not (no one to name).
    const managerId = await staffIdOf(t, manager);
    const denied = await entriesOnceThere(t, { action: 'access.denied', actorId: managerId }, 2);
    expect(denied.map((entry) => entry.details)).toEqual([
      { method: 'GET', route: '/api/admin/audit/verify', status: 403, attempted: 'audit.verify' },
      { method: 'GET', route: '/api/admin/audit', status: 403, attempted: 'audit.list' },
    ]);
  });

  it('records sign-ins and failed attempts with the e-mail tried, and never a password or a session token', async () => {
    const login = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: '198.51.100.23' });
    expect((await login('iryna@clinic.test', 'Wrong-Secret-1')).statusCode).toBe(401);
    expect((await login('nobody@clinic.test', 'Wrong-Secret-2')).statusCode).toBe(401);
    const ok = await login('iryna@clinic.test', 'correct horse battery');
    expect(ok.statusCode).toBe(200);
    const token = ok.cookies.find((c) => c.name === 'cf_session')!.value;

    const failed = await entriesOnceThere(t, { action: 'staff.login_failed' }, 2);
    expect(failed.map((e) => [e.actorLabel, e.actorId, e.ip, e.details.status]).sort()).toEqual([
      ['iryna@clinic.test', managerId, '198.51.100.23', 401],
      ['nobody@clinic.test', null, '198.51.100.23', 401],
    ]);
    const signedIn = await entriesOnceThere(t, { actorId: managerId, action: 'staff.login' }, 2);
    expect(signedIn.find((e) => e.ip === '198.51.100.23')).toMatchObject({ action: 'staff.login', actorType: 'staff', actorLabel: 'iryna@clinic.test', recordType: 'staff_user', recordId: managerId, ip: '198.51.100.23' });

    const everything = JSON.stringify((await listAudit(t.handle.db, {}, { beforeId: null, limit: 500 })).items);
    for (const secret of ['Wrong-Secret-1', 'Wrong-Secret-2', 'correct horse battery', token]) expect(everything).not.toContain(secret);
  });

  it('a client downloads their data and asks for erasure; once erased, the entries about them stay', async () => {
    const oksana = await aContact(t, 'Oksana Melnyk');
    const token = await startClientSession(t.handle.db, { contactId: oksana.id, ip: null, userAgent: null, now: t.clock.now() });
    const asClient = { headers: { cookie: `cf_session=${token}` }, remoteAddress: '192.0.2.44' };
    expect((await t.app.inject({ ...asClient, url: '/api/me/export' })).statusCode).toBe(200);
    const asked = await t.app.inject({ ...asClient, method: 'POST', url: '/api/me/erasure-request', payload: { reason: 'Moving abroad' } });
    expect(asked.statusCode).toBe(202);

    const own = await entriesOnceThere(t, { actorId: oksana.id }, 2);
    expect(own.map((e) => [e.action, e.actorType, e.actorLabel, e.recordType, e.recordId, e.ip]).sort()).toEqual([
      ['contact.erasure_request', 'client', '', 'contact', oksana.id, '192.0.2.44'],
      ['contact.export', 'client', '', 'contact', oksana.id, '192.0.2.44'],
    ]);
    expect(JSON.stringify(own)).not.toContain('Moving abroad');

    await t.app.inject({ url: `/api/admin/contacts/${oksana.id}`, headers: { cookie: manager } });
    const done = await t.app.inject({ method: 'POST', url: `/api/admin/erasure-requests/${asked.json().id}/complete`, headers: { cookie: admin }, payload: {} });
    expect(done.statusCode).toBe(200);
    await entriesOnceThere(t, { recordType: 'erasure_request', recordId: asked.json().id }, 1);
    const aboutHer = await entriesOnceThere(t, { recordType: 'contact', recordId: oksana.id }, 3);
    expect(aboutHer.map((e) => e.action).sort()).toEqual(['contact.erasure_request', 'contact.export', 'contact.read']);
    expect(JSON.stringify(aboutHer)).not.toContain(oksana.email);
  });

  it('50 staff requests at once leave one unbroken chain', async () => {
    const contacts = await Promise.all(Array.from({ length: 5 }, () => aContact(t)));
    const cookies = [manager, admin, await t.staffCookie('manager'), await t.staffCookie('manager')];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.app.inject({ url: `/api/admin/contacts/${contacts[i % 5]!.id}`, headers: { cookie: cookies[i % 4]! } })),
    );
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    for (const contact of contacts) await entriesOnceThere(t, { action: 'contact.read', recordId: contact.id }, 10);
    const verdict = await verifyAuditChain(t.handle.db);
    expect(verdict).toMatchObject({ ok: true, count: expect.any(Number) });
    const ids = (await listAudit(t.handle.db, {}, { beforeId: null, limit: 500 })).items.map((e) => Number(e.id)).reverse();
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));

    const verify = await t.app.inject({ url: '/api/admin/audit/verify', headers: { cookie: admin } });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ ok: true, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verify.json().count).toBeGreaterThanOrEqual(verdict.count);
    await entriesOnceThere(t, { action: 'audit.verify', recordType: 'audit_log' }, 1);
  });

  it('writers on separate connection pools, as separate processes would be, still chain one at a time', async () => {
    // On a server a second pool is a second process as far as PostgreSQL can tell; the embedded
    // engine belongs to one process, so there the second writer shares its connection.
    let other = t.handle;
    if (usingServer()) {
      const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(t.handle.db);
      other = openServerDatabase({ url: process.env.TEST_DATABASE_URL!, schema: rows[0]!.schema, max: 10 });
    }
    try {
      const before = await verifyAuditChain(t.handle.db);
      const entry = (i: number) => ({
        at: t.clock.now(),
        actor: { type: 'system' as const, id: null, label: `writer ${i % 2}` },
        action: 'test.concurrent_write',
        recordType: 'test',
        recordId: String(i),
        ip: null,
        details: { i },
      });
      const written = await Promise.all(Array.from({ length: 100 }, (_, i) => recordAudit((i % 2 === 0 ? t.handle : other).db, entry(i))));
      const ids = written.map((e) => BigInt(e.id)).sort((a, b) => (a < b ? -1 : 1));
      expect(new Set(ids).size).toBe(100);
      expect(ids[99]! - ids[0]!).toBe(99n);
      const after = await verifyAuditChain(t.handle.db);
      expect(after.ok).toBe(true);
      expect(after.count).toBeGreaterThanOrEqual(before.count + 100);
    } finally {
      if (other !== t.handle) await other.close();
    }
  });

  it('refuses to change, remove or truncate an entry, even for the erasure of a contact', async () => {
    const [latest] = (await listAudit(t.handle.db, {}, { beforeId: null, limit: 1 })).items;
    const db = t.handle.db;
    await expect(sql`UPDATE audit_log SET actor_label = 'nobody' WHERE id = ${latest!.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${latest!.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`SET LOCAL clinicflow.erasure = 'on'`.execute(trx);
        await sql`DELETE FROM audit_log WHERE id = ${latest!.id}`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    // Nor can an entry be slipped in that does not extend the chain.
    await expect(
      sql`INSERT INTO audit_log (id, at, actor_type, action, record_type, prev_hash, hash)
          VALUES (${String(BigInt(latest!.id) + 5n)}, now(), 'system', 'test.forged', 'test', ${latest!.hash}, ${'a'.repeat(64)})`.execute(db),
    ).rejects.toThrow(/does not extend the chain/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('when the audit log cannot be written', () => {
  let t: TestApp;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY });
    manager = await t.staffCookie('manager', 'iryna@clinic.test');
  });
  afterAll(() => t.close());

  it('a client’s record and the contacts export are withheld; a change still goes through; once the log is back, a read is on it before its answer arrives', async () => {
    const olena = await aContact(t, 'Olena Kovalenko');
    const asManager = { headers: { cookie: manager } };
    await sql`ALTER TABLE audit_log RENAME TO audit_log_unreachable`.execute(t.handle.db);
    try {
      const read = await t.app.inject({ ...asManager, url: `/api/admin/contacts/${olena.id}` });
      expect(read.statusCode).toBe(503);
      expect(read.json().error.code).toBe('audit_unavailable');
      expect(read.body).not.toContain('Kovalenko');
      expect(read.body).not.toContain(olena.email);

      const exported = await t.app.inject({ ...asManager, url: '/api/admin/contacts/export.csv' });
      expect(exported.statusCode).toBe(503);
      expect(exported.body).not.toContain(olena.email);

      const edit = await t.app.inject({ ...asManager, method: 'PATCH', url: `/api/admin/contacts/${olena.id}`, payload: { phone: '+380 50 765 4321' } });
      expect(edit.statusCode).toBe(200);
    } finally {
      await sql`ALTER TABLE audit_log_unreachable RENAME TO audit_log`.execute(t.handle.db);
    }

    const again = await t.app.inject({ ...asManager, url: `/api/admin/contacts/${olena.id}` });
    expect(again.statusCode).toBe(200);
    expect(again.json().phone).toBe('+380 50 765 4321');
    const { items } = await listAudit(t.handle.db, { action: 'contact.read', recordId: olena.id }, { beforeId: null, limit: 10 });
    expect(items).toHaveLength(1);
    await expect(verifyAuditChain(t.handle.db)).resolves.toMatchObject({ ok: true });
  });
});
