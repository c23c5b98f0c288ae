import { tidyTables } from './db/housekeeping.js';
import { forgetEndedWindows } from './http/rate-limit-repository.js';
import { deliverWebhook, type WebhookDeliveryContext } from './integrations/webhook-delivery.js';
import { deliverEmails, type DeliveryContext } from './mail/outbox.js';
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
  /** A nudged delivery loop waits this long after its last fetch, so a burst goes out as one batch (100 ms). */
  gatherMs?: number;
  /** Embedded engine: how often tables are checked for ANALYZE and VACUUM (5 minutes); a server has autovacuum. */
  housekeepingEveryMs?: number;
  onError: (err: unknown) => void;
}

/**
 * The worker: delivers the outbox and webhooks, expires holds, writes due reminders. Runs inside `serve`
 * by default, or alone (`clinicflow worker`), any number at once on a PostgreSQL server.
 * Returns a function that stops it: its sweeps, and its delivery loops after their batches.
 */
export async function startWorker(system: System, options: WorkerOptions): Promise<() => Promise<void>> {
  const { deps, queue, handle } = system;
  // On the embedded engine this process is the only one: a job left active belongs to a
  // process that died, and is retried now. On a server, expired jobs are picked up by maintenance.
  if (handle.engine === 'embedded') await queue.recoverJobsOfDeadProcess();
  else await queue.maintain();

  const delivery: DeliveryContext = { db: deps.db, events: deps.events, outbox: deps.outbox, transport: system.transport, now: deps.now };
  // Fifty e-mails a fetch: the fetch, the record of their attempts and the completion of their jobs
  // cost about the same for fifty as for one (+14 % e-mails a second over twenty, bench/README.md).
  for (let i = 0; i < (options.emailLoops ?? 2); i += 1) {
    await queue.workBatches<{ emailId: string }>('send-email', { batchSize: 50, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5, gatherMs: options.gatherMs ?? 100 }, (jobs, timeLimitMs) =>
      deliverEmails(delivery, jobs, timeLimitMs),
    );
  }
  const webhooks: WebhookDeliveryContext = { db: deps.db, sender: system.webhookSender, now: deps.now };
  for (let i = 0; i < (options.webhookLoops ?? 2); i += 1) {
    await queue.work<{ deliveryId: string }>('deliver-webhook', { batchSize: 20, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5, gatherMs: options.gatherMs ?? 100 }, (job) =>
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
  const stopSweeps = repeat(sweep, options.sweepEveryMs, options.onError, { now: true });
  const stopHousekeeping =
    handle.engine === 'embedded' ? repeat(() => tidyTables(deps.db, [handle.queueSchema]), options.housekeepingEveryMs ?? 5 * 60_000, options.onError) : null;
  return async () => {
    await Promise.all([stopSweeps(), stopHousekeeping?.(), queue.stopWorking()]);
  };
}

/**
 * Runs `task` every `everyMs` (and at once when `now`), one run at a time: a tick that finds the
 * last run still going is skipped. Returns a function that stops the timer and waits for a run
 * in progress. The timer does not keep the process alive.
 */
function repeat(task: () => Promise<unknown>, everyMs: number, onError: (err: unknown) => void, options: { now?: boolean } = {}): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = (): void => {
    running ??= task()
      .then(() => undefined, onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  if (options.now) tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
