import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

describe('no double booking, ever', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-07T08:00:00+02:00', env: { BOOKING_RATE_LIMIT: '1000' } });
    admin = await t.staffCookie('manager');
  });
  afterAll(() => t.close());

  const activeCount = async (specialistId: string): Promise<number> => {
    const row = await t.handle.db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('specialist_id', '=', specialistId)
      .where('status', 'in', ['unconfirmed', 'confirmed', 'booked'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('50 visitors asking for one slot at once: exactly one gets it, the rest hear slot_taken', async () => {
    const specialist = await aSpecialist(t.handle.db);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: specialist.id, startsAt: '2026-12-08T11:00:00+02:00', ...aVisitor({ email: `v${i}@example.com` }) } }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(responses.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'slot_taken')).toBe(true);
    expect(await activeCount(specialist.id)).toBe(1);
  });

  it('50 staff bookings of overlapping but different times at once: exactly one survives', async () => {
    const specialist = await aSpecialist(t.handle.db, { consultationMinutes: 60 });
    // 10:00, 10:01, ... 10:49 — each overlaps every other one.
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/admin/bookings',
          headers: { cookie: admin },
          payload: { specialistId: specialist.id, startsAt: `2026-12-08T10:${String(i).padStart(2, '0')}:00+02:00`, name: `Walk-in ${i}`, email: `w${i}@example.com` },
        }),
      ),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(49);
    expect(await activeCount(specialist.id)).toBe(1);
  });

  it('the database itself refuses an overlap that skips the service, for inserts, moves and revived statuses', async () => {
    const specialist = await aSpecialist(t.handle.db);
    const contact = await t.handle.db.insertInto('contacts').values({ email: 'raw@example.com', name: 'Raw' }).returning('id').executeTakeFirstOrThrow();
    const insert = (start: string, end: string, status = 'booked') =>
      t.handle.db
        .insertInto('appointments')
        .values({ specialist_id: specialist.id, contact_id: contact.id, starts_at: new Date(start), ends_at: new Date(end), status, source: 'staff' })
        .returning('id')
        .executeTakeFirstOrThrow();

    const first = await insert('2026-12-09T09:00:00Z', '2026-12-09T10:00:00Z');
    await expect(insert('2026-12-09T09:30:00Z', '2026-12-09T10:30:00Z')).rejects.toMatchObject({ code: '23P01' });
    // Touching is not overlapping.
    const next = await insert('2026-12-09T10:00:00Z', '2026-12-09T10:30:00Z');
    await expect(
      t.handle.db.updateTable('appointments').set({ starts_at: new Date('2026-12-09T09:45:00Z') }).where('id', '=', next.id).execute(),
    ).rejects.toMatchObject({ code: '23P01' });
    // A cancelled appointment can overlap; bringing it back to an active status cannot.
    const cancelled = await insert('2026-12-09T09:15:00Z', '2026-12-09T09:45:00Z', 'cancelled');
    await expect(
      t.handle.db.updateTable('appointments').set({ status: 'booked' }).where('id', '=', cancelled.id).execute(),
    ).rejects.toMatchObject({ code: '23P01' });
    expect(first.id).toBeTruthy();
    const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM appointments WHERE specialist_id = ${specialist.id} AND status = 'booked'`.execute(t.handle.db);
    expect(Number(rows.rows[0]!.n)).toBe(2);
  });
});
