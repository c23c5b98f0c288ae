import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

// Monday 7 December 2026, 08:00 in Kyiv (UTC+2). Tuesday the 8th is a working day.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

describe('a visitor books a consultation', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    admin = await t.staffCookie('admin');
  });
  afterAll(() => t.close());

  it('sees Dr. Koval’s free Tuesday, books 10:00, and the slot is gone for the next visitor', async () => {
    const koval = await aSpecialist(t.handle.db, { name: 'Dr. Koval', consultationMinutes: 30 });

    const before = await t.app.inject({ url: `/api/specialists/${koval.id}/slots?date=2026-12-08` });
    expect(before.statusCode).toBe(200);
    const day = before.json();
    expect(day).toMatchObject({ specialistId: koval.id, date: '2026-12-08', timezone: 'Europe/Kyiv' });
    expect(day.slots[0]).toEqual({ startsAt: '2026-12-08T09:00:00+02:00', endsAt: '2026-12-08T09:30:00+02:00' });
    expect(day.slots).toHaveLength(16);
    expect(day.slots.map((s: { startsAt: string }) => s.startsAt)).not.toContain('2026-12-08T13:00:00+02:00');

    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { specialistId: koval.id, startsAt: '2026-12-08T10:00:00+02:00', ...aVisitor({ email: 'Olena@Example.com' }) },
    });
    expect(booked.statusCode).toBe(201);
    expect(booked.json()).toMatchObject({
      status: 'unconfirmed',
      specialistId: koval.id,
      startsAt: '2026-12-08T10:00:00+02:00',
      endsAt: '2026-12-08T10:30:00+02:00',
      holdExpiresAt: '2026-12-07T09:00:00+02:00',
    });

    const after = (await t.app.inject({ url: `/api/specialists/${koval.id}/slots?date=2026-12-08` })).json();
    expect(after.slots.map((s: { startsAt: string }) => s.startsAt)).not.toContain('2026-12-08T10:00:00+02:00');
    expect(after.slots).toHaveLength(15);

    const second = await t.app.inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { specialistId: koval.id, startsAt: '2026-12-08T10:00:00+02:00', ...aVisitor() },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'slot_taken', fields: { startsAt: 'is no longer free' } });

    // Same person, another case of the address: one contact.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { specialistId: koval.id, startsAt: '2026-12-08T11:00:00+02:00', ...aVisitor({ email: 'olena@example.COM' }) },
    });
    expect(again.statusCode).toBe(201);
    const list = (await t.app.inject({ url: `/api/admin/bookings?specialistId=${koval.id}`, headers: { cookie: admin } })).json();
    expect(list.items).toHaveLength(2);
    expect(list.items[0].contact.id).toBe(list.items[1].contact.id);
    expect(list.items[0].contact.email).toBe('Olena@Example.com');
  });

  it('lets an unconfirmed hold run out after 60 minutes, freeing the slot for someone else', async () => {
    const melnyk = await aSpecialist(t.handle.db, { name: 'Dr. Melnyk' });
    const first = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: melnyk.id, startsAt: '2026-12-09T09:00:00+02:00', ...aVisitor() } });
    expect(first.statusCode).toBe(201);

    t.clock.advanceMinutes(59);
    const tooEarly = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: melnyk.id, startsAt: '2026-12-09T09:00:00+02:00', ...aVisitor() } });
    expect(tooEarly.statusCode).toBe(409);

    t.clock.advanceMinutes(1);
    admin = await t.staffCookie('admin'); // an hour idle ended the earlier staff session
    const slots = (await t.app.inject({ url: `/api/specialists/${melnyk.id}/slots?date=2026-12-09` })).json();
    expect(slots.slots[0].startsAt).toBe('2026-12-09T09:00:00+02:00');
    const taker = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: melnyk.id, startsAt: '2026-12-09T09:00:00+02:00', ...aVisitor() } });
    expect(taker.statusCode).toBe(201);

    const expired = (await t.app.inject({ url: `/api/admin/bookings/${first.json().id}`, headers: { cookie: admin } })).json();
    expect(expired.status).toBe('expired');
    const timeline = (await t.app.inject({ url: `/api/admin/contacts/${expired.contact.id}/timeline`, headers: { cookie: admin } })).json();
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toEqual(['booking.expired', 'booking.created', 'contact.created']);
    t.clock.set(MONDAY_8AM);
    admin = await t.staffCookie('admin');
  });

  it('lets a client move a visit onto a time whose hold ran out a moment ago, and expires that hold', async () => {
    const savchuk = await aSpecialist(t.handle.db, { name: 'Dr. Savchuk' });
    const hold = (await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: savchuk.id, startsAt: '2026-12-10T09:00:00+02:00', ...aVisitor() } })).json();
    const { bookAsStaff, reschedule } = await import('./booking-service.js');
    const { findOrCreateContact } = await import('../contacts/contact-repository.js');
    const { contact } = await findOrCreateContact(t.handle.db, { email: 'mover@example.com', name: 'Mover', phone: null, locale: 'uk', now: t.clock.now() });
    const visit = await bookAsStaff(t.deps, { specialistId: savchuk.id, startsAt: new Date('2026-12-10T11:00:00+02:00'), contactId: contact.id }, { type: 'staff', id: null }, 'staff', t.clock.now());

    t.clock.advanceMinutes(61); // the hold has run out; the sweeper has not marked it yet
    const moved = await reschedule(t.deps, { appointmentId: visit.id, startsAt: new Date('2026-12-10T09:00:00+02:00'), actor: { type: 'client', id: contact.id }, now: t.clock.now() });
    expect(moved.startsAt.toISOString()).toBe('2026-12-10T07:00:00.000Z');
    const released = (await t.app.inject({ url: `/api/admin/bookings/${hold.id}`, headers: { cookie: await t.staffCookie('admin') } })).json();
    expect(released.status).toBe('expired');
    t.clock.set(MONDAY_8AM);
    admin = await t.staffCookie('admin');
  });

  it('walks a booking through its life: confirmed, approved by the clinic, then completed', async () => {
    const bondar = await aSpecialist(t.handle.db, { name: 'Dr. Bondar' });
    const made = (await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: bondar.id, startsAt: '2026-12-08T15:00:00+02:00', ...aVisitor() } })).json();

    // Staff cannot approve before the client confirmed from the e-mail.
    const early = await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${made.id}/approve`, headers: { cookie: admin } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('invalid_transition');

    // The e-mail confirmation is its own feature; here the service confirms as the client would.
    const { changeStatus } = await import('./booking-service.js');
    await changeStatus(t.deps, { appointmentId: made.id, action: 'confirm', actor: { type: 'client', id: null }, now: t.clock.now() });

    const approved = await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${made.id}/approve`, headers: { cookie: admin } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'booked', holdExpiresAt: null });

    const tooSoon = await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${made.id}/complete`, headers: { cookie: admin } });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().error.code).toBe('not_yet_started');

    t.clock.set('2026-12-08T15:40:00+02:00');
    admin = await t.staffCookie('admin');
    const done = await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${made.id}/complete`, headers: { cookie: admin } });
    expect(done.json().status).toBe('completed');

    const contact = (await t.app.inject({ url: `/api/admin/contacts/${made.contact?.id ?? done.json().contact.id}`, headers: { cookie: admin } })).json();
    expect(contact.lifecycle).toBe('client');
    const kinds = (await t.app.inject({ url: `/api/admin/contacts/${contact.id}/timeline?kind=booking`, headers: { cookie: admin } })).json().items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['booking.completed', 'booking.approved', 'booking.confirmed', 'booking.created']);
    t.clock.set(MONDAY_8AM);
    admin = await t.staffCookie('admin');
  });

  it('lets staff book a walk-in outside working hours and a past visit, but never on top of another appointment', async () => {
    const savchenko = await aSpecialist(t.handle.db, { name: 'Dr. Savchenko' });
    const walkIn = await t.app.inject({
      method: 'POST',
      url: '/api/admin/bookings',
      headers: { cookie: admin },
      payload: { specialistId: savchenko.id, startsAt: '2026-12-07T19:10:00+02:00', name: 'Ivan Shevchenko', email: 'ivan@example.com', durationMinutes: 25 },
    });
    expect(walkIn.statusCode).toBe(201);
    expect(walkIn.json()).toMatchObject({ status: 'booked', source: 'staff', endsAt: '2026-12-07T19:35:00+02:00' });

    const past = await t.app.inject({
      method: 'POST',
      url: '/api/admin/bookings',
      headers: { cookie: admin },
      payload: { specialistId: savchenko.id, startsAt: '2026-12-01T10:00:00+02:00', contactId: walkIn.json().contact.id },
    });
    expect(past.statusCode).toBe(201);

    const overlapping = await t.app.inject({
      method: 'POST',
      url: '/api/admin/bookings',
      headers: { cookie: admin },
      payload: { specialistId: savchenko.id, startsAt: '2026-12-07T19:30:00+02:00', contactId: walkIn.json().contact.id },
    });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().error.code).toBe('slot_taken');

    // Moving onto the walk-in is refused by the database too; moving elsewhere works, even for staff outside hours.
    const moveClash = await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${past.json().id}/reschedule`, headers: { cookie: admin }, payload: { startsAt: '2026-12-07T19:20:00+02:00' } });
    expect(moveClash.statusCode).toBe(409);
    const moved = await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${past.json().id}/reschedule`, headers: { cookie: admin }, payload: { startsAt: '2026-12-07T07:00:00+02:00' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: '2026-12-07T07:00:00+02:00', endsAt: '2026-12-07T07:30:00+02:00', status: 'booked' });

    // A cancelled appointment frees its time.
    await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${walkIn.json().id}/cancel`, headers: { cookie: admin }, payload: { reason: 'Called to cancel' } });
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/admin/bookings',
      headers: { cookie: admin },
      payload: { specialistId: savchenko.id, startsAt: '2026-12-07T19:30:00+02:00', contactId: walkIn.json().contact.id },
    });
    expect(retry.statusCode).toBe(201);
  });

  it('filters and pages the appointment list', async () => {
    const hrytsenko = await aSpecialist(t.handle.db, { name: 'Dr. Hrytsenko' });
    for (const hour of ['09', '10', '11', '12', '14']) {
      const r = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: hrytsenko.id, startsAt: `2026-12-10T${hour}:00:00+02:00`, ...aVisitor({ name: `Patient ${hour}` }) } });
      expect(r.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/admin/bookings?specialistId=${hrytsenko.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ url, headers: { cookie: admin } })).json();
      seen.push(...page.items.map((b: { startsAt: string }) => b.startsAt.slice(11, 16)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['09:00', '10:00', '11:00', '12:00', '14:00']);

    const search = (await t.app.inject({ url: `/api/admin/bookings?q=patient%2011&specialistId=${hrytsenko.id}`, headers: { cookie: admin } })).json();
    expect(search.items.map((b: { contact: { name: string } }) => b.contact.name)).toEqual(['Patient 11']);
    const byDay = (await t.app.inject({ url: `/api/admin/bookings?from=2026-12-10&to=2026-12-10&status=unconfirmed&specialistId=${hrytsenko.id}`, headers: { cookie: admin } })).json();
    expect(byDay.items).toHaveLength(5);
    const none = (await t.app.inject({ url: `/api/admin/bookings?status=booked&specialistId=${hrytsenko.id}`, headers: { cookie: admin } })).json();
    expect(none).toEqual({ items: [], nextCursor: null });

    // Several statuses at once ("needs action") interleave in time and page as one list.
    const byTime = (await t.app.inject({ url: `/api/admin/bookings?specialistId=${hrytsenko.id}`, headers: { cookie: admin } })).json();
    for (const item of byTime.items.filter((b: { startsAt: string }) => ['10:00', '12:00'].includes(b.startsAt.slice(11, 16)))) {
      const cancelled = await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${item.id}/cancel`, headers: { cookie: admin }, payload: { reason: 'Asked by phone' } });
      expect(cancelled.statusCode).toBe(200);
    }
    const mixed: string[] = [];
    cursor = null;
    do {
      const url: string = `/api/admin/bookings?specialistId=${hrytsenko.id}&status=cancelled,unconfirmed,booked&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ url, headers: { cookie: admin } })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      mixed.push(...page.items.map((b: { startsAt: string; status: string }) => `${b.startsAt.slice(11, 16)} ${b.status}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(mixed).toEqual(['09:00 unconfirmed', '10:00 cancelled', '11:00 unconfirmed', '12:00 cancelled', '14:00 unconfirmed']);
    const onlyCancelled = (await t.app.inject({ url: `/api/admin/bookings?specialistId=${hrytsenko.id}&status=cancelled,booked&q=patient`, headers: { cookie: admin } })).json();
    expect(onlyCancelled.items.map((b: { contact: { name: string } }) => b.contact.name)).toEqual(['Patient 10', 'Patient 12']);
  });
});
