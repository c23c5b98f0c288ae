import { sql } from 'kysely';
import type { Db } from '../db/engine.js';
import { WEEKDAYS, type DateOverride, type WeeklySchedule, type WorkingInterval } from '../scheduling/schedule-types.js';

export interface Specialist {
  id: string;
  name: string;
  specialty: string;
  bio: string;
  photoUrl: string | null;
  consultationMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  active: boolean;
}

export type SpecialistFields = Omit<Specialist, 'id'>;

const columns = ['id', 'name', 'specialty', 'bio', 'photo_url', 'consultation_minutes', 'buffer_minutes', 'min_notice_minutes', 'horizon_days', 'active'] as const;

function toSpecialist(row: {
  id: string;
  name: string;
  specialty: string;
  bio: string;
  photo_url: string | null;
  consultation_minutes: number;
  buffer_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  active: boolean;
}): Specialist {
  return {
    id: row.id,
    name: row.name,
    specialty: row.specialty,
    bio: row.bio,
    photoUrl: row.photo_url,
    consultationMinutes: row.consultation_minutes,
    bufferMinutes: row.buffer_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    horizonDays: row.horizon_days,
    active: row.active,
  };
}

function toColumns(fields: Partial<SpecialistFields>) {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.specialty !== undefined ? { specialty: fields.specialty } : {}),
    ...(fields.bio !== undefined ? { bio: fields.bio } : {}),
    ...(fields.photoUrl !== undefined ? { photo_url: fields.photoUrl } : {}),
    ...(fields.consultationMinutes !== undefined ? { consultation_minutes: fields.consultationMinutes } : {}),
    ...(fields.bufferMinutes !== undefined ? { buffer_minutes: fields.bufferMinutes } : {}),
    ...(fields.minNoticeMinutes !== undefined ? { min_notice_minutes: fields.minNoticeMinutes } : {}),
    ...(fields.horizonDays !== undefined ? { horizon_days: fields.horizonDays } : {}),
    ...(fields.active !== undefined ? { active: fields.active } : {}),
  };
}

export async function listSpecialists(db: Db, options: { activeOnly: boolean }): Promise<Specialist[]> {
  let query = db.selectFrom('specialists').select(columns);
  if (options.activeOnly) query = query.where('active', '=', true);
  return (await query.orderBy('name').orderBy('id').execute()).map(toSpecialist);
}

export async function findSpecialist(db: Db, id: string): Promise<Specialist | null> {
  const row = await db.selectFrom('specialists').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toSpecialist(row) : null;
}

/**
 * Bookings of one specialist are made one at a time: the exclusion constraint alone refuses
 * overlaps, but the buffer around appointments and hold expiry need a stable view of the day.
 * A transaction-scoped advisory lock on the specialist's diary, released at commit or rollback.
 */
const diaryLock = (specialistId: string) => sql<unknown>`pg_advisory_xact_lock(hashtextextended(${`specialist:${specialistId}`}, 0))`;

/**
 * `findSpecialist` that also takes the lock on their diary (only when they exist), in the same
 * statement: a round trip less for every booking. The row is read as it was before the lock was
 * granted, which is fine: what the lock guards (the appointments) is read by later statements.
 */
export async function findSpecialistLockingDiary(db: Db, id: string): Promise<Specialist | null> {
  const row = await db.selectFrom('specialists').select(columns).select(diaryLock(id).as('diary_locked')).where('id', '=', id).executeTakeFirst();
  return row ? toSpecialist(row) : null;
}

export async function insertSpecialist(db: Db, fields: SpecialistFields): Promise<Specialist> {
  const row = await db
    .insertInto('specialists')
    .values({ ...toColumns(fields), name: fields.name, specialty: fields.specialty, consultation_minutes: fields.consultationMinutes, photo_url: fields.photoUrl })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toSpecialist(row);
}

export async function updateSpecialist(db: Db, id: string, fields: Partial<SpecialistFields>, now: Date): Promise<Specialist | null> {
  const row = await db
    .updateTable('specialists')
    .set({ ...toColumns(fields), updated_at: now })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row ? toSpecialist(row) : null;
}

const hhmm = (time: string): string => time.slice(0, 5);

export async function loadWeeklySchedule(db: Db, specialistId: string): Promise<WeeklySchedule> {
  const rows = await db
    .selectFrom('specialist_working_hours')
    .select(['weekday', 'starts_at', 'ends_at'])
    .where('specialist_id', '=', specialistId)
    .orderBy('weekday')
    .orderBy('starts_at')
    .execute();
  return weeklyScheduleOf(rows);
}

/** Every specialist's week, by specialist id, in one read (a specialist with no hours has none here). */
export async function loadWeeklySchedules(db: Db): Promise<Map<string, WeeklySchedule>> {
  const rows = await db.selectFrom('specialist_working_hours').select(['specialist_id', 'weekday', 'starts_at', 'ends_at']).orderBy('weekday').orderBy('starts_at').execute();
  const bySpecialist = new Map<string, typeof rows>();
  for (const row of rows) {
    const own = bySpecialist.get(row.specialist_id);
    if (own) own.push(row);
    else bySpecialist.set(row.specialist_id, [row]);
  }
  return new Map([...bySpecialist].map(([id, own]) => [id, weeklyScheduleOf(own)]));
}

/** The week from its rows (weekday 1 = Monday, times as 'HH:MM:SS'), in the order given. */
export function weeklyScheduleOf(rows: ReadonlyArray<{ weekday: number; starts_at: string; ends_at: string }>): WeeklySchedule {
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, [] as WorkingInterval[]])) as WeeklySchedule;
  for (const row of rows) {
    const day = WEEKDAYS[row.weekday - 1];
    if (day) weekly[day].push({ start: hhmm(row.starts_at), end: hhmm(row.ends_at) });
  }
  return weekly;
}

export function dateOverrideOf(row: { first_day: string; last_day: string; intervals: unknown }): DateOverride {
  return {
    date: row.first_day,
    ...(row.last_day !== row.first_day ? { until: row.last_day } : {}),
    intervals: row.intervals as WorkingInterval[],
  };
}

/** Overrides that touch [from, to]; all of them when no range is given. */
export async function loadDateOverrides(db: Db, specialistId: string, range?: { from: string; to: string }): Promise<DateOverride[]> {
  let query = db
    .selectFrom('specialist_date_overrides')
    .select(['first_day', 'last_day', 'intervals'])
    .where('specialist_id', '=', specialistId);
  if (range) query = query.where('last_day', '>=', range.from).where('first_day', '<=', range.to);
  const rows = await query.orderBy('first_day').execute();
  return rows.map(dateOverrideOf);
}

export async function replaceSchedule(db: Db, specialistId: string, weekly: WeeklySchedule, overrides: DateOverride[]): Promise<void> {
  await db.deleteFrom('specialist_working_hours').where('specialist_id', '=', specialistId).execute();
  const hours = WEEKDAYS.flatMap((day, index) =>
    weekly[day].map((interval) => ({ specialist_id: specialistId, weekday: index + 1, starts_at: interval.start, ends_at: interval.end })),
  );
  if (hours.length > 0) await db.insertInto('specialist_working_hours').values(hours).execute();
  await db.deleteFrom('specialist_date_overrides').where('specialist_id', '=', specialistId).execute();
  if (overrides.length > 0) {
    await db
      .insertInto('specialist_date_overrides')
      .values(
        overrides.map((override) => ({
          specialist_id: specialistId,
          first_day: override.date,
          last_day: override.until ?? override.date,
          intervals: JSON.stringify(override.intervals),
        })),
      )
      .execute();
  }
}
