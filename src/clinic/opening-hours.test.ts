import { describe, expect, it } from 'vitest';
import { closedAllWeek, openingHoursFromStored, openingHoursProblems, type OpeningHours } from './opening-hours.js';

const week = (changes: Partial<OpeningHours>): OpeningHours => ({ ...closedAllWeek(), ...changes });

describe('opening hours', () => {
  it('accepts a usual week, a lunch break and a day that runs to midnight', () => {
    const hours = week({
      monday: [{ start: '08:00', end: '13:00' }, { start: '14:00', end: '20:00' }],
      friday: [{ start: '18:00', end: '24:00' }],
      saturday: [{ start: '09:00', end: '15:00' }],
    });
    expect(openingHoursProblems(hours)).toEqual({});
  });

  it('names the interval at fault, by its index as sent', () => {
    const hours = week({
      monday: [{ start: '18:00', end: '09:00' }],
      tuesday: [{ start: '12:00', end: '18:00' }, { start: '08:00', end: '13:00' }],
      wednesday: [{ start: '10:00', end: '10:00' }],
      thursday: [{ start: '24:00', end: '24:00' }],
      friday: [{ start: '09:00', end: '25:00' }],
    });
    expect(openingHoursProblems(hours)).toEqual({
      'openingHours.monday.0.end': 'must be after the start',
      'openingHours.tuesday.0.start': 'overlaps another interval of the same day',
      'openingHours.wednesday.0.end': 'must be after the start',
      'openingHours.thursday.0.start': 'must be a time HH:MM',
      'openingHours.friday.0.end': 'must be a time HH:MM',
    });
  });

  it('lets intervals touch: closing at 13:00 and opening at 13:00 is no overlap', () => {
    expect(openingHoursProblems(week({ monday: [{ start: '08:00', end: '13:00' }, { start: '13:00', end: '17:00' }] }))).toEqual({});
  });

  it('reads whatever is stored without failing: missing days are closed, broken entries are left out', () => {
    expect(openingHoursFromStored({})).toEqual(closedAllWeek());
    expect(openingHoursFromStored(null)).toEqual(closedAllWeek());
    expect(openingHoursFromStored('nonsense')).toEqual(closedAllWeek());
    const stored = {
      monday: [{ start: '14:00', end: '20:00' }, { start: '08:00', end: '13:00' }],
      tuesday: [{ start: '9', end: '17:00' }, null, { start: '17:00', end: '10:00' }, { start: '09:00', end: '17:00', note: 'x' }],
      wednesday: 'closed',
      someday: [{ start: '09:00', end: '17:00' }],
    };
    expect(openingHoursFromStored(stored)).toEqual({
      ...closedAllWeek(),
      monday: [{ start: '08:00', end: '13:00' }, { start: '14:00', end: '20:00' }],
      tuesday: [{ start: '09:00', end: '17:00' }],
    });
  });
});
