// Transactional e-mails per second: rendered into the outbox (template + layout + CSS inlining,
// one transaction each, as a booking change writes them), then delivered by the worker over real
// SMTP to a local sink. Three phases: rendering alone (one at a time), delivery alone, and both at
// once ("pipelined": BENCH_EMAIL_PRODUCERS concurrent producers render while the worker delivers,
// timed until the sink has every message), the last being how a clinic's day runs. Target (issue):
// ≥ 500/s on PostgreSQL. Prints figures; exits non-zero only when a message is missing.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { sampleMailData } from '../src/mail/template-keys.js';
import { queueEmail } from '../src/mail/outbox.js';
import { createSmtpTransport } from '../src/mail/smtp-transport.js';
import { createSystem } from '../src/system.js';
import { startWorker } from '../src/worker.js';
import { openBenchDatabase } from './bench-database.js';
import type { ParentToSink, SinkToParent } from './smtp-sink-process.js';
import { cpuBetween, machineCpu, machineLine, processCpu, processesCpu } from './stats.js';

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
  /** CPU ms of this process (the app and its worker), of the SMTP sink's, of PostgreSQL's processes, and of the whole machine. */
  app: number;
  sink: number;
  database: number;
  machine: number;
}

/** Runs `work` and says what it cost. */
async function phase(sinkPid: number, work: () => Promise<void>): Promise<Phase> {
  const before = { statements, app: process.cpuUsage(), sink: processCpu(sinkPid) ?? 0, database: processesCpu('postgres'), machine: machineCpu(), at: performance.now() };
  await work();
  const app = process.cpuUsage(before.app);
  const machine = machineCpu();
  return {
    seconds: (performance.now() - before.at) / 1000,
    statements: statements - before.statements,
    app: (app.user + app.system) / 1000,
    sink: ((processCpu(sinkPid) ?? 0) - before.sink) * 1000,
    database: cpuBetween(before.database, processesCpu('postgres')) * 1000,
    machine: machine && before.machine ? (machine.busy - before.machine.busy) * 1000 : Number.NaN,
  };
}

function describe(name: string, p: Phase, engine: string): string {
  const per = (value: number): string => (value / COUNT).toFixed(2);
  const database = engine === 'server' ? `, PostgreSQL ${per(p.database)} ms` : ' (the embedded engine runs inside it)';
  const others = p.machine - p.app - p.sink - (engine === 'server' ? p.database : 0);
  return (
    `  ${name.padEnd(9)} ${(COUNT / p.seconds).toFixed(0).padStart(5)}/s; ${(p.statements / COUNT).toFixed(2)} statements per message; ` +
    `CPU per message: this process ${per(p.app)} ms${database}, the SMTP sink ${per(p.sink)} ms; everything else on the machine ${(others / 1000 / p.seconds).toFixed(2)} cores`
  );
}

interface Sink {
  url: string;
  pid: number;
  received: () => Promise<number>;
  close: () => Promise<void>;
}

/** The SMTP sink (smtp-sink-process.ts), in a child process: its CPU is its own, not the app's. */
async function startSink(): Promise<Sink> {
  const child = fork(fileURLToPath(new URL('./smtp-sink-process.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const waiting: Array<{ type: SinkToParent['type']; resolve: (message: SinkToParent) => void; reject: (err: Error) => void }> = [];
  child.on('message', (message: SinkToParent) => {
    const index = waiting.findIndex((entry) => entry.type === message.type);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(message);
  });
  child.on('exit', (code) => {
    for (const entry of waiting.splice(0)) entry.reject(new Error(`the SMTP sink stopped (exit code ${code})`));
  });
  const next = (type: SinkToParent['type']) => new Promise<SinkToParent>((resolve, reject) => waiting.push({ type, resolve, reject }));
  const listening = await next('listening');
  return {
    url: listening.type === 'listening' ? listening.url : '',
    pid: child.pid!,
    received: async () => {
      const answer = next('received');
      child.send({ type: 'count' } satisfies ParentToSink);
      const message = await answer;
      return message.type === 'received' ? message.count : 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' } satisfies ParentToSink);
      }),
  };
}

/** Waits until the sink has `count` messages, asking every `everyMs`. */
async function sinkReaches(sink: Sink, count: number, everyMs: number): Promise<void> {
  while ((await sink.received()) < count) await new Promise((resolve) => setTimeout(resolve, everyMs));
}

async function measure(engine: 'embedded' | 'server'): Promise<void> {
  const { handle, drop } = await openBenchDatabase(engine);
  const sink = await startSink();
  const config = loadConfig({ PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>' });
  const system = await createSystem({ handle, config, transport: createSmtpTransport({ url: sink.url, dkim: null }) });
  const contact = await handle.db.insertInto('contacts').values({ email: 'bench@example.com', name: 'Olena Bench' }).returning('id').executeTakeFirstOrThrow();
  const data = sampleMailData('booking_approved', 'uk');

  const render = (): Promise<unknown> =>
    handle.db.transaction().execute((trx) =>
      queueEmail(trx, { queue: system.queue, events: system.deps.events, outbox: system.deps.outbox }, { templateKey: 'booking_approved', locale: 'uk', contactId: contact.id, data }, new Date()),
    );
  const queued = await phase(sink.pid, async () => {
    for (let i = 0; i < COUNT; i += 1) await render();
  });
  const queuedSeconds = queued.seconds;

  let stop: () => Promise<void> = async () => undefined;
  const statementsBefore = statements;
  const delivered = await phase(sink.pid, async () => {
    stop = await startWorker(system, { sweepEveryMs: 3_600_000, emailLoops: 4, onError: (err) => console.error(err) });
    await sinkReaches(sink, COUNT, 50);
  });
  const deliverySeconds = delivered.seconds;
  // The last batch's records come after the sink counted its messages: count them too (not their time).
  delivered.statements = statements - statementsBefore;

  // Both at once, as a clinic's day has them: PRODUCERS booking changes render their e-mails
  // concurrently (one transaction each) while the worker delivers; timed until the sink has them all.
  const pipelined = await phase(sink.pid, async () => {
    let next = 0;
    const producer = async (): Promise<void> => {
      while (next < COUNT) {
        next += 1;
        await render();
      }
    };
    await Promise.all(Array.from({ length: PRODUCERS }, producer));
    await sinkReaches(sink, 2 * COUNT, 10);
  });

  // The sink counts a message when it arrives, a moment before the worker records it as sent.
  // Stopping the worker ends its delivery loops, each after its batch, so the outbox is read
  // after the last message is recorded.
  await stop();
  await system.close();
  const received = await sink.received();
  const sent = await handle.db.selectFrom('outbound_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();

  console.log(
    `${engine.padEnd(8)} ${COUNT} e-mails: rendered into the outbox ${(COUNT / queuedSeconds).toFixed(0)}/s (${((queuedSeconds * 1000) / COUNT).toFixed(2)} ms each); ` +
      `delivered over SMTP ${(COUNT / deliverySeconds).toFixed(0)}/s; end to end ${(COUNT / (queuedSeconds + deliverySeconds)).toFixed(0)}/s; ` +
      `outbox says sent: ${sent.n}, sink received: ${received} (both phases: ${2 * COUNT} expected)`,
  );
  console.log(describe('rendered', queued, engine));
  console.log(describe('delivered', delivered, engine));
  console.log(describe('pipelined', pipelined, engine) + ` (${PRODUCERS} producers rendering while the worker delivers)`);
  await handle.close();
  await sink.close();
  await drop();
  if (Number(sent.n) !== 2 * COUNT || received !== 2 * COUNT) process.exitCode = 1;
}

console.log(`email-delivery: ${machineLine()}`);
const engines = (process.env.BENCH_ENGINES ?? 'embedded,server').split(',');
if (engines.includes('embedded')) await measure('embedded');
if (engines.includes('server') && process.env.BENCH_DATABASE_URL) await measure('server');
