// The clinic's opening hours: when the doors are open, day by day. They are shown on the
// site and do not bind bookings — each specialist's own schedule decides the free slots.
// Pure: no clock, no I/O.
import { WEEKDAYS, type Weekday } from '../scheduling/schedule-types.js';

/** Local wall-clock "HH:MM"; "24:00" may end a day. */
export interface OpeningInterval {
  start: string;
  end: string;
}

export type OpeningHours = Record<Weekday, OpeningInterval[]>;

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function closedAllWeek(): OpeningHours {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, []])) as unknown as OpeningHours;
}

/**
 * What is wrong with the hours, named by field (`openingHours.monday.0.end`): every interval
 * must end after it starts, and intervals of one day must not overlap.
 */
export function openingHoursProblems(hours: OpeningHours, path = 'openingHours'): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const sorted = hours[day].map((interval, index) => ({ ...interval, index })).sort((a, b) => a.start.localeCompare(b.start));
    sorted.forEach((interval, position) => {
      const field = `${path}.${day}.${interval.index}`;
      if (!CLOCK.test(interval.start) || interval.start === '24:00') problems[`${field}.start`] = 'must be a time HH:MM';
      else if (!CLOCK.test(interval.end)) problems[`${field}.end`] = 'must be a time HH:MM';
      else if (interval.end <= interval.start) problems[`${field}.end`] = 'must be after the start';
      const previous = sorted[position - 1];
      if (previous && interval.start < previous.end) problems[`${field}.start`] ??= 'overlaps another interval of the same day';
    });
  }
  return problems;
}

/** The same hours with each day's intervals in time order. */
export function sortedOpeningHours(hours: OpeningHours): OpeningHours {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [day, [...hours[day]].sort((a, b) => a.start.localeCompare(b.start)).map(({ start, end }) => ({ start, end }))]),
  ) as unknown as OpeningHours;
}

/**
 * Reads the stored jsonb whatever its state: a missing day is closed, and an entry that is not
 * a well-formed interval is left out rather than breaking the public page.
 */
export function openingHoursFromStored(stored: unknown): OpeningHours {
  const hours = closedAllWeek();
  if (typeof stored !== 'object' || stored === null) return hours;
  const days = stored as Record<string, unknown>;
  for (const day of WEEKDAYS) {
    const intervals = days[day];
    if (!Array.isArray(intervals)) continue;
    for (const interval of intervals as unknown[]) {
      if (typeof interval !== 'object' || interval === null) continue;
      const { start, end } = interval as Record<string, unknown>;
      if (typeof start === 'string' && typeof end === 'string' && CLOCK.test(start) && CLOCK.test(end) && end > start) {
        hours[day].push({ start, end });
      }
    }
  }
  return sortedOpeningHours(hours);
}
