import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../app-deps.js';
import { actorOf, clientOf, requireClient, requireStaff } from '../http/auth.js';
import { errors, IdParams, PageOf } from '../http/common-schemas.js';
import { findContactById } from '../contacts/contact-repository.js';
import { registerCsvExport } from '../http/csv-download.js';
import { notFound } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { INBOX_COLUMNS, inboxThreads, THREAD_COLUMNS, threadMessages } from './message-csv.js';
import type { Message } from './message-repository.js';
import { InboxItem, InboxQuery, NewMessageBody, StaffThreadMessage, ThreadMessage, ThreadQuery } from './message-schemas.js';
import { readInbox, readThreadAsClient, readThreadAsStaff, writeToClient, writeToClinic, type InboxEntry } from './message-service.js';

/** A client may write this many messages per window; the clinic's inbox is not a chat room. */
export const CLIENT_MESSAGE_LIMIT = { max: 30, timeWindow: 10 * 60_000 };

function toThreadMessage(message: Message, timezone: string) {
  return {
    id: message.id,
    authorType: message.authorType,
    authorName: message.authorName,
    body: message.body,
    createdAt: formatInstant(message.createdAt, timezone),
    readByStaffAt: message.readByStaffAt ? formatInstant(message.readByStaffAt, timezone) : null,
    readByClientAt: message.readByClientAt ? formatInstant(message.readByClientAt, timezone) : null,
  };
}

function toStaffThreadMessage(message: Message, timezone: string) {
  return { ...toThreadMessage(message, timezone), contactId: message.contactId, authorStaffId: message.authorStaffId };
}

function toInboxItem(entry: InboxEntry, timezone: string) {
  return { ...entry, lastMessageAt: formatInstant(entry.lastMessageAt, timezone) };
}

export function registerMessageRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const clientOnly = { onRequest: requireClient() };
  const staffOnly = { onRequest: requireStaff('admin', 'manager') };

  app.get(
    '/api/me/messages',
    {
      ...clientOnly,
      schema: {
        tags: ['portal'],
        summary: 'The signed-in client’s thread with the clinic, oldest first; the clinic’s messages shown become read',
        querystring: ThreadQuery,
        response: { 200: PageOf(ThreadMessage), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await readThreadAsClient(deps, { contactId: clientOf(request).contactId, cursor: request.query.cursor, limit: request.query.limit ?? 50, now: deps.now() });
      return { items: page.items.map((m) => toThreadMessage(m, tz)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/me/messages',
    {
      ...clientOnly,
      // Keyed by the client, not the session: a second sign-in link does not buy a second allowance.
      config: {
        rateLimit: {
          ...CLIENT_MESSAGE_LIMIT,
          keyGenerator: (request: FastifyRequest): string => (request.session?.kind === 'client' ? `client:${request.session.contactId}` : `ip:${request.ip}`),
        },
      },
      schema: {
        tags: ['portal'],
        summary: 'The signed-in client writes to the clinic; the managers are e-mailed',
        body: NewMessageBody,
        response: { 201: ThreadMessage, ...errors(400, 401, 403, 413, 429) },
      },
    },
    async (request, reply) => {
      const message = await writeToClinic(deps, { contactId: clientOf(request).contactId, body: request.body.body, now: deps.now() });
      return reply.status(201).send(toThreadMessage(message, tz));
    },
  );

  app.get(
    '/api/admin/contacts/:id/messages',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'A client’s thread with the clinic, oldest first; the client’s messages shown become read',
        params: IdParams,
        querystring: ThreadQuery,
        response: { 200: PageOf(StaffThreadMessage), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await readThreadAsStaff(deps, { contactId: request.params.id, cursor: request.query.cursor, limit: request.query.limit ?? 50, now: deps.now() });
      return { items: page.items.map((m) => toStaffThreadMessage(m, tz)), nextCursor: page.nextCursor };
    },
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/contacts/:id/messages/export.csv',
    ...staffOnly,
    audit: { action: 'contact.messages.export', recordType: 'contact' },
    tags: ['admin'],
    summary: 'A client’s whole thread with the clinic as CSV, oldest first (marks nothing as read)',
    params: IdParams,
    fileName: 'messages',
    columns: THREAD_COLUMNS,
    rows: async ({ params }) => {
      if (!(await findContactById(deps.db, params.id))) throw notFound('The contact', 'id');
      return threadMessages(deps.db, params.id);
    },
  });

  app.post(
    '/api/admin/contacts/:id/messages',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Write to a client (answer, or start the thread); the client is e-mailed',
        params: IdParams,
        body: NewMessageBody,
        response: { 201: StaffThreadMessage, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const message = await writeToClient(deps, { contactId: request.params.id, by: actorOf(request), body: request.body.body, now: deps.now() });
      return reply.status(201).send(toStaffThreadMessage(message, tz));
    },
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/inbox/export.csv',
    ...staffOnly,
    audit: { action: 'inbox.export', recordType: 'message' },
    tags: ['admin'],
    summary: 'The inbox as CSV: one row a client’s thread, unanswered first, then by the last message; `unanswered` filters as the list does',
    filters: { unanswered: InboxQuery.properties.unanswered },
    fileName: 'inbox',
    columns: INBOX_COLUMNS,
    rows: async ({ query }) => inboxThreads(deps.db, query.unanswered === true),
  });

  app.get(
    '/api/admin/inbox',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Clients’ threads: unanswered first (the client wrote last), then by the last message, newest first',
        querystring: InboxQuery,
        response: { 200: PageOf(InboxItem), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await readInbox(deps, { cursor: request.query.cursor, limit: request.query.limit ?? 50, unansweredOnly: request.query.unanswered === true });
      return { items: page.items.map((entry) => toInboxItem(entry, tz)), nextCursor: page.nextCursor };
    },
  );
}
