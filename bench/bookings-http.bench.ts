// Bookings per second over HTTP: concurrent visitors POST /api/bookings against the real app on a
// loopback port, each asking for a different free slot, so every answer should be 201.
// The app runs in a child process (bookings-http-server.ts); this process only generates load.
//
//   node --import tsx bench/bookings-http.bench.ts                   embedded engine (in-memory PGlite)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//   node --import tsx bench/bookings-http.bench.ts                   ... and a PostgreSQL server
//
// Knobs (see bench/README.md): BENCH_DURATION (s, default 20), BENCH_CONNECTIONS (default 10),
// BENCH_ENGINES (embedded,server), BENCH_WORKER=false (no worker in the server process),
// BENCH_CPU_PROF=<dir> (write a V8 CPU profile of the server process).
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Engine, SlotTuple, ToChild, ToParent } from './bookings-http-server.js';
import { cpuBetween, machineCpu, machineLine, ms, processCpu, processesCpu, summarise, type LatencySummary } from './stats.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARM_UP_REQUESTS = 300;
const CALIBRATION_S = 3;
// Free slots to prepare: more than the app could take at 1,500 bookings/s.
const SLOTS = WARM_UP_REQUESTS + 1_500 * (CALIBRATION_S + DURATION_S) + 1_000;
const TARGET_P99_MS = 50;
const TARGETS: Record<Engine, number> = { embedded: 100, server: 300 };
const LABELS: Record<Engine, string> = { embedded: 'embedded (in-memory PGlite)', server: 'PostgreSQL server' };

interface Outcome {
  engine: Engine;
  requests: number;
  created: number;
  refused: Map<number, number>;
  connectionErrors: number;
  timeouts: number;
  seconds: number;
  latency: LatencySummary;
  appointments: number;
  emails: number;
  createdInAll: number;
  samples: string[];
  cpu: CpuShare | null;
}

interface CpuSample {
  at: number;
  machine: { busy: number; total: number } | null;
  server: number | null;
  postgres: Map<number, number> | null;
  self: number;
}

/** Where the CPU went during the measured run, in cores (1.0 = one core fully busy). */
interface CpuShare {
  machineBusy: number;
  cores: number;
  server: number;
  postgres: number;
  loadGenerator: number;
}

function cpuSample(serverPid: number | undefined): CpuSample {
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    machine: machineCpu(),
    server: serverPid === undefined ? null : processCpu(serverPid),
    postgres: processesCpu('postgres'),
    self: (self.user + self.system) / 1e6,
  };
}

function cpuShare(a: CpuSample, b: CpuSample): CpuShare | null {
  if (!a.machine || !b.machine || a.server === null || b.server === null) return null;
  const seconds = (b.at - a.at) / 1000;
  const cores = (b.machine.total - a.machine.total) / seconds;
  return {
    machineBusy: (b.machine.busy - a.machine.busy) / seconds,
    cores: Math.round(cores),
    server: (b.server - a.server) / seconds,
    postgres: cpuBetween(a.postgres, b.postgres) / seconds,
    loadGenerator: (b.self - a.self) / seconds,
  };
}

/** The server process, spoken to over IPC. */
class BenchServer {
  private readonly waiting = new Map<ToParent['type'], (message: ToParent) => void>();
  private failure: Error | null = null;

  get pid(): number | undefined {
    return this.child.pid;
  }

  constructor(private readonly child: ChildProcess) {
    child.on('message', (message: ToParent) => {
      if (message.type === 'failed') this.fail(new Error(`the bench server failed:\n${message.message}`));
      this.waiting.get(message.type)?.(message);
    });
    child.on('exit', (code) => this.fail(new Error(`the bench server exited (code ${code})`)));
  }

  static start(engine: Engine): BenchServer {
    const cpuProf = process.env.BENCH_CPU_PROF;
    const child = fork(fileURLToPath(new URL('./bookings-http-server.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx', ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : [])],
      env: { ...process.env, BENCH_ENGINE: engine, BENCH_SLOTS: String(SLOTS) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new BenchServer(child);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const resolve of this.waiting.values()) resolve({ type: 'failed', message: err.message });
  }

  async next<T extends ToParent['type']>(type: T, send?: ToChild, timeoutMs = 120_000): Promise<Extract<ToParent, { type: T }>> {
    if (this.failure) throw this.failure;
    const message = await new Promise<ToParent>((resolve) => {
      const timer = setTimeout(() => resolve({ type: 'failed', message: `no "${type}" from the bench server in ${timeoutMs} ms` }), timeoutMs);
      this.waiting.set(type, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      if (send) this.child.send(send);
    });
    this.waiting.delete(type);
    if (message.type === 'failed') throw this.failure ?? new Error(message.message);
    return message as Extract<ToParent, { type: T }>;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.next('stopped', { type: 'stop' }, 60_000).catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

interface Tally {
  created: number;
  refused: Map<number, number>;
  latencies: number[];
  samples: string[];
}

/** One autocannon run in which every request takes the next free slot off `slots`. */
async function load(
  port: number,
  slots: SlotTuple[],
  cursor: { next: number },
  options: { amount: number },
): Promise<{ tally: Tally; result: autocannon.Result; seconds: number }> {
  const tally: Tally = { created: 0, refused: new Map(), latencies: [], samples: [] };
  const request = (): autocannon.Request => ({
    method: 'POST',
    path: '/api/bookings',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const slot = slots[cursor.next];
      if (!slot) throw new Error('ran out of free slots: raise SLOTS');
      const n = cursor.next++;
      return {
        ...req,
        body: JSON.stringify({ specialistId: slot[0], startsAt: slot[1], name: `Visitor ${n}`, email: `visitor${n}@bench.example.com`, locale: 'uk' }),
      };
    },
    onResponse: (status, body) => {
      if (status !== 201 && tally.samples.length < 5) tally.samples.push(`${status} ${body.slice(0, 300)}`);
    },
  });
  const cannonOptions: autocannon.Options = {
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    // A request that times out may still be booked after the client gave up; on a busy machine
    // answers can take seconds, so wait long rather than lose count.
    timeout: 60,
    ...options,
    // autocannon shares one `requests` array between its connections and builds each
    // connection's first request before any is sent, so they would all send the same slot.
    // A request list of its own per connection avoids that.
    setupClient: (client) => client.setRequests([request()]),
  };
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(cannonOptions, (err: unknown, done: autocannon.Result) => (err ? reject(err) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      tally.latencies.push(responseTime);
      if (statusCode === 201) tally.created++;
      else tally.refused.set(statusCode, (tally.refused.get(statusCode) ?? 0) + 1);
    });
  });
  return { tally, result, seconds: (performance.now() - started) / 1000 };
}

async function runEngine(engine: Engine): Promise<Outcome> {
  const server = BenchServer.start(engine);
  try {
    const ready = await server.next('ready');
    console.log(`\n[${LABELS[engine]}] ready in ${(ready.setupMs / 1000).toFixed(1)} s: migrated, ${ready.specialists} specialists, ${ready.slots.length.toLocaleString('en')} free slots listed`);
    const cursor = { next: 0 };
    // The measured run is a fixed number of requests sized to last about BENCH_DURATION: a run
    // cut off by time drops the requests in flight, which the server still books, and then the
    // 201s could not be checked against the rows. So: a warm-up for the JIT and the caches, a
    // few seconds to learn the rate, then the run itself.
    const rateOf = (run: { tally: Tally; seconds: number }): number => run.tally.created / run.seconds;
    const amountFor = (perSecond: number, seconds: number): number =>
      Math.max(CONNECTIONS, Math.min(ready.slots.length - cursor.next - CONNECTIONS, Math.round(perSecond * seconds)));
    const warm = await load(ready.port, ready.slots, cursor, { amount: WARM_UP_REQUESTS });
    const calibration = await load(ready.port, ready.slots, cursor, { amount: amountFor(rateOf(warm), CALIBRATION_S) });
    const amount = amountFor(rateOf(calibration), DURATION_S);
    const cpuBefore = cpuSample(server.pid);
    const measured = await load(ready.port, ready.slots, cursor, { amount });
    const cpu = cpuShare(cpuBefore, cpuSample(server.pid));
    const counted = await server.next('counted', { type: 'count' });
    const { tally, result } = measured;
    return {
      engine,
      requests: amount,
      created: tally.created,
      refused: [warm, calibration].reduce((all, run) => mergeCounts(all, run.tally.refused), tally.refused),
      connectionErrors: result.errors + warm.result.errors + calibration.result.errors,
      timeouts: result.timeouts + warm.result.timeouts + calibration.result.timeouts,
      seconds: measured.seconds,
      latency: summarise(tally.latencies),
      appointments: counted.appointments,
      emails: counted.emails,
      createdInAll: tally.created + warm.tally.created + calibration.tally.created,
      samples: [...warm.tally.samples, ...calibration.tally.samples, ...tally.samples].slice(0, 5),
      cpu,
    };
  } finally {
    await server.stop().catch(() => undefined);
    server.kill();
  }
}

function mergeCounts(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const merged = new Map(a);
  for (const [status, count] of b) merged.set(status, (merged.get(status) ?? 0) + count);
  return merged;
}

function report(o: Outcome): boolean {
  const perSecond = o.created / o.seconds;
  const refused = [...o.refused.values()].reduce((a, b) => a + b, 0);
  const failures = refused + o.connectionErrors;
  const countsAgree = o.appointments === o.createdInAll;
  console.log(`  ${CONNECTIONS} connections, ${o.requests.toLocaleString('en')} requests in ${o.seconds.toFixed(1)} s, after ${WARM_UP_REQUESTS} warm-up requests and ${CALIBRATION_S} s to learn the rate`);
  console.log(`  201 Created: ${o.created.toLocaleString('en')}   other answers: ${refused}${refused ? ` (${[...o.refused].map(([s, n]) => `${s}×${n}`).join(', ')})` : ''}   connection errors: ${o.connectionErrors} (timeouts ${o.timeouts})`);
  for (const sample of o.samples) console.log(`    e.g. ${sample}`);
  console.log(`  bookings/s: ${perSecond.toFixed(1)}   target ≥ ${TARGETS[o.engine]}: ${perSecond >= TARGETS[o.engine] ? 'met' : 'MISSED'}`);
  console.log(`  latency: p50 ${ms(o.latency.p50)}  p95 ${ms(o.latency.p95)}  p99 ${ms(o.latency.p99)}  max ${ms(o.latency.max)}   target p99 ≤ ${TARGET_P99_MS} ms: ${o.latency.p99 <= TARGET_P99_MS ? 'met' : 'MISSED'}`);
  if (o.cpu) {
    // Other sessions on a shared machine show up as "everything else": read the figures with it.
    const { machineBusy, cores, server, postgres, loadGenerator } = o.cpu;
    const rest = Math.max(0, machineBusy - server - postgres - loadGenerator);
    console.log(
      `  CPU, in cores busy: machine ${machineBusy.toFixed(2)} of ${cores} = app server process ${server.toFixed(2)} ` +
        `+ PostgreSQL processes ${postgres.toFixed(2)} + load generator ${loadGenerator.toFixed(2)} + everything else ${rest.toFixed(2)}`,
    );
    // CPU time per booking suffers less than bookings/s from whatever else the machine does.
    const perBooking = (cores: number): string => `${((cores * o.seconds * 1000) / o.created).toFixed(1)} ms`;
    console.log(
      `  CPU per booking: app server process ${perBooking(server)}` +
        (o.engine === 'server' ? `, PostgreSQL ${perBooking(postgres)} (all its processes, others' included)` : ''),
    );
  }
  console.log(`  SQL: ${o.appointments.toLocaleString('en')} appointments, ${o.createdInAll.toLocaleString('en')} 201s in all (warm-up and calibration included): ${countsAgree ? 'equal' : `DIFFERENT${o.timeouts > 0 ? ' (a request that timed out may have been booked all the same)' : ''}`}; ${o.emails.toLocaleString('en')} e-mails in the outbox`);
  return failures === 0 && countsAgree;
}

async function main(): Promise<number> {
  const requested = process.env.BENCH_ENGINES?.split(',').map((e) => e.trim()) as Engine[] | undefined;
  const engines: Engine[] = requested ?? ['embedded', ...(process.env.BENCH_DATABASE_URL ? (['server'] as const) : [])];
  console.log('bookings-http: POST /api/bookings, every request a different free slot');
  console.log(`  ${machineLine()}`);
  if (!process.env.BENCH_DATABASE_URL) console.log('  (set BENCH_DATABASE_URL to measure a PostgreSQL server too)');
  const outcomes: Outcome[] = [];
  let clean = true;
  for (const engine of engines) {
    const outcome = await runEngine(engine);
    outcomes.push(outcome);
    clean = report(outcome) && clean;
  }
  console.log('\n| engine | bookings/s | p50 | p95 | p99 | non-201 | appointments = 201s |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const o of outcomes) {
    const refused = [...o.refused.values()].reduce((a, b) => a + b, 0) + o.connectionErrors;
    console.log(
      `| ${LABELS[o.engine]} | ${(o.created / o.seconds).toFixed(0)} | ${ms(o.latency.p50)} | ${ms(o.latency.p95)} | ${ms(o.latency.p99)} | ${refused} | ${o.appointments === o.createdInAll ? 'yes' : 'no'} |`,
    );
  }
  // Slow is a figure to read, not a failure; a refused booking or a lost one is.
  return clean ? 0 : 1;
}

process.exitCode = await main();
