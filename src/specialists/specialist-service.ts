import { DateTime } from 'luxon';
import type { Db } from '../db/engine.js';
import { invalidInput, notFound } from '../http/errors.js';
import type { DateOverride, WeeklySchedule, WorkingInterval } from '../scheduling/schedule-types.js';
import { WEEKDAYS } from '../scheduling/schedule-types.js';
import { findSpecialist, loadDateOverrides, loadWeeklySchedule, replaceSchedule } from './specialist-repository.js';

export interface Schedule {
  weekly: WeeklySchedule;
  overrides: DateOverride[];
}

/** Finds what is wrong with a schedule, field by field: intervals must run forward and not overlap. Pure. */
export function scheduleProblems(schedule: Schedule): Record<string, string> {
  const problems: Record<string, string> = {};
  const checkDay = (intervals: WorkingInterval[], path: string): void => {
    const sorted = intervals.map((interval, index) => ({ ...interval, index })).sort((a, b) => a.start.localeCompare(b.start));
    sorted.forEach((interval, position) => {
      if (interval.end <= interval.start) problems[`${path}.${interval.index}.end`] = 'must be after the start';
      const previous = sorted[position - 1];
      if (previous && interval.start < previous.end) problems[`${path}.${interval.index}.start`] = 'overlaps another interval of the same day';
    });
  };
  for (const day of WEEKDAYS) checkDay(schedule.weekly[day], `weekly.${day}`);
  const ranges: Array<{ first: string; last: string; index: number }> = [];
  schedule.overrides.forEach((override, index) => {
    checkDay(override.intervals, `overrides.${index}.intervals`);
    if (!DateTime.fromISO(override.date).isValid) problems[`overrides.${index}.date`] = 'is not a calendar date';
    if (override.until !== undefined) {
      if (!DateTime.fromISO(override.until).isValid) problems[`overrides.${index}.until`] = 'is not a calendar date';
      else if (override.until < override.date) problems[`overrides.${index}.until`] = 'must not be before date';
    }
    ranges.push({ first: override.date, last: override.until ?? override.date, index });
  });
  ranges.sort((a, b) => a.first.localeCompare(b.first));
  ranges.forEach((range, position) => {
    const previous = ranges[position - 1];
    if (previous && range.first <= previous.last) problems[`overrides.${range.index}.date`] = 'overlaps another override';
  });
  return problems;
}

export async function getSchedule(db: Db, specialistId: string): Promise<Schedule> {
  if (!(await findSpecialist(db, specialistId))) throw notFound('The specialist', 'id');
  const [weekly, overrides] = await Promise.all([loadWeeklySchedule(db, specialistId), loadDateOverrides(db, specialistId)]);
  return { weekly, overrides };
}

/** Replaces a specialist's weekly hours and date overrides at once. Existing appointments stay. */
export async function setSchedule(db: Db, specialistId: string, schedule: Schedule): Promise<Schedule> {
  const problems = scheduleProblems(schedule);
  if (Object.keys(problems).length > 0) throw invalidInput(problems, 'The schedule has problems.');
  return db.transaction().execute(async (trx) => {
    if (!(await findSpecialist(trx, specialistId))) throw notFound('The specialist', 'id');
    await replaceSchedule(trx, specialistId, schedule.weekly, schedule.overrides);
    return getSchedule(trx, specialistId);
  });
}
