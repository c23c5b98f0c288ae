// The demo clinic: a profile, specialists with real-looking weeks, reviews, and a fortnight of
// appointments either side of `now`, made through the same services staff and visitors use, so
// the timelines read as they would in a clinic that has been running for a while.
import { DateTime } from 'luxon';
import { insertAward, insertReview, upsertClinic } from '../clinic/clinic-repository.js';
import type { Actor } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import { loadAvailability } from '../scheduling/availability.js';
import { bookAppointment, bookAsStaff, changeStatus, type BookingContext } from '../scheduling/booking-service.js';
import { freeSlots, localDateOf, wallClockToInstant, workingIntervalsOn } from '../scheduling/free-slots.js';
import type { DateOverride } from '../scheduling/schedule-types.js';
import { insertSpecialist, replaceSchedule, type Specialist } from '../specialists/specialist-repository.js';
import {
  DEMO_AWARDS,
  DEMO_CLINIC,
  DEMO_CONTACTS,
  DEMO_OPENING_HOURS,
  DEMO_REVIEWS,
  DEMO_SPECIALISTS,
  type DemoSpecialist,
} from './demo-content.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// The reception books by phone; the state machine lets only staff record a visit's outcome,
// so outcomes are recorded by a staff actor with no account behind it.
const RECEPTION: Actor = { type: 'system', id: null };
const STAFF: Actor = { type: 'staff', id: null };
const CLIENT: Actor = { type: 'client', id: null };

type Outcome = 'completed' | 'no_show' | 'cancelled_by_client' | 'cancelled_by_clinic' | 'booked';

interface PlannedVisit {
  contact: number;
  specialist: string;
  /** Local days from today; the nearest working day of the specialist further from today is used. */
  dayOffset: number;
  /** Which consultation slot of that day. */
  slot: number;
  outcome: Outcome;
  notes?: string;
}

const VISITS: PlannedVisit[] = [
  { contact: 0, specialist: 'therapist', dayOffset: -13, slot: 2, outcome: 'completed', notes: 'Профілактичний огляд' },
  { contact: 1, specialist: 'cardiologist', dayOffset: -12, slot: 1, outcome: 'completed', notes: 'Підвищений тиск' },
  { contact: 2, specialist: 'dermatologist', dayOffset: -11, slot: 4, outcome: 'completed' },
  { contact: 3, specialist: 'neurologist', dayOffset: -10, slot: 0, outcome: 'no_show', notes: 'Головний біль' },
  { contact: 4, specialist: 'paediatrician', dayOffset: -9, slot: 3, outcome: 'completed', notes: 'Дитина 5 років, кашель' },
  { contact: 5, specialist: 'ophthalmologist', dayOffset: -8, slot: 2, outcome: 'completed' },
  { contact: 6, specialist: 'gynaecologist', dayOffset: -7, slot: 1, outcome: 'cancelled_by_client' },
  { contact: 0, specialist: 'therapist', dayOffset: -6, slot: 5, outcome: 'completed', notes: 'Повторний прийом' },
  { contact: 7, specialist: 'therapist', dayOffset: -5, slot: 1, outcome: 'no_show' },
  { contact: 1, specialist: 'cardiologist', dayOffset: -4, slot: 3, outcome: 'completed', notes: 'Результати ЕКГ' },
  { contact: 2, specialist: 'neurologist', dayOffset: -3, slot: 2, outcome: 'completed' },
  { contact: 3, specialist: 'dermatologist', dayOffset: -2, slot: 6, outcome: 'cancelled_by_clinic' },
  { contact: 5, specialist: 'gynaecologist', dayOffset: -2, slot: 0, outcome: 'completed' },
  // Yesterday's visit whose outcome nobody has recorded yet: the console should point at it.
  { contact: 4, specialist: 'paediatrician', dayOffset: -1, slot: 2, outcome: 'booked' },
  { contact: 6, specialist: 'gynaecologist', dayOffset: 1, slot: 2, outcome: 'booked' },
  { contact: 3, specialist: 'neurologist', dayOffset: 2, slot: 1, outcome: 'booked', notes: 'Після пропущеного візиту' },
  { contact: 0, specialist: 'cardiologist', dayOffset: 3, slot: 4, outcome: 'booked', notes: 'Направлення від терапевта' },
  { contact: 7, specialist: 'therapist', dayOffset: 4, slot: 0, outcome: 'booked' },
  { contact: 1, specialist: 'ophthalmologist', dayOffset: 5, slot: 1, outcome: 'booked' },
  { contact: 2, specialist: 'dermatologist', dayOffset: 6, slot: 3, outcome: 'booked' },
  { contact: 5, specialist: 'paediatrician', dayOffset: 10, slot: 4, outcome: 'booked', notes: 'Планове щеплення' },
  { contact: 4, specialist: 'therapist', dayOffset: 12, slot: 3, outcome: 'cancelled_by_client' },
];

/** Visitors who booked on the site shortly before `now` and confirmed from the e-mail. */
const VISITOR_BOOKINGS = [
  { contact: 6, specialist: 'dermatologist', minutesBeforeNow: 50, pick: 5, notes: 'Хочу перевірити родимку на спині' },
  { contact: 4, specialist: 'therapist', minutesBeforeNow: 35, pick: 8, notes: '' },
];

/** True while the database holds no clinic profile and no specialists: a fresh installation. */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const [clinic, specialist] = await Promise.all([
    db.selectFrom('clinic').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('specialists').select('id').limit(1).executeTakeFirst(),
  ]);
  return !clinic && !specialist;
}

const plusDays = (date: string, days: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
const isoWeekday = (date: string): number => DateTime.fromISO(date, { zone: 'UTC' }).weekday;

/** The one-off hours: a vacation for the ophthalmologist, an evening shift for the therapist. */
function demoOverrides(spec: DemoSpecialist, today: string): DateOverride[] {
  if (spec.key === 'ophthalmologist') {
    let monday = plusDays(today, 8);
    while (isoWeekday(monday) !== 1) monday = plusDays(monday, 1);
    return [{ date: monday, until: plusDays(monday, 6), intervals: [] }];
  }
  if (spec.key === 'therapist') {
    let date = plusDays(today, 4);
    while (workingIntervalsOn(date, spec.weekly, []).length === 0) date = plusDays(date, 1);
    return [{ date, intervals: [{ start: '12:00', end: '15:00' }, { start: '15:30', end: '20:00' }] }];
  }
  return [];
}

interface SeededSpecialist {
  specialist: Specialist;
  spec: DemoSpecialist;
  overrides: DateOverride[];
}

/** Clinic, awards, specialists with their weeks, and reviews: one transaction. */
async function seedClinic(db: Db, today: string, now: Date): Promise<Map<string, SeededSpecialist>> {
  return db.transaction().execute(async (trx) => {
    await upsertClinic(trx, { ...DEMO_CLINIC, openingHours: DEMO_OPENING_HOURS }, { defaultName: DEMO_CLINIC.name, now });
    const year = Number(today.slice(0, 4));
    for (const [position, award] of DEMO_AWARDS.entries()) {
      await insertAward(trx, { title: award.title, issuer: award.issuer, year: year - award.yearsAgo, description: award.description, position }, now);
    }
    const seeded = new Map<string, SeededSpecialist>();
    for (const spec of DEMO_SPECIALISTS) {
      const specialist = await insertSpecialist(trx, {
        name: spec.name,
        specialty: spec.specialty,
        bio: spec.bio,
        photoUrl: null,
        consultationMinutes: spec.consultationMinutes,
        bufferMinutes: spec.bufferMinutes,
        minNoticeMinutes: spec.minNoticeMinutes,
        horizonDays: spec.horizonDays,
        active: true,
      });
      const overrides = demoOverrides(spec, today);
      await replaceSchedule(trx, specialist.id, spec.weekly, overrides);
      seeded.set(spec.key, { specialist, spec, overrides });
    }
    for (const review of DEMO_REVIEWS) {
      await insertReview(
        trx,
        {
          authorName: review.authorName,
          text: review.text,
          rating: review.rating,
          reviewedOn: plusDays(today, -review.daysAgo),
          specialistId: review.specialist ? seeded.get(review.specialist)!.specialist.id : null,
          published: review.published,
        },
        now,
      );
    }
    return seeded;
  });
}

function seededOf(specialists: Map<string, SeededSpecialist>, key: string): SeededSpecialist {
  const found = specialists.get(key);
  if (!found) throw new Error(`The demo has no specialist "${key}"`);
  return found;
}

/**
 * Where a planned visit lands: the specialist's nearest working day at or beyond the offset
 * (away from today), and the n-th consultation slot of that day not already planned.
 */
function placeVisit(visit: PlannedVisit, seeded: SeededSpecialist, today: string, timezone: string, taken: Set<string>): Date {
  const { spec, overrides, specialist } = seeded;
  const direction = visit.dayOffset < 0 ? -1 : 1;
  let date = plusDays(today, visit.dayOffset);
  while (workingIntervalsOn(date, spec.weekly, overrides).length === 0) date = plusDays(date, direction);
  const step = (specialist.consultationMinutes + specialist.bufferMinutes) * MINUTE_MS;
  const starts: number[] = [];
  for (const interval of workingIntervalsOn(date, spec.weekly, overrides)) {
    const from = wallClockToInstant(date, interval.start, timezone).getTime();
    const to = wallClockToInstant(date, interval.end, timezone).getTime();
    for (let start = from; start + specialist.consultationMinutes * MINUTE_MS <= to; start += step) starts.push(start);
  }
  for (let i = 0; i < starts.length; i++) {
    const start = starts[(visit.slot + i) % starts.length]!;
    const key = `${specialist.id}@${start}`;
    if (!taken.has(key)) {
      taken.add(key);
      return new Date(start);
    }
  }
  throw new Error(`The demo planned more visits than ${specialist.name} has slots on ${date}`);
}

/** One thing that happened in the demo clinic's past, replayed at its own moment. */
interface Step {
  at: Date;
  order: number;
  run: () => Promise<void>;
}

function visitSteps(ctx: BookingContext, visit: PlannedVisit, index: number, startsAt: Date, seeded: SeededSpecialist, now: Date): Step[] {
  const contact = DEMO_CONTACTS[visit.contact]!;
  const endsAt = new Date(startsAt.getTime() + seeded.specialist.consultationMinutes * MINUTE_MS);
  // Past visits were booked a few days ahead; upcoming ones during the last few days.
  const bookedAt =
    visit.dayOffset < 0
      ? new Date(startsAt.getTime() - (2 + (index % 4)) * DAY_MS - (3 + (index % 5)) * HOUR_MS)
      : new Date(now.getTime() - (1 + (index % 5)) * DAY_MS - index * 37 * MINUTE_MS);
  let appointmentId = '';
  const steps: Step[] = [
    {
      at: bookedAt,
      order: index,
      run: async () => {
        const appointment = await bookAsStaff(
          ctx,
          { specialistId: seeded.specialist.id, startsAt, name: contact.name, email: contact.email, phone: contact.phone, notes: visit.notes ?? '', locale: 'uk' },
          RECEPTION,
          'staff',
          bookedAt,
        );
        appointmentId = appointment.id;
      },
    },
  ];
  const outcome = (at: Date, action: 'complete' | 'mark_no_show' | 'cancel', actor: Actor, reason?: string): Step => ({
    at,
    order: index,
    run: async () => {
      await changeStatus(ctx, { appointmentId, action, actor, now: at, ...(reason ? { reason } : {}) });
    },
  });
  const recordedAt = new Date(Math.min(endsAt.getTime() + 5 * MINUTE_MS, now.getTime()));
  if (visit.outcome === 'completed') steps.push(outcome(recordedAt, 'complete', STAFF));
  if (visit.outcome === 'no_show') steps.push(outcome(recordedAt, 'mark_no_show', STAFF));
  if (visit.outcome === 'cancelled_by_client') {
    const at = visit.dayOffset < 0 ? new Date(startsAt.getTime() - 20 * HOUR_MS) : new Date(now.getTime() - 3 * HOUR_MS);
    steps.push(outcome(at, 'cancel', CLIENT));
  }
  if (visit.outcome === 'cancelled_by_clinic') {
    steps.push(outcome(new Date(startsAt.getTime() - 26 * HOUR_MS), 'cancel', STAFF, 'Лікар на конференції, пацієнта перезаписано'));
  }
  return steps;
}

function visitorSteps(
  ctx: BookingContext,
  booking: (typeof VISITOR_BOOKINGS)[number],
  index: number,
  seeded: SeededSpecialist,
  options: { today: string; timezone: string; now: Date },
): Step[] {
  const contact = DEMO_CONTACTS[booking.contact]!;
  const bookedAt = new Date(options.now.getTime() - booking.minutesBeforeNow * MINUTE_MS);
  const confirmedAt = new Date(bookedAt.getTime() + Math.max(0, Math.min(7, ctx.booking.holdMinutes - 1)) * MINUTE_MS);
  let appointmentId = '';
  return [
    {
      at: bookedAt,
      order: VISITS.length + index,
      run: async () => {
        // The visitor picks from the slots the site offered at that moment: a few days ahead.
        const range = { from: plusDays(options.today, 2), to: plusDays(options.today, 9) };
        const availability = await loadAvailability(ctx.db, { specialist: seeded.specialist, ...range, timezone: options.timezone, now: bookedAt });
        const slots = freeSlots({ ...availability, ...range });
        const slot = slots[booking.pick % Math.max(1, slots.length)];
        if (!slot) throw new Error(`The demo found no free slot for ${seeded.specialist.name}`);
        const appointment = await bookAppointment(
          ctx,
          { specialistId: seeded.specialist.id, startsAt: slot.startsAt, name: contact.name, email: contact.email, phone: contact.phone, notes: booking.notes, locale: 'uk' },
          bookedAt,
        );
        appointmentId = appointment.id;
      },
    },
    {
      at: confirmedAt,
      order: VISITS.length + index,
      run: async () => {
        await changeStatus(ctx, { appointmentId, action: 'confirm', actor: CLIENT, now: confirmedAt });
      },
    },
  ];
}

/**
 * Loads the demo clinic into an empty database. Deterministic for a given `now` (only the
 * generated ids differ). Not atomic as a whole: the services open their own transactions, so a
 * failure part-way leaves a partial demo behind; start again from an empty database.
 */
export async function seedDemoData(ctx: BookingContext, options: { now: Date }): Promise<void> {
  const db = ctx.db;
  if (!(await databaseIsEmpty(db))) throw new Error('The demo clinic is loaded only into an empty database.');
  const { now } = options;
  const timezone = ctx.booking.timezone;
  const today = localDateOf(now, timezone);
  const specialists = await seedClinic(db, today, now);

  const taken = new Set<string>();
  const steps: Step[] = VISITS.flatMap((visit, index) => {
    const seeded = seededOf(specialists, visit.specialist);
    return visitSteps(ctx, visit, index, placeVisit(visit, seeded, today, timezone, taken), seeded, now);
  });
  VISITOR_BOOKINGS.forEach((booking, index) => {
    steps.push(...visitorSteps(ctx, booking, index, seededOf(specialists, booking.specialist), { today, timezone, now }));
  });

  // Replay in the order things happened, so every contact's timeline reads forward in time.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const step of steps) await step.run();
}
