import { DateTime } from 'luxon';
import type { Db } from '../db/engine.js';
import type { Specialist } from '../specialists/specialist-repository.js';
import { readAvailability } from './availability-repository.js';
import type { SpecialistAvailability } from './free-slots.js';

export interface LoadedAvailability extends SpecialistAvailability {
  /**
   * An unconfirmed hold of this specialist has run out and is not marked expired yet. Its time
   * is already free to the slot rules, but the exclusion constraint counts it until it is.
   */
  holdsRunOut: boolean;
}

/**
 * Loads what the slot rules need for one specialist between two local dates: the week, the
 * overrides and the taken time, in one read. The day before and after are included so that a time zone
 * offset or a buffer at a day's edge sees its neighbours.
 */
export async function loadAvailability(
  db: Db,
  args: { specialist: Specialist; from: string; to: string; timezone: string; now: Date; excludeAppointmentId?: string },
): Promise<LoadedAvailability> {
  const first = DateTime.fromISO(args.from, { zone: args.timezone }).minus({ days: 1 });
  const last = DateTime.fromISO(args.to, { zone: args.timezone }).plus({ days: 2 });
  const { schedule, overrides, busy, holdsRunOut } = await readAvailability(db, {
    specialistId: args.specialist.id,
    firstDay: first.toISODate()!,
    lastDay: last.toISODate()!,
    from: first.toJSDate(),
    to: last.toJSDate(),
    now: args.now,
    ...(args.excludeAppointmentId ? { excludeId: args.excludeAppointmentId } : {}),
  });
  return {
    holdsRunOut,
    schedule,
    overrides,
    busy,
    timezone: args.timezone,
    now: args.now,
    rules: {
      consultationMinutes: args.specialist.consultationMinutes,
      bufferMinutes: args.specialist.bufferMinutes,
      minNoticeMinutes: args.specialist.minNoticeMinutes,
      horizonDays: args.specialist.horizonDays,
    },
  };
}
