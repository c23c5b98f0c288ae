import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClientSession } from '../accounts/sessions.js';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { cookieFrom, startTestApp, type TestApp } from '../test/test-app.js';

// Monday 7 December 2026, 08:00 Kyiv.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

describe('the client portal', () => {
  let t: TestApp;
  let manager: string;
  let specialistId: string;

  /** The newest e-mail of one kind to an address, as kept in the outbox. */
  const lastEmailTo = async (address: string, templateKey: string): Promise<{ template_key: string; text: string; subject: string }> =>
    t.handle.db
      .selectFrom('outbound_messages')
      .select(['template_key', 'text', 'subject'])
      .where('to_address', '=', address)
      .where('template_key', '=', templateKey)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
  const templatesTo = async (address: string): Promise<string[]> =>
    (await t.handle.db.selectFrom('outbound_messages').select('template_key').where('to_address', '=', address).execute()).map((row) => row.template_key);
  const linkIn = (text: string, path: string): string => {
    const match = new RegExp(`http://clinic\\.test(${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_%-]+)`).exec(text);
    if (!match) throw new Error(`no ${path} link in ${text}`);
    return match[1]!;
  };

  /** A visitor books and confirms from the e-mail; returns the appointment id and their session cookie. */
  const aClient = async (email: string, startsAt: string): Promise<{ id: string; cookie: string }> => {
    const booked = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId, startsAt, ...aVisitor({ email, locale: 'en' }) } });
    expect(booked.statusCode).toBe(201);
    const confirmed = await t.app.inject({ url: linkIn((await lastEmailTo(email, 'booking_confirm_request')).text, '/booking/confirm') });
    expect(confirmed.statusCode).toBe(303);
    return { id: booked.json().id, cookie: cookieFrom(confirmed) };
  };

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    manager = await t.staffCookie('manager');
    specialistId = (await aSpecialist(t.handle.db, { name: 'Dr. Koval' })).id;
  });
  afterAll(() => t.close());

  it('signs a client in with a magic link, and tells strangers nothing', async () => {
    const { cookie: _first } = await aClient('maria@example.com', '2026-12-09T10:00:00+02:00');
    for (const email of ['nobody@example.com', 'not an address', 'MARIA@example.com']) {
      const answer = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email } });
      expect(answer.statusCode).toBe(202);
      expect(answer.json()).toEqual({ status: 'sent_if_known' });
    }
    expect(await t.handle.db.selectFrom('outbound_messages').select('id').where('to_address', '=', 'nobody@example.com').execute()).toEqual([]);
    const mail = await lastEmailTo('maria@example.com', 'magic_link');
    const link = linkIn(mail.text, '/api/auth/magic-link/verify');

    // The link opens a page with one button; pressing it (a form POST) signs in.
    const opened = await t.app.inject({ url: link });
    expect(opened.statusCode).toBe(200);
    expect(opened.cookies).toEqual([]);
    const token = new URL(link, 'http://clinic.test').searchParams.get('token')!;
    expect(opened.body).toContain(`<input type="hidden" name="token" value="${token}">`);
    const signedIn = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('http://clinic.test/portal');
    const me = await t.app.inject({ url: '/api/me', headers: { cookie: cookieFrom(signedIn) } });
    expect(me.json()).toMatchObject({ email: 'maria@example.com', lifecycle: 'client', locale: 'en' });

    const reused = await t.app.inject({ url: link });
    expect(reused.statusCode).toBe(410);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token } })).statusCode).toBe(410);
    expect(reused.headers['content-type']).toMatch(/text\/html/);

    t.clock.advanceMinutes(1);
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'maria@example.com' } });
    const late = linkIn((await lastEmailTo('maria@example.com', 'magic_link')).text, '/api/auth/magic-link/verify');
    expect(late).not.toBe(link);
    t.clock.advanceMinutes(16);
    expect((await t.app.inject({ url: late })).statusCode).toBe(410);
    expect((await t.app.inject({ url: late.replace(/token=(.)/, (_match, first: string) => `token=${first === 'x' ? 'y' : 'x'}`) })).statusCode).toBe(404);
    t.clock.set(MONDAY_8AM);
  });

  it('lets a client see, move and cancel their own appointments within the 5-hour rule, and tells the clinic', async () => {
    const { id, cookie } = await aClient('petro@example.com', '2026-12-08T10:00:00+02:00');
    const list = (await t.app.inject({ url: '/api/me/bookings', headers: { cookie } })).json();
    expect(list.upcoming).toHaveLength(1);
    expect(list.upcoming[0]).toMatchObject({ id, status: 'confirmed', canChange: true, changeableUntil: '2026-12-08T05:00:00+02:00', specialist: { name: 'Dr. Koval' } });

    const moved = await t.app.inject({ method: 'POST', url: `/api/me/bookings/${id}/reschedule`, headers: { cookie }, payload: { startsAt: '2026-12-08T14:00:00+02:00' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: '2026-12-08T14:00:00+02:00', status: 'confirmed' });
    const staffMail = await t.handle.db.selectFrom('outbound_messages').select(['to_address', 'subject']).where('template_key', '=', 'client_changed_booking').execute();
    expect(staffMail.map((m) => m.to_address)).toContain('manager1@clinic.test');
    expect(await templatesTo('petro@example.com')).toContain('booking_rescheduled');

    const offGrid = await t.app.inject({ method: 'POST', url: `/api/me/bookings/${id}/reschedule`, headers: { cookie }, payload: { startsAt: '2026-12-08T14:10:00+02:00' } });
    expect(offGrid.statusCode).toBe(400);
    expect(offGrid.json().error.fields).toHaveProperty('startsAt');

    // Four hours before: too late online; call the clinic.
    t.clock.set('2026-12-08T10:00:00+02:00');
    const tooLate = await t.app.inject({ method: 'POST', url: `/api/me/bookings/${id}/cancel`, headers: { cookie } });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().error.code).toBe('too_late');
    expect(tooLate.json().error.message).toMatch(/call the clinic/i);
    const lateMove = await t.app.inject({ method: 'POST', url: `/api/me/bookings/${id}/reschedule`, headers: { cookie }, payload: { startsAt: '2026-12-09T15:00:00+02:00' } });
    expect(lateMove.json().error.code).toBe('too_late');

    t.clock.set('2026-12-08T08:59:00+02:00');
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/me/bookings/${id}/cancel`, headers: { cookie } });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect(await templatesTo('petro@example.com')).toContain('booking_cancelled');
    t.clock.set(MONDAY_8AM);
  });

  it('never lets client B see or change client A’s appointment by its id', async () => {
    const a = await aClient('anna@example.com', '2026-12-10T10:00:00+02:00');
    const b = await aClient('bohdan@example.com', '2026-12-10T11:00:00+02:00');
    const bList = (await t.app.inject({ url: '/api/me/bookings', headers: { cookie: b.cookie } })).json();
    expect(bList.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    for (const [method, url, payload] of [
      ['POST', `/api/me/bookings/${a.id}/cancel`, undefined],
      ['POST', `/api/me/bookings/${a.id}/reschedule`, { startsAt: '2026-12-10T14:00:00+02:00' }],
    ] as const) {
      const answer = await t.app.inject({ method, url, headers: { cookie: b.cookie }, ...(payload ? { payload } : {}) });
      expect(answer.statusCode).toBe(404);
    }
    const aStill = (await t.app.inject({ url: `/api/admin/bookings/${a.id}`, headers: { cookie: manager } })).json();
    expect(aStill).toMatchObject({ status: 'confirmed', startsAt: '2026-12-10T10:00:00+02:00' });
    // Staff sessions are not client sessions, and the other way round.
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: manager } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/admin/bookings', headers: { cookie: a.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/me' })).statusCode).toBe(401);
  });

  it('changes the profile, and the e-mail address only once the new one is confirmed', async () => {
    const { cookie } = await aClient('oksana@example.com', '2026-12-11T10:00:00+02:00');
    const patched = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie }, payload: { name: 'Oksana Melnyk', phone: '+380 50 111 2233', locale: 'uk' } });
    expect(patched.json()).toMatchObject({ name: 'Oksana Melnyk', phone: '+380 50 111 2233', locale: 'uk' });
    expect((await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie }, payload: { email: 'x@example.com' } })).statusCode).toBe(400);

    // Another client's address gets the same answer and no e-mail: no one learns who is a patient.
    expect((await t.app.inject({ method: 'POST', url: '/api/me/email', headers: { cookie }, payload: { email: 'maria@example.com' } })).statusCode).toBe(202);
    expect(await t.handle.db.selectFrom('outbound_messages').select('id').where('template_key', '=', 'email_change_confirm').where('to_address', '=', 'maria@example.com').execute()).toEqual([]);
    const asked = await t.app.inject({ method: 'POST', url: '/api/me/email', headers: { cookie }, payload: { email: 'oksana.new@example.com' } });
    expect(asked.statusCode).toBe(202);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).json().email).toBe('oksana@example.com');
    const link = linkIn((await lastEmailTo('oksana.new@example.com', 'email_change_confirm')).text, '/api/me/email/confirm');
    const confirmed = await t.app.inject({ url: link });
    expect(confirmed.headers.location).toBe('http://clinic.test/portal/profile?email=changed');
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).json().email).toBe('oksana.new@example.com');
    expect((await t.app.inject({ url: link })).headers.location).toBe('http://clinic.test/portal/profile?email=used');
  });

  it('gives the client all their data, and erases it everywhere on request while keeping anonymous statistics', async () => {
    const { id, cookie } = await aClient('yurii@example.com', '2026-12-14T10:00:00+02:00');
    await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie }, payload: { body: 'My allergy: penicillin' } });
    const exported = await t.app.inject({ url: '/api/me/export', headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment/);
    const data = exported.json();
    expect(data.contact.email).toBe('yurii@example.com');
    expect(data.appointments.map((a: { id: string }) => a.id)).toContain(id);
    expect(data.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['booking.created', 'booking.confirmed']));
    expect(data.emails.length).toBeGreaterThanOrEqual(2);
    expect(data.messages.map((m: { text: string }) => m.text)).toContain('My allergy: penicillin');

    const asked = await t.app.inject({ method: 'POST', url: '/api/me/erasure-request', headers: { cookie }, payload: { reason: 'Moving abroad' } });
    expect(asked.statusCode).toBe(202);
    const again = await t.app.inject({ method: 'POST', url: '/api/me/erasure-request', headers: { cookie }, payload: {} });
    expect(again.json().id).toBe(asked.json().id);

    const pending = (await t.app.inject({ url: '/api/admin/erasure-requests?status=pending', headers: { cookie: manager } })).json();
    expect(pending.items.map((r: { id: string }) => r.id)).toContain(asked.json().id);
    const done = await t.app.inject({ method: 'POST', url: `/api/admin/erasure-requests/${asked.json().id}/complete`, headers: { cookie: manager }, payload: { note: 'Done as asked' } });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('completed');
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/erasure-requests/${asked.json().id}/complete`, headers: { cookie: manager }, payload: {} })).statusCode).toBe(409);

    const booking = (await t.app.inject({ url: `/api/admin/bookings/${id}`, headers: { cookie: manager } })).json();
    expect(booking).toMatchObject({ status: 'confirmed', startsAt: '2026-12-14T10:00:00+02:00', notes: '' });
    expect(booking.contact).toMatchObject({ name: 'Erased contact', phone: null });
    expect(booking.contact.email).toMatch(/@erased\.invalid$/);
    const everything = JSON.stringify(await t.handle.db.selectFrom('outbound_messages').selectAll().where('contact_id', '=', booking.contact.id).execute())
      + JSON.stringify(await t.handle.db.selectFrom('timeline_events').select('data').where('contact_id', '=', booking.contact.id).execute())
      + JSON.stringify(await t.handle.db.selectFrom('messages').select('body').where('contact_id', '=', booking.contact.id).execute());
    expect(everything).not.toMatch(/yurii|Olena|penicillin|Back pain|Moving abroad/i);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('limits failed staff sign-ins per account, with Retry-After', async () => {
    await t.staffCookie('admin', 'boss@clinic.test');
    for (let i = 0; i < 10; i += 1) {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'boss@clinic.test', password: `wrong ${i}` }, remoteAddress: `10.0.0.${i + 1}` });
      expect(wrong.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'boss@clinic.test', password: 'correct horse battery' }, remoteAddress: '10.0.1.1' });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advanceMinutes(16);
    const later = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'boss@clinic.test', password: 'correct horse battery' }, remoteAddress: '10.0.1.2' });
    expect(later.statusCode).toBe(200);
    t.clock.set(MONDAY_8AM);
  });

  it('lets staff see and end their sessions, and admins manage staff accounts', async () => {
    const admin = await t.staffCookie('admin', 'owner@clinic.test');
    const second = cookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'owner@clinic.test', password: 'correct horse battery' } }));
    const sessions = (await t.app.inject({ url: '/api/auth/sessions', headers: { cookie: admin } })).json().items;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${other.id}`, headers: { cookie: admin } })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: admin } })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: admin } })).statusCode).toBe(401);

    const boss = await t.staffCookie('admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/admin/staff', headers: { cookie: boss }, payload: { email: 'reception@clinic.test', name: 'Reception', role: 'manager', password: 'a long enough password' } });
    expect(created.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/staff', headers: { cookie: manager }, payload: { email: 'x@clinic.test', name: 'X', role: 'admin', password: 'a long enough password' } })).statusCode).toBe(403);
    const off = await t.app.inject({ method: 'PATCH', url: `/api/admin/staff/${created.json().id}`, headers: { cookie: boss }, payload: { active: false } });
    expect(off.json().active).toBe(false);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'reception@clinic.test', password: 'a long enough password' } })).statusCode).toBe(401);
  });

  it('refuses a state-changing request from a foreign site', async () => {
    const session = await startClientSession(t.handle.db, { contactId: (await t.handle.db.selectFrom('contacts').select('id').executeTakeFirstOrThrow()).id, ip: null, userAgent: null, now: t.clock.now() });
    const answer = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: `cf_session=${session}`, origin: 'https://evil.example' }, payload: { name: 'Hacked' } });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error.code).toBe('csrf_rejected');
    const same = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: `cf_session=${session}`, origin: 'http://clinic.test' }, payload: { locale: 'en' } });
    expect(same.statusCode).toBe(200);
  });
});
