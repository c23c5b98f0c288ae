import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { DataDirectoryInUseError, openEmbeddedDatabase, openServerDatabase, type DatabaseHandle } from '../db/engine.js';
import { migrate } from '../db/migrate.js';
import { bookAppointment } from '../scheduling/booking-service.js';
import { createSystem } from '../system.js';
import { aSpecialist } from '../test/builders.js';
import { startSmtpSink } from '../test/smtp-sink.js';
import { startWorker } from '../worker.js';
import { createSmtpTransport } from './smtp-transport.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const config = loadConfig({ CLINIC_TIMEZONE: 'Europe/Kyiv', PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>' });
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Opens the story's database: a data directory on the embedded engine, a schema of its own on a server. */
async function openStoryDatabase(where: { dir: string; schema: string }): Promise<DatabaseHandle> {
  if (!serverUrl) {
    // After a SIGKILL the dead process's lock goes stale within 10 seconds.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await openEmbeddedDatabase(where.dir);
      } catch (err) {
        if (!(err instanceof DataDirectoryInUseError) || attempt > 30) throw err;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
  return openServerDatabase({ url: serverUrl, schema: where.schema });
}

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('a worker killed in the middle of sending', () => {
  it('loses nothing: after a restart the e-mail is sent, once, with its Message-ID', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const where = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'clinicflow-crash-')), schema: `crash_${randomBytes(5).toString('hex')}` };
    cleanups.push(async () => fs.rmSync(where.dir, { recursive: true, force: true }));
    if (serverUrl) {
      const admin = openServerDatabase({ url: serverUrl, max: 1 });
      await admin.withScriptSession((run) => run(`CREATE SCHEMA ${where.schema}`));
      cleanups.push(async () => {
        await admin.withScriptSession((run) => run(`DROP SCHEMA IF EXISTS ${where.schema}_queue CASCADE; DROP SCHEMA ${where.schema} CASCADE`));
        await admin.close();
      });
    }

    // A visitor books: the confirmation e-mail waits in the outbox.
    let handle = await openStoryDatabase(where);
    await migrate(handle);
    const policies = { 'send-email': { retryDelaySeconds: 1, expireInSeconds: 2 } };
    let system = await createSystem({ handle, config, transport: null, queuePolicies: policies });
    const specialist = await aSpecialist(handle.db);
    await bookAppointment(system.deps, { specialistId: specialist.id, startsAt: new Date('2030-01-08T10:00:00+02:00'), name: 'Olena', email: 'olena@example.com' }, new Date('2030-01-06T10:00:00+02:00'));
    const [queued] = await handle.db.selectFrom('outbound_messages').select(['id', 'message_id', 'status']).execute();
    expect(queued).toMatchObject({ status: 'queued' });
    await system.close();
    await handle.close();

    // A worker process claims it and gets stuck halfway through SMTP; then it is killed.
    sink.behaviour = 'stall';
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('src/test/crash-worker-child.ts'), serverUrl ? 'server' : 'embedded', serverUrl ?? where.dir, where.schema, sink.url],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let childOutput = '';
    child.stdout.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
    await until(`the child to start sending (${childOutput})`, () => sink.stalled > 0);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(sink.received).toHaveLength(0);

    // The clinic restarts its worker: the e-mail goes out, exactly once, with the same Message-ID.
    sink.behaviour = 'accept';
    handle = await openStoryDatabase(where);
    system = await createSystem({
      handle,
      config,
      transport: createSmtpTransport({ url: sink.url, dkim: null }),
      queuePolicies: policies,
      maintenanceIntervalSeconds: 1,
    });
    const stopWorker = await startWorker(system, { sweepEveryMs: 3_600_000, pollingIntervalSeconds: 0.5, onError: () => undefined });
    cleanups.push(async () => {
      await stopWorker();
      await system.close();
      await handle.close();
    });
    await until('the e-mail to be delivered after the restart', async () => {
      if (serverUrl) await system.queue.maintain();
      return sink.received.length > 0;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.messageId).toBe(queued!.message_id);
    const after = await handle.db.selectFrom('outbound_messages').select(['status', 'transport']).where('id', '=', queued!.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'sent', transport: 'smtp' });
    // Two database opens and a child process: on a loaded CI machine this alone can pass a minute.
  }, 180_000);
});
