import { DateTime } from 'luxon';
import type { Db } from '../db/engine.js';
import { loadDateOverrides, loadWeeklySchedule, type Specialist } from '../specialists/specialist-repository.js';
import { busyTimes } from './appointment-repository.js';
import type { SpecialistAvailability } from './free-slots.js';

/**
 * Loads what the slot rules need for one specialist between two local dates: the week, the
 * overrides and the taken time. The day before and after are included so that a time zone
 * offset or a buffer at a day's edge sees its neighbours.
 */
export async function loadAvailability(
  db: Db,
  args: { specialist: Specialist; from: string; to: string; timezone: string; now: Date; excludeAppointmentId?: string },
): Promise<SpecialistAvailability> {
  const first = DateTime.fromISO(args.from, { zone: args.timezone }).minus({ days: 1 });
  const last = DateTime.fromISO(args.to, { zone: args.timezone }).plus({ days: 2 });
  const [schedule, overrides, busy] = await Promise.all([
    loadWeeklySchedule(db, args.specialist.id),
    loadDateOverrides(db, args.specialist.id, { from: first.toISODate()!, to: last.toISODate()! }),
    busyTimes(db, {
      specialistId: args.specialist.id,
      from: first.toJSDate(),
      to: last.toJSDate(),
      now: args.now,
      ...(args.excludeAppointmentId ? { excludeId: args.excludeAppointmentId } : {}),
    }),
  ]);
  return {
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
