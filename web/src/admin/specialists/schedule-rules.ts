// The schedule's rules as the server checks them (specialist-service.ts `scheduleProblems`), run
// in the browser first so a mistake shows at once, under the field, with the same field names.
import { WEEKDAYS, type Interval } from '../../shared/types';
import type { DateOverride, Schedule } from '../lib/admin-types';

export const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export interface ScheduleWords {
  badTime: string;
  endBeforeStart: string;
  overlaps: string;
  untilBeforeDate: string;
  overrideOverlaps: string;
  dateMissing: string;
}

function dayProblems(intervals: Interval[], path: string, words: ScheduleWords, problems: Record<string, string>): void {
  intervals.forEach((interval, index) => {
    if (!CLOCK.test(interval.start)) problems[`${path}.${index}.start`] = words.badTime;
    if (!CLOCK.test(interval.end)) problems[`${path}.${index}.end`] = words.badTime;
  });
  const sorted = intervals.map((interval, index) => ({ ...interval, index })).sort((a, b) => a.start.localeCompare(b.start));
  sorted.forEach((interval, position) => {
    if (!CLOCK.test(interval.start) || !CLOCK.test(interval.end)) return;
    if (interval.end <= interval.start) problems[`${path}.${interval.index}.end`] ??= words.endBeforeStart;
    const previous = sorted[position - 1];
    if (previous && interval.start < previous.end) problems[`${path}.${interval.index}.start`] ??= words.overlaps;
  });
}

/** `{field: problem}` for a schedule, keyed like the server's answer (`weekly.monday.0.end`). Pure. */
export function scheduleProblems(schedule: Schedule, words: ScheduleWords): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const day of WEEKDAYS) dayProblems(schedule.weekly[day], `weekly.${day}`, words, problems);
  openingOverrides(schedule.overrides, words, problems);
  return problems;
}

function openingOverrides(overrides: DateOverride[], words: ScheduleWords, problems: Record<string, string>): void {
  const ranges: Array<{ first: string; last: string; index: number }> = [];
  overrides.forEach((override, index) => {
    dayProblems(override.intervals, `overrides.${index}.intervals`, words, problems);
    if (!override.date) {
      problems[`overrides.${index}.date`] = words.dateMissing;
      return;
    }
    if (override.until !== undefined && override.until < override.date) problems[`overrides.${index}.until`] = words.untilBeforeDate;
    ranges.push({ first: override.date, last: override.until ?? override.date, index });
  });
  ranges.sort((a, b) => a.first.localeCompare(b.first));
  ranges.forEach((range, position) => {
    const previous = ranges[position - 1];
    if (previous && range.first <= previous.last) problems[`overrides.${range.index}.date`] ??= words.overrideOverlaps;
  });
}

/** Opening hours are a weekly schedule without overrides. */
export function weeklyProblems(weekly: Schedule['weekly'], words: ScheduleWords, prefix = 'openingHours'): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const day of WEEKDAYS) dayProblems(weekly[day], `${prefix}.${day}`, words, problems);
  return problems;
}
