import { describe, it, expect } from 'vitest';
import { clientChangeDeadline, clientMayChange } from './client-change-window.js';

// Instants are written with their Kyiv offset so the tests do not depend on the machine's TZ.
const at = (iso: string): Date => new Date(iso);

describe('the 5-hour rule: a client may change their own appointment until 5 hours before it', () => {
  const visit = at('2026-02-03T10:00:00+02:00'); // Dr. Koval, Tuesday 10:00 Kyiv

  it('sets the deadline for a Tuesday 10:00 visit at 05:00 that morning', () => {
    expect(clientChangeDeadline(visit, 5).toISOString()).toBe('2026-02-03T03:00:00.000Z');
  });

  it('lets the client move it the evening before', () => {
    expect(clientMayChange({ startsAt: visit, now: at('2026-02-02T21:00:00+02:00'), cutoffHours: 5 })).toBe(true);
  });

  it('still lets the client change it at 05:00 exactly, and not one millisecond later', () => {
    expect(clientMayChange({ startsAt: visit, now: at('2026-02-03T04:59:59.999+02:00'), cutoffHours: 5 })).toBe(true);
    expect(clientMayChange({ startsAt: visit, now: at('2026-02-03T05:00:00.000+02:00'), cutoffHours: 5 })).toBe(true);
    expect(clientMayChange({ startsAt: visit, now: at('2026-02-03T05:00:00.001+02:00'), cutoffHours: 5 })).toBe(false);
  });

  it('refuses once the visit is under way or over', () => {
    expect(clientMayChange({ startsAt: visit, now: at('2026-02-03T10:00:00+02:00'), cutoffHours: 5 })).toBe(false);
    expect(clientMayChange({ startsAt: visit, now: at('2026-02-04T10:00:00+02:00'), cutoffHours: 5 })).toBe(false);
  });

  it('with a cutoff of 0 allows changes right up to the start', () => {
    expect(clientChangeDeadline(visit, 0).toISOString()).toBe('2026-02-03T08:00:00.000Z');
    expect(clientMayChange({ startsAt: visit, now: visit, cutoffHours: 0 })).toBe(true);
  });

  it('accepts a fractional cutoff such as 1.5 hours', () => {
    expect(clientChangeDeadline(visit, 1.5).toISOString()).toBe('2026-02-03T06:30:00.000Z');
  });

  it('counts real hours across the spring-forward night, not wall-clock hours', () => {
    // Sunday 2026-03-29 07:00 EEST (04:00Z). Five real hours earlier is 23:00Z on Saturday,
    // which the Kyiv wall clock shows as 01:00 — not 02:00, because 03:00–04:00 never happened.
    const earlyVisit = at('2026-03-29T07:00:00+03:00');
    expect(clientChangeDeadline(earlyVisit, 5).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(clientMayChange({ startsAt: earlyVisit, now: at('2026-03-29T01:00:00+02:00'), cutoffHours: 5 })).toBe(true);
    expect(clientMayChange({ startsAt: earlyVisit, now: at('2026-03-29T01:30:00+02:00'), cutoffHours: 5 })).toBe(false);
  });

  it('counts real hours across the fall-back night too', () => {
    // Sunday 2026-10-25 07:00 EET (05:00Z): five real hours earlier is 00:00Z = 03:00 EEST,
    // the first of the two 03:00s that night.
    const earlyVisit = at('2026-10-25T07:00:00+02:00');
    expect(clientChangeDeadline(earlyVisit, 5).toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(clientMayChange({ startsAt: earlyVisit, now: at('2026-10-25T03:00:00+03:00'), cutoffHours: 5 })).toBe(true);
    expect(clientMayChange({ startsAt: earlyVisit, now: at('2026-10-25T03:00:00+02:00'), cutoffHours: 5 })).toBe(false);
  });
});
