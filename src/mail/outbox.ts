import { randomUUID } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import { SYSTEM, type DomainEvent, type DomainEvents } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import type { JobFailures, JobQueue, QueuedJob } from '../jobs/job-queue.js';
import type { MailData, MailLocale } from './mail-data.js';
import {
  findQueuedOutboundEmails,
  insertOutboundEmail,
  outboundEmailInsert,
  loadMessageContext,
  markContactBouncing,
  recordAttempts,
  type NewOutboundEmail,
  type OutboundEmail,
} from './outbox-repository.js';
import type { DeliveryResult, Envelope, MailTransport } from './smtp-transport.js';
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
 * The share of the queue's time limit for a batch that its e-mails have to be handed over; the
 * rest is for recording them. A stalled server holds each connection up to its socket time-out
 * (60 s), and a batch's fifty e-mails share five connections, so a batch could otherwise
 * outlast the limit and be failed whole, e-mails already sent included.
 */
const SENDING_SHARE = 0.8;

function sendingDeadline(ms: number): { passed: Promise<DeliveryResult>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const passed = new Promise<DeliveryResult>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'temporary', reason: `The SMTP server had not taken the message after ${Math.round(ms / 1000)} s.` }), ms);
  });
  return { passed, clear: () => clearTimeout(timer) };
}

/** What one attempt at an e-mail comes to: sent, failed for good, or queued again to be retried. */
export type AttemptOutcome =
  | { status: 'sent'; transport: 'smtp' | 'mailbox' }
  | { status: 'failed'; transport: 'smtp'; error: string; bounced: boolean }
  | { status: 'queued'; error: string };

/**
 * Decides what the transport's answer means for the e-mail, given how often its job already
 * failed. Pure. A permanent refusal bounces the address; a temporary one is retried until the
 * job's retry limit, and then the e-mail fails.
 */
export function attemptOutcome(result: DeliveryResult, job: { retryCount: number; retryLimit: number }): AttemptOutcome {
  if (result.outcome === 'sent') return { status: 'sent', transport: 'smtp' };
  if (result.outcome === 'permanent') return { status: 'failed', transport: 'smtp', error: result.reason, bounced: true };
  if (job.retryCount >= job.retryLimit) return { status: 'failed', transport: 'smtp', error: `Gave up after ${job.retryCount + 1} attempts: ${result.reason}`, bounced: false };
  return { status: 'queued', error: result.reason };
}

/**
 * The worker's half: delivers a batch of queued e-mails, side by side, and records what became
 * of them together: one read, one transaction (the attempts in one statement, the timeline
 * events in another, a bounced contact each) for the whole batch, where it was a read and a
 * transaction per e-mail. Idempotent: an e-mail recorded as sent or failed is left alone, so a
 * job run again (after a crash, or taken for lost) sends nothing twice once its e-mail is
 * recorded. A permanent failure is recorded on the e-mail and on the contact, who is then
 * marked as bouncing; the jobs of temporary failures come back as failures, and the queue
 * retries them with backoff.
 *
 * The price of recording a batch at once: an e-mail handed to the server is recorded when the
 * batch's slowest one is done, not at once, so a process killed in between sends a few more
 * e-mails again after its restart (with the same Message-ID) than it did one by one.
 */
export async function deliverEmails(ctx: DeliveryContext, jobs: ReadonlyArray<QueuedJob<{ emailId: string }>>, timeLimitMs = 300_000): Promise<JobFailures> {
  // Into the staff mailbox (no SMTP), an e-mail stays where it is: its bodies need not be read.
  const ids = [...new Set(jobs.map((job) => job.data.emailId))];
  const queued = new Map((await findQueuedOutboundEmails(ctx.db, ids, { bodies: ctx.transport !== null })).map((email) => [email.id, email]));
  // Each e-mail once, for the first of its jobs (a second job for it is done when the first is).
  const attempts: Array<{ email: OutboundEmail; job: QueuedJob<{ emailId: string }> }> = [];
  for (const job of jobs) {
    const email = queued.get(job.data.emailId);
    if (!email) continue;
    queued.delete(email.id);
    attempts.push({ email, job });
  }
  if (attempts.length === 0) return new Map();

  const transport = ctx.transport;
  // The whole batch is recorded together, within the queue's time limit for it: an e-mail the
  // SMTP server has not taken by the deadline counts as a temporary failure (tried again later,
  // with its Message-ID) rather than holding back the record of the others.
  const deadline = sendingDeadline(timeLimitMs * SENDING_SHARE);
  const outcomes = await Promise.all(
    attempts.map(async ({ email, job }) => ({
      email,
      job,
      outcome: transport
        ? attemptOutcome(await Promise.race([transport.deliver(envelopeOf(ctx.outbox, email)), deadline.passed]), job)
        : ({ status: 'sent', transport: 'mailbox' } as const),
    })),
  );
  deadline.clear();

  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const recorded = await recordAttempts(
      trx,
      outcomes.map(({ email, outcome }) => ({
        id: email.id,
        status: outcome.status,
        transport: outcome.status === 'queued' ? null : outcome.transport,
        error: outcome.status === 'sent' ? null : outcome.error,
      })),
      now,
    );
    const told: DomainEvent[] = [];
    for (const { email, outcome } of outcomes) {
      if (outcome.status === 'queued' || email.contactId === null || !recorded.has(email.id)) continue;
      if (outcome.status === 'failed' && outcome.bounced) await markContactBouncing(trx, email.contactId, outcome.error, now);
      told.push(timelineEvent(email, email.contactId, outcome, now));
    }
    await ctx.events.recordMany(trx, told);
  });

  const failures: JobFailures = new Map();
  for (const { job, outcome } of outcomes) {
    if (outcome.status === 'queued') failures.set(job.id, new Error(`Temporary SMTP failure: ${outcome.error}`));
  }
  return failures;
}

function envelopeOf(outbox: OutboxSettings, email: OutboundEmail): Envelope {
  return {
    messageId: email.messageId,
    from: outbox.from,
    to: { name: email.toName, address: email.toAddress },
    subject: email.subject,
    html: email.html,
    text: email.text,
    invite: email.ics && email.icsMethod ? { method: email.icsMethod, content: email.ics } : null,
  };
}

/** Every sent e-mail and every failure goes on the client's timeline. */
function timelineEvent(email: OutboundEmail, contactId: string, outcome: Exclude<AttemptOutcome, { status: 'queued' }>, at: Date): DomainEvent {
  const failed = outcome.status === 'failed';
  return {
    kind: failed ? 'email.failed' : 'email.sent',
    contactId,
    appointmentId: email.appointmentId,
    actor: SYSTEM,
    data: {
      emailId: email.id,
      templateKey: email.templateKey,
      subject: email.subject,
      to: email.toAddress,
      transport: outcome.transport,
      ...(failed ? { reason: outcome.error } : {}),
      ...(failed && outcome.bounced ? { bounced: true } : {}),
    },
    at,
  };
}
