import type { App, AppDeps } from '../app-deps.js';
import { actorOf, requireStaff } from '../http/auth.js';
import { errors, IdParams, PageOf } from '../http/common-schemas.js';
import { decodeCursor, pageOf } from '../http/cursor.js';
import { invalidInput, notFound } from '../http/errors.js';
import { formatInstant, listBound as bound } from '../http/instant.js';
import { findAppointment, searchAppointments, type Appointment, type AppointmentFilter } from './appointment-repository.js';
import { APPOINTMENT_STATUSES, type AppointmentAction, type AppointmentStatus } from './appointment-states.js';
import { bookAppointment, bookAsStaff, changeStatus, reschedule, type StaffBooking } from './booking-service.js';
import {
  BookingBody,
  BookingCreated,
  BookingListQuery,
  RescheduleBody,
  StaffBookingBody,
  StatusChangeBody,
  VisitorBookingBody,
} from './booking-schemas.js';

export function toBookingBody(appointment: Appointment, timezone: string) {
  return {
    id: appointment.id,
    status: appointment.status,
    specialistId: appointment.specialistId,
    startsAt: formatInstant(appointment.startsAt, timezone),
    endsAt: formatInstant(appointment.endsAt, timezone),
    contact: appointment.contact,
    notes: appointment.notes,
    source: appointment.source,
    locale: appointment.locale,
    holdExpiresAt: appointment.holdExpiresAt ? formatInstant(appointment.holdExpiresAt, timezone) : null,
    createdAt: formatInstant(appointment.createdAt, timezone),
    updatedAt: formatInstant(appointment.updatedAt, timezone),
  };
}

/** A staff booking's body as the booking service takes it (the console's and the integration API's). */
export function staffBookingFrom(body: StaffBookingBody): StaffBooking {
  return {
    specialistId: body.specialistId,
    startsAt: new Date(body.startsAt),
    ...(body.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
    ...(body.contactId ? { contactId: body.contactId } : {}),
    ...(body.name ? { name: body.name.trim() } : {}),
    ...(body.email ? { email: body.email.trim() } : {}),
    phone: body.phone ?? null,
    notes: body.notes ?? '',
    ...(body.locale ? { locale: body.locale } : {}),
  };
}

function statuses(value: string | undefined): AppointmentStatus[] | undefined {
  if (!value) return undefined;
  const list = value.split(',');
  const unknown = list.find((status) => !(APPOINTMENT_STATUSES as readonly string[]).includes(status));
  if (unknown) throw invalidInput({ status: `"${unknown}" is not a status; use ${APPOINTMENT_STATUSES.join(', ')}` });
  return list as AppointmentStatus[];
}

/** The appointments list's filters (the list and its CSV export take the same), checked: a bad one is a 400 naming it. */
export function appointmentFilterFrom(query: Omit<BookingListQuery, 'cursor' | 'limit'>, timezone: string): AppointmentFilter {
  const from = bound(query.from, 'from', timezone);
  const to = bound(query.to, 'to', timezone);
  const status = statuses(query.status);
  return {
    ...(status ? { statuses: status } : {}),
    ...(query.specialistId ? { specialistId: query.specialistId } : {}),
    ...(query.contactId ? { contactId: query.contactId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}

const statusActions: Array<{ path: string; action: AppointmentAction; summary: string }> = [
  { path: 'approve', action: 'approve', summary: 'The clinic confirms it with the specialist (confirmed → booked)' },
  { path: 'complete', action: 'complete', summary: 'The visit took place' },
  { path: 'no-show', action: 'mark_no_show', summary: 'The client did not come' },
  { path: 'cancel', action: 'cancel', summary: 'Cancel the appointment; frees the time' },
];

export function registerBookingRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;

  app.post(
    '/api/bookings',
    {
      config: { rateLimit: { max: deps.config.bookingRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ['bookings'],
        summary: 'A visitor books a consultation; it holds the slot until confirmed from the e-mail',
        body: VisitorBookingBody,
        response: { 201: BookingCreated, ...errors(400, 404, 409, 413, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const appointment = await bookAppointment(
        deps,
        {
          specialistId: body.specialistId,
          startsAt: new Date(body.startsAt),
          name: body.name.trim(),
          email: body.email.trim(),
          phone: body.phone ?? null,
          notes: body.notes ?? '',
          locale: body.locale ?? 'uk',
        },
        deps.now(),
      );
      // Only what the visitor is answered: each instant formatted costs a time zone lookup.
      return reply.status(201).send({
        id: appointment.id,
        status: 'unconfirmed' as const,
        specialistId: appointment.specialistId,
        startsAt: formatInstant(appointment.startsAt, tz),
        endsAt: formatInstant(appointment.endsAt, tz),
        holdExpiresAt: formatInstant(appointment.holdExpiresAt!, tz),
      });
    },
  );

  const staffOnly = { onRequest: requireStaff('admin', 'manager') };

  app.get(
    '/api/admin/bookings',
    { ...staffOnly, schema: { tags: ['admin'], summary: 'Appointments by start time, filtered and paged', querystring: BookingListQuery, response: { 200: PageOf(BookingBody), ...errors(400, 401, 403) } } },
    async (request) => {
      const query = request.query;
      const limit = query.limit ?? 50;
      const rows = await searchAppointments(deps.db, appointmentFilterFrom(query, tz), { after: decodeCursor(query.cursor), limit: limit + 1 });
      const page = pageOf(rows, limit, (row) => ({ key: row.startsAt.toISOString(), id: row.id }));
      return { items: page.items.map((row) => toBookingBody(row, tz)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/admin/bookings/:id',
    { ...staffOnly, schema: { tags: ['admin'], summary: 'One appointment', params: IdParams, response: { 200: BookingBody, ...errors(400, 401, 403, 404) } } },
    async (request) => {
      const appointment = await findAppointment(deps.db, request.params.id);
      if (!appointment) throw notFound('The appointment', 'id');
      return toBookingBody(appointment, tz);
    },
  );

  app.post(
    '/api/admin/bookings',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Staff book directly (phone, walk-in, a past visit): straight to booked; only overlaps are refused',
        body: StaffBookingBody,
        response: { 201: BookingBody, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const appointment = await bookAsStaff(deps, staffBookingFrom(request.body), actorOf(request), 'staff', deps.now());
      return reply.status(201).send(toBookingBody(appointment, tz));
    },
  );

  for (const { path, action, summary } of statusActions) {
    app.post(
      `/api/admin/bookings/:id/${path}`,
      { ...staffOnly, schema: { tags: ['admin'], summary, params: IdParams, body: StatusChangeBody, response: { 200: BookingBody, ...errors(400, 401, 403, 404, 409) } } },
      async (request) => {
        const reason = request.body?.reason;
        const appointment = await changeStatus(deps, {
          appointmentId: request.params.id,
          action,
          actor: actorOf(request),
          now: deps.now(),
          ...(reason ? { reason } : {}),
        });
        return toBookingBody(appointment, tz);
      },
    );
  }

  app.post(
    '/api/admin/bookings/:id/reschedule',
    {
      ...staffOnly,
      schema: { tags: ['admin'], summary: 'Move an appointment; staff may use any time free of overlaps', params: IdParams, body: RescheduleBody, response: { 200: BookingBody, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const appointment = await reschedule(deps, {
        appointmentId: request.params.id,
        startsAt: new Date(request.body.startsAt),
        actor: actorOf(request),
        now: deps.now(),
      });
      return toBookingBody(appointment, tz);
    },
  );

}
