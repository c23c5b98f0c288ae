import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateContact } from '../contacts/contact-repository.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { createApiKey } from './api-keys.js';

// Monday 7 December 2026, 08:00 in Kyiv.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';
const CSV = { 'content-type': 'text/csv' };

describe('a manager brings the clinic’s old spreadsheet of patients into Clinicflow', () => {
  let t: TestApp;
  let manager: string;

  const send = (url: string, payload: string | Buffer, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: manager, ...CSV, ...headers }, payload });
  const contactCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM contacts`.execute(t.handle.db)).rows[0]!.n);
  const stepCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM timeline_events`.execute(t.handle.db)).rows[0]!.n);

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    manager = await t.staffCookie('manager');
    // Olena is already a contact: the import updates her.
    await findOrCreateContact(t.handle.db, { email: 'olena@example.com', name: 'Olena Petrenko', phone: null, locale: 'uk', now: t.clock.now() });
  });
  afterAll(async () => t?.close());

  // As Excel saves it in Ukraine: a byte-order mark, semicolons, CRLF, a quoted cell with a semicolon.
  const clean = [
    '\uFEFFІм’я;Телефон;Пошта;Мітки;Примітка',
    'Олена Петренко;+380 67 123 4567;Olena@Example.com;VIP;',
    'Тарас Шевченко;;taras@example.com;"коліно; спина";перший візит',
    'Ірина Коваль;050 765 43 21;iryna@example.com;;',
    ';;;;',
    'Андрій Бондар;;andriy@example.com;vip;',
  ].join('\r\n');

  it('previews the file: the columns it recognised, the first rows as read, and what an import would do', async () => {
    const preview = await send('/api/admin/contacts/import/preview', clean);
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.columns.map((c: { header: string }) => c.header)).toEqual(['Ім’я', 'Телефон', 'Пошта', 'Мітки', 'Примітка']);
    expect(body.suggested).toEqual({ name: 0, phone: 1, email: 2, tags: 3 });
    expect(body.mapping).toEqual(body.suggested);
    expect(body.rows[1]).toEqual({ row: 3, values: { name: 'Тарас Шевченко', phone: '', email: 'taras@example.com', tags: 'коліно; спина' } });
    expect(body.rows.map((r: { row: number }) => r.row)).toEqual([2, 3, 4, 6]);
    expect(body.problems).toEqual([]);
    expect(body.outcome).toEqual({ rows: 4, created: 3, updated: 1, unchanged: 0 });
    expect(await contactCount()).toBe(1);
  });

  it('imports it: three new contacts and Olena updated, each with a step on the timeline naming who imported', async () => {
    const before = await stepCount();
    const imported = await send('/api/admin/contacts/import', clean);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ rows: 4, created: 3, updated: 1, unchanged: 0 });

    const taras = await t.handle.db.selectFrom('contacts').select(['id', 'name', 'phone', 'locale']).where('email', '=', 'taras@example.com').executeTakeFirstOrThrow();
    expect(taras).toMatchObject({ name: 'Тарас Шевченко', phone: null, locale: 'uk' });
    const tags = await t.handle.db.selectFrom('contact_tags').select('tag').where('contact_id', '=', taras.id).orderBy('tag').execute();
    expect(tags.map((row) => row.tag)).toEqual(['коліно', 'спина']);
    const olena = await t.handle.db.selectFrom('contacts').select(['id', 'email', 'phone']).where('email', '=', 'olena@example.com').executeTakeFirstOrThrow();
    expect(olena.phone).toBe('+380 67 123 4567');

    const steps = await t.handle.db.selectFrom('timeline_events').select(['kind', 'actor_type', 'data']).where('id', '>', String(before)).orderBy('id').execute();
    expect(steps.map((s) => s.kind).sort()).toEqual(['contact.created', 'contact.created', 'contact.created', 'contact.updated']);
    expect(steps.every((s) => s.actor_type === 'staff' && (s.data as { source: string }).source === 'import')).toBe(true);

    // The same file again changes nothing and adds no step.
    const again = await send('/api/admin/contacts/import', clean);
    expect(again.json()).toEqual({ rows: 4, created: 0, updated: 0, unchanged: 4 });
    expect(await stepCount()).toBe(before + 4);
  });

  it('imports nothing from a file with two bad rows among good ones, and lists both rows', async () => {
    const contacts = await contactCount();
    const steps = await stepCount();
    const file = [
      'Name,E-mail,Phone,Language',
      'Good One,good.one@example.com,+380 67 000 0001,en',
      'Bad Address,not-an-address,,en',
      'Good Two,good.two@example.com,,uk',
      ',nameless.new@example.com,,',
      'Bad Phone,bad.phone@example.com,call me,de',
      'Good Three,good.three@example.com,,',
    ].join('\n');
    const refused = await send('/api/admin/contacts/import', file);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'invalid_rows' }, problemCount: 4, rowCount: 6 });
    expect(refused.json().problems).toEqual([
      { row: 3, field: 'email', column: 'E-mail', value: 'not-an-address', message: 'is not an e-mail address' },
      { row: 5, field: 'name', column: 'Name', value: '', message: 'is required for a new contact' },
      { row: 6, field: 'locale', column: 'Language', value: 'de', message: 'is not a language: use uk or en' },
      { row: 6, field: 'phone', column: 'Phone', value: 'call me', message: 'is not a phone number: digits, spaces and + ( ) - only, 5 to 40 of them' },
    ]);
    expect(await contactCount()).toBe(contacts);
    expect(await stepCount()).toBe(steps);

    // The preview lists the same problems and promises nothing.
    const preview = (await send('/api/admin/contacts/import/preview', file)).json();
    expect(preview.problems).toEqual(refused.json().problems);
    expect(preview.outcome).toBeNull();
  });

  it('refuses an address that appears twice, on the later row, rather than guessing which row is right', async () => {
    const file = 'email,name\nsame@example.com,First\nother@example.com,Other\nSAME@example.com,Second\n';
    const refused = await send('/api/admin/contacts/import', file);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().problems).toEqual([{ row: 4, field: 'email', column: 'email', value: 'SAME@example.com', message: 'appears again: row 2 has this address already' }]);
  });

  it('reads the columns the manager chose instead of the headers', async () => {
    const file = 'Колонка A,Колонка B,Колонка C\nchosen@example.com,Обрана Особа,en\n';
    // No header says e-mail: the preview shows the columns and rows by number, to choose from.
    const guessed = await send('/api/admin/contacts/import/preview', file);
    expect(guessed.statusCode, guessed.body).toBe(200);
    expect(guessed.json()).toMatchObject({
      suggested: {},
      mappingProblems: { email: 'choose the column that holds the e-mail address' },
      rows: [{ row: 2, values: { 0: 'chosen@example.com', 1: 'Обрана Особа', 2: 'en' } }],
      outcome: null,
    });
    const refused = await send('/api/admin/contacts/import', file);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ email: 'choose the column that holds the e-mail address' });

    const chosen = await send('/api/admin/contacts/import/preview?email=0&name=1&locale=2', file);
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().rows).toEqual([{ row: 2, values: { email: 'chosen@example.com', name: 'Обрана Особа', locale: 'en' } }]);
    expect((await send('/api/admin/contacts/import?email=0&name=0', file)).json().error.fields).toEqual({ name: 'column 0 is already chosen for email' });
    expect((await send('/api/admin/contacts/import?email=0&name=7', file)).json().error.fields).toEqual({ name: 'column 7 does not exist: the file has 3 (0 to 2)' });
    const imported = await send('/api/admin/contacts/import?email=0&name=1&locale=2', file);
    expect(imported.json()).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0 });
  });

  it('says plainly why a file cannot be read at all', async () => {
    // Saved by Excel in the Windows Cyrillic code page: "Ім'я" is not UTF-8.
    const cp1251 = Buffer.concat([Buffer.from([0xb2, 0xec, 0x27, 0xff]), Buffer.from(',email\nA,a@example.com\n')]);
    const notUtf8 = await send('/api/admin/contacts/import/preview', cp1251);
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.json().error.code).toBe('not_utf8');
    expect((await send('/api/admin/contacts/import', '')).json().error.code).toBe('empty_file');
    expect((await send('/api/admin/contacts/import', 'email,name\n')).json().error.code).toBe('empty_file');
    const unclosed = await send('/api/admin/contacts/import', 'email,name\n"a@example.com,A\n');
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().error.code).toBe('malformed_csv');
    const json = await t.app.inject({ method: 'POST', url: '/api/admin/contacts/import', headers: { cookie: manager }, payload: { email: 'a@example.com' } });
    expect(json.statusCode).toBe(415);
    const huge = await send('/api/admin/contacts/import', 'email\n', { 'content-length': String(51 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
  });

  it('refuses a file over 50 MB while it streams in, even without a length given', async () => {
    const row = `somebody@example.com,Somebody,${'x'.repeat(400)}\n`;
    const { Readable } = await import('node:stream');
    const chunks = function* (): Generator<string> {
      yield 'email,name,notes\n';
      for (let sent = 0; sent < 51 * 1024 * 1024; sent += row.length * 1000) yield row.repeat(1000);
    };
    const response = await t.app.inject({ method: 'POST', url: '/api/admin/contacts/import/preview', headers: { cookie: manager, ...CSV }, payload: Readable.from(chunks()) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('body_too_large');
  });

  it('lets an integration import with a write key, and not with a read-only one', async () => {
    const now = t.clock.now();
    const write = await createApiKey(t.handle.db, { name: 'Sync', scopes: ['read', 'write'], createdBy: null, now });
    const read = await createApiKey(t.handle.db, { name: 'Reports', scopes: ['read'], createdBy: null, now });
    const file = 'email,name\nfrom.sync@example.com,From Sync\n';
    const withRead = await t.app.inject({ method: 'POST', url: '/api/admin/contacts/import', headers: { authorization: `Bearer ${read.key}`, ...CSV }, payload: file });
    expect(withRead.statusCode).toBe(403);
    const withWrite = await t.app.inject({ method: 'POST', url: '/api/admin/contacts/import', headers: { authorization: `Bearer ${write.key}`, ...CSV }, payload: file });
    expect(withWrite.json()).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0 });
    const step = await t.handle.db
      .selectFrom('timeline_events as e')
      .innerJoin('contacts as c', 'c.id', 'e.contact_id')
      .select(['e.actor_type', 'e.actor_id'])
      .where('c.email', '=', 'from.sync@example.com')
      .executeTakeFirstOrThrow();
    expect(step).toEqual({ actor_type: 'api', actor_id: write.apiKey.id });
  });
});
