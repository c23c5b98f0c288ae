import { i18n } from './i18n';

const locales: Record<string, string> = { uk: 'uk-UA', en: 'en-GB' };
const tag = (): string => locales[i18n.language] ?? 'uk-UA';

/** A date and time in the clinic's time zone, in the page's language. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(tag(), { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(tag(), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(tag(), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as words, without time-zone shifts. */
export function formatCalendarDate(date: string): string {
  return new Intl.DateTimeFormat(tag(), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
}

/** Whether the visitor's own time zone differs from the clinic's (then pages say which zone times are in). */
export function visitorZoneDiffers(clinicZone: string, at: Date = new Date()): boolean {
  // Compare the clocks, not the names: browsers still call Kyiv "Europe/Kiev".
  const clock = (timeZone?: string): string =>
    new Intl.DateTimeFormat('en-GB', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return clock() !== clock(clinicZone);
}
