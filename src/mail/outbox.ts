import { randomUUID } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import { SYSTEM, type DomainEvents } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import type { JobQueue, QueuedJob } from '../jobs/job-queue.js';
import type { MailData, MailLocale } from './mail-data.js';
import {
  findOutboundEmail,
  insertOutboundEmail,
  outboundEmailInsert,
  loadMessageContext,
  markContactBouncing,
  recordAttempt,
  type NewOutboundEmail,
  type OutboundEmail,
} from './outbox-repository.js';
import type { MailTransport } from './smtp-transport.js';
import type { TemplateKey } from './template-keys.js';
import { renderMail } from './template-renderer.js';
import { templateFrom, type MailTemplate } from './template-repository.js';

export interface OutboxSettings {
  /** The sender of every e-mail. */
  from: string;
  /** Host part of Message-IDs and invite UIDs. */
  host: string;
  /** No SMTP: the staff mailbox is where e-mails go, so staff must be able to follow their links. */
  mailboxOnly?: boolean;
}

export interface EmailRequest {
  templateKey: TemplateKey;
  locale: MailLocale;
  data: MailData;
  /** The contact the e-mail is to (its timeline records it); null for e-mails to staff. */
  contactId: string | null;
  appointmentId?: string | null;
  /** Defaults to the contact's address and name. */
  to?: { address: string; name: string };
  invite?: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
  /** Makes the e-mail once-only: a second request with the same key is dropped. */
  dedupeKey?: string;
  /**
   * Inserts of the same cause to write with the e-mail, usually in its statement: the action
   * token its link carries (`prepareActionToken`). Written whether or not the e-mail is.
   */
  alongside?: readonly CompiledQuery[];
}

export interface OutboxContext {
  queue: JobQueue;
  events: DomainEvents;
  outbox: OutboxSettings;
}

/** What a message is written with besides its merge data: read once, with one statement. */
export interface MessageContext {
  /** The contact it is to; `bouncing` is why their address is refused, or false. */
  recipient: { address: string; name: string; bouncing: string | false } | null;
  template: MailTemplate;
  /** The clinic's row, for the merge data (null before the profile exists). */
  clinic: { name: string; address: string; phone: string; email: string; defaultLocale: string } | null;
}

/** The recipient, template and clinic of a message, in one round trip. */
export async function readMessageContext(
  trx: Db,
  request: { contactId: string | null; templateKey: TemplateKey; locale: MailLocale },
): Promise<MessageContext> {
  const { contact, template, clinic } = await loadMessageContext(trx, request);
  return {
    recipient: contact
      ? {
          address: contact.email,
          name: contact.name,
          bouncing: contact.emailStatus === 'bouncing' ? (contact.emailStatusReason ?? 'earlier delivery failed') : false,
        }
      : null,
    template: templateFrom(request.templateKey, request.locale, template),
    clinic,
  };
}

/**
 * Writes an e-mail into the outbox and its delivery job into the queue, inside the caller's
 * transaction: it is sent exactly when the cause commits, and never from inside a request.
 * Returns the e-mail's id, or null when a once-only e-mail was already written. `context` is
 * what `readMessageContext` gave for this request, when the caller already read it.
 */
export async function queueEmail(trx: Db, ctx: OutboxContext, request: EmailRequest, now: Date, context?: MessageContext): Promise<string | null> {
  const { recipient, template } = context ?? (await readMessageContext(trx, request));
  const to = request.to ?? (recipient ? { address: recipient.address, name: recipient.name } : null);
  if (!to) throw new Error(`An e-mail (${request.templateKey}) needs a recipient`);
  const rendered = await renderMail(template, request.data, { locale: request.locale });
  const bouncing = recipient !== null && request.to === undefined && recipient.bouncing;
  const lastError = bouncing ? `Not sent: ${to.address} is marked as bouncing (${bouncing}).` : null;
  const email: NewOutboundEmail = {
    contactId: request.contactId,
    appointmentId: request.appointmentId ?? null,
    templateKey: request.templateKey,
    locale: request.locale,
    toAddress: to.address,
    toName: to.name,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    ics: request.invite?.content ?? null,
    icsMethod: request.invite?.method ?? null,
    messageId: `<${randomUUID()}@${ctx.outbox.host}>`,
    dedupeKey: request.dedupeKey ?? null,
    status: bouncing ? 'failed' : 'queued',
    lastError,
    createdAt: now,
  };
  if (!bouncing && email.dedupeKey === null) {
    // The usual case: the row and its delivery job in one statement (a once-only e-mail must
    // learn first whether its row went in; a refused one gets no job).
    const id = randomUUID();
    const alongside = [...(request.alongside ?? []), outboundEmailInsert(trx, { ...email, id, dedupeKey: null })];
    await ctx.queue.enqueue(trx, 'send-email', { emailId: id }, { alongside });
    ctx.queue.nudge('send-email');
    return id;
  }
  for (const insert of request.alongside ?? []) await trx.executeQuery(insert);
  const id = await insertOutboundEmail(trx, email);
  if (id === null) return null;
  if (bouncing && request.contactId) {
    await ctx.events.record(trx, {
      kind: 'email.failed',
      contactId: request.contactId,
      appointmentId: request.appointmentId ?? null,
      actor: SYSTEM,
      data: { emailId: id, templateKey: request.templateKey, subject: rendered.subject, reason: lastError, refused: true },
      at: now,
    });
    return id;
  }
  await ctx.queue.enqueue(trx, 'send-email', { emailId: id });
  ctx.queue.nudge('send-email');
  return id;
}

export interface DeliveryContext {
  db: Db;
  events: DomainEvents;
  outbox: OutboxSettings;
  /** null: no SMTP_URL, so e-mails are kept in the database for the staff's mailbox view. */
  transport: MailTransport | null;
  now: () => Date;
}

/**
 * The worker's half: delivers one queued e-mail. Idempotent: an e-mail already sent or failed
 * is left alone, so a job run twice after a crash sends nothing twice. A temporary failure
 * throws, and the queue retries with backoff; a permanent one is recorded on the e-mail and
 * on the contact, who is then marked as bouncing.
 */
export async function deliverEmail(ctx: DeliveryContext, job: QueuedJob<{ emailId: string }>): Promise<void> {
  const email = await findOutboundEmail(ctx.db, job.data.emailId);
  if (!email || email.status !== 'queued') return;

  if (!ctx.transport) {
    await finish(ctx, email, { status: 'sent', transport: 'mailbox' });
    return;
  }
  const result = await ctx.transport.deliver({
    messageId: email.messageId,
    from: ctx.outbox.from,
    to: { name: email.toName, address: email.toAddress },
    subject: email.subject,
    html: email.html,
    text: email.text,
    invite: email.ics && email.icsMethod ? { method: email.icsMethod, content: email.ics } : null,
  });
  if (result.outcome === 'sent') {
    await finish(ctx, email, { status: 'sent', transport: 'smtp' });
  } else if (result.outcome === 'permanent') {
    await finish(ctx, email, { status: 'failed', transport: 'smtp', error: result.reason, bounced: true });
  } else if (job.retryCount >= job.retryLimit) {
    await finish(ctx, email, { status: 'failed', transport: 'smtp', error: `Gave up after ${job.retryCount + 1} attempts: ${result.reason}` });
  } else {
    await recordAttempt(ctx.db, email.id, { status: 'queued', error: result.reason, at: ctx.now() });
    throw new Error(`Temporary SMTP failure: ${result.reason}`);
  }
}

async function finish(
  ctx: DeliveryContext,
  email: OutboundEmail,
  outcome: { status: 'sent' | 'failed'; transport: 'smtp' | 'mailbox'; error?: string; bounced?: boolean },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await recordAttempt(trx, email.id, { status: outcome.status, transport: outcome.transport, error: outcome.error ?? null, at: now });
    if (!email.contactId) return;
    if (outcome.bounced) await markContactBouncing(trx, email.contactId, outcome.error ?? 'refused by the mail server', now);
    await ctx.events.record(trx, {
      kind: outcome.status === 'sent' ? 'email.sent' : 'email.failed',
      contactId: email.contactId,
      appointmentId: email.appointmentId,
      actor: SYSTEM,
      data: {
        emailId: email.id,
        templateKey: email.templateKey,
        subject: email.subject,
        to: email.toAddress,
        transport: outcome.transport,
        ...(outcome.error ? { reason: outcome.error } : {}),
        ...(outcome.bounced ? { bounced: true } : {}),
      },
      at: now,
    });
  });
}
