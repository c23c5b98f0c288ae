import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/engine.js';
import { DEFAULT_QUEUE_POLICIES } from '../system.js';
import { openTestDatabase } from '../test/test-database.js';
import { startJobQueue, type JobQueue } from './job-queue.js';

let handle: DatabaseHandle;
let queue: JobQueue;

beforeEach(async () => {
  handle = await openTestDatabase();
  queue = await startJobQueue(handle, DEFAULT_QUEUE_POLICIES);
});
afterEach(async () => {
  await queue.stop();
  await handle.close();
});

const send = (emailId: string) => handle.db.transaction().execute((trx) => queue.enqueue(trx, 'send-email', { emailId }));

describe('the queue’s delivery loops', () => {
  it('takes the jobs nudged in during its gathering pause as one batch', async () => {
    const batches: string[][] = [];
    let seen = 0;
    const arrived = (count: number) =>
      new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (seen >= count) {
            clearInterval(check);
            resolve();
          }
        }, 10);
      });
    // A long poll, so only nudges (and the gathering pause after them) decide when a fetch runs.
    await queue.workBatches<{ emailId: string }>('send-email', { batchSize: 20, pollingIntervalSeconds: 30, gatherMs: 2_000 }, async (jobs) => {
      batches.push(jobs.map((job) => job.data.emailId).sort());
      seen += jobs.length;
      return new Map();
    });

    await send('first');
    queue.nudge('send-email');
    await arrived(1);

    // A burst, each job nudging as a committed booking does: the loop waits out its gathering pause.
    for (const id of ['second', 'third', 'fourth']) {
      await send(id);
      queue.nudge('send-email');
    }
    await arrived(4);
    expect(batches).toEqual([['first'], ['fourth', 'second', 'third']]);
  });

  it('wakes one of its idle loops for a burst, not each of them, so the burst costs one fetch', async () => {
    // Count the fetches of this queue's jobs (pg-boss's locking read, the queue's name first).
    let fetches = 0;
    const executeQuery = handle.db.executeQuery.bind(handle.db);
    handle.db.executeQuery = ((query: Parameters<typeof executeQuery>[0]) => {
      if ('sql' in query && /skip locked/i.test(query.sql) && query.parameters[0] === 'send-email') fetches += 1;
      return executeQuery(query);
    }) as typeof handle.db.executeQuery;
    const handled: string[][] = [];
    for (let loop = 0; loop < 2; loop += 1) {
      await queue.workBatches<{ emailId: string }>('send-email', { batchSize: 20, pollingIntervalSeconds: 30, gatherMs: 3_000 }, async (jobs) => {
        handled.push(jobs.map((job) => job.data.emailId).sort());
        return new Map();
      });
    }
    while (fetches < 2) await new Promise((resolve) => setTimeout(resolve, 10)); // each loop's first look
    fetches = 0;
    // The burst comes well within the gathering time after those looks, so a woken loop gathers
    // until then rather than fetching at once.

    for (const id of ['a', 'b', 'c']) {
      await send(id);
      queue.nudge('send-email');
    }
    while (handled.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 400)); // long enough for a second loop's fetch, had it been woken
    expect(handled).toEqual([['a', 'b', 'c']]);
    expect(fetches).toBe(1);
  });

  it('stops while gathering without waiting out the pause, leaving the job for the next run', async () => {
    let handled = 0;
    await queue.workBatches<{ emailId: string }>('send-email', { batchSize: 20, pollingIntervalSeconds: 300, gatherMs: 300_000 }, async (jobs) => {
      handled += jobs.length;
      return new Map();
    });
    await send('waiting');
    // The loop fetched (nothing) when it started, so this nudge begins a five-minute gathering pause.
    queue.nudge('send-email');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await queue.stop();
    expect(handled).toBe(0);
    const waiting = await sql<{ id: string }>`SELECT id FROM ${sql.table(`${handle.queueSchema}.job`)} WHERE state = 'created'`.execute(handle.db);
    expect(waiting.rows).toHaveLength(1);
  }, 20_000);

  it('stops working (its loops end after their batch) while jobs can still be sent, and works again when asked', async () => {
    const handled: string[] = [];
    const work = () =>
      queue.workBatches<{ emailId: string }>('send-email', { batchSize: 20, pollingIntervalSeconds: 0.2 }, async (jobs) => {
        handled.push(...jobs.map((job) => job.data.emailId));
        return new Map();
      });
    await work();
    await queue.stopWorking();
    await send('while stopped');
    queue.nudge('send-email');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(handled).toEqual([]);

    await work();
    while (handled.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toEqual(['while stopped']);
  });
});
