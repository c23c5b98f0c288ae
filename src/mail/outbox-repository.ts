import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../db/engine.js';
import type { Cursor } from '../http/cursor.js';

export type OutboundStatus = 'queued' | 'sent' | 'failed';

/** One e-mail in the outbox: rendered when its cause happened, delivered later by the worker. */
export interface OutboundEmail {
  id: string;
  contactId: string | null;
  appointmentId: string | null;
  templateKey: string;
  locale: string;
  toAddress: string;
  toName: string;
  subject: string;
  html: string;
  text: string;
  ics: string | null;
  icsMethod: 'REQUEST' | 'CANCEL' | null;
  messageId: string;
  status: OutboundStatus;
  transport: 'smtp' | 'mailbox' | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
}

const columns = [
  'id', 'contact_id', 'appointment_id', 'template_key', 'locale', 'to_address', 'to_name', 'subject', 'html', 'text',
  'ics', 'ics_method', 'message_id', 'status', 'transport', 'attempts', 'last_error', 'created_at', 'last_attempt_at', 'sent_at',
] as const;

/** Everything but the bodies. */
const headerColumns = columns.filter((column) => column !== 'html' && column !== 'text' && column !== 'ics');

type Row = {
  id: string; contact_id: string | null; appointment_id: string | null; template_key: string; locale: string; to_address: string;
  to_name: string; subject: string; html: string; text: string; ics: string | null; ics_method: string | null; message_id: string;
  status: string; transport: string | null; attempts: number; last_error: string | null; created_at: Date; last_attempt_at: Date | null; sent_at: Date | null;
};

function toEmail(row: Row): OutboundEmail {
  return {
    id: row.id,
    contactId: row.contact_id,
    appointmentId: row.appointment_id,
    templateKey: row.template_key,
    locale: row.locale,
    toAddress: row.to_address,
    toName: row.to_name,
    subject: row.subject,
    html: row.html,
    text: row.text,
    ics: row.ics,
    icsMethod: row.ics_method as OutboundEmail['icsMethod'],
    messageId: row.message_id,
    status: row.status as OutboundStatus,
    transport: row.transport as OutboundEmail['transport'],
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    sentAt: row.sent_at,
  };
}

export interface NewOutboundEmail {
  contactId: string | null;
  appointmentId: string | null;
  templateKey: string;
  locale: string;
  toAddress: string;
  toName: string;
  subject: string;
  html: string;
  text: string;
  ics: string | null;
  icsMethod: 'REQUEST' | 'CANCEL' | null;
  messageId: string;
  dedupeKey: string | null;
  status: OutboundStatus;
  lastError: string | null;
  createdAt: Date;
}

/**
 * What writing one message reads, in one round trip instead of four: the contact it is to (when
 * it is to one), whether that address bounces, staff's version of its template (when they saved
 * one), and the clinic that signs it.
 */
export async function loadMessageContext(db: Db, args: { contactId: string | null; templateKey: string; locale: string }) {
  const row = await db
    .selectFrom(sql<{ one: number }>`(SELECT 1 AS one)`.as('one'))
    .leftJoin('contacts as c', (join) => (args.contactId ? join.on('c.id', '=', args.contactId) : join.on(sql<boolean>`false`)))
    .leftJoin('mail_templates as t', (join) => join.on('t.key', '=', args.templateKey).on('t.locale', '=', args.locale))
    .leftJoin('clinic as k', (join) => join.onTrue())
    .select([
      'c.email as contact_email',
      'c.name as contact_name',
      'c.email_status',
      'c.email_status_reason',
      't.subject as template_subject',
      't.html as template_html',
      't.text as template_text',
      't.updated_at as template_updated_at',
      't.updated_by as template_updated_by',
      'k.name as clinic_name',
      'k.address as clinic_address',
      'k.phone as clinic_phone',
      'k.email as clinic_email',
      'k.default_locale as clinic_default_locale',
    ])
    .executeTakeFirstOrThrow();
  return {
    contact: row.contact_email !== null && row.contact_name !== null ? { email: row.contact_email, name: row.contact_name, emailStatus: row.email_status, emailStatusReason: row.email_status_reason } : null,
    template:
      row.template_subject !== null && row.template_html !== null && row.template_text !== null && row.template_updated_at !== null
        ? { subject: row.template_subject, html: row.template_html, text: row.template_text, updated_at: row.template_updated_at, updated_by: row.template_updated_by }
        : null,
    clinic:
      row.clinic_name !== null
        ? { name: row.clinic_name, address: row.clinic_address ?? '', phone: row.clinic_phone ?? '', email: row.clinic_email ?? '', defaultLocale: row.clinic_default_locale ?? 'uk' }
        : null,
  };
}

function outboundRow(email: NewOutboundEmail) {
  return {
    contact_id: email.contactId,
    appointment_id: email.appointmentId,
    template_key: email.templateKey,
    locale: email.locale,
    to_address: email.toAddress,
    to_name: email.toName,
    subject: email.subject,
    html: email.html,
    text: email.text,
    ics: email.ics,
    ics_method: email.icsMethod,
    message_id: email.messageId,
    dedupe_key: email.dedupeKey,
    status: email.status,
    last_error: email.lastError,
    created_at: email.createdAt,
  };
}

/** Inserts an e-mail; null when its dedupe key was used already (the e-mail exists). */
export async function insertOutboundEmail(db: Db, email: NewOutboundEmail): Promise<string | null> {
  const row = await db
    .insertInto('outbound_messages')
    .values(outboundRow(email))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The insert of an e-mail whose id the caller chose, not run: the job queue runs it in the same
 * statement as the e-mail's delivery job. Without a dedupe key, so it always writes its row.
 */
export function outboundEmailInsert(db: Db, email: NewOutboundEmail & { id: string; dedupeKey: null }): CompiledQuery {
  return db
    .insertInto('outbound_messages')
    .values({ id: email.id, ...outboundRow(email) })
    .compile();
}

export async function findOutboundEmail(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<OutboundEmail | null> {
  let query = db.selectFrom('outbound_messages').select(columns).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toEmail(row) : null;
}

/** The e-mails of a delivery batch that are still queued (the rest were sent or failed already). */
export async function findQueuedOutboundEmails(db: Db, ids: readonly string[], options: { bodies: boolean } = { bodies: true }): Promise<OutboundEmail[]> {
  if (ids.length === 0) return [];
  const query = db.selectFrom('outbound_messages').where('id', 'in', [...ids]).where('status', '=', 'queued');
  if (options.bodies) return (await query.select(columns).execute()).map(toEmail);
  // Without their bodies (the staff mailbox keeps the e-mails where they are): an e-mail's HTML
  // is stored compressed, and reading it back costs PostgreSQL and the driver more than the rest.
  const rows = await query
    .select(headerColumns)
    .select([sql<string>`''`.as('html'), sql<string>`''`.as('text'), sql<string | null>`NULL::text`.as('ics')])
    .execute();
  return rows.map(toEmail);
}

export interface DeliveryAttempt {
  id: string;
  /** `queued` again after a temporary failure, to be retried. */
  status: OutboundStatus;
  /** Left as it was when absent (a temporary failure). */
  transport: 'smtp' | 'mailbox' | null;
  /** The server's words, or null when sent. */
  error: string | null;
}

/**
 * Records a batch's attempts in one statement. Only e-mails still queued are changed, and their
 * ids returned: an e-mail some other run recorded meanwhile is not recorded (or told) twice.
 */
export async function recordAttempts(db: Db, attempts: readonly DeliveryAttempt[], at: Date): Promise<Set<string>> {
  if (attempts.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    UPDATE outbound_messages AS m SET
      status = a.status,
      attempts = m.attempts + 1,
      last_attempt_at = ${at},
      transport = COALESCE(a.transport, m.transport),
      last_error = a.error,
      sent_at = CASE WHEN a.status = 'sent' THEN ${at}::timestamptz ELSE m.sent_at END
    FROM unnest(
      ${attempts.map((attempt) => attempt.id)}::uuid[],
      ${attempts.map((attempt) => attempt.status)}::text[],
      ${attempts.map((attempt) => attempt.transport)}::text[],
      ${attempts.map((attempt) => attempt.error)}::text[]
    ) AS a (id, status, transport, error)
    WHERE m.id = a.id AND m.status = 'queued'
    RETURNING m.id`.execute(db);
  return new Set(rows.map((row) => row.id));
}

export async function requeueOutboundEmail(db: Db, id: string): Promise<void> {
  await db.updateTable('outbound_messages').set({ status: 'queued', last_error: null }).where('id', '=', id).execute();
}

export interface OutboxFilter {
  status?: OutboundStatus;
  contactId?: string;
  appointmentId?: string;
  q?: string;
}

/** The outbox newest first, without bodies. */
export async function listOutboundEmails(db: Db, filter: OutboxFilter, page: { after: Cursor | null; limit: number }): Promise<OutboundEmail[]> {
  let query = db.selectFrom('outbound_messages').select(columns);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.contactId) query = query.where('contact_id', '=', filter.contactId);
  if (filter.appointmentId) query = query.where('appointment_id', '=', filter.appointmentId);
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(to_address)`, 'like', pattern), eb(sql`lower(subject)`, 'like', pattern)]));
  }
  if (page.after) {
    const after = page.after;
    query = query.where(sql<boolean>`(created_at, id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(toEmail);
}

export async function markContactBouncing(db: Db, contactId: string, reason: string, now: Date): Promise<void> {
  await db.updateTable('contacts').set({ email_status: 'bouncing', email_status_reason: reason, updated_at: now }).where('id', '=', contactId).execute();
}
