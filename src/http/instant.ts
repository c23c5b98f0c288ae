import { DateTime } from 'luxon';
import { invalidInput } from './errors.js';

/** An instant as ISO-8601 with the clinic's offset, e.g. 2026-12-08T10:00:00+02:00. */
export function formatInstant(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISO({ suppressMilliseconds: true })!;
}

/** Start of a local date in the clinic's time zone, as an instant. */
export function startOfLocalDate(date: string, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}

/**
 * A list filter's bound: a local date (the whole day; `to` includes it) or an exact instant with
 * an offset. Throws invalid_input naming the field.
 */
export function listBound(value: string | undefined, field: 'from' | 'to', timezone: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!DateTime.fromISO(value).isValid) throw invalidInput({ [field]: 'is not a calendar date' });
    const start = startOfLocalDate(value, timezone);
    return field === 'to' ? DateTime.fromJSDate(start, { zone: timezone }).plus({ days: 1 }).toJSDate() : start;
  }
  const instant = DateTime.fromISO(value, { setZone: true });
  if (!instant.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) throw invalidInput({ [field]: 'is not a date (YYYY-MM-DD) or an instant with an offset' });
  return instant.toJSDate();
}
