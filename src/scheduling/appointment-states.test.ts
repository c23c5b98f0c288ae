import { describe, it, expect } from 'vitest';
import {
  ACTIVE_STATUSES,
  APPOINTMENT_STATUSES,
  isActive,
  nextStatus,
  statusAfterReschedule,
  type Actor,
  type AppointmentAction,
  type AppointmentStatus,
} from './appointment-states.js';

const ACTIONS: AppointmentAction[] = ['confirm', 'approve', 'complete', 'mark_no_show', 'cancel', 'expire'];
const ACTORS: Actor[] = ['client', 'staff', 'system'];

// Dr. Koval's Tuesday 10:00 visit (Kyiv); the booking hold ran out at 09:15 the day before.
const startsAt = new Date('2026-02-03T10:00:00+02:00');
const holdExpiresAt = new Date('2026-02-02T09:15:00+02:00');
const afterTheVisitStarted = new Date('2026-02-03T10:05:00+02:00');

// Every move the clinic allows; anything not listed here must be refused as 'invalid_transition'.
const ALLOWED: Record<string, AppointmentStatus> = {
  'unconfirmed confirm client': 'confirmed',
  'unconfirmed confirm system': 'confirmed',
  'confirmed approve staff': 'booked',
  'confirmed complete staff': 'completed',
  'booked complete staff': 'completed',
  'confirmed mark_no_show staff': 'no_show',
  'booked mark_no_show staff': 'no_show',
  'unconfirmed cancel client': 'cancelled',
  'unconfirmed cancel staff': 'cancelled',
  'unconfirmed cancel system': 'cancelled',
  'confirmed cancel client': 'cancelled',
  'confirmed cancel staff': 'cancelled',
  'confirmed cancel system': 'cancelled',
  'booked cancel client': 'cancelled',
  'booked cancel staff': 'cancelled',
  'booked cancel system': 'cancelled',
  'unconfirmed expire system': 'expired',
};

const everyCase = APPOINTMENT_STATUSES.flatMap((status) =>
  ACTIONS.flatMap((action) => ACTORS.map((actor) => ({ status, action, actor }))),
);

describe('the appointment state machine, every status × action × actor', () => {
  it('covers all 126 combinations, 17 of them allowed', () => {
    expect(everyCase).toHaveLength(7 * 6 * 3);
    expect(everyCase.filter((c) => `${c.status} ${c.action} ${c.actor}` in ALLOWED)).toHaveLength(17);
  });

  // Time guards are satisfied here (visit started, hold over) so only the table decides.
  it.each(everyCase)('$status + $action by $actor', ({ status, action, actor }) => {
    const result = nextStatus({ status, action, actor, startsAt, holdExpiresAt, now: afterTheVisitStarted });
    const expected = ALLOWED[`${status} ${action} ${actor}`];
    if (expected !== undefined) {
      expect(result).toEqual({ ok: true, status: expected });
    } else {
      expect(result).toMatchObject({ ok: false, code: 'invalid_transition' });
    }
  });
});

describe('refusal messages a person can act on', () => {
  const base = { startsAt, holdExpiresAt, now: afterTheVisitStarted };

  it('names the status and the action when the move does not exist', () => {
    expect(nextStatus({ ...base, status: 'cancelled', action: 'confirm', actor: 'client' })).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'An appointment that is cancelled cannot be confirmed.',
    });
    expect(nextStatus({ ...base, status: 'no_show', action: 'complete', actor: 'staff' })).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'An appointment that is marked as a no-show cannot be completed.',
    });
  });

  it('names who may do it when the wrong person tries', () => {
    expect(nextStatus({ ...base, status: 'confirmed', action: 'approve', actor: 'client' })).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'Only staff can approve an appointment, not the client (it is confirmed).',
    });
    expect(nextStatus({ ...base, status: 'unconfirmed', action: 'confirm', actor: 'staff' })).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'Only the client or the system can confirm an appointment, not staff (it is unconfirmed).',
    });
  });
});

describe('a visit is marked completed or no-show only once it has started', () => {
  const before = new Date('2026-02-03T09:59:59.999+02:00');

  it.each(['complete', 'mark_no_show'] as const)('refuses to %s at 09:59:59.999 for a 10:00 visit', (action) => {
    for (const status of ['confirmed', 'booked'] as const) {
      const result = nextStatus({ status, action, actor: 'staff', startsAt, holdExpiresAt: null, now: before });
      expect(result).toMatchObject({ ok: false, code: 'not_yet_started' });
    }
  });

  it('allows it at 10:00 exactly', () => {
    const now = startsAt;
    expect(nextStatus({ status: 'booked', action: 'complete', actor: 'staff', startsAt, holdExpiresAt: null, now })).toEqual({
      ok: true,
      status: 'completed',
    });
    expect(
      nextStatus({ status: 'confirmed', action: 'mark_no_show', actor: 'staff', startsAt, holdExpiresAt: null, now }),
    ).toEqual({ ok: true, status: 'no_show' });
  });

  it('says why in words', () => {
    const result = nextStatus({ status: 'booked', action: 'mark_no_show', actor: 'staff', startsAt, holdExpiresAt: null, now: before });
    expect(result).toEqual({
      ok: false,
      code: 'not_yet_started',
      message: 'Cannot mark an appointment as a no-show before the visit starts.',
    });
  });

  it('reports a wrong actor before the time, so a client never learns the visit "has not started"', () => {
    const result = nextStatus({ status: 'booked', action: 'complete', actor: 'client', startsAt, holdExpiresAt: null, now: before });
    expect(result).toMatchObject({ ok: false, code: 'invalid_transition' });
  });
});

describe('an unconfirmed booking expires only when its hold has run out', () => {
  const expire = (holdExpiresAt: Date | null, now: Date) =>
    nextStatus({ status: 'unconfirmed', action: 'expire', actor: 'system', startsAt, holdExpiresAt, now });

  it('does not expire a minute before the hold runs out', () => {
    expect(expire(holdExpiresAt, new Date('2026-02-02T09:14:00+02:00'))).toEqual({
      ok: false,
      code: 'hold_not_expired',
      message: 'Cannot expire an appointment before its hold runs out.',
    });
  });

  it('expires at the exact moment the hold runs out', () => {
    expect(expire(holdExpiresAt, holdExpiresAt)).toEqual({ ok: true, status: 'expired' });
  });

  it('never expires an appointment that has no hold', () => {
    expect(expire(null, afterTheVisitStarted)).toEqual({
      ok: false,
      code: 'hold_not_expired',
      message: 'Cannot expire an appointment that has no hold.',
    });
  });

  it('a confirmed appointment cannot expire even if a stale hold is still recorded', () => {
    const result = nextStatus({ status: 'confirmed', action: 'expire', actor: 'system', startsAt, holdExpiresAt, now: afterTheVisitStarted });
    expect(result).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('a client can cancel before the hold runs out; cancel has no time guard here', () => {
    const now = new Date('2026-02-02T09:00:00+02:00');
    expect(nextStatus({ status: 'unconfirmed', action: 'cancel', actor: 'client', startsAt, holdExpiresAt, now })).toEqual({
      ok: true,
      status: 'cancelled',
    });
  });
});

describe('moving an appointment to another time', () => {
  const expected: Record<AppointmentStatus, Record<Actor, AppointmentStatus | null>> = {
    unconfirmed: { client: 'unconfirmed', staff: 'unconfirmed', system: 'unconfirmed' },
    confirmed: { client: 'confirmed', staff: 'confirmed', system: 'confirmed' },
    // The clinic must set it up with the specialist again when the client moves it.
    booked: { client: 'confirmed', staff: 'booked', system: 'booked' },
    completed: { client: null, staff: null, system: null },
    no_show: { client: null, staff: null, system: null },
    cancelled: { client: null, staff: null, system: null },
    expired: { client: null, staff: null, system: null },
  };

  it.each(APPOINTMENT_STATUSES.flatMap((s) => ACTORS.map((a) => [s, a] as const)))(
    '%s moved by %s',
    (status, actor) => {
      expect(statusAfterReschedule(status, actor)).toBe(expected[status][actor]);
    },
  );
});

describe('which appointments hold the specialist’s time', () => {
  it('only unconfirmed, confirmed and booked are active', () => {
    expect(ACTIVE_STATUSES).toEqual(['unconfirmed', 'confirmed', 'booked']);
    expect(APPOINTMENT_STATUSES.filter(isActive)).toEqual(['unconfirmed', 'confirmed', 'booked']);
    expect(APPOINTMENT_STATUSES.filter((s) => !isActive(s))).toEqual(['completed', 'no_show', 'cancelled', 'expired']);
  });
});
