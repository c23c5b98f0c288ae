import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { actorOf, requireStaff } from '../http/auth.js';
import { errors, IdParams, PageOf } from '../http/common-schemas.js';
import { staffNamesById } from '../accounts/staff-repository.js';
import { registerCsvExport } from '../http/csv-download.js';
import { decodeCursor, pageOf } from '../http/cursor.js';
import { notFound } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { findContactById, searchContacts, type Contact } from './contact-repository.js';
import { ContactBody, ContactPatch, TimelineEntryBody } from './contact-schemas.js';
import { editContact } from './contact-service.js';
import { listTimeline } from './timeline.js';
import { TIMELINE_COLUMNS, timelineRows } from './timeline-csv.js';

export function toContactBody(contact: Contact, timezone: string) {
  return { ...contact, createdAt: formatInstant(contact.createdAt, timezone), updatedAt: formatInstant(contact.updatedAt, timezone) };
}

const TimelineKinds = Type.Optional(Type.String({ maxLength: 200, description: 'Comma-separated kinds or prefixes, e.g. booking,contact.updated' }));
const kindsOf = (kind: string | undefined): string[] | undefined => (kind ? kind.split(',').filter(Boolean) : undefined);

export function registerContactRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const staffOnly = { onRequest: requireStaff('admin', 'manager') };

  app.get(
    '/api/admin/contacts',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Contacts, newest first; q searches name, e-mail and phone',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(ContactBody), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await searchContacts(deps.db, {
        ...(request.query.q ? { q: request.query.q } : {}),
        after: decodeCursor(request.query.cursor),
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
      return { items: page.items.map((row) => toContactBody(row, tz)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/admin/contacts/:id',
    { ...staffOnly, schema: { tags: ['admin'], summary: 'One contact’s personal data', params: IdParams, response: { 200: ContactBody, ...errors(400, 401, 403, 404) } } },
    async (request) => {
      const contact = await findContactById(deps.db, request.params.id);
      if (!contact) throw notFound('The contact', 'id');
      return toContactBody(contact, tz);
    },
  );

  app.patch(
    '/api/admin/contacts/:id',
    {
      ...staffOnly,
      schema: { tags: ['admin'], summary: 'Edit a contact; the timeline records who changed what', params: IdParams, body: ContactPatch, response: { 200: ContactBody, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const contact = await editContact(deps, { contactId: request.params.id, patch: request.body, actor: actorOf(request), now: deps.now() });
      return toContactBody(contact, tz);
    },
  );

  app.get(
    '/api/admin/contacts/:id/timeline',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'What happened to this contact, newest first',
        params: IdParams,
        querystring: Type.Object(
          {
            kind: TimelineKinds,
            before: Type.Optional(Type.String({ pattern: '^\\d{1,18}$', description: 'Entries older than this id' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(TimelineEntryBody) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const contact = await findContactById(deps.db, request.params.id);
      if (!contact) throw notFound('The contact', 'id');
      const kinds = kindsOf(request.query.kind);
      const entries = await listTimeline(deps.db, contact.id, {
        ...(kinds ? { kinds } : {}),
        ...(request.query.before ? { before: request.query.before } : {}),
        limit: request.query.limit ?? 100,
      });
      return { items: entries.map((entry) => ({ ...entry, occurredAt: formatInstant(entry.occurredAt, tz) })) };
    },
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/contacts/:id/timeline/export.csv',
    ...staffOnly,
    audit: { action: 'contact.timeline.export', recordType: 'contact' },
    tags: ['admin'],
    summary: 'A contact’s whole timeline as CSV, newest first; `kind` filters as the list does',
    params: IdParams,
    filters: { kind: TimelineKinds },
    fileName: 'timeline',
    columns: TIMELINE_COLUMNS,
    rows: async ({ params, query }) => {
      const contact = await findContactById(deps.db, params.id);
      if (!contact) throw notFound('The contact', 'id');
      const staffNames = await staffNamesById(deps.db);
      const kinds = kindsOf(query.kind);
      return timelineRows(deps.db, { contactId: contact.id, staffNames, ...(kinds ? { kinds } : {}) });
    },
  });
}
