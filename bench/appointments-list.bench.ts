// The console's appointments list at 100,000 appointments: GET /api/admin/bookings for the first
// page, a page deep in keyset paging, and each filter (status, specialist + dates, text), timed
// at the SQL (searchAppointments, what the route calls) and through the whole route with a staff
// session (app.inject: session, validation, SQL, audit entry, JSON; no socket).
//
//   node --import tsx bench/appointments-list.bench.ts                 embedded engine (in-memory PGlite)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//   node --import tsx bench/appointments-list.bench.ts                 ... and a PostgreSQL server
//
// Knobs (see bench/README.md): BENCH_LIST_ITERATIONS (default 200), BENCH_LIST_SECONDS (default 15 per
// question and layer), BENCH_ENGINES (embedded,server),
// BENCH_EXPLAIN=1 (print each query's plan, EXPLAIN ANALYZE), BENCH_ANALYZE=false (no planner statistics),
// BENCH_MIGRATIONS_UNTIL=<version> (migrate only up to it, e.g. to measure before an index).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { App } from '../src/app-deps.js';
import { ensureAdministrator } from '../src/accounts/staff-service.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { DatabaseHandle, Db } from '../src/db/engine.js';
import { migrate } from '../src/db/migrate.js';
import { decodeCursor } from '../src/http/cursor.js';
import { listBound } from '../src/http/instant.js';
import { searchAppointments, type AppointmentFilter } from '../src/scheduling/appointment-repository.js';
import { createSystem, type System } from '../src/system.js';
import { openBenchDatabase, type Engine } from './bench-database.js';
import { machineLine, ms, summarise, type LatencySummary } from './stats.js';


const TIMEZONE = 'Europe/Kyiv';
const APPOINTMENTS = 100_000;
const SPECIALISTS = 20;
const CONTACTS = 20_000;
// Each specialist's diary: 14 consultations a day, 35 minutes apart from 08:00, every day from
// FIRST_DAY for 358 days. One grid place per appointment, so none overlaps another, whatever its status.
const FIRST_DAY = '2026-01-05';
const PER_DAY = 14;
const DAYS = Math.ceil(APPOINTMENTS / SPECIALISTS / PER_DAY);
// Before this day the diary is history (completed, no-show, cancelled, expired); from it, to come.
const TODAY_INDEX = 180;
const PAGE = 50; // what the console asks for
const DEEP_PAGE = 200;
const WARM_UP = 20;
const ITERATIONS = Number(process.env.BENCH_LIST_ITERATIONS ?? 200);
// A question that takes seconds is timed fewer times (never under 10): the run stays minutes long.
const BUDGET_MS = Number(process.env.BENCH_LIST_SECONDS ?? 15) * 1000;
const LABELS: Record<Engine, string> = { embedded: 'embedded (in-memory PGlite)', server: 'PostgreSQL server' };
const ADMIN = { email: 'bench@clinic.example', password: 'a bench password, long enough' };

const FIRST_NAMES = ['Olena', 'Andrii', 'Iryna', 'Mariia', 'Oleh', 'Nadiia', 'Taras', 'Sofiia', 'Dmytro', 'Kateryna', 'Yurii', 'Oksana', 'Bohdan', 'Larysa', 'Petro', 'Halyna', 'Serhii', 'Tetiana', 'Vasyl', 'Liudmyla', 'Roman', 'Viktoriia', 'Ihor', 'Natalia', 'Maksym', 'Yuliia', 'Pavlo', 'Svitlana', 'Artem', 'Daryna'];
const SURNAMES = ['Koval', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Oliinyk', 'Melnyk', 'Moroz', 'Lysenko', 'Rudenko', 'Savchenko', 'Petrenko', 'Marchenko', 'Klymenko', 'Pavlenko', 'Polishchuk', 'Levchenko', 'Kovalchuk', 'Boiko', 'Tkachuk', 'Honcharenko', 'Zinchenko', 'Karpenko', 'Sydorenko', 'Hrytsenko', 'Ivanenko', 'Fedorenko', 'Vasylenko', 'Romanenko', 'Yakovenko', 'Kuzmenko', 'Dmytrenko', 'Kostenko', 'Nazarenko', 'Panchenko', 'Prokopenko', 'Symonenko', 'Tymoshenko', 'Yurchenko', 'Zhuk'];

const textArray = (values: string[]): RawBuilder<unknown> => sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(',')}]`);

/**
 * 20 specialists, 20,000 contacts and 100,000 appointments in three INSERT … SELECTs. Contact g is
 * "<first> <surname>" (30 × 40 names, each pair shared by ~17 contacts), client<g>@mail.example;
 * appointment g goes to specialist g mod 20 and contact (g × 7919) mod 20,000 (5 each), and its
 * status comes from a hash of g: past ones mostly completed, future ones mostly booked.
 */
async function seed(db: Db): Promise<{ contactsSeconds: number; appointmentsSeconds: number }> {
  await sql`INSERT INTO specialists (name, specialty, consultation_minutes, buffer_minutes)
    SELECT 'Dr. Bench ' || lpad(n::text, 2, '0'), 'Therapist', 30, 5 FROM generate_series(1, ${sql.lit(SPECIALISTS)}) n`.execute(db);
  let started = performance.now();
  await sql`INSERT INTO contacts (email, name, phone, locale, lifecycle, created_at, updated_at)
    SELECT 'client' || g || '@mail.example',
           (${textArray(FIRST_NAMES)})[1 + g % ${sql.lit(FIRST_NAMES.length)}] || ' ' || (${textArray(SURNAMES)})[1 + (g / ${sql.lit(FIRST_NAMES.length)}) % ${sql.lit(SURNAMES.length)}],
           '+380 67 ' || lpad(((g::bigint * 104729) % 10000000)::text, 7, '0'),
           CASE WHEN g % 10 = 0 THEN 'en' ELSE 'uk' END, 'client', now(), now()
    FROM generate_series(0, ${sql.lit(CONTACTS - 1)}) g`.execute(db);
  const contactsSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await sql`WITH sp AS (SELECT id, (row_number() OVER (ORDER BY name))::int - 1 AS n FROM specialists),
         co AS (SELECT id, substring(email FROM '^client(\\d+)@')::int AS n FROM contacts),
         g AS (
           SELECT g, g % ${sql.lit(SPECIALISTS)} AS s, (g / ${sql.lit(SPECIALISTS)}) / ${sql.lit(PER_DAY)} AS day,
                  (g / ${sql.lit(SPECIALISTS)}) % ${sql.lit(PER_DAY)} AS slot, abs(hashint4(g)::bigint) % 100 AS roll
           FROM generate_series(0, ${sql.lit(APPOINTMENTS - 1)}) g
         ),
         t AS (
           SELECT g.*, ((date ${sql.lit(FIRST_DAY)} + g.day) + time '08:00' + g.slot * interval '35 minutes') AT TIME ZONE ${sql.lit(TIMEZONE)} AS starts_at,
                  CASE WHEN g.day < ${sql.lit(TODAY_INDEX)} THEN
                         CASE WHEN roll < 70 THEN 'completed' WHEN roll < 78 THEN 'no_show' WHEN roll < 93 THEN 'cancelled' ELSE 'expired' END
                       ELSE
                         CASE WHEN roll < 50 THEN 'booked' WHEN roll < 70 THEN 'confirmed' WHEN roll < 75 THEN 'unconfirmed' ELSE 'cancelled' END
                  END AS status
           FROM g
         )
    INSERT INTO appointments (specialist_id, contact_id, starts_at, ends_at, status, source, locale, hold_expires_at, time_set_at, created_at, updated_at)
    SELECT sp.id, co.id, t.starts_at, t.starts_at + interval '30 minutes', t.status,
           CASE WHEN t.roll % 3 = 0 THEN 'staff' ELSE 'site' END, 'uk',
           CASE WHEN t.status = 'unconfirmed' THEN t.starts_at - interval '1 day' END,
           t.starts_at - interval '7 days', t.starts_at - interval '7 days', t.starts_at - interval '7 days'
    FROM t JOIN sp ON sp.n = t.s JOIN co ON co.n = (t.g::bigint * 7919) % ${sql.lit(CONTACTS)}`.execute(db);
  return { contactsSeconds, appointmentsSeconds: (performance.now() - started) / 1000 };
}

interface Opened {
  handle: DatabaseHandle;
  /** The last migration applied. */
  migration: string;
  dropSchema: () => Promise<void>;
}

/**
 * The app's migrations, or with BENCH_MIGRATIONS_UNTIL=0008_records_in only those up to that one
 * (to measure what a later migration changes), copied into a directory of their own.
 */
async function migrateForBench(handle: DatabaseHandle): Promise<string> {
  const until = process.env.BENCH_MIGRATIONS_UNTIL;
  if (!until) return (await migrate(handle)).at(-1) ?? '';
  const all = fileURLToPath(new URL('../migrations/', import.meta.url));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-migrations-'));
  try {
    for (const file of fs.readdirSync(all)) if (file.endsWith('.sql') && file.replace(/\.sql$/, '') <= until) fs.copyFileSync(path.join(all, file), path.join(dir, file));
    return (await migrate(handle, dir)).at(-1) ?? '';
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** In-memory PGlite, or a fresh schema on BENCH_DATABASE_URL, migrated as far as asked. */
async function openDatabase(engine: Engine): Promise<Opened> {
  const { handle, migration, drop } = await openBenchDatabase(engine, { migrate: migrateForBench });
  return { handle, migration, dropSchema: drop };
}

/** One question the console asks: the route's query string, the same filter for the repository, and the rule in plain SQL. */
interface ListQuery {
  name: string;
  params: Record<string, string>;
  filter: AppointmentFilter;
  /** Which appointments belong in the answer, written independently of the repository (a = appointments, c = contacts). */
  where: RawBuilder<unknown>;
  /** Rows before the page (page 200: 199 × 50); the cursor comes from walking the route's pages. */
  offset: number;
  cursor?: string;
}

async function listQueries(db: Db): Promise<ListQuery[]> {
  const specialist = await sql<{ id: string }>`SELECT id FROM specialists ORDER BY name OFFSET 3 LIMIT 1`.execute(db);
  const specialistId = specialist.rows[0]!.id;
  const [from, to] = ['2026-06-01', '2026-06-30'];
  const fromAt = listBound(from, 'from', TIMEZONE)!;
  const toAt = listBound(to, 'to', TIMEZONE)!;
  const text = (q: string): ListQuery['where'] => {
    const digits = q.replace(/\D/g, '');
    return sql`(strpos(lower(c.name), ${q.toLowerCase()}) > 0 OR strpos(lower(c.email), ${q.toLowerCase()}) > 0
      OR (${digits.length >= 3} AND strpos(regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g'), ${digits}) > 0))`;
  };
  return [
    { name: 'first page, no filter', params: {}, filter: {}, where: sql`true`, offset: 0 },
    { name: `page ${DEEP_PAGE} (keyset cursor)`, params: {}, filter: {}, where: sql`true`, offset: (DEEP_PAGE - 1) * PAGE },
    { name: 'status no_show', params: { status: 'no_show' }, filter: { statuses: ['no_show'] }, where: sql`a.status = 'no_show'`, offset: 0 },
    // Holds waiting for the client's e-mail are all ahead: a walk in date order skips the whole history first.
    { name: 'status unconfirmed', params: { status: 'unconfirmed' }, filter: { statuses: ['unconfirmed'] }, where: sql`a.status = 'unconfirmed'`, offset: 0 },
    {
      name: 'status unconfirmed,confirmed',
      params: { status: 'unconfirmed,confirmed' },
      filter: { statuses: ['unconfirmed', 'confirmed'] },
      where: sql`a.status IN ('unconfirmed', 'confirmed')`,
      offset: 0,
    },
    {
      name: 'specialist + June',
      params: { specialistId, from, to },
      filter: { specialistId, from: fromAt, to: toAt },
      where: sql`a.specialist_id = ${specialistId} AND a.starts_at >= ${fromAt} AND a.starts_at < ${toAt}`,
      offset: 0,
    },
    { name: 'text: a surname', params: { q: 'Kravchenko' }, filter: { q: 'Kravchenko' }, where: text('Kravchenko'), offset: 0 },
    { name: 'text: a full name', params: { q: 'Oksana Moroz' }, filter: { q: 'Oksana Moroz' }, where: text('Oksana Moroz'), offset: 0 },
    { name: 'text: an e-mail', params: { q: 'client4242@mail.example' }, filter: { q: 'client4242@mail.example' }, where: text('client4242@mail.example'), offset: 0 },
    { name: 'text: phone digits', params: { q: '0501' }, filter: { q: '0501' }, where: text('0501'), offset: 0 },
  ];
}

interface Measured {
  name: string;
  matching: number;
  sql: LatencySummary;
  route: LatencySummary;
  problems: string[];
}

async function time(fn: () => Promise<unknown>): Promise<LatencySummary> {
  const began = performance.now();
  for (let i = 0; i < WARM_UP && performance.now() - began < BUDGET_MS / 4; i++) await fn();
  const samples: number[] = [];
  const measuring = performance.now();
  while (samples.length < ITERATIONS && (samples.length < 10 || performance.now() - measuring < BUDGET_MS)) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

/** Checks one answer against the plain-SQL reference: the page, its order, the filter, the cursor. */
async function check(db: Db, query: ListQuery, sqlIds: string[], routeBody: { items: Array<{ id: string }>; nextCursor: string | null }): Promise<{ matching: number; problems: string[] }> {
  const problems: string[] = [];
  const count = await sql<{ n: string }>`SELECT count(*) AS n FROM appointments a JOIN contacts c ON c.id = a.contact_id WHERE ${query.where}`.execute(db);
  const matching = Number(count.rows[0]!.n);
  const expected = await sql<{ id: string; starts_at: Date }>`SELECT a.id, a.starts_at FROM appointments a JOIN contacts c ON c.id = a.contact_id
    WHERE ${query.where} ORDER BY a.starts_at, a.id OFFSET ${query.offset} LIMIT ${PAGE}`.execute(db);
  const expectedIds = expected.rows.map((row) => row.id);
  const size = Math.max(0, Math.min(PAGE, matching - query.offset));
  if (matching === 0) problems.push('nothing matches: the question tests nothing');
  if (sqlIds.length !== size) problems.push(`the repository returned ${sqlIds.length} rows, expected ${size}`);
  if (sqlIds.join() !== expectedIds.join()) problems.push('the repository’s page differs from the reference (order or rows)');
  const routeIds = routeBody.items.map((item) => item.id);
  if (routeIds.join() !== expectedIds.join()) problems.push('the route’s page differs from the reference (order or rows)');
  const more = matching > query.offset + PAGE;
  if ((routeBody.nextCursor !== null) !== more) problems.push(`nextCursor is ${routeBody.nextCursor === null ? 'missing' : 'given'} with ${matching - query.offset - size} rows left`);
  return { matching, problems };
}

async function explain(db: Db, query: ListQuery): Promise<string> {
  // The repository's own statement, caught on its way to the database and run again under EXPLAIN.
  let caught: CompiledQuery | null = null;
  const catching = db.withPlugin({
    transformQuery: (args) => {
      caught = db.getExecutor().compileQuery(args.node, args.queryId);
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  await searchAppointments(catching, query.filter, { after: decodeCursor(query.cursor), limit: PAGE + 1 });
  const statement = caught as CompiledQuery | null;
  if (!statement) return '(no statement caught)';
  const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [...statement.parameters]));
  return plan.rows.map((row) => `      ${row['QUERY PLAN']}`).join('\n');
}

async function staffCookie(app: App): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
  const cookie = response.cookies.find((c) => c.name === 'cf_session');
  if (!cookie) throw new Error(`staff sign-in failed: ${response.statusCode} ${response.body}`);
  return `cf_session=${cookie.value}`;
}

async function runEngine(engine: Engine): Promise<Measured[]> {
  const { handle, migration, dropSchema } = await openDatabase(engine);
  let system: System | null = null;
  let app: App | null = null;
  try {
    const db = handle.db;
    const seeded = await seed(db);
    let started = performance.now();
    // A server's autovacuum would have analysed tables this size by now. PGlite runs no autovacuum,
    // so an embedded database has no planner statistics unless something runs ANALYZE: measure
    // that too with BENCH_ANALYZE=false.
    const analyse = process.env.BENCH_ANALYZE !== 'false';
    if (analyse) await sql`ANALYZE`.execute(db);
    console.log(
      `\n[${LABELS[engine]}] migrated up to ${migration}; seeded ${CONTACTS.toLocaleString('en')} contacts in ${seeded.contactsSeconds.toFixed(1)} s and ${APPOINTMENTS.toLocaleString('en')} appointments ` +
        `(${SPECIALISTS} specialists, ${DAYS} days from ${FIRST_DAY}) in ${seeded.appointmentsSeconds.toFixed(1)} s; ` +
        (analyse ? `ANALYZE ${((performance.now() - started) / 1000).toFixed(1)} s` : 'no ANALYZE (BENCH_ANALYZE=false): no planner statistics, as on the embedded engine, which runs no autovacuum'),
    );

    const config = loadConfig({ CLINIC_TIMEZONE: TIMEZONE, PUBLIC_URL: 'http://127.0.0.1', MAIL_FROM: 'Clinic <no-reply@clinic.example>' });
    system = await createSystem({ handle, config, transport: null, onError: (err) => console.error('bench: background error', err) });
    app = await buildApp(system.deps);
    await ensureAdministrator(db, ADMIN);
    const cookie = await staffCookie(app);
    const get = async (params: Record<string, string>): Promise<{ items: Array<{ id: string }>; nextCursor: string | null }> => {
      const response = await app!.inject({ url: `/api/admin/bookings?${new URLSearchParams({ ...params, limit: String(PAGE) }).toString()}`, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`GET /api/admin/bookings answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      return response.json();
    };

    const queries = await listQueries(db);
    const results: Measured[] = [];
    for (const query of queries) {
      if (query.offset > 0) {
        // Walk the pages as the console's "more" button does, to get the cursor of the deep page.
        started = performance.now();
        let cursor: string | null = null;
        for (let page = 1; page < DEEP_PAGE; page++) {
          const after: Record<string, string> = cursor ? { cursor } : {};
          cursor = (await get({ ...query.params, ...after })).nextCursor;
        }
        if (!cursor) throw new Error(`no cursor after ${DEEP_PAGE - 1} pages`);
        query.cursor = cursor;
        console.log(`  walked ${DEEP_PAGE - 1} pages through the route in ${((performance.now() - started) / 1000).toFixed(2)} s to get page ${DEEP_PAGE}'s cursor`);
      }
      const params = { ...query.params, ...(query.cursor ? { cursor: query.cursor } : {}) };
      const page = { after: decodeCursor(query.cursor), limit: PAGE + 1 };
      const sqlRows = await searchAppointments(db, query.filter, page);
      const { matching, problems } = await check(db, query, sqlRows.slice(0, PAGE).map((row) => row.id), await get(params));
      const sqlTimes = await time(() => searchAppointments(db, query.filter, page));
      const routeTimes = await time(() => get(params));
      results.push({ name: query.name, matching, sql: sqlTimes, route: routeTimes, problems });
      const calls = sqlTimes.count < ITERATIONS || routeTimes.count < ITERATIONS ? ` (timed ${sqlTimes.count} and ${routeTimes.count} times)` : '';
      console.log(
        `  ${query.name.padEnd(30)} ${matching.toLocaleString('en').padStart(7)} match   SQL p50 ${ms(sqlTimes.p50)} p95 ${ms(sqlTimes.p95)}   route p50 ${ms(routeTimes.p50)} p95 ${ms(routeTimes.p95)}   ${problems.length === 0 ? 'right' : `WRONG: ${problems.join('; ')}`}${calls}`,
      );
      if (process.env.BENCH_EXPLAIN) console.log(await explain(db, query));
    }
    return results;
  } finally {
    await app?.close();
    await system?.close();
    await handle.close();
    await dropSchema();
  }
}

async function main(): Promise<number> {
  const requested = process.env.BENCH_ENGINES?.split(',').map((e) => e.trim()) as Engine[] | undefined;
  const engines: Engine[] = requested ?? ['embedded', ...(process.env.BENCH_DATABASE_URL ? (['server'] as const) : [])];
  console.log(
    `appointments-list: GET /api/admin/bookings (${PAGE} a page) at ${APPOINTMENTS.toLocaleString('en')} appointments, ${ITERATIONS} timed calls per question ` +
      `after ${WARM_UP} warm-up ones (or as many as fit in ${BUDGET_MS / 1000} s, at least 10)`,
  );
  console.log(`  ${machineLine()}`);
  if (!process.env.BENCH_DATABASE_URL) console.log('  (set BENCH_DATABASE_URL to measure a PostgreSQL server too)');
  let wrong = 0;
  const tables: string[] = [];
  for (const engine of engines) {
    const results = await runEngine(engine);
    wrong += results.filter((r) => r.problems.length > 0).length;
    tables.push(
      `\n${LABELS[engine]}\n| question | matching | SQL p50 | SQL p95 | route p50 | route p95 | timed | answer |\n|---|---:|---:|---:|---:|---:|---:|---|\n` +
        results
          .map(
            (r) =>
              `| ${r.name} | ${r.matching.toLocaleString('en')} | ${ms(r.sql.p50)} | ${ms(r.sql.p95)} | ${ms(r.route.p50)} | ${ms(r.route.p95)} | ${r.sql.count}/${r.route.count} | ${r.problems.length === 0 ? 'right' : 'WRONG'} |`,
          )
          .join('\n'),
    );
  }
  console.log(tables.join('\n'));
  // Slow is a figure to read; a wrong page is a failure.
  return wrong === 0 ? 0 : 1;
}

process.exitCode = await main();
