import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { clientOf, requireClient, requireStaff, staffOf } from '../http/auth.js';
import { Email, errors, IdParams, Instant, Locale, Phone, Uuid } from '../http/common-schemas.js';
import { staffNamesById } from '../accounts/staff-repository.js';
import { registerCsvExport } from '../http/csv-download.js';
import { notFound } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { findContactById, type Contact } from '../contacts/contact-repository.js';
import { findSpecialist } from '../specialists/specialist-repository.js';
import { carryOutErasure, exportContactData, listErasureRequests, requestErasure, type ErasureRequest } from './data-rights.js';
import { ERASURE_COLUMNS } from './erasure-csv.js';
import { cancelOwn, confirmEmailChange, listOwnAppointments, requestEmailChange, rescheduleOwn, updateOwnProfile, type ClientAppointment } from './portal-service.js';

const Profile = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  locale: Locale,
  lifecycle: Type.String(),
});

const ClientBooking = Type.Object({
  id: Uuid,
  status: Type.String(),
  specialist: Type.Object({ id: Uuid, name: Type.String(), specialty: Type.String() }),
  startsAt: Instant,
  endsAt: Instant,
  notes: Type.String(),
  changeableUntil: Instant,
  canChange: Type.Boolean({ description: 'Whether it can still be moved or cancelled online (the cut-off before the start)' }),
});

const ErasureBody = Type.Object({
  id: Uuid,
  contactId: Uuid,
  contactName: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('rejected')]),
  reason: Type.String(),
  note: Type.String(),
  requestedAt: Instant,
  handledAt: Type.Union([Instant, Type.Null()]),
});

const ErasureFilters = { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('rejected')])) };

export function registerPortalRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const clientOnly = { onRequest: requireClient() };
  const profileOf = (c: Contact) => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, locale: c.locale, lifecycle: c.lifecycle });
  const ctx = { ...deps, config: { publicUrl: deps.config.publicUrl, clientChangeCutoffHours: deps.config.clientChangeCutoffHours } };
  const erasureOf = (r: ErasureRequest) => ({ ...r, requestedAt: formatInstant(r.requestedAt, tz), handledAt: r.handledAt ? formatInstant(r.handledAt, tz) : null });

  async function bookingView(item: ClientAppointment) {
    const specialist = await findSpecialist(deps.db, item.appointment.specialistId);
    return {
      id: item.appointment.id,
      status: item.appointment.status,
      specialist: { id: item.appointment.specialistId, name: specialist?.name ?? '', specialty: specialist?.specialty ?? '' },
      startsAt: formatInstant(item.appointment.startsAt, tz),
      endsAt: formatInstant(item.appointment.endsAt, tz),
      notes: item.appointment.notes,
      changeableUntil: formatInstant(item.changeableUntil, tz),
      canChange: item.canChange,
    };
  }

  app.get('/api/me', { ...clientOnly, schema: { tags: ['portal'], summary: 'The signed-in client', response: { 200: Profile, ...errors(401, 403) } } }, async (request) => {
    const contact = await findContactById(deps.db, clientOf(request).contactId);
    if (!contact) throw notFound('The contact', 'id');
    return profileOf(contact);
  });

  app.patch(
    '/api/me',
    {
      ...clientOnly,
      schema: {
        tags: ['portal'],
        summary: 'Change name, phone or language (the e-mail address changes through POST /api/me/email)',
        body: Type.Object(
          { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })), phone: Type.Optional(Type.Union([Phone, Type.Null()])), locale: Type.Optional(Locale) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Profile, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const body = request.body;
      const contact = await updateOwnProfile(deps, {
        contactId: clientOf(request).contactId,
        changes: { ...(body.name !== undefined ? { name: body.name.trim() } : {}), ...(body.phone !== undefined ? { phone: body.phone } : {}), ...(body.locale ? { locale: body.locale } : {}) },
        now: deps.now(),
      });
      return profileOf(contact);
    },
  );

  app.post(
    '/api/me/email',
    {
      ...clientOnly,
      schema: { tags: ['portal'], summary: 'Ask to change the e-mail address: a link goes to the new one', body: Type.Object({ email: Email }, { additionalProperties: false }), response: { 202: Type.Object({ status: Type.Literal('confirmation_sent') }), ...errors(400, 401, 403, 409) } },
    },
    async (request, reply) => {
      await requestEmailChange(ctx, { contactId: clientOf(request).contactId, newEmail: request.body.email.trim(), now: deps.now() });
      return reply.status(202).send({ status: 'confirmation_sent' as const });
    },
  );

  app.get(
    '/api/me/email/confirm',
    { schema: { hide: true, querystring: Type.Object({ token: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const outcome = await confirmEmailChange(deps, String(request.query.token ?? ''), deps.now());
      return reply.redirect(`${deps.config.publicUrl}/portal/profile?email=${outcome}`, 303);
    },
  );

  app.get(
    '/api/me/bookings',
    { ...clientOnly, schema: { tags: ['portal'], summary: 'The client’s appointments: upcoming (soonest first) and past', response: { 200: Type.Object({ upcoming: Type.Array(ClientBooking), past: Type.Array(ClientBooking), items: Type.Array(ClientBooking) }), ...errors(401, 403) } } },
    async (request) => {
      const { upcoming, past } = await listOwnAppointments(ctx, clientOf(request).contactId, deps.now());
      const up = await Promise.all(upcoming.map(bookingView));
      const before = await Promise.all(past.map(bookingView));
      return { upcoming: up, past: before, items: [...up, ...before] };
    },
  );

  app.post(
    '/api/me/bookings/:id/reschedule',
    {
      ...clientOnly,
      schema: { tags: ['portal'], summary: 'Move to another free slot of the same specialist, until the cut-off (later: 409 too_late)', params: IdParams, body: Type.Object({ startsAt: Instant }, { additionalProperties: false }), response: { 200: ClientBooking, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const contactId = clientOf(request).contactId;
      const now = deps.now();
      await rescheduleOwn(ctx, { contactId, appointmentId: request.params.id, startsAt: new Date(request.body.startsAt), now });
      const { upcoming, past } = await listOwnAppointments(ctx, contactId, now);
      return bookingView([...upcoming, ...past].find((item) => item.appointment.id === request.params.id)!);
    },
  );

  app.post(
    '/api/me/bookings/:id/cancel',
    { ...clientOnly, schema: { tags: ['portal'], summary: 'Cancel, until the cut-off (later: 409 too_late, call the clinic)', params: IdParams, response: { 200: ClientBooking, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => {
      const contactId = clientOf(request).contactId;
      const now = deps.now();
      await cancelOwn(ctx, { contactId, appointmentId: request.params.id, now });
      const { upcoming, past } = await listOwnAppointments(ctx, contactId, now);
      return bookingView([...upcoming, ...past].find((item) => item.appointment.id === request.params.id)!);
    },
  );

  app.get(
    '/api/me/export',
    { ...clientOnly, schema: { tags: ['portal'], summary: 'Everything the clinic holds on the client, as JSON', response: { 200: Type.Object({}, { additionalProperties: true }), ...errors(401, 403) } } },
    async (request, reply) => {
      const data = await exportContactData(deps.db, clientOf(request).contactId, deps.now());
      return reply.header('content-disposition', 'attachment; filename="my-clinic-data.json"').send(data);
    },
  );

  app.post(
    '/api/me/erasure-request',
    {
      ...clientOnly,
      schema: { tags: ['portal'], summary: 'Ask the clinic to erase my personal data', body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }), response: { 202: ErasureBody, ...errors(400, 401, 403) } },
    },
    async (request, reply) => {
      const result = await requestErasure(deps, { contactId: clientOf(request).contactId, reason: request.body.reason?.trim() ?? '', now: deps.now() });
      return reply.status(202).send(erasureOf(result));
    },
  );

  const staffOnly = { onRequest: requireStaff('admin', 'manager') };

  app.get(
    '/api/admin/erasure-requests',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Clients’ requests to erase their data',
        querystring: Type.Object(ErasureFilters, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ErasureBody) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => ({ items: (await listErasureRequests(deps.db, request.query.status)).map(erasureOf) }),
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/erasure-requests/export.csv',
    ...staffOnly,
    audit: { action: 'erasure_requests.export', recordType: 'erasure_request' },
    tags: ['admin'],
    summary: 'Every erasure request as CSV, newest first, with who decided it and when; `status` filters as the list does',
    filters: ErasureFilters,
    fileName: 'erasure-requests',
    columns: ERASURE_COLUMNS,
    rows: async ({ query }) => {
      const [requests, names] = await Promise.all([listErasureRequests(deps.db, query.status, null), staffNamesById(deps.db)]);
      return requests.map((r) => ({ ...r, handledByName: r.handledBy ? (names.get(r.handledBy) ?? null) : null }));
    },
  });

  for (const decision of ['complete', 'reject'] as const) {
    app.post(
      `/api/admin/erasure-requests/:id/${decision}`,
      {
        ...staffOnly,
        config: { audit: { action: decision === 'complete' ? 'contact.erase' : 'erasure_request.reject', recordType: 'erasure_request' } },
        schema: {
          tags: ['admin'],
          summary: decision === 'complete' ? 'Erase the contact’s personal data everywhere, keeping anonymous appointment statistics' : 'Decline the request, saying why',
          params: IdParams,
          body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
          response: { 200: ErasureBody, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        erasureOf(await carryOutErasure(deps, { requestId: request.params.id, actor: { type: 'staff', id: staffOf(request).user.id }, decision, note: request.body.note?.trim() ?? '', now: deps.now() })),
    );
  }
}
