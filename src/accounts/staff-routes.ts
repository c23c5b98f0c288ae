import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff, staffOf } from '../http/auth.js';
import { Email, errors, IdParams, Instant, Uuid } from '../http/common-schemas.js';
import { conflict, notFound } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { registerCsvExport } from '../http/csv-download.js';
import { hashPassword } from './passwords.js';
import { STAFF_COLUMNS } from './staff-csv.js';
import { countActiveAdmins, findStaffById, listStaff, updateStaffPassword, updateStaffUser, type StaffUser } from './staff-repository.js';
import { createStaffUser } from './staff-service.js';

const Role = Type.Union([Type.Literal('admin'), Type.Literal('manager')]);
const Password = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' });
const StaffBody = Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), role: Role, active: Type.Boolean() });
const SessionBody = Type.Object({
  id: Type.String({ description: 'Pass to DELETE to end this session' }),
  current: Type.Boolean(),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});

export function registerStaffRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const adminOnly = { onRequest: requireStaff('admin') };
  const anyStaff = { onRequest: requireStaff() };
  const view = (user: StaffUser) => ({ id: user.id, email: user.email, name: user.name, role: user.role, active: user.active });

  app.get('/api/admin/staff', { ...adminOnly, schema: { tags: ['admin'], summary: 'Staff accounts', response: { 200: Type.Object({ items: Type.Array(StaffBody) }), ...errors(401, 403) } } }, async () => ({
    items: (await listStaff(deps.db)).map(view),
  }));

  registerCsvExport(app, deps, {
    url: '/api/admin/staff/export.csv',
    ...adminOnly,
    audit: { action: 'staff.export', recordType: 'staff' },
    tags: ['admin'],
    summary: 'Staff accounts as CSV: name, e-mail, role, active',
    fileName: 'staff',
    columns: STAFF_COLUMNS,
    rows: () => listStaff(deps.db),
  });

  app.post(
    '/api/admin/staff',
    {
      ...adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Add a staff account',
        body: Type.Object({ email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), role: Role, password: Password }, { additionalProperties: false }),
        response: { 201: StaffBody, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await createStaffUser(deps.db, { email: request.body.email.trim(), name: request.body.name.trim(), role: request.body.role, password: request.body.password });
      return reply.status(201).send(view(user));
    },
  );

  app.patch(
    '/api/admin/staff/:id',
    {
      ...adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Change a staff account: name, role, active, password. Deactivating ends its sessions',
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), role: Type.Optional(Role), active: Type.Optional(Type.Boolean()), password: Type.Optional(Password) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: StaffBody, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const now = deps.now();
      const user = await deps.db.transaction().execute(async (trx) => {
        const existing = await findStaffById(trx, request.params.id);
        if (!existing) throw notFound('The staff member', 'id');
        const { password, ...changes } = request.body;
        const losesAdmin = existing.role === 'admin' && existing.active && (changes.role === 'manager' || changes.active === false);
        if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
          throw conflict('last_admin', 'The clinic must keep at least one active administrator.', { role: 'is the last active administrator' });
        }
        await updateStaffUser(trx, existing.id, changes);
        if (password) await updateStaffPassword(trx, existing.id, await hashPassword(password));
        if (changes.active === false || password) {
          await trx.updateTable('sessions').set({ ended_at: now }).where('staff_user_id', '=', existing.id).where('ended_at', 'is', null).execute();
        }
        return (await findStaffById(trx, existing.id))!;
      });
      return view(user);
    },
  );

  app.get(
    '/api/auth/sessions',
    { ...anyStaff, schema: { tags: ['auth'], summary: 'My open sessions (staff)', response: { 200: Type.Object({ items: Type.Array(SessionBody) }), ...errors(401, 403) } } },
    async (request) => {
      const session = staffOf(request);
      const rows = await deps.db
        .selectFrom('sessions')
        .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
        .where('staff_user_id', '=', session.user.id)
        .where('ended_at', 'is', null)
        .where('expires_at', '>', deps.now())
        .orderBy('last_seen_at', 'desc')
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          current: row.id === session.sessionId,
          createdAt: formatInstant(row.created_at, tz),
          lastSeenAt: formatInstant(row.last_seen_at, tz),
          expiresAt: formatInstant(row.expires_at, tz),
          ip: row.ip,
          userAgent: row.user_agent,
        })),
      };
    },
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      ...anyStaff,
      schema: { tags: ['auth'], summary: 'End one of my sessions (sign out another device)', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 204: Type.Null(), ...errors(401, 403, 404) } },
    },
    async (request, reply) => {
      const session = staffOf(request);
      const result = await deps.db
        .updateTable('sessions')
        .set({ ended_at: deps.now() })
        .where('id', '=', request.params.id)
        .where('staff_user_id', '=', session.user.id)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows ?? 0) === 0) throw notFound('The session', 'id');
      return reply.status(204).send(null);
    },
  );
}
