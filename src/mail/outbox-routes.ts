import { Type, type Static, type TObject } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff } from '../http/auth.js';
import { errors, IdParams, Instant, PageOf, Uuid } from '../http/common-schemas.js';
import { decodeCursor, pageOf } from '../http/cursor.js';
import { conflict, notFound } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { hideLinkTokens } from './link-mask.js';
import { inBatches, registerCsvExport } from '../http/csv-download.js';
import { OUTBOX_COLUMNS } from './outbox-csv.js';
import { findOutboundEmail, listOutboundEmails, requeueOutboundEmail, type OutboundEmail, type OutboxFilter } from './outbox-repository.js';

const Status = Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')], {
  description: 'queued: waiting or being retried; sent: handed to the SMTP server (or kept in the mailbox); failed: given up, see lastError',
});

const OutboxFilters = {
  status: Type.Optional(Status),
  contactId: Type.Optional(Uuid),
  appointmentId: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches the address or the subject' })),
};

function outboxFilter(query: Static<TObject<typeof OutboxFilters>>): OutboxFilter {
  return {
    ...(query.status ? { status: query.status } : {}),
    ...(query.contactId ? { contactId: query.contactId } : {}),
    ...(query.appointmentId ? { appointmentId: query.appointmentId } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}

const EmailSummary = Type.Object({
  id: Uuid,
  contactId: Type.Union([Uuid, Type.Null()]),
  appointmentId: Type.Union([Uuid, Type.Null()]),
  templateKey: Type.String(),
  locale: Type.String(),
  to: Type.String(),
  toName: Type.String(),
  subject: Type.String(),
  messageId: Type.String({ description: 'The Message-ID header; the same on every attempt' }),
  status: Status,
  transport: Type.Union([Type.Literal('smtp'), Type.Literal('mailbox'), Type.Null()], { description: 'mailbox: no SMTP_URL, kept here for staff to read' }),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  hasInvite: Type.Boolean(),
  createdAt: Instant,
  lastAttemptAt: Type.Union([Instant, Type.Null()]),
  sentAt: Type.Union([Instant, Type.Null()]),
});

const EmailDetail = Type.Object({
  ...EmailSummary.properties,
  html: Type.String(),
  text: Type.String(),
  invite: Type.Union([Type.Object({ method: Type.String(), content: Type.String() }), Type.Null()]),
});

export function registerOutboxRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const staffOnly = { onRequest: requireStaff('admin', 'manager') };
  const at = (date: Date | null): string | null => (date ? formatInstant(date, tz) : null);
  const summary = (email: OutboundEmail) => ({
    id: email.id,
    contactId: email.contactId,
    appointmentId: email.appointmentId,
    templateKey: email.templateKey,
    locale: email.locale,
    to: email.toAddress,
    toName: email.toName,
    subject: email.subject,
    messageId: email.messageId,
    status: email.status,
    transport: email.transport,
    attempts: email.attempts,
    lastError: email.lastError,
    hasInvite: email.ics !== null,
    createdAt: formatInstant(email.createdAt, tz),
    lastAttemptAt: at(email.lastAttemptAt),
    sentAt: at(email.sentAt),
  });

  app.get(
    '/api/admin/outbox',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Every e-mail the clinic sent or will send, newest first, with its state (the mailbox view when there is no SMTP_URL)',
        querystring: Type.Object(
          {
            ...OutboxFilters,
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(EmailSummary), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const query = request.query;
      const limit = query.limit ?? 50;
      const rows = await listOutboundEmails(deps.db, outboxFilter(query), { after: decodeCursor(query.cursor), limit: limit + 1 });
      const page = pageOf(rows, limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
      return { items: page.items.map(summary), nextCursor: page.nextCursor };
    },
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/outbox/export.csv',
    ...staffOnly,
    audit: { action: 'outbox.export', recordType: 'outbox_message' },
    tags: ['admin'],
    summary: 'The outbox as CSV, newest first: each e-mail’s recipient, subject, state, attempts and last error (no bodies); filtered as the list is',
    filters: OutboxFilters,
    fileName: 'outbox',
    columns: OUTBOX_COLUMNS,
    rows: async ({ query }) => {
      const filter = outboxFilter(query);
      return inBatches<OutboundEmail>(
        (after, limit) => listOutboundEmails(deps.db, filter, { after, limit }),
        (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
      );
    },
  });

  app.get(
    '/api/admin/outbox/:id',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'One e-mail as the client gets it: HTML, text and invite; with SMTP, the tokens of links that act as the client are hidden',
        params: IdParams,
        response: { 200: EmailDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const email = await findOutboundEmail(deps.db, request.params.id);
      if (!email) throw notFound('The e-mail', 'id');
      // In the mailbox (no SMTP) staff deliver the demo's e-mails by hand, so links stay whole there.
      const shown = deps.outbox.mailboxOnly ? (body: string) => body : hideLinkTokens;
      const invite = email.ics && email.icsMethod ? { method: email.icsMethod, content: email.ics } : null;
      return { ...summary(email), html: shown(email.html), text: shown(email.text), invite };
    },
  );

  app.post(
    '/api/admin/outbox/:id/retry',
    {
      ...staffOnly,
      schema: { tags: ['admin'], summary: 'Send a failed e-mail again (the same Message-ID)', params: IdParams, response: { 202: EmailSummary, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const email = await deps.db.transaction().execute(async (trx) => {
        const found = await findOutboundEmail(trx, request.params.id, { forUpdate: true });
        if (!found) throw notFound('The e-mail', 'id');
        if (found.status !== 'failed') throw conflict('not_failed', `Only a failed e-mail can be sent again; this one is ${found.status}.`, { status: `is ${found.status}` });
        if (found.contactId) {
          // Retrying is staff saying the address is fine again.
          await trx.updateTable('contacts').set({ email_status: 'ok', email_status_reason: null }).where('id', '=', found.contactId).execute();
        }
        await requeueOutboundEmail(trx, found.id);
        await deps.queue.enqueue(trx, 'send-email', { emailId: found.id });
        return (await findOutboundEmail(trx, found.id))!;
      });
      deps.queue.nudge('send-email');
      return reply.status(202).send(summary(email));
    },
  );
}
