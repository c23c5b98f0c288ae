// CSV in and out at 100,000 rows: importing contacts, exporting contacts, exporting appointments,
// each over real HTTP on a loopback port, with rows per second and the process's memory.
//
//   node --import tsx bench/csv.bench.ts                                  embedded engine (in-memory PGlite)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//   node --import tsx bench/csv.bench.ts                                  ... and a PostgreSQL server
//
// Each scenario runs in a child process of its own (this file, with the scenario's name as its
// argument), so its peak RSS is its own and not the previous scenario's. The app and the client
// share that process: the client only streams a generated file up, or counts the bytes and line
// ends coming down, and holds neither. The embedded engine's database lives in the same process,
// so its RSS includes PGlite's memory (the table data and indexes); the JS heap figure is the app's.
//
// Knobs: BENCH_CSV_ROWS (default 100000), BENCH_ENGINES (embedded,server).
// Exits non-zero only on a wrong answer: a status other than 200, or a count that does not match.
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { DatabaseHandle } from '../src/db/engine.js';
import { createApiKey } from '../src/integrations/api-keys.js';
import { createSystem } from '../src/system.js';
import { aSpecialist } from '../src/test/builders.js';
import { openBenchDatabase, type Engine } from './bench-database.js';
import { machineLine } from './stats.js';

type Scenario = 'import-contacts' | 'export-contacts' | 'export-appointments';
const SCENARIOS: Scenario[] = ['import-contacts', 'export-contacts', 'export-appointments'];
const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 100_000);

interface Result {
  engine: Engine;
  scenario: Scenario;
  rows: number;
  /** The file: sent up for an import, received for an export. */
  bytes: number;
  seconds: number;
  setupSeconds: number;
  rssBefore: number;
  rssPeak: number;
  heapBefore: number;
  /** Sampled heapUsed: live objects and garbage not yet collected. */
  heapPeak: number;
  ok: boolean;
  note: string;
}

const MB = 1024 * 1024;

/** The file a clinic would bring: a header in Ukrainian, one patient a line, made as it is sent; `sent.bytes` counts it. */
function patientsFile(rows: number, sent: { bytes: number }): Readable {
  return Readable.from(
    (function* () {
      const header = '\uFEFFІм’я,Пошта,Телефон,Мова,Мітки\r\n';
      sent.bytes += Buffer.byteLength(header);
      yield header;
      for (let start = 0; start < rows; start += 1000) {
        const lines: string[] = [];
        for (let i = start; i < Math.min(rows, start + 1000); i += 1) {
          lines.push(`Пацієнт Тестовий ${i},patient${i}@example.com,+380 67 ${String(i).padStart(7, '0')},${i % 3 === 0 ? 'en' : 'uk'},${i % 10 === 0 ? 'vip; щорічний огляд' : ''}\r\n`);
        }
        const chunk = lines.join('');
        sent.bytes += Buffer.byteLength(chunk);
        yield chunk;
      }
    })(),
  );
}

/** Contacts straight into the tables, as an import would leave them (for the export scenarios). */
async function seedContacts(handle: DatabaseHandle, rows: number, now: Date): Promise<void> {
  await sql`
    INSERT INTO contacts (email, name, phone, locale, created_at, updated_at)
    SELECT 'patient' || i || '@example.com', 'Пацієнт Тестовий ' || i, '+380 67 ' || lpad(i::text, 7, '0'), CASE WHEN i % 3 = 0 THEN 'en' ELSE 'uk' END, ${now}, ${now}
      FROM generate_series(0, ${rows - 1}) AS i`.execute(handle.db);
  await sql`INSERT INTO contact_tags (contact_id, tag) SELECT id, 'vip' FROM contacts WHERE right(email, 13) = '0@example.com'`.execute(handle.db);
}

/** A visit every 30 minutes from 8 December 2026, one per contact (about five and a half years). */
async function seedAppointments(handle: DatabaseHandle, specialistId: string, now: Date): Promise<void> {
  await sql`
    INSERT INTO appointments (specialist_id, contact_id, starts_at, ends_at, status, source, locale, time_set_at, created_at, updated_at)
    SELECT ${specialistId}, c.id, s.start, s.start + interval '30 minutes', 'booked', 'staff', 'uk', ${now}, ${now}, ${now}
      FROM (SELECT id, row_number() OVER (ORDER BY email) - 1 AS i FROM contacts) AS c,
           LATERAL (SELECT timestamptz '2026-12-08 08:00:00+00' + c.i * interval '30 minutes' AS start) AS s`.execute(handle.db);
}

/**
 * Samples RSS and the JS heap every 5 ms, as often as the event loop lets it (a long statement on
 * the embedded engine holds the loop, but what it allocated is still there at the next sample).
 */
function memoryWatch(): { stop: () => { rssPeak: number; heapPeak: number } } {
  let rssPeak = process.memoryUsage.rss();
  let heapPeak = process.memoryUsage().heapUsed;
  const sample = (): void => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { rssPeak, heapPeak };
    },
  };
}

function request(options: http.RequestOptions, body: Readable | null): Promise<{ status: number; bytes: number; lines: number; bom: boolean; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (response) => {
      let bytes = 0;
      let lines = 0;
      let first: Buffer | null = null;
      let text = '';
      response.on('data', (chunk: Buffer) => {
        if (!first) first = chunk;
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
        if (text.length < 2000) text += chunk.toString('utf8', 0, Math.min(chunk.length, 2000));
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes, lines, bom: first !== null && (first as Buffer).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), text }));
      response.on('error', reject);
    });
    req.on('error', reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

async function runScenario(engine: Engine, scenario: Scenario): Promise<Result> {
  const setupStarted = performance.now();
  const { handle, drop } = await openBenchDatabase(engine);
  const config = loadConfig({ CLINIC_TIMEZONE: 'Europe/Kyiv', PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>' });
  const system = await createSystem({ handle, config });
  const app = await buildApp(system.deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const now = new Date();
  const { key } = await createApiKey(handle.db, { name: 'Bench', scopes: ['read', 'write'], createdBy: null, now });
  const headers = { authorization: `Bearer ${key}` };
  let specialistId = '';
  if (scenario !== 'import-contacts') await seedContacts(handle, ROWS, now);
  if (scenario === 'export-appointments') {
    specialistId = (await aSpecialist(handle.db, { name: 'Dr. Koval' })).id;
    await seedAppointments(handle, specialistId, now);
  }
  if (engine === 'server') await sql`ANALYZE`.execute(handle.db);
  global.gc?.();
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const watch = memoryWatch();
  const started = performance.now();
  let answer: Awaited<ReturnType<typeof request>>;
  const sent = { bytes: 0 };
  if (scenario === 'import-contacts') {
    answer = await request({ host: '127.0.0.1', port, method: 'POST', path: '/api/admin/contacts/import', headers: { ...headers, 'content-type': 'text/csv' } }, patientsFile(ROWS, sent));
  } else {
    const path = scenario === 'export-contacts' ? '/api/admin/contacts/export.csv' : `/api/admin/bookings/export.csv?specialistId=${specialistId}`;
    answer = await request({ host: '127.0.0.1', port, method: 'GET', path, headers }, null);
  }
  const seconds = (performance.now() - started) / 1000;
  const { rssPeak, heapPeak } = watch.stop();

  let ok = answer.status === 200;
  let note = ok ? '' : `status ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (ok && scenario === 'import-contacts') {
    const counts = JSON.parse(answer.text) as { created: number };
    const stored = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM contacts`.execute(handle.db)).rows[0]!.n);
    ok = counts.created === ROWS && stored === ROWS;
    note = ok ? '' : `created ${counts.created}, stored ${stored}, expected ${ROWS}`;
  } else if (ok) {
    ok = answer.bom && answer.lines === ROWS + 1;
    note = ok ? '' : `BOM ${answer.bom}, ${answer.lines} lines, expected ${ROWS + 1}`;
  }
  await app.close();
  await system.close();
  await handle.close();
  await drop();
  return { engine, scenario, rows: ROWS, bytes: scenario === 'import-contacts' ? sent.bytes : answer.bytes, seconds, setupSeconds, rssBefore, rssPeak, heapBefore, heapPeak, ok, note };
}

function runChild(engine: Engine, scenario: Scenario): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [engine, scenario], { execArgv: ['--import', 'tsx', '--expose-gc'], env: process.env });
    let result: Result | null = null;
    child.on('message', (message) => {
      result = message as Result;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`${engine} ${scenario}: the child exited with ${code} and no result`))));
  });
}

async function main(): Promise<number> {
  console.log(`csv: ${ROWS.toLocaleString('en')} rows; ${machineLine()}`);
  const engines = (process.env.BENCH_ENGINES?.split(',') as Engine[] | undefined) ?? (process.env.BENCH_DATABASE_URL ? ['embedded', 'server'] : ['embedded']);
  const results: Result[] = [];
  for (const engine of engines) {
    for (const scenario of SCENARIOS) {
      const result = await runChild(engine, scenario);
      results.push(result);
      console.log(
        `${engine.padEnd(8)} ${scenario.padEnd(20)} ${result.seconds.toFixed(1).padStart(6)} s  ${Math.round(result.rows / result.seconds)
          .toLocaleString('en')
          .padStart(7)} rows/s  ${(result.bytes / MB).toFixed(1)} MB  RSS ${(result.rssBefore / MB).toFixed(0)} → peak ${(result.rssPeak / MB).toFixed(0)} MB  heap ${(result.heapBefore / MB).toFixed(0)} → peak ${(result.heapPeak / MB).toFixed(0)} MB  (setup ${result.setupSeconds.toFixed(0)} s)${result.ok ? '' : `  WRONG: ${result.note}`}`,
      );
    }
  }
  return results.every((result) => result.ok) ? 0 : 1;
}

const [engineArg, scenarioArg] = process.argv.slice(2) as [Engine | undefined, Scenario | undefined];
if (engineArg && scenarioArg) {
  const result = await runScenario(engineArg, scenarioArg);
  process.send?.(result);
} else {
  process.exitCode = await main();
}
