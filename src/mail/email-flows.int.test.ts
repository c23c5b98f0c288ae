import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueReminders } from './reminder-sweep.js';
import { createSmtpTransport } from './smtp-transport.js';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { cookieFrom, startTestApp, type TestApp } from '../test/test-app.js';
import { startSmtpSink, type SmtpSink } from '../test/smtp-sink.js';

// Monday 7 December 2026, 08:00 in Kyiv. Dr. Koval works weekdays 09:00–13:00 and 14:00–18:00.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

const linkIn = (mail: ParsedMail, path: string): string => {
  const match = new RegExp(`http://clinic\\.test${path}\\?token=[A-Za-z0-9_%-]+`).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[0].replace('http://clinic.test', '');
};
const inviteOf = (mail: ParsedMail): string => {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar') || a.contentType === 'application/ics');
  if (!part) throw new Error(`no invite in "${mail.subject}"`);
  return part.content.toString('utf8');
};

describe('the clinic’s e-mails over real SMTP', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let manager: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ now: MONDAY_8AM, transport: createSmtpTransport({ url: `smtp://127.0.0.1:${(await Promise.resolve(sink)).port}`, dkim: null }) });
    await t.startWorker();
    const admin = await t.staffCookie('admin');
    const clinic = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/clinic',
      headers: { cookie: admin },
      payload: { name: 'Zdorovia Clinic', address: '72 Velyka Vasylkivska St, Kyiv', phone: '+380 44 235 47 90', email: 'info@clinic.test' },
    });
    expect(clinic.statusCode).toBe(200);
    manager = await t.staffCookie('manager');
  });

  /** Waits for the `count`-th e-mail to one address and returns it. */
  const mailTo = async (address: string, count: number): Promise<ParsedMail> => {
    const deadline = Date.now() + 15_000;
    while (sink.to(address).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} e-mails to ${address}, got ${sink.to(address).map((m) => m.subject).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return sink.to(address)[count - 1]!;
  };
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  /** Time passes to `now` and the worker's reminder sweep runs. */
  const reminders = (now: string) => {
    t.clock.set(now);
    return sendDueReminders(
      t.deps.db,
      { queue: t.system.queue, events: t.deps.events, outbox: t.deps.outbox },
      { offsetsMinutes: [24 * 60, 120], publicUrl: t.config.publicUrl, timezone: 'Europe/Kyiv', cutoffHours: 5 },
      t.clock.now(),
    );
  };

  it('a visitor books, confirms from the e-mail without JavaScript, and is thanked; the clinic confirms with an invite; reminders come once each', async () => {
    const koval = await aSpecialist(t.handle.db, { name: 'Dr. Koval', specialty: 'Cardiologist' });
    const email = 'olena.koval@example.com';
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { specialistId: koval.id, startsAt: '2026-12-08T10:00:00+02:00', ...aVisitor({ email, name: 'Olena <b>Petrenko</b>', locale: 'en' }) },
    });
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id;

    const confirmMail = await mailTo(email, 1);
    expect(confirmMail.subject).toBe('Please confirm your appointment on 8 December 2026 at 10:00');
    expect(confirmMail.messageId).toMatch(/@clinic\.test>$/);
    expect(confirmMail.from?.text).toContain('no-reply@clinic.test');
    expect(confirmMail.html).toContain('Olena &lt;b&gt;Petrenko&lt;/b&gt;');
    expect(confirmMail.text).toContain('Olena <b>Petrenko</b>');
    const confirmLink = linkIn(confirmMail, '/booking/confirm');

    const opened = await t.app.inject({ url: confirmLink });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`http://clinic.test/booking/confirmed?id=${id}`);
    const client = cookieFrom(opened);
    const cookie = opened.cookies.find((c) => c.name === 'cf_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const landing = await t.app.inject({ url: `/booking/confirmed?id=${id}`, headers: { cookie: client } });
    expect(landing.statusCode).toBe(200);
    expect(landing.body).toContain('Dr. Koval');

    const appointment = (await t.app.inject({ url: `/api/admin/bookings/${id}`, headers: { cookie: manager } })).json();
    expect(appointment.status).toBe('confirmed');
    const contact = (await t.app.inject({ url: `/api/admin/contacts/${appointment.contact.id}`, headers: { cookie: manager } })).json();
    expect(contact.lifecycle).toBe('client');

    const thanks = await mailTo(email, 2);
    expect(thanks.subject).toMatch(/thank/i);
    expect(thanks.text).toContain('5 hours');

    // Opening the link again is harmless: a page, no new session, no change.
    const again = await t.app.inject({ url: confirmLink });
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toMatch(/text\/html/);
    expect(again.cookies.find((c) => c.name === 'cf_session')).toBeUndefined();

    // The clinic confirms it with the specialist: the client gets the invite.
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${id}/approve`, headers: { cookie: manager } })).statusCode).toBe(200);
    const approvedMail = await mailTo(email, 3);
    expect(approvedMail.subject).toMatch(/confirmed/i);
    const invite = inviteOf(approvedMail);
    expect(invite).toContain('METHOD:REQUEST');
    expect(invite).toContain(`UID:appointment-${id}@clinic.test`);
    expect(invite).toContain('DTSTART:20261208T080000Z');
    const firstSequence = Number(/SEQUENCE:(\d+)/.exec(invite)![1]);

    // Reminders: the day before and two hours before, each once.
    expect(await reminders('2026-12-07T09:59:00+02:00')).toBe(0);
    expect(await reminders('2026-12-07T10:00:00+02:00')).toBe(1);
    expect(await reminders('2026-12-07T10:00:30+02:00')).toBe(0);
    const dayBefore = await mailTo(email, 4);
    expect(dayBefore.subject).toMatch(/remind/i);
    expect(dayBefore.text).toContain('tomorrow');

    // That afternoon the manager moves it to 11:00: the client is told, with the same UID and a higher SEQUENCE.
    t.clock.set('2026-12-07T15:00:00+02:00');
    const staff = await t.staffCookie('manager');
    const moved = await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${id}/reschedule`, headers: { cookie: staff }, payload: { startsAt: '2026-12-08T11:00:00+02:00' } });
    expect(moved.statusCode).toBe(200);
    const movedMail = await mailTo(email, 5);
    expect(movedMail.text).toContain('10:00');
    expect(movedMail.text).toContain('11:00');
    const movedInvite = inviteOf(movedMail);
    expect(movedInvite).toContain(`UID:appointment-${id}@clinic.test`);
    expect(movedInvite).toContain('DTSTART:20261208T090000Z');
    expect(Number(/SEQUENCE:(\d+)/.exec(movedInvite)![1])).toBeGreaterThan(firstSequence);

    // No second day-before reminder (its moment for the new time came before the move);
    // the 2-hour reminder follows the new time: not at 08:00, at 09:00.
    expect(await reminders('2026-12-07T16:00:00+02:00')).toBe(0);
    expect(await reminders('2026-12-08T08:00:00+02:00')).toBe(0);
    expect(await reminders('2026-12-08T09:00:00+02:00')).toBe(1);
    expect(await reminders('2026-12-08T09:30:00+02:00')).toBe(0);
    expect((await mailTo(email, 6)).text).toMatch(/today/);

    // Every e-mail is on the client's timeline.
    t.clock.set(MONDAY_8AM);
    manager = await t.staffCookie('manager');
    const timeline = (await t.app.inject({ url: `/api/admin/contacts/${appointment.contact.id}/timeline?kind=email`, headers: { cookie: manager } })).json();
    expect(timeline.items.filter((e: { kind: string }) => e.kind === 'email.sent')).toHaveLength(6);
    const outbox = (await t.app.inject({ url: `/api/admin/outbox?contactId=${appointment.contact.id}`, headers: { cookie: manager } })).json();
    expect(outbox.items).toHaveLength(6);
    expect(outbox.items.every((m: { status: string; transport: string; attempts: number }) => m.status === 'sent' && m.transport === 'smtp' && m.attempts === 1)).toBe(true);
  });

  it('a cancellation sends the cancelling invite, and a cancelled appointment is never reminded', async () => {
    const hrytsenko = await aSpecialist(t.handle.db, { name: 'Dr. Hrytsenko' });
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/admin/bookings',
      headers: { cookie: manager },
      payload: { specialistId: hrytsenko.id, startsAt: '2026-12-09T12:00:00+02:00', name: 'Taras Bondar', email: 'taras@example.com', locale: 'uk' },
    });
    expect(made.statusCode).toBe(201);
    const bookedMail = await mailTo('taras@example.com', 1);
    expect(inviteOf(bookedMail)).toContain('METHOD:REQUEST');
    expect(bookedMail.subject).toMatch(/9 грудня 2026/);

    await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${made.json().id}/cancel`, headers: { cookie: manager }, payload: { reason: 'Doctor ill' } });
    const cancelMail = await mailTo('taras@example.com', 2);
    const invite = inviteOf(cancelMail);
    expect(invite).toContain('METHOD:CANCEL');
    expect(invite).toContain('STATUS:CANCELLED');
    expect(await reminders('2026-12-08T12:00:00+02:00')).toBe(0);
    t.clock.set(MONDAY_8AM);
  });

  it('a missed visit brings three one-click offers; one books, the others are then used up, and a time that went meanwhile is said plainly', async () => {
    const savchenko = await aSpecialist(t.handle.db, { name: 'Dr. Savchenko', consultationMinutes: 60, minNoticeMinutes: 60 });
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/admin/bookings',
      headers: { cookie: manager },
      payload: { specialistId: savchenko.id, startsAt: '2026-12-07T09:00:00+02:00', name: 'Iryna Shevchenko', email: 'iryna@example.com', locale: 'en' },
    });
    expect(made.statusCode).toBe(201);
    await mailTo('iryna@example.com', 1);
    t.clock.set('2026-12-07T09:30:00+02:00');
    const staff = await t.staffCookie('manager');
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${made.json().id}/no-show`, headers: { cookie: staff } })).statusCode).toBe(200);

    const offer = await mailTo('iryna@example.com', 2);
    const links = [...(offer.text ?? '').matchAll(/http:\/\/clinic\.test(\/booking\/rebook\?token=[A-Za-z0-9_%-]+)/g)].map((m) => m[1]!);
    expect(links).toHaveLength(3);
    // The earliest free hours after the one-hour notice: 11:00, 12:00, 14:00 on Monday.
    expect(offer.text).toMatch(/11:00[\s\S]*12:00[\s\S]*14:00/);
    expect(offer.text).toContain('+380');

    // Someone else takes 11:00 meanwhile.
    const other = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: savchenko.id, startsAt: '2026-12-07T11:00:00+02:00', ...aVisitor() } });
    expect(other.statusCode).toBe(201);
    const gone = await t.app.inject({ url: links[0]! });
    expect(gone.statusCode).toBe(409);
    expect(gone.body).toMatch(/12:00/);

    const took = await t.app.inject({ url: links[1]! });
    expect(took.statusCode).toBe(201);
    expect(took.body).toContain('12:00');
    expect(took.cookies.find((c) => c.name === 'cf_session')).toBeDefined();
    const list = (await t.app.inject({ url: `/api/admin/bookings?specialistId=${savchenko.id}&status=confirmed`, headers: { cookie: staff } })).json();
    expect(list.items.map((b: { startsAt: string }) => b.startsAt)).toEqual(['2026-12-07T12:00:00+02:00']);
    expect((await mailTo('iryna@example.com', 3)).subject).toMatch(/thank/i);

    const used = await t.app.inject({ url: links[2]! });
    expect(used.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/admin/bookings?specialistId=${savchenko.id}&from=2026-12-07&to=2026-12-07&status=confirmed`, headers: { cookie: staff } })).json().items).toHaveLength(1);
    t.clock.set(MONDAY_8AM);
  });
});
