// Every local time the console shows or asks for is in the clinic's time zone, whatever the
// receptionist's computer is set to: "10:00" on the desk is 10:00 at the clinic.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  time: string;
}

/** The clinic's wall-clock date and time of an instant. */
export function localParts(instant: string | Date, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** Today's date at the clinic. */
export function clinicToday(timeZone: string, now: Date = new Date()): string {
  return localParts(now, timeZone).date;
}

/** A wall-clock date and time at the clinic as an instant with the clinic's offset (what the API takes). */
export function instantAt(date: string, time: string, timeZone: string): string {
  return dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', timeZone).format();
}

/** A calendar date plus or minus whole days (no time zone involved). */
export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/** The Monday of the week a calendar date falls in. */
export function mondayOf(date: string): string {
  const weekday = (dayjs.utc(date).day() + 6) % 7; // 0 = Monday
  return addDays(date, -weekday);
}

/** The dates from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** Whether an instant has already passed. */
export function hasStarted(instant: string, now: Date = new Date()): boolean {
  return new Date(instant).getTime() <= now.getTime();
}

/** Minutes between two instants. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
}
