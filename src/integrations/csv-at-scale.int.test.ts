import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

// A clinic moving over from another system: 100,000 patients in one file, and years of
// appointments to take out again. No timing is asserted (bench/csv.bench.ts measures); the
// generous timeouts only stop a hung run.
const ROWS = 100_000;
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

/** The file, made row by row as the upload reads it: never held whole in the test either. */
function patientsFile(): Readable {
  return Readable.from(
    (function* () {
      yield '\uFEFFІм’я,Пошта,Телефон,Мова,Мітки\r\n';
      for (let start = 0; start < ROWS; start += 1000) {
        const lines: string[] = [];
        for (let i = start; i < start + 1000; i += 1) lines.push(`Пацієнт ${i},patient${i}@example.com,+380 67 ${String(i).padStart(7, '0')},${i % 3 === 0 ? 'en' : 'uk'},${i % 10 === 0 ? 'vip' : ''}\r\n`);
        yield lines.join('');
      }
    })(),
  );
}

describe('a clinic moving 100,000 patients over', () => {
  let t: TestApp;
  let manager: string;
  const count = async (query: ReturnType<typeof sql<{ n: string }>>): Promise<number> => Number((await query.execute(t.handle.db)).rows[0]!.n);

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    manager = await t.staffCookie('manager');
  });
  afterAll(async () => t?.close());

  it('imports all 100,000 rows in one go, each contact with its contact.created step', { timeout: 600_000 }, async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/admin/contacts/import', headers: { cookie: manager, 'content-type': 'text/csv' }, payload: patientsFile() });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.json()).toEqual({ rows: ROWS, created: ROWS, updated: 0, unchanged: 0 });
    expect(await count(sql`SELECT count(*) AS n FROM contacts WHERE email LIKE 'patient%@example.com'`)).toBe(ROWS);
    expect(await count(sql`SELECT count(*) AS n FROM timeline_events WHERE kind = 'contact.created'`)).toBe(ROWS);
    expect(await count(sql`SELECT count(*) AS n FROM contact_tags WHERE tag = 'vip'`)).toBe(ROWS / 10);
    const one = await t.handle.db.selectFrom('contacts').select(['name', 'phone', 'locale']).where('email', '=', 'patient99999@example.com').executeTakeFirstOrThrow();
    expect(one).toEqual({ name: 'Пацієнт 99999', phone: '+380 67 0099999', locale: 'en' });
  });

  it('exports the 100,000 contacts as a CSV that parses back row for row', { timeout: 600_000 }, async () => {
    const response = await t.app.inject({ url: '/api/admin/contacts/export.csv', headers: { cookie: manager } });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(response.rawPayload, { bom: true }) as string[][];
    expect(rows).toHaveLength(ROWS + 1);
    expect(new Set(rows.slice(1).map((row) => row[2])).size).toBe(ROWS);
  });

  it('exports 100,000 appointments in start order, each time with its offset', { timeout: 600_000 }, async () => {
    // Seeded by the database itself: a visit every 30 minutes from 8 December 2026 on, about
    // five and a half years, so the file crosses every change of the clocks in between.
    const specialist = await aSpecialist(t.handle.db, { name: 'Dr. Koval' });
    await sql`
      INSERT INTO appointments (specialist_id, contact_id, starts_at, ends_at, status, source, locale, time_set_at, created_at, updated_at)
      SELECT ${specialist.id}, c.id, start, start + interval '30 minutes', 'booked', 'staff', 'uk', ${t.clock.now()}, ${t.clock.now()}, ${t.clock.now()}
        FROM (SELECT id, row_number() OVER (ORDER BY email) - 1 AS i FROM contacts WHERE email LIKE 'patient%@example.com') AS c,
             LATERAL (SELECT timestamptz '2026-12-08 08:00:00+00' + c.i * interval '30 minutes' AS start) AS s`.execute(t.handle.db);

    const response = await t.app.inject({ url: `/api/admin/bookings/export.csv?specialistId=${specialist.id}&lang=en`, headers: { cookie: manager } });
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = parse(response.rawPayload, { bom: true }) as string[][];
    expect(header![4]).toBe('Starts at (with offset)');
    expect(rows).toHaveLength(ROWS);
    const starts = rows.map((row) => row[4]!);
    expect(starts[0]).toBe('2026-12-08T10:00:00+02:00');
    expect(starts.every((start, i) => i === 0 || Date.parse(start) - Date.parse(starts[i - 1]!) === 30 * 60_000)).toBe(true);
    expect(starts).toContain('2027-07-01T12:00:00+03:00');
    expect(new Set(starts.map((start) => start.slice(-6)))).toEqual(new Set(['+02:00', '+03:00']));
  });
});
