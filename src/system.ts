import type { AppDeps } from './app-deps.js';
import type { Config } from './config.js';
import { domainEvents, type EventReaction } from './contacts/timeline.js';
import type { DatabaseHandle } from './db/engine.js';
import { startJobQueue, type JobQueue, type QueueName, type QueuePolicy } from './jobs/job-queue.js';
import { webhookEvents } from './integrations/webhook-reaction.js';
import { webhookRetryPolicy } from './integrations/webhook-retry.js';
import { createWebhookSender, type WebhookSender } from './integrations/webhook-sender.js';
import { bookingEmails } from './mail/booking-emails.js';
import type { OutboxSettings } from './mail/outbox.js';
import { createSmtpTransport, type MailTransport } from './mail/smtp-transport.js';

/**
 * The composition root: builds every dependency once and hands them down as plain arguments.
 * `serve`, `worker`, the tests and the benchmarks all start the system here.
 */
export interface System {
  deps: AppDeps;
  queue: JobQueue;
  handle: DatabaseHandle;
  /** null: no SMTP_URL, e-mails stay in the database for the staff's mailbox view. */
  transport: MailTransport | null;
  /** POSTs webhooks for the worker, behind the address guard unless WEBHOOKS_ALLOW_PRIVATE_TARGETS. */
  webhookSender: WebhookSender;
  close(): Promise<void>;
}

export const DEFAULT_QUEUE_POLICIES: Record<QueueName, QueuePolicy> = {
  // 30 s, 1 min, 2 min, ... about 8.5 hours in all; a hung SMTP session is given 5 minutes.
  'send-email': { retryLimit: 10, retryDelaySeconds: 30, expireInSeconds: 300 },
  // The retries come from WEBHOOK_RETRY_BASE_SECONDS (webhookRetryPolicy: at least 3 days); a request is given 10 s.
  'deliver-webhook': { retryLimit: 14, retryDelaySeconds: 30, expireInSeconds: 120 },
};

export interface SystemOptions {
  handle: DatabaseHandle;
  config: Config;
  now?: () => Date;
  /** Overrides the transport SMTP_URL would give (tests pass one; null keeps e-mails in the mailbox). */
  transport?: MailTransport | null;
  queuePolicies?: Partial<Record<QueueName, Partial<QueuePolicy>>>;
  maintenanceIntervalSeconds?: number;
  onError?: (err: Error) => void;
}

export async function createSystem(options: SystemOptions): Promise<System> {
  const { handle, config } = options;
  const now = options.now ?? ((): Date => new Date());
  const policies = Object.fromEntries(
    Object.entries({ ...DEFAULT_QUEUE_POLICIES, 'deliver-webhook': { ...DEFAULT_QUEUE_POLICIES['deliver-webhook'], ...webhookRetryPolicy(config.webhooks.retryBaseSeconds) } }).map(
      ([name, policy]) => [name, { ...policy, ...options.queuePolicies?.[name as QueueName] }],
    ),
  ) as Record<QueueName, QueuePolicy>;
  const queue = await startJobQueue(handle, policies, {
    ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const transport =
    options.transport !== undefined ? options.transport : config.smtpUrl ? createSmtpTransport({ url: config.smtpUrl, dkim: config.dkim }) : null;

  const reactions: EventReaction[] = [];
  const events = domainEvents(reactions);
  const outbox: OutboxSettings = { from: config.mailFrom, host: new URL(config.publicUrl).hostname, mailboxOnly: transport === null };
  const booking = { timezone: config.clinicTimezone, holdMinutes: config.holdMinutes, clientChangeCutoffHours: config.clientChangeCutoffHours };
  reactions.push(
    bookingEmails(
      { queue, events, outbox },
      { publicUrl: config.publicUrl, timezone: config.clinicTimezone, cutoffHours: config.clientChangeCutoffHours, offeredSlots: 3 },
    ),
  );
  reactions.push(webhookEvents({ queue, timezone: config.clinicTimezone }));
  const webhookSender = createWebhookSender({ allowPrivateTargets: config.webhooks.allowPrivateTargets, userAgent: `Clinicflow-Webhooks/1 (+${config.publicUrl})` });

  // A server may have many processes: their per-address limits are counted together, in the database.
  const rateLimits = handle.engine === 'server' ? 'database' : 'memory';
  const deps: AppDeps = { db: handle.db, config, now, booking, events, queue, outbox, rateLimits };
  return {
    deps,
    queue,
    handle,
    transport,
    webhookSender,
    async close() {
      await queue.stop();
      transport?.close();
      webhookSender.close();
    },
  };
}
