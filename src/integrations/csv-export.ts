import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { searchContacts, type Contact } from '../contacts/contact-repository.js';
import type { Db } from '../db/engine.js';
import type { Cursor } from '../http/cursor.js';
import { formatInstant } from '../http/instant.js';
import { searchAppointments, type Appointment, type AppointmentFilter } from '../scheduling/appointment-repository.js';
import { listSpecialists } from '../specialists/specialist-repository.js';
import { HEADER_NAMES } from './contact-import-rules.js';

// CSV exports of contacts and appointments, streamed: rows are read in keyset batches of 1,000
// as the response drains (a slow download reads slowly; nothing waits in memory), and written
// with a byte-order mark so Excel reads Cyrillic as UTF-8. Times are in the clinic's time zone
// with their offset; headers and words are the console's, in Ukrainian or English. A contacts
// export imports back as it is (the headers are ones the import recognises).

export type CsvLanguage = 'uk' | 'en';
const BATCH = 1000;

// A cell a spreadsheet would run as a formula: = + - @, or a tab or carriage return before one.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made safe from CSV injection: a leading quote keeps "=HYPERLINK(...)" text (OWASP's advice). */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const WORDS = {
  uk: {
    id: 'id',
    dateOfBirth: 'Дата народження',
    lifecycle: 'Етап',
    notes: 'Нотатки',
    created: 'Створено',
    updated: 'Змінено',
    date: 'Дата',
    start: 'Початок',
    end: 'Кінець',
    startsAt: 'Початок (з поясом)',
    endsAt: 'Кінець (з поясом)',
    status: 'Статус',
    specialist: 'Фахівець',
    client: 'Клієнт',
    source: 'Джерело',
    lifecycles: { lead: 'потенційний клієнт', client: 'клієнт' },
    statuses: { unconfirmed: 'непідтверджений', confirmed: 'підтверджений', booked: 'погоджений', completed: 'завершений', no_show: 'не з’явився', cancelled: 'скасований', expired: 'прострочений' },
    sources: { site: 'на сайті', staff: 'персоналом', api: 'інтеграцією' },
  },
  en: {
    id: 'id',
    dateOfBirth: 'Date of birth',
    lifecycle: 'Stage',
    notes: 'Notes',
    created: 'Created',
    updated: 'Updated',
    date: 'Date',
    start: 'Start',
    end: 'End',
    startsAt: 'Starts at (with offset)',
    endsAt: 'Ends at (with offset)',
    status: 'Status',
    specialist: 'Specialist',
    client: 'Client',
    source: 'Source',
    lifecycles: { lead: 'lead', client: 'client' },
    statuses: { unconfirmed: 'unconfirmed', confirmed: 'confirmed', booked: 'booked', completed: 'completed', no_show: 'no-show', cancelled: 'cancelled', expired: 'expired' },
    sources: { site: 'on the site', staff: 'by staff', api: 'by an integration' },
  },
} as const;

type Cell = string | null;

/** Batches of a keyset-paged search, one after another, as long as the reader wants more. */
async function* inBatches<T>(page: (after: Cursor | null, limit: number) => Promise<T[]>, cursorOf: (row: T) => Cursor): AsyncGenerator<T> {
  let after: Cursor | null = null;
  for (;;) {
    const rows = await page(after, BATCH);
    yield* rows;
    if (rows.length < BATCH) return;
    after = cursorOf(rows[rows.length - 1]!);
  }
}

function csvStream(header: string[], rows: AsyncIterable<Cell[]>): Readable {
  const output = stringify({ header: true, columns: header, bom: true, record_delimiter: 'windows', cast: { string: neutraliseCell } });
  const input = Readable.from(rows);
  input.on('error', (err) => output.destroy(err));
  return input.pipe(output);
}

/** Contacts newest first, matching `q` as the list does. */
export function contactsCsv(db: Db, args: { q?: string; language: CsvLanguage; timezone: string }): Readable {
  const w = WORDS[args.language];
  const names = (field: keyof typeof HEADER_NAMES): string => HEADER_NAMES[field][args.language];
  const header = [w.id, names('name'), names('email'), names('phone'), names('locale'), names('tags'), w.lifecycle, w.dateOfBirth, w.notes, w.created, w.updated];
  const contacts = inBatches<Contact>(
    (after, limit) => searchContacts(db, { ...(args.q ? { q: args.q } : {}), after, limit }),
    (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
  );
  async function* rows(): AsyncGenerator<Cell[]> {
    for await (const c of contacts) {
      yield [c.id, c.name, c.email, c.phone, c.locale, c.tags.join('; '), w.lifecycles[c.lifecycle], c.dateOfBirth, c.notes, formatInstant(c.createdAt, args.timezone), formatInstant(c.updatedAt, args.timezone)];
    }
  }
  return csvStream(header, rows());
}

/** Appointments by start time, with the list's filters. */
export function appointmentsCsv(db: Db, args: { filter: AppointmentFilter; language: CsvLanguage; timezone: string }): Readable {
  const w = WORDS[args.language];
  const header = [w.id, w.date, w.start, w.end, w.startsAt, w.endsAt, w.status, w.specialist, w.client, HEADER_NAMES.email[args.language], HEADER_NAMES.phone[args.language], w.notes, w.source, HEADER_NAMES.locale[args.language], w.created];
  async function* rows(): AsyncGenerator<Cell[]> {
    const specialists = new Map((await listSpecialists(db, { activeOnly: false })).map((s) => [s.id, s.name]));
    const appointments = inBatches<Appointment>(
      (after, limit) => searchAppointments(db, args.filter, { after, limit }),
      (row) => ({ key: row.startsAt.toISOString(), id: row.id }),
    );
    for await (const a of appointments) {
      const starts = DateTime.fromJSDate(a.startsAt, { zone: args.timezone });
      const ends = DateTime.fromJSDate(a.endsAt, { zone: args.timezone });
      yield [
        a.id,
        starts.toISODate(),
        starts.toFormat('HH:mm'),
        ends.toFormat('HH:mm'),
        formatInstant(a.startsAt, args.timezone),
        formatInstant(a.endsAt, args.timezone),
        w.statuses[a.status],
        specialists.get(a.specialistId) ?? a.specialistId,
        a.contact.name,
        a.contact.email,
        a.contact.phone,
        a.notes,
        w.sources[a.source],
        a.locale,
        formatInstant(a.createdAt, args.timezone),
      ];
    }
  }
  return csvStream(header, rows());
}

/** `contacts-2026-12-07.csv`: what, and the clinic's date today. */
export function exportFileName(what: 'contacts' | 'appointments', now: Date, timezone: string): string {
  return `${what}-${DateTime.fromJSDate(now, { zone: timezone }).toISODate()}.csv`;
}
