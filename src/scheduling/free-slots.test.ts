import { describe, it, expect } from 'vitest';
import {
  checkRequestedSlot,
  freeSlots,
  lastBookableDate,
  localDateOf,
  nextFreeSlots,
  wallClockToInstant,
  workingIntervalsOn,
  type FreeSlotsInput,
} from './free-slots.js';
import type { BusyTime, FreeSlot, SlotRules, WeeklySchedule } from './schedule-types.js';

// Every instant is written with an explicit offset or as UTC, so nothing depends on the machine's TZ.
// Kyiv is +02:00 in winter and +03:00 in summer (2026: from 29 March to 25 October).
const KYIV = 'Europe/Kyiv';
const at = (iso: string): Date => new Date(iso);
/** Winter wall-clock times on a Kyiv date, as the UTC instants the API returns. */
const winter = (date: string, ...times: string[]): string[] =>
  times.map((t) => new Date(`${date}T${t}:00+02:00`).toISOString());
const visit = (date: string, from: string, to: string): BusyTime => ({
  startsAt: at(`${date}T${from}:00+02:00`),
  endsAt: at(`${date}T${to}:00+02:00`),
});
const starts = (slots: FreeSlot[]): string[] => slots.map((s) => s.startsAt.toISOString());

const NO_HOURS: WeeklySchedule = {
  monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [],
};
// Dr. Koval works 09:00–13:00 and 14:00–18:00 on Tuesdays and 14:00–16:00 on Thursdays.
const KOVAL_WEEK: WeeklySchedule = {
  ...NO_HOURS,
  tuesday: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }],
  thursday: [{ start: '14:00', end: '16:00' }],
};
const RULES: SlotRules = { consultationMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 60 };
const MONDAY_NOON = at('2026-02-02T12:00:00+02:00');
const TUESDAY = '2026-02-03';

/** Dr. Koval's calendar as seen on Monday 2 February at noon, looking at Tuesday; override what a story needs. */
function koval(changes: Partial<Omit<FreeSlotsInput, 'rules'>> & { rules?: Partial<SlotRules> } = {}): FreeSlotsInput {
  const { rules, ...rest } = changes;
  return {
    schedule: KOVAL_WEEK, overrides: [], busy: [], timezone: KYIV, from: TUESDAY, to: TUESDAY, now: MONDAY_NOON,
    ...rest,
    rules: { ...RULES, ...rules },
  };
}
const TUESDAY_SLOTS = winter(TUESDAY,
  '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30',
  '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00', '17:30');
const without = (all: string[], ...gone: string[]): string[] => all.filter((s) => !gone.includes(s));

describe("Dr. Koval's week", () => {
  it('a visitor on Monday sees Tuesday 09:00–12:30 and 14:00–17:30, nothing in the lunch break', () => {
    const slots = freeSlots(koval());
    expect(starts(slots)).toEqual(TUESDAY_SLOTS);
    expect(slots[0]).toEqual({ startsAt: at('2026-02-03T07:00:00Z'), endsAt: at('2026-02-03T07:30:00Z') });
    // 12:30–13:00 ends exactly when the morning ends, which is allowed.
    expect(slots[7]?.endsAt.toISOString()).toBe('2026-02-03T11:00:00.000Z');
  });

  it('from Monday to Friday shows only Tuesday and Thursday, in time order', () => {
    const slots = freeSlots(koval({ from: '2026-02-02', to: '2026-02-06' }));
    expect(starts(slots)).toEqual([...TUESDAY_SLOTS, ...winter('2026-02-05', '14:00', '14:30', '15:00', '15:30')]);
  });

  it('an evening shift until "24:00" offers a last visit that ends at midnight, on the same date', () => {
    const schedule = { ...NO_HOURS, friday: [{ start: '22:00', end: '24:00' }] };
    const slots = freeSlots(koval({ schedule, from: '2026-02-06', to: '2026-02-07' }));
    expect(starts(slots)).toEqual(winter('2026-02-06', '22:00', '22:30', '23:00', '23:30'));
    expect(slots[3]?.endsAt.toISOString()).toBe('2026-02-06T22:00:00.000Z'); // 00:00 Saturday in Kyiv
    expect(freeSlots(koval({ schedule, from: '2026-02-07', to: '2026-02-07' }))).toEqual([]);
  });

  it('intervals entered out of order, or twice, still give each time once and in order', () => {
    const [afternoon, morning] = [{ start: '14:00', end: '15:00' }, { start: '09:00', end: '10:00' }];
    const schedule = { ...NO_HOURS, tuesday: [afternoon, morning, morning] };
    expect(starts(freeSlots(koval({ schedule })))).toEqual(winter(TUESDAY, '09:00', '09:30', '14:00', '14:30'));
  });

  it('an empty or reversed range shows nothing', () => {
    expect(freeSlots(koval({ from: '2026-02-04', to: '2026-02-03' }))).toEqual([]);
  });
});

describe('buffers keep time free before and after every visit', () => {
  it('with a 10-minute buffer, 30-minute visits start every 40 minutes and still end within hours', () => {
    expect(starts(freeSlots(koval({ rules: { bufferMinutes: 10 } })))).toEqual(winter(TUESDAY,
      '09:00', '09:40', '10:20', '11:00', '11:40', '12:20', '14:00', '14:40', '15:20', '16:00', '16:40', '17:20'));
  });

  it('a visit exactly buffer-away on either side is fine; closer on either side is not', () => {
    // A visit 09:40–10:10: 09:00–09:30 + buffer ends at 09:40, 10:20 − buffer starts at 10:10 (touching).
    // Staff also squeezed in 10:25–10:55 off the grid: 10:20 is too close before it, 11:00 too close after.
    const slots = freeSlots(koval({
      rules: { bufferMinutes: 10 },
      busy: [visit(TUESDAY, '09:40', '10:10'), visit(TUESDAY, '10:25', '10:55')],
      to: TUESDAY,
    }));
    expect(starts(slots).slice(0, 3)).toEqual(winter(TUESDAY, '09:00', '11:40', '12:20'));
  });
});

describe('busy times', () => {
  it('back-to-back visits with no buffer: only the taken half hour disappears', () => {
    const slots = freeSlots(koval({ busy: [visit(TUESDAY, '10:00', '10:30')] }));
    expect(starts(slots)).toEqual(without(TUESDAY_SLOTS, ...winter(TUESDAY, '10:00')));
  });

  it('a visit straddling the lunch break takes the last morning and first afternoon slot', () => {
    const slots = freeSlots(koval({ busy: [visit(TUESDAY, '12:45', '14:15')] }));
    expect(starts(slots)).toEqual(without(TUESDAY_SLOTS, ...winter(TUESDAY, '12:30', '14:00')));
  });

  it('a visit staff booked off the grid, 15:10–15:50, takes both slots it touches', () => {
    const slots = freeSlots(koval({ busy: [visit(TUESDAY, '15:10', '15:50')] }));
    expect(starts(slots)).toEqual(without(TUESDAY_SLOTS, ...winter(TUESDAY, '15:00', '15:30')));
  });

  it('a conference blocked from Tuesday 11:00 to Thursday 15:00 spans days', () => {
    const conference = { startsAt: at('2026-02-03T11:00:00+02:00'), endsAt: at('2026-02-05T15:00:00+02:00') };
    const slots = freeSlots(koval({ busy: [conference], to: '2026-02-05' }));
    expect(starts(slots)).toEqual([
      ...winter(TUESDAY, '09:00', '09:30', '10:00', '10:30'),
      ...winter('2026-02-05', '15:00', '15:30'),
    ]);
  });

  it('busy times in any order, overlapping or nested, give the same answer; empty or reversed ones hold nothing', () => {
    const busy = [
      visit(TUESDAY, '16:00', '17:00'), visit(TUESDAY, '09:00', '09:30'), visit(TUESDAY, '16:15', '16:45'),
      visit(TUESDAY, '16:50', '17:10'), visit(TUESDAY, '11:10', '11:10'), visit(TUESDAY, '12:10', '11:50'),
    ];
    const expected = without(TUESDAY_SLOTS, ...winter(TUESDAY, '09:00', '16:00', '16:30', '17:00'));
    expect(starts(freeSlots(koval({ busy })))).toEqual(expected);
    expect(starts(freeSlots(koval({ busy: [...busy].reverse() })))).toEqual(expected);
  });

  it('agrees with a plain check of every slot against every visit over 30 days and 500 visits', () => {
    let seed = 42; // a fixed pseudo-random sequence, so the test is the same every run
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const busy = Array.from({ length: 500 }, () => {
      const startsAt = at('2026-02-02T00:00:00Z').getTime() + Math.floor(random() * 30 * 24 * 60) * 60_000;
      return { startsAt: new Date(startsAt), endsAt: new Date(startsAt + (5 + Math.floor(random() * 90)) * 60_000) };
    });
    const everyDay = Object.fromEntries(
      Object.keys(NO_HOURS).map((d) => [d, [{ start: '08:00', end: '13:00' }, { start: '13:30', end: '20:00' }]]),
    ) as WeeklySchedule;
    const input = koval({ schedule: everyDay, busy, from: '2026-02-03', to: '2026-03-04', rules: { bufferMinutes: 5 } });
    const buffer = 5 * 60_000;
    const plain = freeSlots({ ...input, busy: [] }).filter((slot) => !busy.some((b) =>
      slot.startsAt.getTime() - buffer < b.endsAt.getTime() && b.startsAt.getTime() < slot.endsAt.getTime() + buffer));
    const slots = freeSlots(input);
    expect(slots.length).toBeGreaterThan(100);
    expect(starts(slots)).toEqual(starts(plain));
  });
});

describe('date overrides replace the weekly hours', () => {
  const tuesdaysAndThursdays = (input: FreeSlotsInput): string[] =>
    [...new Set(freeSlots(input).map((s) => localDateOf(s.startsAt, KYIV)))];

  it('a day off on Tuesday 10 February leaves the Tuesdays around it alone', () => {
    const overrides = [{ date: '2026-02-10', intervals: [] }];
    expect(tuesdaysAndThursdays(koval({ overrides, from: '2026-02-03', to: '2026-02-17' })))
      .toEqual(['2026-02-03', '2026-02-05', '2026-02-12', '2026-02-17']);
  });

  it('a vacation from Thursday 12 to Tuesday 17 February includes both end days', () => {
    const overrides = [{ date: '2026-02-12', until: '2026-02-17', intervals: [] }];
    expect(tuesdaysAndThursdays(koval({ overrides, from: '2026-02-09', to: '2026-02-20' })))
      .toEqual(['2026-02-10', '2026-02-19']);
  });

  it('different hours on one Tuesday: only 15:00–17:00', () => {
    const overrides = [{ date: TUESDAY, intervals: [{ start: '15:00', end: '17:00' }] }];
    expect(starts(freeSlots(koval({ overrides })))).toEqual(winter(TUESDAY, '15:00', '15:30', '16:00', '16:30'));
  });

  it('extra hours on a Saturday she normally does not work', () => {
    const overrides = [{ date: '2026-02-07', intervals: [{ start: '10:00', end: '11:00' }] }];
    expect(starts(freeSlots(koval({ overrides, from: '2026-02-07', to: '2026-02-07' }))))
      .toEqual(winter('2026-02-07', '10:00', '10:30'));
  });

  it('the last override covering a date wins: one clinic morning inside a vacation', () => {
    const vacation = { date: '2026-02-16', until: '2026-02-22', intervals: [] };
    const clinicMorning = { date: '2026-02-19', intervals: [{ start: '10:00', end: '11:00' }] };
    const range = { from: '2026-02-16', to: '2026-02-22' };
    expect(starts(freeSlots(koval({ overrides: [vacation, clinicMorning], ...range }))))
      .toEqual(winter('2026-02-19', '10:00', '10:30'));
    expect(freeSlots(koval({ overrides: [clinicMorning, vacation], ...range }))).toEqual([]);
    expect(workingIntervalsOn('2026-02-19', KOVAL_WEEK, [vacation, clinicMorning])).toEqual(clinicMorning.intervals);
    expect(workingIntervalsOn('2026-02-26', KOVAL_WEEK, [vacation, clinicMorning])).toEqual(KOVAL_WEEK.thursday);
  });
});

describe('minimum notice', () => {
  it('at Tuesday 10:05 with an hour’s notice the first bookable slot is 11:30', () => {
    const now = at('2026-02-03T10:05:00+02:00');
    expect(starts(freeSlots(koval({ now, rules: { minNoticeMinutes: 60 } }))).slice(0, 3))
      .toEqual(winter(TUESDAY, '11:30', '12:00', '12:30'));
  });

  it('at 10:00 a slot starting exactly when the notice runs out is bookable; with no notice, 10:00 itself', () => {
    const now = at('2026-02-03T10:00:00+02:00');
    expect(starts(freeSlots(koval({ now, rules: { minNoticeMinutes: 60 } })))[0]).toBe(winter(TUESDAY, '11:00')[0]);
    expect(starts(freeSlots(koval({ now })))[0]).toBe(winter(TUESDAY, '10:00')[0]);
  });
});

describe('booking horizon: whole local days up to today + horizonDays', () => {
  // Tuesday 00:30 in Kyiv is still Monday 22:30 in UTC: the horizon counts Kyiv dates.
  const tuesdayJustAfterMidnight = at('2026-02-03T00:30:00+02:00');

  it('two days ahead on Tuesday night reaches all of Thursday, even its last slot; one day does not', () => {
    expect(lastBookableDate(tuesdayJustAfterMidnight, KYIV, 2)).toBe('2026-02-05');
    const slots = freeSlots(koval({ now: tuesdayJustAfterMidnight, rules: { horizonDays: 2 }, to: '2026-02-12' }));
    expect(starts(slots)).toEqual([...TUESDAY_SLOTS, ...winter('2026-02-05', '14:00', '14:30', '15:00', '15:30')]);
    const oneDay = freeSlots(koval({ now: tuesdayJustAfterMidnight, rules: { horizonDays: 1 }, to: '2026-02-12' }));
    expect(starts(oneDay)).toEqual(TUESDAY_SLOTS);
  });

  it('a horizon of 0 means today only', () => {
    const now = at('2026-02-03T16:10:00+02:00');
    const slots = freeSlots(koval({ now, rules: { horizonDays: 0 }, to: '2026-02-12' }));
    expect(starts(slots)).toEqual(winter(TUESDAY, '16:30', '17:00', '17:30'));
  });
});

describe('daylight saving time in Kyiv', () => {
  const everyDay = (start: string, end: string): WeeklySchedule =>
    Object.fromEntries(Object.keys(NO_HOURS).map((d) => [d, [{ start, end }]])) as WeeklySchedule;
  const spring = { now: at('2026-03-20T12:00:00Z'), from: '2026-03-29', to: '2026-03-29' };
  const autumn = { now: at('2026-10-20T12:00:00Z'), from: '2026-10-25', to: '2026-10-25' };
  const noOverlaps = (slots: FreeSlot[]): boolean =>
    slots.every((s, i) => i === 0 || s.startsAt.getTime() >= slots[i - 1]!.endsAt.getTime());

  it('a 09:00 morning stays 09:00 local across the spring-forward Sunday', () => {
    const slots = freeSlots(koval({ schedule: everyDay('09:00', '09:30'), ...spring, from: '2026-03-28', to: '2026-03-30' }));
    expect(starts(slots)).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z']);
  });

  it('and across the fall-back Sunday', () => {
    const slots = freeSlots(koval({ schedule: everyDay('09:00', '09:30'), ...autumn, from: '2026-10-24', to: '2026-10-26' }));
    expect(starts(slots)).toEqual(['2026-10-24T06:00:00.000Z', '2026-10-25T07:00:00.000Z', '2026-10-26T07:00:00.000Z']);
  });

  it('night duty 02:00–05:00 on the spring-forward night has 2 real hours: 02:00, 02:30, 04:00, 04:30', () => {
    const slots = freeSlots(koval({ schedule: everyDay('02:00', '05:00'), ...spring, from: '2026-03-28', to: '2026-03-29' }));
    expect(starts(slots)).toEqual([
      // Saturday, an ordinary night: 02:00–04:30 EET.
      '2026-03-28T00:00:00.000Z', '2026-03-28T00:30:00.000Z', '2026-03-28T01:00:00.000Z',
      '2026-03-28T01:30:00.000Z', '2026-03-28T02:00:00.000Z', '2026-03-28T02:30:00.000Z',
      // Sunday: 02:00 and 02:30 EET, then the clocks jump to 04:00 EEST. No 03:xx, nothing twice.
      '2026-03-29T00:00:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z',
    ]);
    expect(slots[7]?.endsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 02:30–04:00 wall, 30 real minutes
  });

  it('a time inside the missing hour means the moment the clocks jump', () => {
    expect(wallClockToInstant('2026-03-29', '02:59', KYIV).toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(wallClockToInstant('2026-03-29', '03:00', KYIV).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(wallClockToInstant('2026-03-29', '03:30', KYIV).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(wallClockToInstant('2026-03-29', '04:00', KYIV).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    const startsInGap = freeSlots(koval({ schedule: everyDay('03:30', '05:00'), ...spring }));
    expect(starts(startsInGap)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z']);
    const endsInGap = freeSlots(koval({ schedule: everyDay('01:00', '03:30'), ...spring }));
    expect(starts(endsInGap)).toEqual([
      '2026-03-28T23:00:00.000Z', '2026-03-28T23:30:00.000Z', '2026-03-29T00:00:00.000Z', '2026-03-29T00:30:00.000Z',
    ]);
  });

  it('night duty 02:00–05:00 on the fall-back night has 4 real hours and never overlaps', () => {
    const slots = freeSlots(koval({ schedule: everyDay('02:00', '05:00'), ...autumn }));
    expect(starts(slots)).toEqual([
      '2026-10-24T23:00:00.000Z', '2026-10-24T23:30:00.000Z', // 02:00, 02:30 EEST (Saturday in UTC)
      '2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z', // the first 03:00, 03:30 (EEST)
      '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z', // the second 03:00, 03:30 (EET)
      '2026-10-25T02:00:00.000Z', '2026-10-25T02:30:00.000Z', // 04:00, 04:30 EET
    ]);
    expect(noOverlaps(slots)).toBe(true);
    expect(slots.every((s) => localDateOf(s.startsAt, KYIV) === '2026-10-25')).toBe(true);
  });

  it('a time inside the repeated hour means its first occurrence', () => {
    expect(wallClockToInstant('2026-10-25', '02:59', KYIV).toISOString()).toBe('2026-10-24T23:59:00.000Z');
    expect(wallClockToInstant('2026-10-25', '03:30', KYIV).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(wallClockToInstant('2026-10-25', '04:00', KYIV).toISOString()).toBe('2026-10-25T02:00:00.000Z');
    const slots = freeSlots(koval({ schedule: everyDay('03:30', '05:00'), ...autumn }));
    expect(starts(slots)).toEqual([
      '2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z',
      '2026-10-25T02:00:00.000Z', '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('a visit at the second 03:00 takes only that one, not the first 03:00', () => {
    const secondThree = { startsAt: at('2026-10-25T03:00:00+02:00'), endsAt: at('2026-10-25T03:30:00+02:00') };
    const slots = freeSlots(koval({ schedule: everyDay('03:00', '04:00'), ...autumn, busy: [secondThree] }));
    expect(starts(slots)).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  });

  it('a night split at 03:30 stays back to back on both DST nights: no gap, no overlap', () => {
    const split: WeeklySchedule = { ...NO_HOURS, sunday: [{ start: '00:00', end: '03:30' }, { start: '03:30', end: '06:00' }] };
    for (const [night, count] of [[spring, 10], [autumn, 14]] as const) {
      const slots = freeSlots(koval({ schedule: split, ...night }));
      expect(slots).toHaveLength(count); // 5 and 7 real hours of 30-minute visits
      expect(slots.every((s, i) => i === 0 || s.startsAt.getTime() === slots[i - 1]!.endsAt.getTime())).toBe(true);
    }
  });
});

describe('a range spanning several weeks and the spring-forward change', () => {
  it('Tuesdays and Thursdays from 16 March to 5 April keep their local hours', () => {
    const slots = freeSlots(koval({ now: at('2026-03-15T12:00:00Z'), from: '2026-03-16', to: '2026-04-05' }));
    const byDate = new Map<string, string[]>();
    for (const s of slots) byDate.set(localDateOf(s.startsAt, KYIV), [...(byDate.get(localDateOf(s.startsAt, KYIV)) ?? []), s.startsAt.toISOString()]);
    expect(slots).toHaveLength(3 * 16 + 3 * 4);
    expect([...byDate].map(([date, list]) => [date, list[0], list.at(-1)])).toEqual([
      ['2026-03-17', '2026-03-17T07:00:00.000Z', '2026-03-17T15:30:00.000Z'],
      ['2026-03-19', '2026-03-19T12:00:00.000Z', '2026-03-19T13:30:00.000Z'],
      ['2026-03-24', '2026-03-24T07:00:00.000Z', '2026-03-24T15:30:00.000Z'],
      ['2026-03-26', '2026-03-26T12:00:00.000Z', '2026-03-26T13:30:00.000Z'],
      ['2026-03-31', '2026-03-31T06:00:00.000Z', '2026-03-31T14:30:00.000Z'], // summer time: 09:00 is 06:00Z
      ['2026-04-02', '2026-04-02T11:00:00.000Z', '2026-04-02T12:30:00.000Z'],
    ]);
  });
});

describe('next free slots for the no-show follow-up e-mail', () => {
  it('Tuesday 17:10: after a missed visit the client is offered Thursday 14:00, 15:30 and next Tuesday 09:00', () => {
    const next = nextFreeSlots({
      ...koval({ now: at('2026-02-03T17:10:00+02:00'), rules: { minNoticeMinutes: 60 } }),
      busy: [visit('2026-02-05', '14:30', '15:30')],
      count: 3,
    });
    expect(next).toEqual([
      { startsAt: at('2026-02-05T14:00:00+02:00'), endsAt: at('2026-02-05T14:30:00+02:00') },
      { startsAt: at('2026-02-05T15:30:00+02:00'), endsAt: at('2026-02-05T16:00:00+02:00') },
      { startsAt: at('2026-02-10T09:00:00+02:00'), endsAt: at('2026-02-10T09:30:00+02:00') },
    ]);
  });

  it('includes what is left of today', () => {
    const next = nextFreeSlots({ ...koval({ now: at('2026-02-03T11:50:00+02:00') }), count: 3 });
    expect(starts(next)).toEqual(winter(TUESDAY, '12:00', '12:30', '14:00'));
  });

  it('stops at the horizon with fewer than asked, and gives none when asked for none', () => {
    const input = koval({ now: at('2026-02-03T17:10:00+02:00'), rules: { minNoticeMinutes: 60, horizonDays: 2 } });
    expect(starts(nextFreeSlots({ ...input, count: 10 }))).toEqual(winter('2026-02-05', '14:00', '14:30', '15:00', '15:30'));
    expect(nextFreeSlots({ ...input, count: 0 })).toEqual([]);
  });
});

describe('checking the exact time a visitor asked for', () => {
  const ask = (startsAt: string, changes: Parameters<typeof koval>[0] = {}) =>
    checkRequestedSlot({ ...koval(changes), startsAt: at(startsAt) });

  it('Tuesday 10:30 is free', () => {
    expect(ask('2026-02-03T10:30:00+02:00')).toEqual({
      ok: true,
      slot: { startsAt: at('2026-02-03T10:30:00+02:00'), endsAt: at('2026-02-03T11:00:00+02:00') },
    });
  });

  it('a time already gone is in the past, whatever else is wrong with it', () => {
    expect(ask('2026-02-02T11:59:00+02:00')).toEqual({ ok: false, reason: 'in_past' });
  });

  it('inside the notice is too soon; exactly at its end is fine', () => {
    const now = at('2026-02-03T08:00:00+02:00');
    const rules = { minNoticeMinutes: 120 };
    expect(ask('2026-02-03T09:30:00+02:00', { now, rules })).toEqual({ ok: false, reason: 'too_soon' });
    expect(ask('2026-02-03T10:00:00+02:00', { now, rules })).toMatchObject({ ok: true });
  });

  it('Tuesday 10 February is beyond a 7-day horizon but within an 8-day one', () => {
    expect(ask('2026-02-10T09:00:00+02:00', { rules: { horizonDays: 7 } })).toEqual({ ok: false, reason: 'beyond_horizon' });
    expect(ask('2026-02-10T09:00:00+02:00', { rules: { horizonDays: 8 } })).toMatchObject({ ok: true });
    expect(ask('2026-02-11T03:00:00+02:00', { rules: { horizonDays: 7 } })).toEqual({ ok: false, reason: 'beyond_horizon' });
  });

  it.each([
    ['in the lunch break', '2026-02-03T13:30:00+02:00'],
    ['before opening', '2026-02-03T08:30:00+02:00'],
    ['on a Wednesday', '2026-02-04T10:00:00+02:00'],
    ['so late the visit would end after 18:00', '2026-02-03T17:45:00+02:00'],
    ['12:35, which would run past 13:00', '2026-02-03T12:35:00+02:00'],
  ])('%s is outside working hours', (_, startsAt) => {
    expect(ask(startsAt)).toEqual({ ok: false, reason: 'outside_working_hours' });
  });

  it('on her day off even 10:00 is outside working hours', () => {
    expect(ask('2026-02-03T10:00:00+02:00', { overrides: [{ date: TUESDAY, intervals: [] }] }))
      .toEqual({ ok: false, reason: 'outside_working_hours' });
  });

  it('09:10 and, with a buffer, 09:35 and 12:25 fit in working hours but are off the grid', () => {
    expect(ask('2026-02-03T09:10:00+02:00')).toEqual({ ok: false, reason: 'off_grid' });
    expect(ask('2026-02-03T09:35:00+02:00', { rules: { bufferMinutes: 10 } })).toEqual({ ok: false, reason: 'off_grid' });
    expect(ask('2026-02-03T12:25:00+02:00', { rules: { bufferMinutes: 10 } })).toEqual({ ok: false, reason: 'off_grid' });
    expect(ask('2026-02-03T09:00:30+02:00')).toEqual({ ok: false, reason: 'off_grid' });
  });

  it('a grid time next to a visit staff booked off the grid is taken', () => {
    const busy = [visit(TUESDAY, '10:25', '10:55')];
    expect(ask('2026-02-03T10:20:00+02:00', { busy, rules: { bufferMinutes: 10 } })).toEqual({ ok: false, reason: 'taken' });
    expect(ask('2026-02-03T11:00:00+02:00', { busy, rules: { bufferMinutes: 10 } })).toEqual({ ok: false, reason: 'taken' });
    expect(ask('2026-02-03T11:40:00+02:00', { busy, rules: { bufferMinutes: 10 } })).toMatchObject({ ok: true });
  });

  it('the second 03:00 of the fall-back night can be booked', () => {
    const schedule = { ...NO_HOURS, sunday: [{ start: '02:00', end: '05:00' }] };
    expect(ask('2026-10-25T03:00:00+02:00', { schedule, now: at('2026-10-20T12:00:00Z') })).toEqual({
      ok: true,
      slot: { startsAt: at('2026-10-25T01:00:00Z'), endsAt: at('2026-10-25T01:30:00Z') },
    });
  });

  it.each([
    ['a Tuesday with a buffer and busy times', koval({
      rules: { bufferMinutes: 10, minNoticeMinutes: 30 }, now: at('2026-02-03T09:15:00+02:00'),
      busy: [visit(TUESDAY, '10:25', '10:55'), visit(TUESDAY, '14:40', '15:10')],
    })],
    ['the fall-back night', koval({
      schedule: { ...NO_HOURS, sunday: [{ start: '02:00', end: '05:00' }] },
      now: at('2026-10-20T12:00:00Z'), from: '2026-10-25', to: '2026-10-25', busy: [visit('2026-10-25', '03:00', '03:30')],
    })],
  ])('agrees with freeSlots minute by minute on %s', (_, input) => {
    const free = new Set(starts(freeSlots(input)));
    const dayStart = wallClockToInstant(input.from, '00:00', KYIV).getTime();
    const dayEnd = wallClockToInstant(input.from, '24:00', KYIV).getTime();
    let ok = 0;
    for (let t = dayStart; t < dayEnd; t += 60_000) {
      const check = checkRequestedSlot({ ...input, startsAt: new Date(t) });
      expect(check.ok, new Date(t).toISOString()).toBe(free.has(new Date(t).toISOString()));
      if (check.ok) ok++;
    }
    expect(ok).toBe(free.size);
  });
});

describe('local dates and bad input', () => {
  it('reads dates in the clinic’s zone, not UTC', () => {
    expect(localDateOf(at('2026-02-02T22:30:00Z'), KYIV)).toBe('2026-02-03');
    expect(localDateOf(at('2026-02-02T22:30:00Z'), 'UTC')).toBe('2026-02-02');
  });

  it.each([
    ['an unknown zone', koval({ timezone: 'Europe/Kiev-on-Mars' })],
    ['a date that does not exist', koval({ to: '2026-02-30' })],
    ['a malformed time', koval({ schedule: { ...NO_HOURS, tuesday: [{ start: '9:00', end: '12:00' }] } })],
    ['an interval that ends before it starts', koval({ schedule: { ...NO_HOURS, tuesday: [{ start: '12:00', end: '09:00' }] } })],
    ['a vacation that ends before it starts', koval({ overrides: [{ date: '2026-02-10', until: '2026-02-01', intervals: [] }] })],
    ['a zero-minute consultation', koval({ rules: { consultationMinutes: 0 } })],
  ])('refuses %s loudly', (_, input) => {
    expect(() => freeSlots(input)).toThrow(RangeError);
  });
});
