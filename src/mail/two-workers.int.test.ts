import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createSystem, type System } from '../system.js';
import { openTestDatabase, usingServer } from '../test/test-database.js';
import { startSmtpSink } from '../test/smtp-sink.js';
import { startWorker } from '../worker.js';
import { queueEmail } from './outbox.js';
import { createSmtpTransport } from './smtp-transport.js';
import { sampleMailData } from './template-keys.js';

// Several workers are a PostgreSQL-server set-up (the embedded database belongs to one process,
// whose worker takes back, at start, the jobs a dead predecessor left active): CI runs this there.
describe.runIf(usingServer())('two workers on one PostgreSQL server', () => {
  const stops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it('deliver 120 e-mails between them, each exactly once', async () => {
    const sink = await startSmtpSink();
    const handle = await openTestDatabase();
    stops.push(async () => {
      await handle.close();
      await sink.close();
    });
    const config = loadConfig({ PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>' });
    const systems: System[] = [];
    for (let i = 0; i < 2; i += 1) {
      // Two independent queues and workers, as two `clinicflow worker` processes would have.
      const system = await createSystem({ handle, config, transport: createSmtpTransport({ url: sink.url, dkim: null }) });
      systems.push(system);
      stops.push(() => system.close());
    }
    const contact = await handle.db.insertInto('contacts').values({ email: 'two@example.com', name: 'Two Workers' }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < 120; i += 1) {
      const data = { ...sampleMailData('booking_thank_you', 'en'), cutoffHours: i };
      await handle.db.transaction().execute((trx) =>
        queueEmail(trx, { queue: systems[0]!.queue, events: systems[0]!.deps.events, outbox: systems[0]!.deps.outbox }, { templateKey: 'booking_thank_you', locale: 'en', contactId: contact.id, data }, new Date()),
      );
    }
    for (const system of systems) {
      const stop = await startWorker(system, { sweepEveryMs: 3_600_000, emailLoops: 2, onError: (err) => console.error(err) });
      stops.push(stop);
    }
    await sink.waitFor(120, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ids = sink.received.map((mail) => mail.messageId);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    const attempts = await handle.db.selectFrom('outbound_messages').select(['status', 'attempts']).execute();
    expect(attempts.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });
});
