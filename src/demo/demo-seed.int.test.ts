import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReviews, listAwards, findClinic } from '../clinic/clinic-repository.js';
import { domainEvents } from '../contacts/timeline.js';
import type { DatabaseHandle } from '../db/engine.js';
import { loadAvailability } from '../scheduling/availability.js';
import type { BookingSettings } from '../scheduling/booking-service.js';
import { freeSlots, localDateOf } from '../scheduling/free-slots.js';
import { listSpecialists, loadDateOverrides, loadWeeklySchedule } from '../specialists/specialist-repository.js';
import { openTestDatabase } from '../test/test-database.js';
import { databaseIsEmpty, seedDemoData } from './demo-seed.js';

const TZ = 'Europe/Kyiv';
const settings: BookingSettings = { timezone: TZ, holdMinutes: 60, clientChangeCutoffHours: 5 };

const plusDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function seeded(now: Date): Promise<DatabaseHandle> {
  const handle = await openTestDatabase();
  expect(await databaseIsEmpty(handle.db)).toBe(true);
  await seedDemoData({ db: handle.db, events: domainEvents(), booking: settings }, { now });
  return handle;
}

async function slotsInComingWeek(handle: DatabaseHandle, now: Date): Promise<Map<string, number>> {
  const today = localDateOf(now, TZ);
  const range = { from: today, to: plusDays(today, 6) };
  const counts = new Map<string, number>();
  for (const specialist of await listSpecialists(handle.db, { activeOnly: true })) {
    const availability = await loadAvailability(handle.db, { specialist, ...range, timezone: TZ, now });
    counts.set(specialist.specialty, freeSlots({ ...availability, ...range }).length);
  }
  return counts;
}

describe('the demo clinic, loaded on a Monday morning in December', () => {
  const now = new Date('2026-12-07T08:00:00+02:00');
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await seeded(now);
  });
  afterAll(async () => handle?.close());

  it('has a Kyiv clinic profile with opening hours and awards', async () => {
    expect(await databaseIsEmpty(handle.db)).toBe(false);
    const clinic = await findClinic(handle.db);
    expect(clinic?.name).toBe('Клініка «Здоров’я»');
    expect(clinic?.address).toContain('Київ');
    expect(clinic?.phone).toMatch(/^\+380 44 /);
    expect(clinic?.openingHours.monday).toEqual([{ start: '08:00', end: '20:00' }]);
    expect(clinic?.openingHours.saturday).toEqual([{ start: '09:00', end: '15:00' }]);
    expect(clinic?.openingHours.sunday).toEqual([]);
    const awards = await listAwards(handle.db);
    expect(awards.length).toBeGreaterThanOrEqual(3);
    expect(awards[0]?.year).toBe(2025);
  });

  it('has at least six active specialists of different specialties, each with a week that has a lunch break', async () => {
    const specialists = await listSpecialists(handle.db, { activeOnly: true });
    expect(specialists.length).toBeGreaterThanOrEqual(6);
    expect(new Set(specialists.map((s) => s.specialty)).size).toBe(specialists.length);
    expect(new Set(specialists.map((s) => s.consultationMinutes)).size).toBeGreaterThan(2);
    for (const specialist of specialists) {
      const weekly = await loadWeeklySchedule(handle.db, specialist.id);
      const workingDays = Object.values(weekly).filter((intervals) => intervals.length > 0);
      expect(workingDays.length, specialist.name).toBeGreaterThanOrEqual(3);
      expect(workingDays.every((intervals) => intervals.length === 2), specialist.name).toBe(true);
    }
  });

  it('gives one specialist a vacation and another different hours on one date, both in the coming weeks', async () => {
    const overrides = await Promise.all(
      (await listSpecialists(handle.db, { activeOnly: true })).map((s) => loadDateOverrides(handle.db, s.id)),
    );
    const all = overrides.flat();
    const vacation = all.find((o) => o.until !== undefined && o.intervals.length === 0);
    const shift = all.find((o) => o.until === undefined && o.intervals.length > 0);
    expect(vacation?.date).toBe('2026-12-21');
    expect(vacation?.until).toBe('2026-12-27');
    expect(shift?.date).toBe('2026-12-11');
  });

  it('shows published reviews and keeps a couple back for moderation', async () => {
    const published = await listReviews(handle.db, { published: true });
    const hidden = await listReviews(handle.db, { published: false });
    expect(published.length).toBeGreaterThanOrEqual(6);
    expect(hidden.length).toBeGreaterThanOrEqual(1);
    expect(published.every((r) => r.rating >= 3 && r.rating <= 5 && r.reviewedOn <= '2026-12-07')).toBe(true);
  });

  it('has a fortnight of appointments either side of today, in every status a clinic sees', async () => {
    const rows = await handle.db.selectFrom('appointments').select(['status', 'starts_at', 'source']).execute();
    const statuses = new Set(rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['booked', 'cancelled', 'completed', 'confirmed', 'no_show']);
    expect(rows.filter((r) => r.source === 'site' && r.status === 'confirmed')).toHaveLength(2);
    const contacts = await handle.db.selectFrom('contacts').select(['id', 'lifecycle']).execute();
    expect(contacts.length).toBe(8);
    expect(contacts.filter((c) => c.lifecycle === 'client').length).toBeGreaterThanOrEqual(1);
    const starts = rows.map((r) => r.starts_at.getTime());
    expect(Math.min(...starts)).toBeLessThan(now.getTime() - 10 * 86_400_000);
    expect(Math.max(...starts)).toBeGreaterThan(now.getTime() + 7 * 86_400_000);
    expect(Math.max(...starts)).toBeLessThan(now.getTime() + 21 * 86_400_000);
    // Every booking is on the timeline, and the timelines read forward in time.
    const events = await handle.db.selectFrom('timeline_events').select(['id', 'contact_id', 'kind', 'occurred_at']).orderBy('id').execute();
    expect(events.filter((e) => e.kind === 'booking.created')).toHaveLength(rows.length);
    const times = events.map((e) => e.occurred_at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
  });

  it('offers free slots in the coming week for every specialist', async () => {
    const counts = await slotsInComingWeek(handle, now);
    expect(counts.size).toBeGreaterThanOrEqual(6);
    for (const [specialty, count] of counts) expect(count, specialty).toBeGreaterThan(0);
  });

  it('is loaded only into an empty database', async () => {
    await expect(seedDemoData({ db: handle.db, events: domainEvents(), booking: settings }, { now })).rejects.toThrow(/empty database/);
  });
});

describe('the demo clinic, loaded on the evening before the clocks go forward', () => {
  // Kyiv moves to summer time at 03:00 on Sunday 29 March 2026.
  const now = new Date('2026-03-28T21:30:00+02:00');
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await seeded(now);
  });
  afterAll(async () => handle?.close());

  it('still offers every specialist free slots in the coming week', async () => {
    const counts = await slotsInComingWeek(handle, now);
    for (const [specialty, count] of counts) expect(count, specialty).toBeGreaterThan(0);
  });

  it('puts the visits on the specialists’ local hours on both sides of the change', async () => {
    const rows = await handle.db.selectFrom('appointments').select(['starts_at']).execute();
    for (const row of rows) {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(row.starts_at);
      expect(local >= '08:00' && local < '20:00', local).toBe(true);
    }
  });
});
