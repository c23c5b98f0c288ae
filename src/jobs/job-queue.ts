import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { withAlongside } from '../db/alongside.js';
import type { DatabaseHandle, Db } from '../db/engine.js';

/**
 * The job queue: pg-boss on the app's own database. Every pg-boss query goes through the
 * app's Kysely instance, so on the embedded engine it shares the one serialised connection
 * with the app's transactions and can never interleave with them; on a server it shares the
 * pool. Jobs are enqueued inside the transaction that causes them: they exist exactly when it commits.
 */

export type QueueName = 'send-email' | 'deliver-webhook';

export interface QueuePolicy {
  /** How many times a failed job runs again. */
  retryLimit: number;
  /** Seconds before the first retry; each next one waits about twice as long (pg-boss adds jitter). */
  retryDelaySeconds: number;
  /** A job still active after this long is taken as lost (its worker died) and retried. Also the handler's time limit. */
  expireInSeconds: number;
}

interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** pg-boss's statements with parameters run through Kysely; its scripts (install, maintenance) on a script session. */
function bossDb(handle: DatabaseHandle): BossDb {
  return {
    async executeSql(text, values) {
      if (!values || values.length === 0) return { rows: await handle.withScriptSession((run) => run(text)) };
      return { rows: (await handle.db.executeQuery(CompiledQuery.raw(text, values))).rows };
    },
  };
}

/**
 * For sending inside an app transaction. `alongside`, when given, rides in the job's own insert as
 * data-modifying CTEs (`WITH alongside1 AS (…), … <pg-boss's INSERT>`): all rows in one statement,
 * pg-boss's statement unchanged. PostgreSQL runs such a CTE once, to completion, whether or not
 * the rest reads it. Their parameters are renumbered after pg-boss's own.
 */
function transactionDb(trx: Db, alongside: readonly CompiledQuery[] = []): BossDb {
  let pending = alongside;
  return {
    async executeSql(text, values = []) {
      const others = pending;
      pending = []; // once: pg-boss may insert again (a singleton's next slot); the rows are in already
      return { rows: (await trx.executeQuery(withAlongside({ sql: text, parameters: values }, others))).rows };
    },
  };
}

export interface QueuedJob<T> {
  id: string;
  data: T;
  /** How many times this job already failed (0 on the first run). */
  retryCount: number;
  retryLimit: number;
}

export interface WorkOptions {
  batchSize: number;
  pollingIntervalSeconds: number;
  /**
   * After a batch that was not full, the next fetch waits at least this long even when nudged, so
   * jobs that arrive together (a busy hour's bookings) go out in one batch rather than one fetch
   * each: a fetch costs about the same for one job as for twenty. Default 0 (nudges fetch at once).
   */
  gatherMs?: number;
}

/** The jobs of a batch that failed, by id, and why. */
export type JobFailures = Map<string, Error>;

export type BatchHandler<T> = (jobs: Array<QueuedJob<T>>, timeLimitMs: number) => Promise<JobFailures>;

export interface JobQueue {
  /**
   * Adds a job inside the caller's transaction; returns its id. `alongside`: INSERTs of the
   * caller's (parameters as `$n`, nothing returned) run in the same statement as the job's,
   * saving round trips: the outbox row of the e-mail the job sends, the token its link carries.
   */
  enqueue(trx: Db, queue: QueueName, data: object, options?: { startAfter?: Date; singletonKey?: string; alongside?: readonly CompiledQuery[] }): Promise<string | null>;
  /**
   * Runs `handler` for the jobs of `queue`, the jobs of a batch side by side. A handler that
   * throws fails only its own job, which pg-boss retries with backoff until the retry limit.
   */
  work<T extends object>(queue: QueueName, options: WorkOptions, handler: (job: QueuedJob<T>) => Promise<void>): Promise<void>;
  /**
   * Runs `handler` once per fetched batch, for handlers that do a batch's work in fewer
   * statements than its jobs one by one. The jobs it answers with an error fail (and are
   * retried with backoff); the rest are completed together, in one statement. A handler that
   * throws, or outlives the queue's time limit, fails the whole batch.
   */
  /**
   * Like `work`, with the whole batch given to `handler` at once; `timeLimitMs` is how long the
   * queue lets a batch run before it fails all its jobs (the queue's expireInSeconds).
   */
  workBatches<T extends object>(queue: QueueName, options: WorkOptions, handler: BatchHandler<T>): Promise<void>;
  /** Wakes this process's workers now instead of at their next poll. */
  nudge(queue: QueueName): void;
  /** Embedded engine only: jobs left active by a process that died are failed now, so they are retried. */
  recoverJobsOfDeadProcess(): Promise<number>;
  /** Retries jobs whose worker vanished (expired) right away instead of at the next maintenance. */
  maintain(): Promise<void>;
  /** Stops the delivery loops (`work`, `workBatches`), each after its batch; sending goes on. */
  stopWorking(): Promise<void>;
  /** Stops the loops and the queue. */
  stop(): Promise<void>;
}

export async function startJobQueue(
  handle: DatabaseHandle,
  policies: Record<QueueName, QueuePolicy>,
  options: { maintenanceIntervalSeconds?: number; onError?: (err: Error) => void } = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: bossDb(handle),
    schema: handle.queueSchema,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  } as PgBoss.ConstructorOptions);
  boss.on('error', (err) => options.onError?.(err));
  await boss.start();
  for (const [name, policy] of Object.entries(policies)) {
    const options = { name, retryLimit: policy.retryLimit, retryDelay: policy.retryDelaySeconds, retryBackoff: true, expireInSeconds: policy.expireInSeconds };
    // createQueue leaves an existing queue as it was; the policy of this release must win.
    if (await boss.getQueue(name)) await boss.updateQueue(name, options);
    else await boss.createQueue(name, options);
  }
  // Our own polling loops rather than boss.work(): pg-boss's worker completes a batch without awaiting
  // the statement (manager.js), so a completion could outlive stop() or reject unhandled. Here every
  // fetch, completion and failure is awaited, and stop() waits for each loop to finish its batch.
  /**
   * A loop is busy (fetching, or running a batch), paused until its next poll, or gathering: it
   * was nudged, and fetches when the gathering time is up.
   */
  interface Loop {
    queue: QueueName;
    state: 'busy' | 'paused' | 'gathering';
    wake: () => void;
    done: Promise<void>;
  }
  const loops: Loop[] = [];
  let stopping = false;
  const failJob = (queue: QueueName, id: string, message: string) =>
    (boss.fail as (name: string, id: string, data: object) => Promise<unknown>)(queue, id, { message });

  async function runBatch<T extends object>(queue: QueueName, batchSize: number, handler: BatchHandler<T>) {
    const fetched = (await boss.fetch(queue, { batchSize, includeMetadata: true })) as Array<PgBoss.JobWithMetadata<T>> | null;
    if (!fetched || fetched.length === 0) return 0;
    const jobs = fetched.map((job) => ({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit }));
    let failures: JobFailures;
    try {
      const timeLimitMs = policies[queue].expireInSeconds * 1000;
      failures = await withinTime(handler(jobs, timeLimitMs), timeLimitMs);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      failures = new Map(jobs.map((job) => [job.id, error]));
    }
    // One statement completes the batch (it was one per job): a job done but not yet completed
    // when the process dies runs again, and its handler finds its work already done.
    const done = jobs.filter((job) => !failures.has(job.id)).map((job) => job.id);
    if (done.length > 0) await boss.complete(queue, done);
    for (const [id, error] of failures) {
      // Fail just this job; pg-boss retries it with backoff until its retry limit.
      await failJob(queue, id, error.message).catch((failError: Error) => options.onError?.(failError));
    }
    return jobs.length;
  }

  function startLoop<T extends object>(queue: QueueName, workOptions: WorkOptions, handler: BatchHandler<T>): void {
    let wake = () => {};
    const pause = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, workOptions.pollingIntervalSeconds * 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const gather = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        // Further nudges have nothing to add; only stopping ends the wait early.
        wake = () => {
          if (!stopping) return;
          clearTimeout(timer);
          resolve();
        };
      });
    const entry: Loop = { queue, state: 'busy', wake: () => wake(), done: Promise.resolve() };
    const loop = async () => {
      while (!stopping) {
        entry.state = 'busy';
        let fetched = 0;
        const fetchedAt = performance.now();
        try {
          fetched = await runBatch(queue, workOptions.batchSize, handler);
        } catch (err) {
          options.onError?.(err instanceof Error ? err : new Error(String(err)));
        }
        // A full batch means more may be waiting: fetch again at once.
        if (stopping || fetched >= workOptions.batchSize) continue;
        entry.state = 'paused';
        await pause();
        // Woken early by a nudge: let the jobs arriving just behind it join the same batch.
        const gathered = performance.now() - fetchedAt;
        if (!stopping && workOptions.gatherMs && gathered < workOptions.gatherMs) {
          entry.state = 'gathering';
          await gather(workOptions.gatherMs - gathered);
        }
      }
    };
    entry.done = loop();
    loops.push(entry);
  }

  /** Ends every loop after its batch; jobs can still be sent, and loops started again. */
  async function stopWorking(): Promise<void> {
    stopping = true;
    for (const loop of loops) loop.wake();
    await Promise.allSettled(loops.map((loop) => loop.done));
    loops.length = 0;
    stopping = false;
  }

  return {
    async enqueue(trx, queue, data, sendOptions = {}) {
      return boss.send(queue, data, {
        db: transactionDb(trx, sendOptions.alongside),
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
      } as PgBoss.SendOptions);
    },

    async work<T extends object>(queue: QueueName, workOptions: WorkOptions, handler: (job: QueuedJob<T>) => Promise<void>) {
      const limitMs = policies[queue].expireInSeconds * 1000;
      // The jobs of a batch run side by side (they wait on SMTP or HTTP, not on the CPU), each within the time limit.
      startLoop<T>(queue, workOptions, async (jobs) => {
        const failures: JobFailures = new Map();
        await Promise.all(
          jobs.map((job) =>
            withinTime(handler(job), limitMs).catch((err: unknown) => {
              failures.set(job.id, err instanceof Error ? err : new Error(String(err)));
            }),
          ),
        );
        return failures;
      });
    },

    async workBatches<T extends object>(queue: QueueName, workOptions: WorkOptions, handler: BatchHandler<T>) {
      startLoop(queue, workOptions, handler);
    },

    nudge(queue) {
      // One idle loop is enough, and none while one is gathering: its fetch will take the new
      // jobs too. Waking every loop split a burst into as many fetches as there were loops.
      const ofQueue = loops.filter((loop) => loop.queue === queue);
      if (ofQueue.some((loop) => loop.state === 'gathering')) return;
      const idle = ofQueue.find((loop) => loop.state === 'paused');
      if (!idle) return;
      idle.state = 'gathering'; // at once, so the next nudge of a burst leaves the other loops be
      idle.wake();
    },

    async recoverJobsOfDeadProcess() {
      if (handle.engine !== 'embedded') throw new Error('Only the embedded engine knows that no other process owns active jobs.');
      const { rows } = await sql<{ name: string; id: string }>`
        SELECT name, id FROM ${sql.table(`${handle.queueSchema}.job`)} WHERE state = 'active'`.execute(handle.db);
      for (const row of rows) {
        await (boss.fail as (name: string, id: string, data: object) => Promise<unknown>)(row.name, row.id, {
          message: 'The process stopped while this job was running.',
        });
      }
      return rows.length;
    },

    async maintain() {
      await boss.maintain();
    },

    stopWorking,

    async stop() {
      await stopWorking();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false } as PgBoss.StopOptions);
    },
  };
}

/** Settles as `work` does, or rejects once `ms` have passed (the job is then failed and retried). */
async function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The job did not finish within ${ms / 1000} seconds.`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
