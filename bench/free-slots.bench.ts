// The pure free-slot computation: one specialist, 30 days, 500 existing appointments.
// What a visitor's "show me the month" costs in-process, without the database.
//
//   node --import tsx bench/free-slots.bench.ts          (BENCH_ITERATIONS=2000 by default)
import { performance } from 'node:perf_hooks';
import { freeSlots, wallClockToInstant, type FreeSlotsInput } from '../src/scheduling/free-slots.js';
import { WEEKDAYS, type BusyTime, type WeeklySchedule } from '../src/scheduling/schedule-types.js';
import { machineLine, ms, summarise } from './stats.js';

const TIMEZONE = 'Europe/Kyiv';
// 30 local days that cross the spring-forward night (2026-03-29 in Kyiv), starting on a Monday.
const FROM = '2026-03-16';
const TO = '2026-04-14';
const NOW = wallClockToInstant(FROM, '07:00', TIMEZONE);
const APPOINTMENTS = 500;
const WARM_UP = 200;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const TARGET_P95_MS = 30;

/** A deterministic PRNG (mulberry32), so every run measures the same diary. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function localDates(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

const clock = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * 500 busy times spread over the working days: mostly consultations on the clinic's grid, plus
 * staff bookings of other lengths at any 5-minute mark, some straddling the lunch break, the
 * start or the end of the day, some overlapping each other, all handed over in no order.
 */
function busyTimes(workingDates: string[], next: () => number): BusyTime[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const busy: BusyTime[] = [];
  for (let i = 0; i < APPOINTMENTS; i++) {
    const date = pick(workingDates);
    const kind = next();
    let startMinute: number;
    let minutes: number;
    if (kind < 0.7) {
      // A visitor's booking on the grid of the morning or afternoon interval.
      const morning = next() < 0.45;
      startMinute = (morning ? 8 * 60 : 14 * 60) + 25 * Math.floor(next() * (morning ? 12 : 14));
      minutes = 20;
    } else if (kind < 0.9) {
      // A staff booking: any length, any 5-minute mark inside the day.
      startMinute = 8 * 60 + 5 * Math.floor(next() * 144);
      minutes = pick([15, 30, 45, 60, 90]);
    } else {
      // Straddling: across the break, into the evening, from before opening.
      startMinute = pick([12 * 60 + 40, 12 * 60 + 50, 19 * 60 + 45, 7 * 60 + 30, 7 * 60 + 50]);
      minutes = pick([30, 45, 60]);
    }
    const startsAt = wallClockToInstant(date, clock(startMinute), TIMEZONE);
    busy.push({ startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) });
  }
  // The repository returns them ordered, but the rules promise "any order": make them work for it.
  for (let i = busy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [busy[i], busy[j]] = [busy[j]!, busy[i]!];
  }
  return busy;
}

function scenario(): FreeSlotsInput {
  const workday = [
    { start: '08:00', end: '13:00' },
    { start: '14:00', end: '20:00' },
  ];
  const schedule = Object.fromEntries(
    WEEKDAYS.map((day) => [day, day === 'saturday' || day === 'sunday' ? [] : workday]),
  ) as WeeklySchedule;
  const overrides = [
    { date: '2026-03-20', intervals: [] }, // a day off
    { date: '2026-04-06', until: '2026-04-07', intervals: [{ start: '10:00', end: '16:00' }] }, // short days
  ];
  const workingDates = localDates(FROM, TO).filter((date) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && date !== '2026-03-20';
  });
  return {
    schedule,
    overrides,
    rules: { consultationMinutes: 20, bufferMinutes: 5, minNoticeMinutes: 120, horizonDays: 60 },
    busy: busyTimes(workingDates, random(20260316)),
    timezone: TIMEZONE,
    now: NOW,
    from: FROM,
    to: TO,
  };
}

/** A cheap cross-check that the benchmark measures the real thing: no offered slot touches a busy time. */
function assertNoConflicts(input: FreeSlotsInput, slots: ReturnType<typeof freeSlots>): void {
  const bufferMs = input.rules.bufferMinutes * 60_000;
  for (const slot of slots) {
    const from = slot.startsAt.getTime() - bufferMs;
    const to = slot.endsAt.getTime() + bufferMs;
    const clash = input.busy.find((b) => b.startsAt.getTime() < to && from < b.endsAt.getTime());
    if (clash) throw new Error(`Offered ${slot.startsAt.toISOString()} although ${clash.startsAt.toISOString()} is busy`);
  }
}

function main(): void {
  const input = scenario();
  const slots = freeSlots(input);
  assertNoConflicts(input, slots);

  let sink = 0;
  for (let i = 0; i < WARM_UP; i++) sink += freeSlots(input).length;
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    sink += freeSlots(input).length;
    samples.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // Below ~0.95 the process waited for a core: other work on the machine is in these figures.
  const coreShare = (cpu.user + cpu.system) / 1000 / elapsed;
  if (sink !== (WARM_UP + ITERATIONS) * slots.length) throw new Error('free slots changed between runs');

  const s = summarise(samples);
  console.log('free-slots: one specialist, 30 days, in-process');
  console.log(`  ${machineLine()}`);
  console.log(
    `  ${FROM}..${TO} ${TIMEZONE} (crosses DST), weekdays 08:00–13:00 + 14:00–20:00, 20 min + 5 min buffer, ` +
      `${input.busy.length} busy times, ${slots.length} free slots offered`,
  );
  console.log(`  ${ITERATIONS} iterations after ${WARM_UP} warm-up; the process had ${coreShare.toFixed(2)} of a core while measuring`);
  console.log(`  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  mean ${ms(s.mean)}`);
  console.log(`  ${Math.round((ITERATIONS / elapsed) * 1000).toLocaleString('en')} ops/s`);
  console.log(`  target p95 ≤ ${TARGET_P95_MS} ms: ${s.p95 <= TARGET_P95_MS ? 'met' : 'MISSED'}`);
}

main();
