import { describe, expect, it } from 'vitest';
import { formatForMail } from './mail-data.js';

const KYIV = 'Europe/Kyiv';

describe('formatForMail: how a client reads a time in a message', () => {
  it('writes Tuesday 8 December 2026, 10:00 in Kyiv in Ukrainian and in English', () => {
    const instant = new Date('2026-12-08T08:00:00Z');
    expect(formatForMail(instant, KYIV, 'uk')).toEqual({ date: '8 грудня 2026 р.', time: '10:00', weekday: 'вівторок' });
    expect(formatForMail(instant, KYIV, 'en')).toEqual({ date: '8 December 2026', time: '10:00', weekday: 'Tuesday' });
  });

  it('uses the 24-hour clock with leading zeros, never AM/PM', () => {
    expect(formatForMail(new Date('2026-12-08T13:05:00Z'), KYIV, 'en').time).toBe('15:05');
    expect(formatForMail(new Date('2026-12-08T07:05:00Z'), KYIV, 'uk').time).toBe('09:05');
    expect(formatForMail(new Date('2026-12-08T22:00:00Z'), KYIV, 'en').time).toBe('00:00');
  });

  it('gives the local date, not the UTC one, near midnight', () => {
    // 23:30 UTC on Monday 7 December is 01:30 on Tuesday in Kyiv.
    expect(formatForMail(new Date('2026-12-07T23:30:00Z'), KYIV, 'uk')).toEqual({ date: '8 грудня 2026 р.', time: '01:30', weekday: 'вівторок' });
    // ...and still Monday evening in New York.
    expect(formatForMail(new Date('2026-12-07T23:30:00Z'), 'America/New_York', 'en')).toEqual({ date: '7 December 2026', time: '18:30', weekday: 'Monday' });
  });

  it('keeps a 09:00 visit at 09:00 across the spring change to summer time (29 March 2026 in Kyiv)', () => {
    // Saturday: UTC+2, so 07:00Z. Sunday after 03:00: UTC+3, so 06:00Z.
    expect(formatForMail(new Date('2026-03-28T07:00:00Z'), KYIV, 'uk')).toEqual({ date: '28 березня 2026 р.', time: '09:00', weekday: 'субота' });
    expect(formatForMail(new Date('2026-03-29T06:00:00Z'), KYIV, 'uk')).toEqual({ date: '29 березня 2026 р.', time: '09:00', weekday: 'неділя' });
    expect(formatForMail(new Date('2026-03-30T06:00:00Z'), KYIV, 'en')).toEqual({ date: '30 March 2026', time: '09:00', weekday: 'Monday' });
    // The clocks jump from 03:00 to 04:00: one UTC hour apart reads as two hours apart.
    expect(formatForMail(new Date('2026-03-29T00:30:00Z'), KYIV, 'en').time).toBe('02:30');
    expect(formatForMail(new Date('2026-03-29T01:30:00Z'), KYIV, 'en').time).toBe('04:30');
  });

  it('reads the repeated hour of the autumn change (25 October 2026) as the same wall-clock time', () => {
    expect(formatForMail(new Date('2026-10-25T00:30:00Z'), KYIV, 'uk')).toEqual({ date: '25 жовтня 2026 р.', time: '03:30', weekday: 'неділя' });
    expect(formatForMail(new Date('2026-10-25T01:30:00Z'), KYIV, 'uk')).toEqual({ date: '25 жовтня 2026 р.', time: '03:30', weekday: 'неділя' });
    expect(formatForMail(new Date('2026-10-26T07:00:00Z'), KYIV, 'en')).toEqual({ date: '26 October 2026', time: '09:00', weekday: 'Monday' });
  });

  it('refuses a time zone that does not exist rather than writing a wrong time', () => {
    expect(() => formatForMail(new Date('2026-12-08T08:00:00Z'), 'Europe/Atlantis', 'en')).toThrow(RangeError);
  });
});
