import { Type } from '@sinclair/typebox';
import { DateTime } from 'luxon';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff } from '../http/auth.js';
import { errors, IdParams, ListOf } from '../http/common-schemas.js';
import { invalidInput, notFound } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { loadAvailability } from '../scheduling/availability.js';
import { freeSlots } from '../scheduling/free-slots.js';
import { registerCsvExport } from '../http/csv-download.js';
import { SPECIALIST_COLUMNS } from './specialist-csv.js';
import { findSpecialist, insertSpecialist, listSpecialists, loadWeeklySchedules, updateSpecialist, weeklyScheduleOf } from './specialist-repository.js';
import { ScheduleBody, Slot, SlotsQuery, SpecialistBody, SpecialistCreate, SpecialistPatch } from './specialist-schemas.js';
import { getSchedule, setSchedule } from './specialist-service.js';

const MAX_RANGE_DAYS = 31;

/** `?date=` or `?from=&to=` (up to 31 days) as an inclusive range of local dates. */
function slotRange(query: { date?: string; from?: string; to?: string }): { from: string; to: string } {
  if (query.date !== undefined) {
    if (query.from !== undefined || query.to !== undefined) throw invalidInput({ date: 'give either date, or from and to' });
    if (!DateTime.fromISO(query.date).isValid) throw invalidInput({ date: 'is not a calendar date' });
    return { from: query.date, to: query.date };
  }
  if (query.from === undefined || query.to === undefined) {
    throw invalidInput({ [query.from === undefined ? 'from' : 'to']: 'is required (or give date)' });
  }
  const from = DateTime.fromISO(query.from);
  const to = DateTime.fromISO(query.to);
  if (!from.isValid) throw invalidInput({ from: 'is not a calendar date' });
  if (!to.isValid) throw invalidInput({ to: 'is not a calendar date' });
  if (to < from) throw invalidInput({ to: 'must not be before from' });
  if (to.diff(from, 'days').days + 1 > MAX_RANGE_DAYS) throw invalidInput({ to: `the range may span at most ${MAX_RANGE_DAYS} days` });
  return { from: query.from, to: query.to };
}

export function registerSpecialistRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;

  app.get(
    '/api/specialists',
    { schema: { tags: ['specialists'], summary: 'Specialists who take bookings', response: { 200: ListOf(SpecialistBody) } } },
    async () => ({ items: await listSpecialists(deps.db, { activeOnly: true }) }),
  );

  app.get(
    '/api/specialists/:id',
    { schema: { tags: ['specialists'], summary: 'One specialist', params: IdParams, response: { 200: SpecialistBody, ...errors(400, 404) } } },
    async (request) => {
      const specialist = await findSpecialist(deps.db, request.params.id);
      if (!specialist || !specialist.active) throw notFound('The specialist', 'id');
      return specialist;
    },
  );

  app.get(
    '/api/specialists/:id/slots',
    {
      schema: {
        tags: ['specialists'],
        summary: 'Free slots on a date (?date=) or in a range of up to 31 days (?from=&to=)',
        params: IdParams,
        querystring: SlotsQuery,
        response: {
          200: Type.Object({
            specialistId: Type.String(),
            date: Type.Optional(Type.String()),
            from: Type.Optional(Type.String()),
            to: Type.Optional(Type.String()),
            timezone: Type.String(),
            slots: Type.Array(Slot),
          }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      const range = slotRange(request.query);
      const specialist = await findSpecialist(deps.db, request.params.id);
      if (!specialist || !specialist.active) throw notFound('The specialist', 'id');
      const now = deps.now();
      const availability = await loadAvailability(deps.db, { specialist, ...range, timezone: tz, now });
      const slots = freeSlots({ ...availability, ...range }).map((slot) => ({
        startsAt: formatInstant(slot.startsAt, tz),
        endsAt: formatInstant(slot.endsAt, tz),
      }));
      return {
        specialistId: specialist.id,
        ...(request.query.date !== undefined ? { date: range.from } : { from: range.from, to: range.to }),
        timezone: tz,
        slots,
      };
    },
  );

  const staffOnly = { onRequest: requireStaff('admin', 'manager') };
  const adminOnly = { onRequest: requireStaff('admin') };

  app.get(
    '/api/admin/specialists',
    { ...staffOnly, schema: { tags: ['admin'], summary: 'All specialists, including inactive ones', response: { 200: ListOf(SpecialistBody), ...errors(401, 403) } } },
    async () => ({ items: await listSpecialists(deps.db, { activeOnly: false }) }),
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/specialists/export.csv',
    ...staffOnly,
    audit: { action: 'specialists.export', recordType: 'specialist' },
    tags: ['admin'],
    summary: 'Every specialist as CSV, inactive ones too: profile, booking rules, and the usual hours of each weekday',
    fileName: 'specialists',
    columns: SPECIALIST_COLUMNS,
    rows: async () => {
      const [specialists, weeks] = await Promise.all([listSpecialists(deps.db, { activeOnly: false }), loadWeeklySchedules(deps.db)]);
      return specialists.map((specialist) => ({ ...specialist, weekly: weeks.get(specialist.id) ?? weeklyScheduleOf([]) }));
    },
  });

  app.post(
    '/api/admin/specialists',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'Add a specialist', body: SpecialistCreate, response: { 201: SpecialistBody, ...errors(400, 401, 403) } } },
    async (request, reply) => {
      const body = request.body;
      const specialist = await insertSpecialist(deps.db, {
        name: body.name,
        specialty: body.specialty,
        bio: body.bio ?? '',
        photoUrl: body.photoUrl ?? null,
        consultationMinutes: body.consultationMinutes,
        bufferMinutes: body.bufferMinutes ?? 0,
        minNoticeMinutes: body.minNoticeMinutes ?? 120,
        horizonDays: body.horizonDays ?? 90,
        active: body.active ?? true,
      });
      return reply.status(201).send(specialist);
    },
  );

  app.patch(
    '/api/admin/specialists/:id',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'Change a specialist', params: IdParams, body: SpecialistPatch, response: { 200: SpecialistBody, ...errors(400, 401, 403, 404) } } },
    async (request) => {
      const specialist = await updateSpecialist(deps.db, request.params.id, request.body, deps.now());
      if (!specialist) throw notFound('The specialist', 'id');
      return specialist;
    },
  );

  app.get(
    '/api/admin/specialists/:id/schedule',
    { ...staffOnly, schema: { tags: ['admin'], summary: 'Weekly hours and date overrides', params: IdParams, response: { 200: ScheduleBody, ...errors(401, 403, 404) } } },
    async (request) => getSchedule(deps.db, request.params.id),
  );

  app.put(
    '/api/admin/specialists/:id/schedule',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'Replace weekly hours and date overrides', params: IdParams, body: ScheduleBody, response: { 200: ScheduleBody, ...errors(400, 401, 403, 404) } } },
    async (request) => setSchedule(deps.db, request.params.id, { weekly: request.body.weekly, overrides: request.body.overrides ?? [] }),
  );
}
