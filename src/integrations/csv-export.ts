import type { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import { searchContacts, type Contact } from '../contacts/contact-repository.js';
import type { Db } from '../db/engine.js';
import { csvOf, idColumn, inBatches, instantCell, sameIn, type CsvColumn, type CsvContext, type CsvLanguage, type CsvWords } from '../http/csv-download.js';
import { searchAppointments, type Appointment, type AppointmentFilter } from '../scheduling/appointment-repository.js';
import type { AppointmentStatus } from '../scheduling/appointment-states.js';
import { listSpecialists } from '../specialists/specialist-repository.js';
import { HEADER_NAMES } from './contact-import-rules.js';

// The columns of the contacts and appointments exports (the writing itself is the console's
// one CSV writer, src/http/csv-download.ts). A contacts export imports back as it is: its
// headers are ones the import recognises.

const LIFECYCLES: CsvWords<Contact['lifecycle']> = { uk: { lead: 'потенційний клієнт', client: 'клієнт' }, en: { lead: 'lead', client: 'client' } };

const STATUS_WORDS: CsvWords<AppointmentStatus> = {
  uk: { unconfirmed: 'непідтверджений', confirmed: 'підтверджений', booked: 'погоджений', completed: 'завершений', no_show: 'не з’явився', cancelled: 'скасований', expired: 'прострочений' },
  en: { unconfirmed: 'unconfirmed', confirmed: 'confirmed', booked: 'booked', completed: 'completed', no_show: 'no-show', cancelled: 'cancelled', expired: 'expired' },
};

const SOURCES: CsvWords<Appointment['source']> = {
  uk: { site: 'на сайті', staff: 'персоналом', api: 'інтеграцією' },
  en: { site: 'on the site', staff: 'by staff', api: 'by an integration' },
};

/** A header the contacts import also reads. */
const imported = (field: keyof typeof HEADER_NAMES): Record<CsvLanguage, string> => HEADER_NAMES[field];

const CONTACT_COLUMNS: Array<CsvColumn<Contact>> = [
  idColumn(),
  { header: imported('name'), cell: (c) => c.name },
  { header: imported('email'), cell: (c) => c.email },
  { header: imported('phone'), cell: (c) => c.phone },
  { header: imported('locale'), cell: (c) => c.locale },
  { header: imported('tags'), cell: (c) => c.tags.join('; ') },
  { header: { uk: 'Етап', en: 'Stage' }, cell: (c, csv) => LIFECYCLES[csv.language][c.lifecycle] },
  { header: { uk: 'Дата народження', en: 'Date of birth' }, cell: (c) => c.dateOfBirth },
  { header: { uk: 'Нотатки', en: 'Notes' }, cell: (c) => c.notes },
  { header: { uk: 'Створено', en: 'Created' }, cell: (c, csv) => instantCell(c.createdAt, csv) },
  { header: { uk: 'Змінено', en: 'Updated' }, cell: (c, csv) => instantCell(c.updatedAt, csv) },
];

/** Contacts newest first, matching `q` as the list does. */
export function contactsCsv(db: Db, args: { q?: string } & CsvContext): Readable {
  const contacts = inBatches<Contact>(
    (after, limit) => searchContacts(db, { ...(args.q ? { q: args.q } : {}), after, limit }),
    (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
  );
  return csvOf(CONTACT_COLUMNS, contacts, args);
}

interface AppointmentRow {
  appointment: Appointment;
  specialistName: string;
  starts: DateTime;
  ends: DateTime;
}

const APPOINTMENT_COLUMNS: Array<CsvColumn<AppointmentRow>> = [
  { header: sameIn('id'), cell: (r) => r.appointment.id },
  { header: { uk: 'Дата', en: 'Date' }, cell: (r) => r.starts.toISODate() },
  { header: { uk: 'Початок', en: 'Start' }, cell: (r) => r.starts.toFormat('HH:mm') },
  { header: { uk: 'Кінець', en: 'End' }, cell: (r) => r.ends.toFormat('HH:mm') },
  { header: { uk: 'Початок (з поясом)', en: 'Starts at (with offset)' }, cell: (r, csv) => instantCell(r.appointment.startsAt, csv) },
  { header: { uk: 'Кінець (з поясом)', en: 'Ends at (with offset)' }, cell: (r, csv) => instantCell(r.appointment.endsAt, csv) },
  { header: { uk: 'Статус', en: 'Status' }, cell: (r, csv) => STATUS_WORDS[csv.language][r.appointment.status] },
  { header: { uk: 'Фахівець', en: 'Specialist' }, cell: (r) => r.specialistName },
  { header: { uk: 'Клієнт', en: 'Client' }, cell: (r) => r.appointment.contact.name },
  { header: imported('email'), cell: (r) => r.appointment.contact.email },
  { header: imported('phone'), cell: (r) => r.appointment.contact.phone },
  { header: { uk: 'Нотатки', en: 'Notes' }, cell: (r) => r.appointment.notes },
  { header: { uk: 'Джерело', en: 'Source' }, cell: (r, csv) => SOURCES[csv.language][r.appointment.source] },
  { header: imported('locale'), cell: (r) => r.appointment.locale },
  { header: { uk: 'Створено', en: 'Created' }, cell: (r, csv) => instantCell(r.appointment.createdAt, csv) },
];

/** Appointments by start time, with the list's filters. */
export function appointmentsCsv(db: Db, args: { filter: AppointmentFilter } & CsvContext): Readable {
  async function* rows(): AsyncGenerator<AppointmentRow> {
    const specialists = new Map((await listSpecialists(db, { activeOnly: false })).map((s) => [s.id, s.name]));
    const appointments = inBatches<Appointment>(
      (after, limit) => searchAppointments(db, args.filter, { after, limit }),
      (row) => ({ key: row.startsAt.toISOString(), id: row.id }),
    );
    for await (const appointment of appointments) {
      yield {
        appointment,
        specialistName: specialists.get(appointment.specialistId) ?? appointment.specialistId,
        starts: DateTime.fromJSDate(appointment.startsAt, { zone: args.timezone }),
        ends: DateTime.fromJSDate(appointment.endsAt, { zone: args.timezone }),
      };
    }
  }
  return csvOf(APPOINTMENT_COLUMNS, rows(), args);
}
