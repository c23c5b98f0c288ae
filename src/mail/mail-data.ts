import { DateTime } from 'luxon';

/** The languages a message is written in. */
export type MailLocale = 'uk' | 'en';
export const MAIL_LOCALES: readonly MailLocale[] = ['uk', 'en'];

/** A date and time as a client reads it in a message, already in the clinic's time zone. */
export interface MailDateTime {
  date: string;
  time: string;
  weekday: string;
}

/**
 * The merge data of every template: one shape, so staff learn one set of merge fields.
 * Fields that only some templates have are optional; each key's sample (template-keys.ts)
 * shows which ones its messages carry. Every value is plain text: the renderer escapes it
 * for HTML, so nothing here may hold markup.
 */
export interface MailData {
  /** The client the message is to, or about (for messages to staff). */
  client: { name: string; email: string };
  clinic: { name: string; address: string; phone: string; email: string; website: string };
  appointment?: {
    id: string;
    date: string;
    time: string;
    weekday: string;
    /** ISO-8601 with the clinic's offset. */
    startsAt: string;
    endsAt: string;
    specialist: { name: string; specialty: string };
    status: string;
    notes: string;
  };
  /** The date and time before a change (rescheduled, moved by the client). */
  previous?: { date: string; time: string };
  links: { confirm?: string; portal?: string; bookAgain?: string; signIn?: string; console?: string; confirmEmail?: string };
  /** Free slots offered after a missed visit, each booked with one click on its `url`. */
  offeredSlots?: Array<MailDateTime & { url: string }>;
  reminder?: { label: string };
  message?: { text: string; from: string };
  /** Clients may move or cancel until this many hours before the start (the 5-hour rule). */
  cutoffHours: number;
  /** How long the link in this message works. */
  expiresInMinutes?: number;
  /** Who made the change, in the message's language ("the clinic", "you", a name). */
  changedBy?: string;
}

const DATE_LOCALES: Record<MailLocale, string> = { uk: 'uk', en: 'en-GB' };

/**
 * An instant as a client reads it: the local date, 24-hour time and weekday in the clinic's
 * time zone, in the message's language. uk: "8 грудня 2026 р.", "10:00", "вівторок";
 * en: "8 December 2026", "10:00", "Tuesday".
 */
export function formatForMail(instant: Date, timezone: string, locale: MailLocale): MailDateTime {
  const local = DateTime.fromJSDate(instant, { zone: timezone }).setLocale(DATE_LOCALES[locale]);
  if (!local.isValid) throw new RangeError(`Cannot format ${String(instant)} in time zone "${timezone}"`);
  return {
    date: local.toLocaleString(DateTime.DATE_FULL),
    time: local.toFormat('HH:mm'),
    weekday: local.toFormat('cccc'),
  };
}
