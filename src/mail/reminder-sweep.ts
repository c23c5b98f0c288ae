import { DateTime } from 'luxon';
import type { Db } from '../db/engine.js';
import { upcomingAppointments } from '../scheduling/appointment-repository.js';
import { findSpecialist } from '../specialists/specialist-repository.js';
import { bookingFacts, links } from './booking-mail-data.js';
import type { MailLocale } from './mail-data.js';
import { queueEmail, type OutboxContext } from './outbox.js';
import { dueReminderOffset, reminderKey } from './reminder-rule.js';

export interface ReminderSettings {
  offsetsMinutes: number[];
  publicUrl: string;
  timezone: string;
  cutoffHours: number;
}

const WORDS: Record<MailLocale, { today: string; tomorrow: string; on: (date: string) => string }> = {
  uk: { today: 'сьогодні', tomorrow: 'завтра', on: (date) => date },
  en: { today: 'today', tomorrow: 'tomorrow', on: (date) => `on ${date}` },
};

/** "today", "tomorrow", or the date: how a reminder names the day of the visit. */
export function reminderLabel(startsAt: Date, now: Date, timezone: string, locale: MailLocale, date: string): string {
  const day = DateTime.fromJSDate(startsAt, { zone: timezone }).startOf('day');
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const days = Math.round(day.diff(today, 'days').days);
  return days === 0 ? WORDS[locale].today : days === 1 ? WORDS[locale].tomorrow : WORDS[locale].on(date);
}

/**
 * Writes the reminders that are due at `now` into the outbox. Safe to run from several workers
 * at once and as often as wanted: each reminder has a once-only key. Cancelled appointments have
 * none; a moved appointment's reminders follow its new time. Returns how many were written.
 */
export async function sendDueReminders(db: Db, ctx: OutboxContext, settings: ReminderSettings, now: Date): Promise<number> {
  if (settings.offsetsMinutes.length === 0) return 0;
  const horizon = new Date(now.getTime() + Math.max(...settings.offsetsMinutes) * 60_000);
  const candidates = await upcomingAppointments(db, { from: now, to: horizon, limit: 5000 });
  let written = 0;
  for (const candidate of candidates) {
    const offset = dueReminderOffset({ startsAt: candidate.startsAt, timeSetAt: candidate.timeSetAt, offsetsMinutes: settings.offsetsMinutes, now });
    if (offset === null) continue;
    const key = reminderKey(candidate.id, offset, candidate.startsAt);
    const already = await db.selectFrom('outbound_messages').select('id').where('dedupe_key', '=', key).executeTakeFirst();
    if (already) continue;
    const id = await db.transaction().execute(async (trx) => {
      const specialist = await findSpecialist(trx, candidate.specialistId);
      if (!specialist) return null;
      const locale = candidate.locale;
      const facts = await bookingFacts(trx, { appointment: candidate, specialist, locale, timezone: settings.timezone, publicUrl: settings.publicUrl });
      return queueEmail(
        trx,
        ctx,
        {
          templateKey: 'appointment_reminder',
          locale,
          contactId: candidate.contact.id,
          appointmentId: candidate.id,
          dedupeKey: key,
          data: {
            client: { name: candidate.contact.name, email: candidate.contact.email },
            ...facts,
            cutoffHours: settings.cutoffHours,
            reminder: { label: reminderLabel(candidate.startsAt, now, settings.timezone, locale, facts.appointment.date) },
            links: { portal: links(settings.publicUrl).portal(candidate.id) },
          },
        },
        now,
      );
    });
    if (id) written += 1;
  }
  return written;
}
