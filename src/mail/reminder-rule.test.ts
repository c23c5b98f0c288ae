import { describe, expect, it } from 'vitest';
import { dueReminderOffset, reminderKey } from './reminder-rule.js';

const at = (iso: string): Date => new Date(iso);
const DAY = 24 * 60;
const offsets = [DAY, 120];
// Dr. Koval, Tuesday 8 December 2026 at 10:00 Kyiv (08:00Z), booked a week ahead.
const visit = { startsAt: at('2026-12-08T08:00:00Z'), timeSetAt: at('2026-12-01T09:00:00Z'), offsetsMinutes: offsets };

describe('reminders before an appointment', () => {
  it.each([
    ['two days before: nothing yet', '2026-12-06T08:00:00Z', null],
    ['a minute before the day-ahead moment: nothing yet', '2026-12-07T07:59:00Z', null],
    ['exactly 24 hours before: the day-ahead reminder', '2026-12-07T08:00:00Z', DAY],
    ['the evening before: still the day-ahead one', '2026-12-07T20:00:00Z', DAY],
    ['exactly 2 hours before: the 2-hour reminder', '2026-12-08T06:00:00Z', 120],
    ['one hour before: the 2-hour one, never the day-ahead one late', '2026-12-08T07:00:00Z', 120],
    ['at the start: nothing', '2026-12-08T08:00:00Z', null],
    ['after the start: nothing', '2026-12-08T09:00:00Z', null],
  ])('%s', (_story, now, expected) => {
    expect(dueReminderOffset({ ...visit, now: at(now) })).toBe(expected);
  });

  it('a booking made three hours ahead gets only the 2-hour reminder', () => {
    const late = { ...visit, timeSetAt: at('2026-12-08T05:00:00Z') };
    expect(dueReminderOffset({ ...late, now: at('2026-12-08T05:01:00Z') })).toBeNull();
    expect(dueReminderOffset({ ...late, now: at('2026-12-08T06:00:00Z') })).toBe(120);
  });

  it('a booking made one hour ahead gets none', () => {
    const last = { ...visit, timeSetAt: at('2026-12-08T07:00:00Z') };
    expect(dueReminderOffset({ ...last, now: at('2026-12-08T07:00:00Z') })).toBeNull();
    expect(dueReminderOffset({ ...last, now: at('2026-12-08T07:30:00Z') })).toBeNull();
  });

  it('with reminders turned off nothing is ever due', () => {
    expect(dueReminderOffset({ ...visit, offsetsMinutes: [], now: at('2026-12-08T07:00:00Z') })).toBeNull();
  });

  it('keys reminders by appointment, offset and time, so a moved appointment is reminded again', () => {
    expect(reminderKey('a1', 120, at('2026-12-08T08:00:00Z'))).toBe('reminder:a1:120:1796716800000');
    expect(reminderKey('a1', 120, at('2026-12-09T08:00:00Z'))).not.toBe(reminderKey('a1', 120, at('2026-12-08T08:00:00Z')));
  });
});
