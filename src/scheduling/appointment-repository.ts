import { sql } from 'kysely';
import type { Db } from '../db/engine.js';
import type { Cursor } from '../http/cursor.js';
import type { AppointmentStatus } from './appointment-states.js';

export type BookingSource = 'site' | 'staff' | 'api';

export interface Appointment {
  id: string;
  status: AppointmentStatus;
  specialistId: string;
  startsAt: Date;
  endsAt: Date;
  contact: { id: string; name: string; email: string; phone: string | null };
  notes: string;
  source: BookingSource;
  locale: 'uk' | 'en';
  holdExpiresAt: Date | null;
  sequence: number;
  /** When it got its current time (made or moved). */
  timeSetAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('contacts as c', 'c.id', 'a.contact_id')
    .select([
      'a.id',
      'a.status',
      'a.specialist_id',
      'a.starts_at',
      'a.ends_at',
      'a.notes',
      'a.source',
      'a.locale',
      'a.hold_expires_at',
      'a.sequence',
      'a.time_set_at',
      'a.created_at',
      'a.updated_at',
      'c.id as contact_id',
      'c.name as contact_name',
      'c.email as contact_email',
      'c.phone as contact_phone',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toAppointment(row: Row): Appointment {
  return {
    id: row.id,
    status: row.status as AppointmentStatus,
    specialistId: row.specialist_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    contact: { id: row.contact_id, name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    notes: row.notes,
    source: row.source as BookingSource,
    locale: row.locale as Appointment['locale'],
    holdExpiresAt: row.hold_expires_at,
    sequence: row.sequence,
    timeSetAt: row.time_set_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findAppointment(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Appointment | null> {
  let query = baseQuery(db).where('a.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('a');
  const row = await query.executeTakeFirst();
  return row ? toAppointment(row) : null;
}

export interface NewAppointment {
  specialistId: string;
  contactId: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  source: BookingSource;
  notes: string;
  locale: 'uk' | 'en';
  holdExpiresAt: Date | null;
  now: Date;
}

function newRow(values: NewAppointment) {
  return {
    specialist_id: values.specialistId,
    contact_id: values.contactId,
    starts_at: values.startsAt,
    ends_at: values.endsAt,
    status: values.status,
    source: values.source,
    notes: values.notes,
    locale: values.locale,
    hold_expires_at: values.holdExpiresAt,
    time_set_at: values.now,
    created_at: values.now,
    updated_at: values.now,
  };
}

export async function insertAppointment(db: Db, values: NewAppointment): Promise<string> {
  const row = await db.insertInto('appointments').values(newRow(values)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * `insertAppointment` for a caller that has the contact in hand: the new appointment as
 * `findAppointment` would read it, from the insert's own RETURNING instead of a read after it.
 */
export async function insertAppointmentOf(db: Db, values: NewAppointment, contact: Appointment['contact']): Promise<Appointment> {
  if (contact.id !== values.contactId) throw new Error('insertAppointmentOf: the contact given is not the appointment’s');
  const row = await db
    .insertInto('appointments')
    .values(newRow(values))
    .returning(['id', 'status', 'specialist_id', 'starts_at', 'ends_at', 'notes', 'source', 'locale', 'hold_expires_at', 'sequence', 'time_set_at', 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
  return toAppointment({ ...row, contact_id: contact.id, contact_name: contact.name, contact_email: contact.email, contact_phone: contact.phone });
}

/** Writes a new status or time; every change raises the iCalendar SEQUENCE. */
export async function updateAppointment(
  db: Db,
  id: string,
  changes: { status?: AppointmentStatus; startsAt?: Date; endsAt?: Date; holdExpiresAt?: Date | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('appointments')
    .set({
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.startsAt !== undefined ? { starts_at: changes.startsAt, time_set_at: now } : {}),
      ...(changes.endsAt !== undefined ? { ends_at: changes.endsAt } : {}),
      ...(changes.holdExpiresAt !== undefined ? { hold_expires_at: changes.holdExpiresAt } : {}),
      sequence: sql`sequence + 1`,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Unconfirmed holds whose time ran out, locked for the caller to expire. */
export async function overdueHolds(db: Db, args: { now: Date; specialistId?: string; exceptId?: string; limit: number }): Promise<Appointment[]> {
  let query = baseQuery(db).where('a.status', '=', 'unconfirmed').where('a.hold_expires_at', '<=', args.now);
  if (args.specialistId) query = query.where('a.specialist_id', '=', args.specialistId);
  if (args.exceptId) query = query.where('a.id', '<>', args.exceptId);
  const rows = await query.orderBy('a.hold_expires_at').limit(args.limit).forUpdate('a').skipLocked().execute();
  return rows.map(toAppointment);
}

export interface AppointmentFilter {
  statuses?: AppointmentStatus[];
  specialistId?: string;
  contactId?: string;
  from?: Date;
  to?: Date;
  q?: string;
}

/**
 * Appointments by start time, then id, for keyset paging.
 *
 * Two or more statuses ("needs action": unconfirmed and confirmed) are read as one ordered walk
 * per status, each limited to the page and merged: a single walk in date order with `status IN
 * (…)` reads the whole history of other statuses before its first match, and an index on
 * (status, starts_at, id) returns one status after the other, not in date order
 * (bench/README.md, appointments-list.bench.ts).
 */
export async function searchAppointments(db: Db, filter: AppointmentFilter, page: { after: Cursor | null; limit: number }): Promise<Appointment[]> {
  const statuses = [...new Set(filter.statuses ?? [])];
  if (statuses.length < 2) {
    const rows = await filteredByTime(db, { ...filter, statuses }, page.after).limit(page.limit).execute();
    return rows.map(toAppointment);
  }
  const [first, ...rest] = statuses.map((status) =>
    db.selectFrom(filteredByTime(db, { ...filter, statuses: [status] }, page.after).limit(page.limit).as('walk')).selectAll(),
  );
  const merged = rest.reduce((union, walk) => union.unionAll(walk), first!);
  const rows = await db.selectFrom(merged.as('m')).selectAll().orderBy('m.starts_at').orderBy('m.id').limit(page.limit).execute();
  return rows.map(toAppointment);
}

/** The appointments that match a filter, after the cursor, in (starts_at, id) order. */
function filteredByTime(db: Db, filter: AppointmentFilter, after: Cursor | null) {
  let query = baseQuery(db);
  if (filter.statuses && filter.statuses.length > 0) query = query.where('a.status', 'in', filter.statuses);
  if (filter.specialistId) query = query.where('a.specialist_id', '=', filter.specialistId);
  if (filter.contactId) query = query.where('a.contact_id', '=', filter.contactId);
  if (filter.from) query = query.where('a.starts_at', '>=', filter.from);
  if (filter.to) query = query.where('a.starts_at', '<', filter.to);
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = q.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(c.name)`, 'like', pattern),
        eb(sql`lower(c.email)`, 'like', pattern),
        ...(digits.length >= 3 ? [eb(sql`regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g')`, 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  if (after) query = query.where(sql<boolean>`(a.starts_at, a.id) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('a.starts_at').orderBy('a.id');
}

/** Confirmed and booked appointments starting in (from, to]: the ones reminders are about. */
export async function upcomingAppointments(db: Db, args: { from: Date; to: Date; limit: number }): Promise<Appointment[]> {
  const rows = await baseQuery(db)
    .where('a.status', 'in', ['confirmed', 'booked'])
    .where('a.starts_at', '>', args.from)
    .where('a.starts_at', '<=', args.to)
    .orderBy('a.starts_at')
    .limit(args.limit)
    .execute();
  return rows.map(toAppointment);
}
