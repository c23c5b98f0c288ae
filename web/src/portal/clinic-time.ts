// Calendar dates in the clinic's time zone, as the YYYY-MM-DD strings the date picker and the
// slots API speak. The visitor's own time zone never enters into it.
import dayjs from 'dayjs';

/** The clinic-local calendar date of an instant. */
export function clinicDate(iso: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function clinicToday(timeZone: string, now: Date = new Date()): string {
  return clinicDate(now, timeZone);
}

export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: string): string {
  return dayjs(monthStart(date)).endOf('month').format('YYYY-MM-DD');
}

export function nextMonth(date: string): string {
  return dayjs(monthStart(date)).add(1, 'month').format('YYYY-MM-DD');
}

const later = (a: string, b: string): string => (a > b ? a : b);
const earlier = (a: string, b: string): string => (a < b ? a : b);

/** The part of the displayed month worth asking slots for: from today, up to the horizon. */
export function slotRangeFor(displayed: string, today: string, lastDay: string): { from: string; to: string } | null {
  const from = later(monthStart(displayed), today);
  const to = earlier(monthEnd(displayed), lastDay);
  return from <= to ? { from, to } : null;
}

/** Hours between two instants, rounded: how far before the start the online cut-off falls. */
export function hoursBetween(fromIso: string, toIso: string): number {
  return Math.round((new Date(toIso).getTime() - new Date(fromIso).getTime()) / 3_600_000);
}
