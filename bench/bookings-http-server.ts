// The server side of bookings-http.bench.ts, in a process of its own so that the load generator
// does not share the app's event loop. Not a benchmark itself: bench/run.ts runs *.bench.ts only.
//
// It opens a migrated database (in-memory PGlite, or a fresh schema on BENCH_DATABASE_URL), adds
// the specialists, lists their free slots with the real rules, starts the system as `serve`
// does (the app, and the worker inside it unless BENCH_WORKER=false) on a loopback port and tells
// the parent over IPC. On request it counts the appointments, and on stop it closes everything
// and drops the schema.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { DatabaseHandle } from '../src/db/engine.js';
import { loadAvailability } from '../src/scheduling/availability.js';
import { freeSlots, localDateOf } from '../src/scheduling/free-slots.js';
import { WEEKDAYS, type WeeklySchedule } from '../src/scheduling/schedule-types.js';
import { createSystem } from '../src/system.js';
import { aSpecialist } from '../src/test/builders.js';
import { startWorker } from '../src/worker.js';
import { openBenchDatabase, type Engine } from './bench-database.js';

export type { Engine };

/** [specialistId, startsAt ISO] */
export type SlotTuple = [string, string];

export type ToParent =
  | { type: 'ready'; port: number; slots: SlotTuple[]; specialists: number; setupMs: number; engine: Engine }
  | { type: 'counted'; appointments: number; contacts: number; events: number; emails: number }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

export type ToChild = { type: 'count' } | { type: 'stop' };

const SPECIALISTS = 40;
const TIMEZONE = 'Europe/Kyiv';

const DAY = [{ start: '08:00', end: '20:00' }];
const EVERY_DAY = Object.fromEntries(WEEKDAYS.map((day) => [day, DAY])) as WeeklySchedule;
// 15 + 5 minutes on a 12-hour day: 36 slots a day, every day of the week, a year ahead.
const RULES = { consultationMinutes: 15, bufferMinutes: 5, minNoticeMinutes: 0, horizonDays: 365 };
const SLOTS_PER_DAY = 36;

function send(message: ToParent): void {
  process.send?.(message);
}

interface Opened {
  handle: DatabaseHandle;
  dropSchema: () => Promise<void>;
}

async function openDatabase(engine: Engine): Promise<Opened> {
  // The pool size `serve` uses (openDatabase → openServerDatabase with the default max of 10).
  const { handle, drop } = await openBenchDatabase(engine);
  return { handle, dropSchema: drop };
}

/**
 * Every specialist's free slots from tomorrow on, enough for `needed` bookings in all, interleaved
 * (specialist 1, 2, ... 40, 1, 2, ...) so that concurrent requests rarely wait for one diary's lock,
 * while each diary still fills up day by day as a real one does.
 */
async function slotsToBook(handle: DatabaseHandle, specialistIds: string[], needed: number, now: Date): Promise<SlotTuple[]> {
  const perSpecialist = Math.ceil(needed / specialistIds.length);
  const tomorrow = localDateOf(new Date(now.getTime() + 86_400_000), TIMEZONE);
  const days = Math.min(RULES.horizonDays - 2, Math.ceil(perSpecialist / SLOTS_PER_DAY) + 1);
  const last = localDateOf(new Date(now.getTime() + days * 86_400_000), TIMEZONE);
  const lists: SlotTuple[][] = [];
  for (const id of specialistIds) {
    const specialist = { id, name: '', specialty: '', bio: '', photoUrl: null, active: true, ...RULES };
    const availability = await loadAvailability(handle.db, { specialist, from: tomorrow, to: last, timezone: TIMEZONE, now });
    const slots = freeSlots({ ...availability, from: tomorrow, to: last }).slice(0, perSpecialist);
    if (slots.length < perSpecialist) throw new Error(`only ${slots.length} free slots for a specialist, wanted ${perSpecialist}`);
    lists.push(slots.map((slot): SlotTuple => [id, slot.startsAt.toISOString()]));
  }
  const interleaved: SlotTuple[] = [];
  for (let i = 0; i < perSpecialist; i++) for (const list of lists) interleaved.push(list[i]!);
  return interleaved;
}

async function main(): Promise<void> {
  const started = Date.now();
  const engine = (process.env.BENCH_ENGINE ?? 'embedded') as Engine;
  const needed = Number(process.env.BENCH_SLOTS ?? 40_000);
  const { handle, dropSchema } = await openDatabase(engine);
  try {
    await serve(engine, handle, dropSchema, needed, started);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await dropSchema().catch(() => undefined);
    throw err;
  }
}

async function serve(engine: Engine, handle: DatabaseHandle, dropSchema: () => Promise<void>, needed: number, started: number): Promise<void> {
  const config = loadConfig({
    CLINIC_TIMEZONE: TIMEZONE,
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://127.0.0.1',
    // All clients come from 127.0.0.1; the limiter would otherwise answer 429 after 20 a minute.
    BOOKING_RATE_LIMIT: '100000',
    MAIL_FROM: 'Clinic <no-reply@clinic.example>',
  });
  const now = (): Date => new Date();

  const specialistIds: string[] = [];
  for (let i = 0; i < SPECIALISTS; i++) {
    const specialist = await aSpecialist(handle.db, { name: `Dr. Bench ${i + 1}`, ...RULES, weekly: EVERY_DAY });
    specialistIds.push(specialist.id);
  }
  const slots = await slotsToBook(handle, specialistIds, needed, now());

  // As `serve` builds it, with no SMTP_URL: e-mails are rendered into the outbox in the booking's
  // transaction and the worker files them in the staff mailbox.
  const onError = (err: unknown): void => console.error('bench server: background error', err);
  const system = await createSystem({ handle, config, now, transport: null, onError });
  // No request log: pino writing a line per request to a pipe would be measured too, and would
  // bury the figures. `serve` logs at info; see bench/README.md.
  const app = await buildApp(system.deps);
  const stopWorker = process.env.BENCH_WORKER === 'false' ? async () => undefined : await startWorker(system, { sweepEveryMs: 30_000, onError });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await stopWorker();
    await system.close();
    await handle.close();
    await dropSchema();
    send({ type: 'stopped' });
    process.disconnect?.();
  };

  process.on('message', (message: ToChild) => {
    if (message.type === 'count') {
      void (async () => {
        const count = async (table: 'appointments' | 'contacts' | 'timeline_events' | 'outbound_messages'): Promise<number> => {
          const row = await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow();
          return Number(row.n);
        };
        send({
          type: 'counted',
          appointments: await count('appointments'),
          contacts: await count('contacts'),
          events: await count('timeline_events'),
          emails: await count('outbound_messages'),
        });
      })();
    } else if (message.type === 'stop') {
      void stop();
    }
  });
  // The parent went away without saying stop: still drop the schema.
  process.on('disconnect', () => void stop());

  send({ type: 'ready', port, slots, specialists: SPECIALISTS, setupMs: Date.now() - started, engine });
}

main().catch((err: unknown) => {
  // Exit once the parent has the message: a half-started system (the job queue's timers) would
  // otherwise keep this process alive.
  const message: ToParent = { type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  if (process.send) process.send(message, () => process.exit(1));
  else {
    console.error(message.message);
    process.exit(1);
  }
});
