// Free-slot rules: which times a visitor may book with a specialist. Pure: no clock, no I/O.
//
// Decisions worth knowing before changing anything here:
// - A working interval is read as the instants whose local wall-clock time lies in [start, end).
//   So on the spring-forward day a time inside the missing hour (03:xx in Kyiv) means the moment
//   the clocks jump, and on the fall-back day an interval spanning the repeated hour (03:xx twice)
//   really is one hour longer. A start or end that falls *inside* the repeated hour uses its first
//   occurrence; start and end are read the same way, so back-to-back intervals stay back to back.
// - Candidate slots step through *elapsed* time from the interval's start. A 30-minute visit lasts
//   30 real minutes even at 03:00 on a DST night, so slots never overlap and never repeat.
// - A slot belongs to the local date whose hours produced it (its start's local date).
// - Horizon: a slot is bookable when its local date is no later than today's local date (in the
//   clinic's zone) plus `horizonDays`. Whole days, so the last day does not appear hour by hour.
// - Conflict: the slot widened by `bufferMinutes` on both sides overlaps a busy time, with
//   half-open intervals (touching is fine).
import { IANAZone } from 'luxon';
import {
  WEEKDAYS,
  type BusyTime,
  type DateOverride,
  type FreeSlot,
  type SlotRules,
  type WeeklySchedule,
  type WorkingInterval,
} from './schedule-types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Everything the rules need to know about one specialist at the moment `now`. */
export interface SpecialistAvailability {
  schedule: WeeklySchedule;
  overrides: DateOverride[];
  rules: SlotRules;
  /** Active appointments of the specialist, in any order. */
  busy: BusyTime[];
  /** The clinic's IANA time zone, e.g. "Europe/Kyiv". */
  timezone: string;
  now: Date;
}

export interface FreeSlotsInput extends SpecialistAvailability {
  /** First local date (YYYY-MM-DD), inclusive. */
  from: string;
  /** Last local date (YYYY-MM-DD), inclusive. */
  to: string;
}

export interface NextFreeSlotsInput extends SpecialistAvailability {
  count: number;
}

export interface RequestedSlotInput extends SpecialistAvailability {
  startsAt: Date;
}

/** Why a visitor may not book the time they asked for, most fundamental reason first. */
export type RequestedSlotRefusal =
  | 'in_past'
  | 'too_soon'
  | 'beyond_horizon'
  | 'outside_working_hours'
  | 'off_grid'
  | 'taken';

export type RequestedSlotCheck = { ok: true; slot: FreeSlot } | { ok: false; reason: RequestedSlotRefusal };

/** All free slots whose local date is in [from, to], in time order. */
export function freeSlots(input: FreeSlotsInput): FreeSlot[] {
  const ctx = prepare(input);
  const first = Math.max(parseLocalDate(input.from, 'from'), ctx.today);
  const last = Math.min(parseLocalDate(input.to, 'to'), ctx.lastBookableDay);
  const slots: FreeSlot[] = [];
  for (let day = first; day <= last; day += DAY_MS) slots.push(...freeSlotsOnDay(ctx, day));
  return slots;
}

/** The earliest `count` free slots from `now` on, up to the horizon (e.g. the no-show follow-up offer). */
export function nextFreeSlots(input: NextFreeSlotsInput): FreeSlot[] {
  const ctx = prepare(input);
  const slots: FreeSlot[] = [];
  for (let day = ctx.today; day <= ctx.lastBookableDay && slots.length < input.count; day += DAY_MS) {
    slots.push(...freeSlotsOnDay(ctx, day));
  }
  return slots.slice(0, Math.max(0, input.count));
}

/**
 * Decides whether a visitor may book exactly `startsAt`. Agrees with `freeSlots`: ok exactly when
 * `startsAt` is the start of a free slot. 'outside_working_hours' means a consultation starting then
 * would not lie inside that day's working hours; 'off_grid' means it would, but the clinic does not
 * start consultations at that minute (including the buffer gaps between candidate slots).
 */
export function checkRequestedSlot(input: RequestedSlotInput): RequestedSlotCheck {
  const ctx = prepare(input);
  const start = input.startsAt.getTime();
  const end = start + ctx.consultationMs;
  if (start < ctx.now) return refuse('in_past');
  if (start < ctx.earliestStart) return refuse('too_soon');
  const day = localDay(start, ctx.zone);
  if (day > ctx.lastBookableDay) return refuse('beyond_horizon');

  const spans = workingSpansOn(ctx, day);
  const fitting = spans.filter(([spanStart, spanEnd]) => spanStart <= start && end <= spanEnd);
  if (fitting.length === 0) return refuse('outside_working_hours');
  if (!fitting.some(([spanStart]) => (start - spanStart) % ctx.stepMs === 0)) return refuse('off_grid');
  if (isTaken(ctx, start)) return refuse('taken');
  return { ok: true, slot: { startsAt: new Date(start), endsAt: new Date(end) } };
}

/** The local calendar date (YYYY-MM-DD) of an instant in the clinic's time zone. */
export function localDateOf(instant: Date, timezone: string): string {
  return formatLocalDate(localDay(instant.getTime(), zoneOf(timezone)));
}

/** The last local date visitors may book when asked at `now`. */
export function lastBookableDate(now: Date, timezone: string, horizonDays: number): string {
  return formatLocalDate(localDay(now.getTime(), zoneOf(timezone)) + horizonDays * DAY_MS);
}

/** A day's working hours: the last override covering `date` wins, else the weekly schedule. */
export function workingIntervalsOn(
  date: string,
  schedule: WeeklySchedule,
  overrides: DateOverride[],
): WorkingInterval[] {
  const day = parseLocalDate(date, 'date');
  const override = lastCovering(overrides.map(parseOverride), day);
  return override ? override.intervals : schedule[weekdayOf(day)];
}

/**
 * The instant a local wall-clock time "HH:MM" on `date` happens in `timezone`. A time inside the
 * spring-forward gap is the moment the clocks jump; a repeated time on the fall-back day is its
 * first occurrence.
 */
export function wallClockToInstant(date: string, time: string, timezone: string): Date {
  return new Date(wallClockToMs(parseLocalDate(date, 'date'), parseClock(time), zoneOf(timezone)));
}

// ---------------------------------------------------------------------------------------------
// Internals. Local dates are carried as the UTC-midnight epoch ms of that calendar date ("day"),
// which keeps date arithmetic free of the machine's own time zone.

interface ParsedOverride {
  firstDay: number;
  lastDay: number;
  intervals: WorkingInterval[];
}

interface Context {
  zone: IANAZone;
  schedule: WeeklySchedule;
  overrides: ParsedOverride[];
  consultationMs: number;
  bufferMs: number;
  stepMs: number;
  now: number;
  earliestStart: number;
  today: number;
  lastBookableDay: number;
  busy: BusyIndex;
}

/** Busy times merged into disjoint spans sorted by time, so a conflict check is a binary search. */
interface BusyIndex {
  starts: number[];
  ends: number[];
}

function prepare(input: SpecialistAvailability): Context {
  const { rules } = input;
  assertRule(rules.consultationMinutes > 0, 'consultationMinutes must be positive', rules.consultationMinutes);
  assertRule(rules.bufferMinutes >= 0, 'bufferMinutes must not be negative', rules.bufferMinutes);
  assertRule(rules.minNoticeMinutes >= 0, 'minNoticeMinutes must not be negative', rules.minNoticeMinutes);
  assertRule(
    Number.isInteger(rules.horizonDays) && rules.horizonDays >= 0,
    'horizonDays must be a whole number of days, 0 or more',
    rules.horizonDays,
  );
  const zone = zoneOf(input.timezone);
  const now = input.now.getTime();
  const today = localDay(now, zone);
  return {
    zone,
    schedule: input.schedule,
    overrides: input.overrides.map(parseOverride),
    consultationMs: rules.consultationMinutes * MINUTE_MS,
    bufferMs: rules.bufferMinutes * MINUTE_MS,
    stepMs: (rules.consultationMinutes + rules.bufferMinutes) * MINUTE_MS,
    now,
    earliestStart: now + rules.minNoticeMinutes * MINUTE_MS,
    today,
    lastBookableDay: today + rules.horizonDays * DAY_MS,
    busy: indexBusy(input.busy),
  };
}

function assertRule(ok: boolean, message: string, value: number): void {
  if (!ok || !Number.isFinite(value)) throw new RangeError(`Slot rules: ${message} (got ${value})`);
}

function refuse(reason: RequestedSlotRefusal): RequestedSlotCheck {
  return { ok: false, reason };
}

function freeSlotsOnDay(ctx: Context, day: number): FreeSlot[] {
  if (day < ctx.today || day > ctx.lastBookableDay) return [];
  const starts: number[] = [];
  for (const [spanStart, spanEnd] of workingSpansOn(ctx, day)) {
    for (let start = spanStart; start + ctx.consultationMs <= spanEnd; start += ctx.stepMs) starts.push(start);
  }
  // Intervals may arrive in any order. Overlapping intervals are a schedule-validation error;
  // here we only make sure they do not offer the same start twice.
  starts.sort((a, b) => a - b);
  const slots: FreeSlot[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    if (i > 0 && start === starts[i - 1]) continue;
    if (start < ctx.earliestStart || isTaken(ctx, start)) continue;
    slots.push({ startsAt: new Date(start), endsAt: new Date(start + ctx.consultationMs) });
  }
  return slots;
}

/** The day's working intervals as [start, end) instants (epoch ms). */
function workingSpansOn(ctx: Context, day: number): Array<[number, number]> {
  const override = lastCovering(ctx.overrides, day);
  const intervals = override ? override.intervals : ctx.schedule[weekdayOf(day)];
  return intervals.map((interval) => {
    const startMinute = parseClock(interval.start);
    const endMinute = parseClock(interval.end);
    if (endMinute <= startMinute) {
      throw new RangeError(`Working interval ${interval.start}–${interval.end} must end after it starts`);
    }
    return [wallClockToMs(day, startMinute, ctx.zone), wallClockToMs(day, endMinute, ctx.zone)];
  });
}

function isTaken(ctx: Context, start: number): boolean {
  return overlapsBusy(ctx.busy, start - ctx.bufferMs, start + ctx.consultationMs + ctx.bufferMs);
}

function indexBusy(busy: BusyTime[]): BusyIndex {
  const spans = busy
    .map((b): [number, number] => [b.startsAt.getTime(), b.endsAt.getTime()])
    // An empty or inverted appointment holds no time; it is a data error, not a reason to hide slots.
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [start, end] of spans) {
    const last = ends.length - 1;
    if (last >= 0 && start <= ends[last]!) ends[last] = Math.max(ends[last]!, end);
    else {
      starts.push(start);
      ends.push(end);
    }
  }
  return { starts, ends };
}

/** Does [from, to) overlap any busy span? Half-open: touching is not overlapping. */
function overlapsBusy(index: BusyIndex, from: number, to: number): boolean {
  // First span that ends after `from`; spans are disjoint and sorted, so ends are sorted too.
  let lo = 0;
  let hi = index.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.ends[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo < index.starts.length && index.starts[lo]! < to;
}

/** The last override covering `day`: a later entry corrects an earlier one (a shift inside a vacation). */
function lastCovering(overrides: ParsedOverride[], day: number): ParsedOverride | undefined {
  for (let i = overrides.length - 1; i >= 0; i--) {
    const override = overrides[i]!;
    if (override.firstDay <= day && day <= override.lastDay) return override;
  }
  return undefined;
}

function parseOverride(override: DateOverride): ParsedOverride {
  const firstDay = parseLocalDate(override.date, 'override date');
  const lastDay = override.until === undefined ? firstDay : parseLocalDate(override.until, 'override until');
  if (lastDay < firstDay) {
    throw new RangeError(`Override from ${override.date} until ${override.until} ends before it starts`);
  }
  return { firstDay, lastDay, intervals: override.intervals };
}

function weekdayOf(day: number): (typeof WEEKDAYS)[number] {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(day).getUTCDay() + 6) % 7]!;
}

// isValidZone builds an Intl.DateTimeFormat on every call; a clinic has one zone, so remember it.
const zones = new Map<string, IANAZone>();

function zoneOf(timezone: string): IANAZone {
  let zone = zones.get(timezone);
  if (!zone) {
    if (!IANAZone.isValidZone(timezone)) throw new RangeError(`Unknown time zone "${timezone}"`);
    zone = IANAZone.create(timezone);
    if (zones.size < 100) zones.set(timezone, zone);
  }
  return zone;
}

function localDay(instant: number, zone: IANAZone): number {
  const wall = instant + zone.offset(instant) * MINUTE_MS;
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

function parseLocalDate(date: string, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(day) || formatLocalDate(day) !== date) {
    throw new RangeError(`${what} must be a calendar date YYYY-MM-DD (got "${date}")`);
  }
  return day;
}

function formatLocalDate(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}

/** "HH:MM" → minutes since local midnight; "24:00" is the next midnight. */
function parseClock(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  if (time === '24:00') return 24 * 60;
  throw new RangeError(`Wall-clock time must be "HH:MM" (got "${time}")`);
}

/**
 * Local wall-clock minute of a day → epoch ms, without trusting a library's DST disambiguation
 * (luxon picks the *later* occurrence of a repeated time; we want the earlier one).
 */
function wallClockToMs(day: number, minute: number, zone: IANAZone): number {
  const naive = day + minute * MINUTE_MS; // the wall time as if the zone were UTC
  const offsetBefore = zone.offset(naive - DAY_MS);
  const offsetAfter = zone.offset(naive + DAY_MS);
  const matches = [offsetBefore, zone.offset(naive), offsetAfter]
    .map((offset) => naive - offset * MINUTE_MS)
    .filter((instant) => localWall(instant, zone) === naive);
  if (matches.length > 0) return Math.min(...matches);
  if (offsetAfter <= offsetBefore) return naive - zone.offset(naive) * MINUTE_MS; // unreachable in real zones
  // The wall time falls in the spring-forward gap: find the instant the clocks jump.
  let lo = naive - offsetAfter * MINUTE_MS; // still on the old offset
  let hi = naive - offsetBefore * MINUTE_MS; // already on the new offset
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return hi;
}

function localWall(instant: number, zone: IANAZone): number {
  return instant + zone.offset(instant) * MINUTE_MS;
}
