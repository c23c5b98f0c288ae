// Calendar arithmetic on the clinic's local dates (YYYY-MM-DD strings), free of the visitor's time zone.
import type { Slot } from '../shared/types';

const DAY_MS = 86_400_000;

/** Today's date in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isDate(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function lastOfMonth(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The part of a month that can have free time: from today (or the 1st) to the month's end (or the horizon). */
export function bookableWindow(month: string, today: string, lastDay: string): { from: string; to: string } | null {
  const from = firstOfMonth(month) > today ? firstOfMonth(month) : today;
  const to = lastOfMonth(month) < lastDay ? lastOfMonth(month) : lastDay;
  return from <= to ? { from, to } : null;
}

/**
 * The clinic date of a slot. The API writes instants in the clinic's own offset
 * (2026-12-08T10:00:00+02:00), so the date part is already the clinic's date.
 */
export function slotDate(slot: Slot): string {
  return slot.startsAt.slice(0, 10);
}

export function slotsByDate(slots: Slot[]): Map<string, Slot[]> {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const date = slotDate(slot);
    const list = days.get(date);
    if (list) list.push(slot);
    else days.set(date, [slot]);
  }
  return days;
}

/** Two ISO instants name the same moment, whatever offset each is written in. */
export function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

/** The zone's offset at an instant, as "UTC+02:00", for telling visitors which time zone times are in. */
export function offsetLabel(timeZone: string, at: Date = new Date()): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? 'UTC' : name.replace('GMT', 'UTC');
}

/**
 * Whether the visitor would read these times differently on their own clock. The visitor's zone
 * may be named differently yet keep the same time (Chromium still says "Europe/Kiev" for
 * "Europe/Kyiv"), so the times themselves are compared.
 */
export function visitorReadsOtherTimes(clinicZone: string, zoneDiffers: boolean, instants: string[]): boolean {
  if (!zoneDiffers) return false;
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const wallClock = (iso: string, timeZone: string): string =>
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  const samples = instants.length > 0 ? instants : [new Date().toISOString()];
  return samples.some((iso) => wallClock(iso, clinicZone) !== wallClock(iso, local));
}

const LOCALE_TAGS: Record<string, string> = { uk: 'uk-UA', en: 'en-GB' };

/** A clinic date as "Friday, 4 December" in the page's language, capitalised to start a line unless told. */
export function formatDay(date: string, language: string, capitalise = true): string {
  const text = new Intl.DateTimeFormat(LOCALE_TAGS[language] ?? 'uk-UA', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(`${date}T12:00:00Z`),
  );
  return capitalise ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
