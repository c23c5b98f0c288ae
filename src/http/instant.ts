import { DateTime } from 'luxon';

/** An instant as ISO-8601 with the clinic's offset, e.g. 2026-12-08T10:00:00+02:00. */
export function formatInstant(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISO({ suppressMilliseconds: true })!;
}

/** Start of a local date in the clinic's time zone, as an instant. */
export function startOfLocalDate(date: string, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}
