import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../db/engine.js';
import { dateOverrideOf, weeklyScheduleOf } from '../specialists/specialist-repository.js';
import { ACTIVE_STATUSES } from './appointment-states.js';
import type { BusyTime, DateOverride, WeeklySchedule } from './schedule-types.js';

// Written into the statement, not bound: the partial indexes (the no-overlap constraint's, the
// holds') name these statuses, and a plan made once for every value (a prepared statement's
// generic plan) can use them only when the statement names the same ones.
const ACTIVE_LITERALS = ACTIVE_STATUSES.map((status) => sql.lit(status));

/**
 * A specialist's week, the overrides that touch [firstDay, lastDay] and the time taken in
 * [from, to), and whether any unconfirmed hold of theirs has run out (`excludeId`, the appointment
 * being moved, counts for neither), in one statement: separate
 * reads cost a round trip each on a server and a call into the embedded engine each, with a floor
 * of ~0.35 ms (bench/README.md, booking-statements).
 *
 * Taken time is every active appointment, except unconfirmed holds that have run out (they free
 * their slot even before the sweeper marks them expired). Instants travel as epoch milliseconds:
 * JSON has no timestamp type.
 */
export async function readAvailability(
  db: Db,
  args: { specialistId: string; firstDay: string; lastDay: string; from: Date; to: Date; now: Date; excludeId?: string },
): Promise<{ schedule: WeeklySchedule; overrides: DateOverride[]; busy: BusyTime[]; holdsRunOut: boolean }> {
  const row = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('specialist_working_hours')
          .select(['weekday', 'starts_at', 'ends_at'])
          .where('specialist_id', '=', args.specialistId)
          .orderBy('weekday')
          .orderBy('starts_at'),
      ).as('week'),
      jsonArrayFrom(
        eb
          .selectFrom('specialist_date_overrides')
          .select(['first_day', 'last_day', 'intervals'])
          .where('specialist_id', '=', args.specialistId)
          .where('last_day', '>=', args.firstDay)
          .where('first_day', '<=', args.lastDay)
          .orderBy('first_day'),
      ).as('overrides'),
      jsonArrayFrom(
        eb
          .selectFrom('appointments')
          .select([
            sql<number>`(extract(epoch from starts_at) * 1000)::float8`.as('starts_ms'),
            sql<number>`(extract(epoch from ends_at) * 1000)::float8`.as('ends_ms'),
          ])
          .where('specialist_id', '=', args.specialistId)
          .where('status', 'in', ACTIVE_LITERALS)
          .where((w) => w.or([w('status', '<>', 'unconfirmed'), w('hold_expires_at', '>', args.now)]))
          .where('starts_at', '<', args.to)
          .where('ends_at', '>', args.from)
          .$if(args.excludeId !== undefined, (q) => q.where('id', '<>', args.excludeId!))
          .orderBy('starts_at'),
      ).as('busy'),
      eb
        .exists(
          eb
            .selectFrom('appointments')
            .select(sql`1`.as('one'))
            .where('specialist_id', '=', args.specialistId)
            .where('status', '=', sql.lit('unconfirmed'))
            .where('hold_expires_at', '<=', args.now)
            .$if(args.excludeId !== undefined, (q) => q.where('id', '<>', args.excludeId!)),
        )
        .as('holds_run_out'),
    ])
    .executeTakeFirstOrThrow();
  return {
    schedule: weeklyScheduleOf(row.week),
    overrides: row.overrides.map(dateOverrideOf),
    busy: row.busy.map((time) => ({ startsAt: new Date(time.starts_ms), endsAt: new Date(time.ends_ms) })),
    holdsRunOut: Boolean(row.holds_run_out),
  };
}
