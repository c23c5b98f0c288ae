import { tidyTables } from './db/housekeeping.js';
import { forgetEndedWindows } from './http/rate-limit-repository.js';
import { deliverWebhook, type WebhookDeliveryContext } from './integrations/webhook-delivery.js';
import { deliverEmail, type DeliveryContext } from './mail/outbox.js';
import { sendDueReminders } from './mail/reminder-sweep.js';
import { expireOverdueHolds } from './scheduling/booking-service.js';
import type { System } from './system.js';

export interface WorkerOptions {
  /** How often holds and reminders are checked. */
  sweepEveryMs: number;
  /** Parallel delivery loops; each takes a batch of jobs per poll. */
  emailLoops?: number;
  /** Parallel webhook delivery loops, likewise. */
  webhookLoops?: number;
  pollingIntervalSeconds?: number;
  /** Embedded engine: how often tables are checked for ANALYZE and VACUUM (5 minutes); a server has autovacuum. */
  housekeepingEveryMs?: number;
  onError: (err: unknown) => void;
}

/**
 * The worker: delivers the outbox and webhooks, expires holds, writes due reminders. Runs inside `serve`
 * by default, or alone (`clinicflow worker`), any number at once on a PostgreSQL server.
 * Returns a function that stops it.
 */
export async function startWorker(system: System, options: WorkerOptions): Promise<() => Promise<void>> {
  const { deps, queue, handle } = system;
  // On the embedded engine this process is the only one: a job left active belongs to a
  // process that died, and is retried now. On a server, expired jobs are picked up by maintenance.
  if (handle.engine === 'embedded') await queue.recoverJobsOfDeadProcess();
  else await queue.maintain();

  const delivery: DeliveryContext = { db: deps.db, events: deps.events, outbox: deps.outbox, transport: system.transport, now: deps.now };
  for (let i = 0; i < (options.emailLoops ?? 2); i += 1) {
    await queue.work<{ emailId: string }>('send-email', { batchSize: 20, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 }, (job) =>
      deliverEmail(delivery, job),
    );
  }
  const webhooks: WebhookDeliveryContext = { db: deps.db, sender: system.webhookSender, now: deps.now };
  for (let i = 0; i < (options.webhookLoops ?? 2); i += 1) {
    await queue.work<{ deliveryId: string }>('deliver-webhook', { batchSize: 20, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 }, (job) =>
      deliverWebhook(webhooks, job),
    );
  }

  const sweep = async (): Promise<void> => {
    if (deps.rateLimits === 'database') await forgetEndedWindows(deps.db, deps.now());
    for (;;) {
      const expired = await deps.db.transaction().execute((trx) => expireOverdueHolds(trx, deps.events, deps.now()));
      if (expired.length < 500) break;
    }
    await sendDueReminders(
      deps.db,
      { queue, events: deps.events, outbox: deps.outbox },
      {
        offsetsMinutes: deps.config.reminderOffsetsMinutes,
        publicUrl: deps.config.publicUrl,
        timezone: deps.config.clinicTimezone,
        cutoffHours: deps.config.clientChangeCutoffHours,
      },
      deps.now(),
    );
  };
  let running: Promise<void> | null = null;
  const tick = (): void => {
    if (running) return;
    running = sweep()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.sweepEveryMs);
  timer.unref();
  tick();

  let tidying: Promise<unknown> | null = null;
  const housekeeping =
    handle.engine === 'embedded'
      ? setInterval(() => {
          tidying ??= tidyTables(deps.db, [handle.queueSchema])
            .catch(options.onError)
            .finally(() => {
              tidying = null;
            });
        }, options.housekeepingEveryMs ?? 5 * 60_000)
      : null;
  housekeeping?.unref();
  return async () => {
    clearInterval(timer);
    if (housekeeping) clearInterval(housekeeping);
    await running;
    await tidying;
  };
}
