// Transactional e-mails per second: rendered into the outbox (template + layout + CSS inlining,
// one transaction each, as a booking change writes them), then delivered by the worker over real
// SMTP to a local sink. Three phases: rendering alone (one at a time), delivery alone, and both at
// once ("pipelined": BENCH_EMAIL_PRODUCERS concurrent producers render while the worker delivers,
// timed until the sink has every message), the last being how a clinic's day runs. Target (issue):
// ≥ 500/s on PostgreSQL. Prints figures; exits non-zero only when a message is missing.
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.js';
import { sampleMailData } from '../src/mail/template-keys.js';
import { queueEmail } from '../src/mail/outbox.js';
import { createSmtpTransport } from '../src/mail/smtp-transport.js';
import { createSystem } from '../src/system.js';
import { startWorker } from '../src/worker.js';
import { openBenchDatabase } from './bench-database.js';
import { cpuBetween, machineCpu, machineLine, processesCpu } from './stats.js';

const COUNT = Number(process.env.BENCH_EMAILS ?? 2000);
const PRODUCERS = Number(process.env.BENCH_EMAIL_PRODUCERS ?? 10);

// Every statement the app sends (BEGIN and COMMIT included), counted per phase.
let statements = 0;
function countCalls(proto: object, method: string): void {
  const target = proto as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method]!;
  target[method] = function (this: unknown, ...args: unknown[]) {
    statements += 1;
    return original.apply(this, args);
  };
}
countCalls(PGlite.prototype, 'query');
countCalls(PGlite.prototype, 'exec');
countCalls(pg.Client.prototype, 'query');

interface Phase {
  seconds: number;
  statements: number;
  /** CPU ms of this process (app, worker and sink), of PostgreSQL's processes, and of the whole machine. */
  app: number;
  database: number;
  machine: number;
}

/** Runs `work` and says what it cost. */
async function phase(work: () => Promise<void>): Promise<Phase> {
  const before = { statements, app: process.cpuUsage(), database: processesCpu('postgres'), machine: machineCpu(), at: performance.now() };
  await work();
  const app = process.cpuUsage(before.app);
  const machine = machineCpu();
  return {
    seconds: (performance.now() - before.at) / 1000,
    statements: statements - before.statements,
    app: (app.user + app.system) / 1000,
    database: cpuBetween(before.database, processesCpu('postgres')) * 1000,
    machine: machine && before.machine ? (machine.busy - before.machine.busy) * 1000 : Number.NaN,
  };
}

function describe(name: string, p: Phase, engine: string): string {
  const per = (value: number): string => (value / COUNT).toFixed(2);
  const database = engine === 'server' ? `, PostgreSQL ${per(p.database)} ms` : ' (the embedded engine runs inside it)';
  const others = p.machine - p.app - (engine === 'server' ? p.database : 0);
  return (
    `  ${name.padEnd(9)} ${(COUNT / p.seconds).toFixed(0).padStart(5)}/s; ${(p.statements / COUNT).toFixed(2)} statements per message; ` +
    `CPU per message: this process ${per(p.app)} ms${database}; everything else on the machine ${(others / 1000 / p.seconds).toFixed(2)} cores`
  );
}

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

  const render = (): Promise<unknown> =>
    handle.db.transaction().execute((trx) =>
      queueEmail(trx, { queue: system.queue, events: system.deps.events, outbox: system.deps.outbox }, { templateKey: 'booking_approved', locale: 'uk', contactId: contact.id, data }, new Date()),
    );
  const queued = await phase(async () => {
    for (let i = 0; i < COUNT; i += 1) await render();
  });
  const queuedSeconds = queued.seconds;

  let stop: () => Promise<void> = async () => undefined;
  const statementsBefore = statements;
  const delivered = await phase(async () => {
    stop = await startWorker(system, { sweepEveryMs: 3_600_000, emailLoops: 4, onError: (err) => console.error(err) });
    while (sink.received() < COUNT) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  const deliverySeconds = delivered.seconds;
  // The last batch's records come after the sink counted its messages: count them too (not their time).
  delivered.statements = statements - statementsBefore;

  // Both at once, as a clinic's day has them: PRODUCERS booking changes render their e-mails
  // concurrently (one transaction each) while the worker delivers; timed until the sink has them all.
  const pipelined = await phase(async () => {
    let next = 0;
    const producer = async (): Promise<void> => {
      while (next < COUNT) {
        next += 1;
        await render();
      }
    };
    await Promise.all(Array.from({ length: PRODUCERS }, producer));
    while (sink.received() < 2 * COUNT) await new Promise((resolve) => setTimeout(resolve, 10));
  });

  // The sink counts a message when it arrives, a moment before the worker records it as sent.
  // Closing the system stops the queue's delivery loops, each after its batch (stopping the worker
  // alone stops only its sweeps), so the outbox is read after the last message is recorded.
  await stop();
  await system.close();
  const sent = await handle.db.selectFrom('outbound_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();

  console.log(
    `${engine.padEnd(8)} ${COUNT} e-mails: rendered into the outbox ${(COUNT / queuedSeconds).toFixed(0)}/s (${((queuedSeconds * 1000) / COUNT).toFixed(2)} ms each); ` +
      `delivered over SMTP ${(COUNT / deliverySeconds).toFixed(0)}/s; end to end ${(COUNT / (queuedSeconds + deliverySeconds)).toFixed(0)}/s; ` +
      `outbox says sent: ${sent.n}, sink received: ${sink.received()} (both phases: ${2 * COUNT} expected)`,
  );
  console.log(describe('rendered', queued, engine));
  console.log(describe('delivered', delivered, engine));
  console.log(describe('pipelined', pipelined, engine) + ` (${PRODUCERS} producers rendering while the worker delivers)`);
  await handle.close();
  await sink.close();
  await drop();
  if (Number(sent.n) !== 2 * COUNT || sink.received() !== 2 * COUNT) process.exitCode = 1;
}

console.log(`email-delivery: ${machineLine()}`);
const engines = (process.env.BENCH_ENGINES ?? 'embedded,server').split(',');
if (engines.includes('embedded')) await measure('embedded');
if (engines.includes('server') && process.env.BENCH_DATABASE_URL) await measure('server');
