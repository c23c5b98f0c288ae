// What one visitor booking asks of the database: the statements POST /api/bookings runs, how many,
// and the time each kind takes as the app sees it (a round trip on a server, a call into the WASM
// engine embedded). One booking at a time, no worker, so every figure belongs to the request.
//
//   node --import tsx bench/booking-statements.bench.ts                embedded engine (in-memory PGlite)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//   node --import tsx bench/booking-statements.bench.ts                ... and a PostgreSQL server
//
// BENCH_BOOKINGS (default 200) timed bookings after 20 warm-up ones; BENCH_ENGINES (embedded,server).
// BENCH_CPU_PROF=<dir>: a V8 CPU profile of the timed bookings only (no start-up, no warm-up), one
// file per engine (on a server that is the app's CPU alone).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PgliteConnection } from '../src/db/pglite-driver.js';
import { WEEKDAYS, type WeeklySchedule } from '../src/scheduling/schedule-types.js';
import { createSystem } from '../src/system.js';
import { aSpecialist } from '../src/test/builders.js';
import { openBenchDatabase, type Engine } from './bench-database.js';
import { cpuBetween, machineLine, ms, processCpu, processesCpu, summarise } from './stats.js';

const WARM_UP = 20;
const TIMED = Number(process.env.BENCH_BOOKINGS ?? 200);

interface Statement {
  text: string;
  ms: number;
}
const seen: Statement[] = [];
let recording = false;

/** The SQL of a call's first argument: the text itself, a pg config's `text`, or a Kysely query's `sql`. */
function statementText(first: unknown): string | null {
  if (typeof first === 'string') return first;
  const { text, sql } = (first ?? {}) as { text?: unknown; sql?: unknown };
  return typeof text === 'string' ? text : typeof sql === 'string' ? sql : null;
}

/** Times every call of `method` on `proto` whose first argument is SQL text (or a pg config with one). */
function timeCalls(proto: object, method: string): void {
  const target = proto as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method]!;
  target[method] = function (this: unknown, ...args: unknown[]) {
    const text = statementText(args[0]);
    const started = performance.now();
    const result = original.apply(this, args);
    if (!recording || text === null || !(result instanceof Promise)) return result;
    return result.finally(() => seen.push({ text: text.replace(/\s+/g, ' ').trim(), ms: performance.now() - started }));
  };
}
// The embedded engine's statements (a Kysely CompiledQuery) and scripts.
timeCalls(PgliteConnection.prototype, 'executeQuery');
timeCalls(PGlite.prototype, 'exec');
timeCalls(pg.Client.prototype, 'query');

async function measure(engine: Engine): Promise<void> {
  const { handle, drop } = await openBenchDatabase(engine);
  const day = [{ start: '08:00', end: '20:00' }];
  const weekly = Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, day])) as WeeklySchedule;
  const specialist = await aSpecialist(handle.db, { name: 'Dr. Bench', consultationMinutes: 15, bufferMinutes: 5, minNoticeMinutes: 0, horizonDays: 365, weekly });
  const config = loadConfig({ CLINIC_TIMEZONE: 'Europe/Kyiv', PUBLIC_URL: 'http://127.0.0.1', BOOKING_RATE_LIMIT: '100000', MAIL_FROM: 'Clinic <no-reply@clinic.example>' });
  const system = await createSystem({ handle, config, now: () => new Date(), transport: null, onError: (err) => console.error(err) });
  const app = await buildApp(system.deps);

  // 36 slots a day (15 + 5 minutes from 08:00 to 20:00), from the day after tomorrow on.
  const firstDay = Date.now() + 2 * 86_400_000;
  const startOf = (n: number): string => {
    const date = new Date(firstDay + Math.floor(n / 36) * 86_400_000).toISOString().slice(0, 10);
    const minutes = 8 * 60 + (n % 36) * 20;
    return `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+02:00`;
  };
  const wall: number[] = [];
  let cpuAtStart = { app: 0, database: new Map<number, number>() as Map<number, number> | null };
  const profileDir = process.env.BENCH_CPU_PROF;
  const profiler = profileDir ? new Session() : null;
  for (let n = 0; n < WARM_UP + TIMED; n += 1) {
    if (n === WARM_UP) {
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      cpuAtStart = { app: processCpu(process.pid) ?? 0, database: processesCpu('postgres') };
    }
    recording = n >= WARM_UP;
    const started = performance.now();
    const answer = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { specialistId: specialist.id, startsAt: startOf(n), name: 'Olena Bench', email: `visitor${n}@mail.example`, phone: '+380671234567' },
    });
    if (recording) wall.push(performance.now() - started);
    if (answer.statusCode !== 201) throw new Error(`booking ${n}: ${answer.statusCode} ${answer.body}`);
  }
  recording = false;
  if (profiler && profileDir) {
    const { profile } = await profiler.post('Profiler.stop');
    const file = join(profileDir, `booking-statements-${engine}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    console.log(`  CPU profile of the timed bookings: ${file}`);
  }
  const appCpu = ((processCpu(process.pid) ?? 0) - cpuAtStart.app) * 1000;
  const databaseCpu = cpuBetween(cpuAtStart.database, processesCpu('postgres')) * 1000;

  const inDatabase = seen.reduce((total, statement) => total + statement.ms, 0);
  const request = summarise(wall);
  console.log(`\n[${engine}] ${TIMED} bookings one at a time: p50 ${ms(request.p50)}, mean ${ms(request.mean)} per request`);
  console.log(`  ${(seen.length / TIMED).toFixed(1)} statements per booking, ${ms(inDatabase / TIMED)} of them in the database (as the app waits for it)`);
  console.log(
    `  CPU per booking: this process ${ms(appCpu / TIMED)}` +
      (engine === 'server' ? `, PostgreSQL's processes ${ms(databaseCpu / TIMED)} (all of them, anyone else's work included)` : ' (the embedded engine runs inside it)'),
  );
  const kinds = new Map<string, { count: number; ms: number }>();
  for (const statement of seen) {
    const key = statement.text.slice(0, 100);
    const kind = kinds.get(key) ?? { count: 0, ms: 0 };
    kind.count += 1;
    kind.ms += statement.ms;
    kinds.set(key, kind);
  }
  for (const [text, kind] of [...kinds].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${(kind.count / TIMED).toFixed(1).padStart(4)} × ${ms(kind.ms / kind.count).padStart(9)}  ${text}`);
  }
  seen.length = 0;
  await app.close();
  await system.close();
  await handle.close();
  await drop();
}

console.log(`booking-statements: ${machineLine()}`);
const engines = (process.env.BENCH_ENGINES ?? 'embedded,server').split(',');
if (engines.includes('embedded')) await measure('embedded');
if (engines.includes('server') && process.env.BENCH_DATABASE_URL) await measure('server');
