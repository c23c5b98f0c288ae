// Transactional e-mails per second: rendered into the outbox (template + layout + CSS inlining,
// one transaction each, as a booking change writes them), then delivered by the worker over real
// SMTP to a local sink. Target (issue): ≥ 500/s on PostgreSQL. Prints figures; never fails on time.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.js';
import { sampleMailData } from '../src/mail/template-keys.js';
import { queueEmail } from '../src/mail/outbox.js';
import { createSmtpTransport } from '../src/mail/smtp-transport.js';
import { createSystem } from '../src/system.js';
import { startWorker } from '../src/worker.js';
import { openBenchDatabase } from './bench-database.js';
import { machineLine } from './stats.js';

const COUNT = Number(process.env.BENCH_EMAILS ?? 2000);

/** An SMTP server that only counts what it is given: parsing would charge its CPU to the sender. */
async function countingSink(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function measure(engine: 'embedded' | 'server'): Promise<void> {
  const { handle, drop } = await openBenchDatabase(engine);
  const sink = await countingSink();
  const config = loadConfig({ PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>' });
  const system = await createSystem({ handle, config, transport: createSmtpTransport({ url: sink.url, dkim: null }) });
  const contact = await handle.db.insertInto('contacts').values({ email: 'bench@example.com', name: 'Olena Bench' }).returning('id').executeTakeFirstOrThrow();
  const data = sampleMailData('booking_approved', 'uk');

  const queuedStart = performance.now();
  for (let i = 0; i < COUNT; i += 1) {
    await handle.db.transaction().execute((trx) =>
      queueEmail(trx, { queue: system.queue, events: system.deps.events, outbox: system.deps.outbox }, { templateKey: 'booking_approved', locale: 'uk', contactId: contact.id, data }, new Date()),
    );
  }
  const queuedSeconds = (performance.now() - queuedStart) / 1000;

  const deliveryStart = performance.now();
  const stop = await startWorker(system, { sweepEveryMs: 3_600_000, emailLoops: 4, onError: (err) => console.error(err) });
  while (sink.received() < COUNT) await new Promise((resolve) => setTimeout(resolve, 50));
  const deliverySeconds = (performance.now() - deliveryStart) / 1000;
  // The sink counts a message when it arrives, a moment before the worker records it as sent:
  // stopping the worker waits for its batches to finish, so the outbox is read after the last one.
  await stop();
  const sent = await handle.db.selectFrom('outbound_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();

  console.log(
    `${engine.padEnd(8)} ${COUNT} e-mails: rendered into the outbox ${(COUNT / queuedSeconds).toFixed(0)}/s (${((queuedSeconds * 1000) / COUNT).toFixed(2)} ms each); ` +
      `delivered over SMTP ${(COUNT / deliverySeconds).toFixed(0)}/s; end to end ${(COUNT / (queuedSeconds + deliverySeconds)).toFixed(0)}/s; ` +
      `outbox says sent: ${sent.n}, sink received: ${sink.received()}`,
  );
  await system.close();
  await handle.close();
  await sink.close();
  await drop();
  if (Number(sent.n) !== COUNT) process.exitCode = 1;
}

console.log(`email-delivery: ${machineLine()}`);
await measure('embedded');
if (process.env.BENCH_DATABASE_URL) await measure('server');
