import { sql } from 'kysely';
import type { AddressObject, ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireOverdueHolds } from '../scheduling/booking-service.js';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { startSmtpSink, type SmtpSink } from '../test/smtp-sink.js';
import { cookieFrom, startTestApp, type TestApp } from '../test/test-app.js';
import { createSmtpTransport } from './smtp-transport.js';

// Monday 7 December 2026, 08:00 in Kyiv. Specialists work weekdays 09:00–13:00 and 14:00–18:00.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

/** An e-mail as GET /api/admin/outbox shows it. */
interface OutboxEmail {
  id: string;
  templateKey: string;
  to: string;
  subject: string;
  messageId: string;
  status: 'queued' | 'sent' | 'failed';
  transport: 'smtp' | 'mailbox' | null;
  attempts: number;
  lastError: string | null;
}

/** Asks `check` again every 100 ms until it gives something, for up to 15 seconds. */
async function until<T>(what: string, check: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The rows pg-boss keeps for delivering one e-mail. */
async function deliveryJobsOf(t: TestApp, emailId: string): Promise<Array<{ state: string; retry_count: number; retry_backoff: boolean }>> {
  const { rows } = await sql<{ state: string; retry_count: number; retry_backoff: boolean }>`
    SELECT state, retry_count, retry_backoff FROM ${sql.table(`${t.handle.queueSchema}.job`)}
    WHERE name = 'send-email' AND data ->> 'emailId' = ${emailId}`.execute(t.handle.db);
  return rows;
}

/** The one delivery job of an e-mail, once the queue is done with it (it completes just after the outbox row is written). */
const settledJobOf = (t: TestApp, emailId: string) =>
  until(`the delivery job of ${emailId} to complete`, async () => {
    const jobs = await deliveryJobsOf(t, emailId);
    return jobs.length === 1 && jobs[0]!.state === 'completed' ? jobs[0] : null;
  });

/** What a visitor books on the site, and what the outbox holds for one appointment (newest first). */
function helpers(t: TestApp, staff: () => string) {
  const book = async (specialistId: string, startsAt: string, visitor: Record<string, unknown>): Promise<string> => {
    const response = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId, startsAt, ...aVisitor({ locale: 'en', ...visitor }) } });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  };
  const emailsOf = async (appointmentId: string): Promise<OutboxEmail[]> => {
    const response = await t.app.inject({ url: `/api/admin/outbox?appointmentId=${appointmentId}`, headers: { cookie: staff() } });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };
  const emailOf = (appointmentId: string, templateKey: string, status: OutboxEmail['status']): Promise<OutboxEmail> =>
    until(`${templateKey} to be ${status}`, async () => {
      const found = (await emailsOf(appointmentId)).find((e) => e.templateKey === templateKey);
      return found?.status === status ? found : null;
    });
  return { book, emailsOf, emailOf };
}

describe('the clinic’s e-mails when the mail server misbehaves', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let admin: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ now: MONDAY_8AM, transport: createSmtpTransport({ url: sink.url, dkim: null }) });
    await t.startWorker();
    admin = await t.staffCookie('admin');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const mailTo = (address: string, count: number): Promise<ParsedMail> =>
    until(`e-mail #${count} to ${address}`, async () => sink.to(address)[count - 1]);

  it('a mail server that says "try again later" delays the confirmation e-mail, which then arrives exactly once with the Message-ID the outbox shows', async () => {
    const { book, emailsOf, emailOf } = helpers(t, () => admin);
    const koval = await aSpecialist(t.handle.db, { name: 'Dr. Koval' });
    const email = 'olena.retry@example.com';
    sink.behaviour = 'temporary-failure';
    const id = await book(koval.id, '2026-12-08T10:00:00+02:00', { email });

    // The queue tries, fails (421), waits and tries again; the outbox says why it is still queued.
    const waiting = await until('a second failed attempt', async () => {
      const [confirm] = await emailsOf(id);
      return confirm && confirm.attempts >= 2 ? confirm : null;
    });
    expect(waiting).toMatchObject({ templateKey: 'booking_confirm_request', status: 'queued' });
    expect(waiting.lastError).toMatch(/Try again later/);
    expect(sink.to(email)).toHaveLength(0);

    sink.behaviour = 'accept';
    const mail = await mailTo(email, 1);
    const sent = await emailOf(id, 'booking_confirm_request', 'sent');
    expect(sent).toMatchObject({ transport: 'smtp', lastError: null });
    expect(sent.attempts).toBeGreaterThan(2);
    expect(mail.messageId).toBe(sent.messageId);
    expect(mail.subject).toBe(sent.subject);

    // The client's link acts as them; the staff's copy shows it with the token hidden.
    const token = /\/booking\/confirm\?token=([A-Za-z0-9_%-]+)/.exec(mail.text ?? '')![1]!;
    const copy = (await t.app.inject({ url: `/api/admin/outbox/${sent.id}`, headers: { cookie: admin } })).json();
    expect(copy.text).toContain('/booking/confirm?token=hidden');
    expect(`${copy.text}${copy.html}`).not.toContain(token);

    // One delivery job, retried with backoff after each failed attempt, then done. (A run the
    // queue took for lost under load may add a retry that finds the e-mail sent and sends nothing.)
    const job = await settledJobOf(t, sent.id);
    expect(job.retry_backoff).toBe(true);
    expect(job.retry_count).toBeGreaterThanOrEqual(sent.attempts - 1);
    // A retry poll later, still one copy in the patient's mailbox.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sink.to(email)).toHaveLength(1);
  });

  it('an address that does not exist fails with the server’s words and marks the contact bouncing; the next e-mail is not even tried; staff send it again once the address works', async () => {
    const { book, emailsOf, emailOf } = helpers(t, () => admin);
    const hrytsenko = await aSpecialist(t.handle.db, { name: 'Dr. Hrytsenko' });
    const email = 'taras.typo@example.com';
    sink.rejectRecipients.add(email);
    const first = await book(hrytsenko.id, '2026-12-08T11:00:00+02:00', { email, name: 'Taras Bondar' });

    const failed = await emailOf(first, 'booking_confirm_request', 'failed');
    expect(failed).toMatchObject({ transport: 'smtp', attempts: 1 });
    expect(failed.lastError).toContain('5.1.1 No such mailbox here');
    await settledJobOf(t, failed.id); // a 5xx is final: no retry is waiting

    const contactId = (await t.app.inject({ url: `/api/admin/bookings/${first}`, headers: { cookie: admin } })).json().contact.id;
    const timeline = async () =>
      (await t.app.inject({ url: `/api/admin/contacts/${contactId}/timeline?kind=email`, headers: { cookie: admin } })).json().items as Array<{
        kind: string;
        data: Record<string, unknown>;
      }>;
    expect(await timeline()).toContainEqual(
      expect.objectContaining({ kind: 'email.failed', data: expect.objectContaining({ emailId: failed.id, bounced: true, reason: failed.lastError, to: email }) }),
    );

    // The mailbox exists now, but the clinic still believes it bounces: Taras books again and
    // the confirmation is refused on the spot, with no job and nothing sent.
    sink.rejectRecipients.delete(email);
    const second = await book(hrytsenko.id, '2026-12-08T12:00:00+02:00', { email, name: 'Taras Bondar' });
    const [refused] = await emailsOf(second);
    expect(refused).toMatchObject({ templateKey: 'booking_confirm_request', status: 'failed', transport: null, attempts: 0 });
    expect(refused!.lastError).toBe(`Not sent: ${email} is marked as bouncing (${failed.lastError}).`);
    expect(await deliveryJobsOf(t, refused!.id)).toEqual([]);
    expect(await timeline()).toContainEqual(
      expect.objectContaining({ kind: 'email.failed', data: expect.objectContaining({ emailId: refused!.id, refused: true, reason: refused!.lastError }) }),
    );
    // The refusal happened because of the booking, inside its transaction, and the timeline (newest
    // first) says so in that order: the booking's row, waiting to ride in a later statement, is
    // written before the refusal's.
    const steps = (await t.app.inject({ url: `/api/admin/contacts/${contactId}/timeline`, headers: { cookie: admin } })).json().items as Array<{
      kind: string;
      appointmentId: string | null;
    }>;
    expect(steps.filter((step) => step.appointmentId === second).map((step) => step.kind)).toEqual(['email.failed', 'booking.created']);

    // Staff send the first one again: same Message-ID, delivered; the refused one never went.
    const retry = await t.app.inject({ method: 'POST', url: `/api/admin/outbox/${failed.id}/retry`, headers: { cookie: admin } });
    expect(retry.statusCode).toBe(202);
    expect(retry.json()).toMatchObject({ id: failed.id, status: 'queued', lastError: null, messageId: failed.messageId });
    const delivered = await mailTo(email, 1);
    expect(delivered.messageId).toBe(failed.messageId);
    expect(delivered.subject).toContain('11:00');
    const resent = await emailOf(first, 'booking_confirm_request', 'sent');
    expect(resent).toMatchObject({ attempts: 2, lastError: null, messageId: failed.messageId });
    expect(sink.to(email)).toHaveLength(1);

    // A sent e-mail is not sent twice.
    const again = await t.app.inject({ method: 'POST', url: `/api/admin/outbox/${failed.id}/retry`, headers: { cookie: admin } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('not_failed');

    // Retrying was staff saying the address works: the refused confirmation can go too.
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/outbox/${refused!.id}/retry`, headers: { cookie: admin } })).statusCode).toBe(202);
    expect((await mailTo(email, 2)).messageId).toBe(refused!.messageId);
  });

  it('a mail server that takes one message and never answers holds back neither the record of the others nor that message for good', async () => {
    const { book, emailOf } = helpers(t, () => admin);
    const melnyk = await aSpecialist(t.handle.db, { name: 'Dr. Melnyk' });
    const stuck = 'roman.stuck@example.com';
    const others = ['sofia.prompt@example.com', 'yurii.prompt@example.com'];
    sink.stallRecipients.add(stuck);
    // Booked together, so the worker gathers them into one batch.
    const [stuckBooking, ...otherBookings] = await Promise.all(
      [stuck, ...others].map((email, i) => book(melnyk.id, `2026-12-09T1${i}:00:00+02:00`, { email })),
    );

    // The others are recorded as sent although one e-mail of their batch is still in the air.
    for (const [i, email] of others.entries()) {
      const sent = await emailOf(otherBookings[i]!, 'booking_confirm_request', 'sent');
      expect(sent).toMatchObject({ to: email, attempts: 1 });
      expect(sink.to(email)).toHaveLength(1);
    }
    // The stalled one becomes a temporary failure when the batch's time for sending is up (the
    // queue's limit for a batch is 2 s in tests), recorded with the reason, and is tried again.
    const waiting = await until('the stalled e-mail to be given up on for now', async () => {
      const [confirm] = await helpers(t, () => admin).emailsOf(stuckBooking!);
      return confirm && confirm.attempts >= 1 ? confirm : null;
    });
    expect(waiting).toMatchObject({ status: 'queued', lastError: expect.stringContaining('had not taken the message') });

    // Once the server answers again, the retry delivers it, with the Message-ID the outbox shows.
    sink.stallRecipients.delete(stuck);
    const delivered = await emailOf(stuckBooking!, 'booking_confirm_request', 'sent');
    expect(sink.to(stuck).map((mail) => mail.messageId)).toEqual([delivered.messageId]);
  });

  it('a visitor whose name carries a Bcc header gets one e-mail to one address, with a one-line subject', async () => {
    // The clinic put the client’s name into the subject: the one place a name meets a raw header.
    const template = (await t.app.inject({ url: '/api/admin/email-templates/booking_confirm_request/en', headers: { cookie: admin } })).json();
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/email-templates/booking_confirm_request/en',
      headers: { cookie: admin },
      payload: { subject: '{{ client.name }}, please confirm {{ appointment.date }}', html: template.html, text: template.text },
    });
    expect(saved.statusCode).toBe(200);

    const { book } = helpers(t, () => admin);
    const savchenko = await aSpecialist(t.handle.db, { name: 'Dr. Savchenko' });
    const email = 'iryna.h@example.com';
    const before = sink.received.length;
    // The booking form refuses such a name outright...
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { specialistId: savchenko.id, startsAt: '2026-12-08T14:00:00+02:00', email, name: 'Iryna\r\nBcc: evil@example.com' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty('name');
    // ...but a contact stored with one (imported, or from before that check) must still be harmless.
    await t.handle.db.insertInto('contacts').values({ email, name: 'Iryna\r\nBcc: evil@example.com' }).execute();
    await book(savchenko.id, '2026-12-08T14:00:00+02:00', { email, name: 'Iryna' });

    const mail = await mailTo(email, 1);
    expect(mail.subject).toBe('Iryna Bcc: evil@example.com, please confirm 8 December 2026');
    expect(mail.headerLines.filter((h) => h.key === 'subject')).toHaveLength(1);
    expect(mail.headerLines.map((h) => h.key)).not.toContain('bcc');
    expect(mail.headerLines.map((h) => h.key)).not.toContain('cc');
    expect(mail.bcc).toBeUndefined();
    expect(mail.cc).toBeUndefined();
    const to = mail.to as AddressObject;
    expect(to.value).toHaveLength(1);
    expect(to.value[0]!.address).toBe(email);
    // The name travels encoded inside the To header, never as a header line of its own.
    const toLines = mail.headerLines.filter((h) => h.key === 'to');
    expect(toLines).toHaveLength(1);
    expect(toLines[0]!.line).not.toContain('Bcc:');
    expect(sink.to('evil@example.com')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.received.length - before).toBe(1);

    expect((await t.app.inject({ method: 'DELETE', url: '/api/admin/email-templates/booking_confirm_request/en', headers: { cookie: admin } })).statusCode).toBe(204);
  });

  // Last in this file: the clock moves on for good.
  it('an unconfirmed hold that runs out frees the time and tells the visitor, with a link to book again', async () => {
    const melnyk = await aSpecialist(t.handle.db, { name: 'Dr. Melnyk' });
    const email = 'petro.late@example.com';
    const { book } = helpers(t, () => admin);
    const id = await book(melnyk.id, '2026-12-09T09:00:00+02:00', { email, name: 'Petro Melnychuk' });
    expect((await mailTo(email, 1)).subject).toMatch(/confirm/i);
    const taken = (await t.app.inject({ url: `/api/specialists/${melnyk.id}/slots?date=2026-12-09` })).json();
    expect(taken.slots.map((s: { startsAt: string }) => s.startsAt)).not.toContain('2026-12-09T09:00:00+02:00');

    // The hold ran out a minute ago and the worker's sweep comes round.
    t.clock.advanceMinutes(t.config.holdMinutes + 1);
    const expired = await t.deps.db.transaction().execute((trx) => expireOverdueHolds(trx, t.deps.events, t.clock.now()));
    expect(expired.map((hold) => hold.id)).toContain(id);

    const released = await mailTo(email, 2);
    expect(released.subject).toBe('Your unconfirmed time on 9 December 2026 has been released');
    expect(released.text).toContain(`http://clinic.test/book?specialist=${melnyk.id}`);
    expect(released.html).toContain(`href="http://clinic.test/book?specialist=${melnyk.id}"`);

    const free = (await t.app.inject({ url: `/api/specialists/${melnyk.id}/slots?date=2026-12-09` })).json();
    expect(free.slots.map((s: { startsAt: string }) => s.startsAt)).toContain('2026-12-09T09:00:00+02:00');
    const staff = await t.staffCookie('manager'); // the clock jumped past the staff's idle limit
    const appointment = (await t.app.inject({ url: `/api/admin/bookings/${id}`, headers: { cookie: staff } })).json();
    expect(appointment).toMatchObject({ status: 'expired', holdExpiresAt: null });
    const someoneElse = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: melnyk.id, startsAt: '2026-12-09T09:00:00+02:00', ...aVisitor() } });
    expect(someoneElse.statusCode).toBe(201);
  });
});

describe('a morning’s confirmations waiting when the worker starts', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ now: MONDAY_8AM, transport: createSmtpTransport({ url: sink.url, dkim: null }) });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('go out in one batch: the one to a mailbox that does not exist fails and bounces its contact alone; the rest are sent once each; every client’s timeline tells their own', async () => {
    const admin = await t.staffCookie('admin');
    const { book, emailOf } = helpers(t, () => admin);
    const koval = await aSpecialist(t.handle.db, { name: 'Dr. Koval' });
    const visitors = ['anna', 'bohdan', 'daryna.typo', 'ivan', 'kateryna', 'maksym'].map((name) => `${name}@example.com`);
    sink.rejectRecipients.add('daryna.typo@example.com');
    const booked: string[] = [];
    const hours = ['09', '10', '11', '12', '14', '15'];
    for (const [i, email] of visitors.entries()) booked.push(await book(koval.id, `2026-12-08T${hours[i]}:00:00+02:00`, { email }));

    await t.startWorker();
    const outcomes = await Promise.all(
      booked.map((id, i) => emailOf(id, 'booking_confirm_request', visitors[i] === 'daryna.typo@example.com' ? 'failed' : 'sent')),
    );
    for (const [i, email] of visitors.entries()) {
      const outcome = outcomes[i]!;
      expect(outcome).toMatchObject({ to: email, transport: 'smtp', attempts: 1 });
      const appointment = (await t.app.inject({ url: `/api/admin/bookings/${booked[i]}`, headers: { cookie: admin } })).json();
      const contact = await t.handle.db.selectFrom('contacts').select('email_status').where('id', '=', appointment.contact.id).executeTakeFirstOrThrow();
      const timeline = (await t.app.inject({ url: `/api/admin/contacts/${appointment.contact.id}/timeline?kind=email`, headers: { cookie: admin } })).json().items;
      if (email === 'daryna.typo@example.com') {
        expect(outcome.lastError).toContain('5.1.1 No such mailbox here');
        expect(contact.email_status).toBe('bouncing');
        expect(timeline).toEqual([expect.objectContaining({ kind: 'email.failed', data: expect.objectContaining({ emailId: outcome.id, bounced: true, to: email }) })]);
      } else {
        expect(outcome.lastError).toBeNull();
        expect(contact.email_status).not.toBe('bouncing');
        expect(timeline).toEqual([expect.objectContaining({ kind: 'email.sent', data: expect.objectContaining({ emailId: outcome.id, to: email, transport: 'smtp' }) })]);
        expect(sink.to(email).map((mail) => mail.messageId)).toEqual([outcome.messageId]);
      }
      await settledJobOf(t, outcome.id);
    }
    expect(sink.to('daryna.typo@example.com')).toHaveLength(0);
  });
});

describe('the mailbox, when the clinic has no mail server', () => {
  let t: TestApp;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    await t.startWorker();
    manager = await t.staffCookie('manager');
  });
  afterAll(() => t?.close());

  it('keeps every e-mail, invite included, for staff to read — and only for staff', async () => {
    const { book, emailOf } = helpers(t, () => manager);
    const koval = await aSpecialist(t.handle.db, { name: 'Dr. Koval', specialty: 'Cardiologist' });
    const id = await book(koval.id, '2026-12-08T10:00:00+02:00', { email: 'olena.mailbox@example.com', name: 'Olena Petrenko' });

    const confirm = await emailOf(id, 'booking_confirm_request', 'sent');
    expect(confirm).toMatchObject({ transport: 'mailbox', attempts: 1, lastError: null, to: 'olena.mailbox@example.com' });
    const detail = (await t.app.inject({ url: `/api/admin/outbox/${confirm.id}`, headers: { cookie: manager } })).json();
    expect(detail.html).toContain('Olena Petrenko');
    expect(detail.html).toContain('<html');
    expect(detail.text).toContain('Dr. Koval');
    expect(detail).toMatchObject({ hasInvite: false, invite: null });
    const link = /http:\/\/clinic\.test(\/booking\/confirm\?token=[A-Za-z0-9_%-]+)/.exec(detail.text)![1]!;

    // The visitor confirms from the e-mail; the clinic approves: the approval carries the invite.
    const opened = await t.app.inject({ url: link });
    expect(opened.statusCode).toBe(303);
    const client = cookieFrom(opened);
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/bookings/${id}/approve`, headers: { cookie: manager } })).statusCode).toBe(200);
    const approved = await emailOf(id, 'booking_approved', 'sent');
    expect(approved).toMatchObject({ transport: 'mailbox', hasInvite: true });
    const withInvite = (await t.app.inject({ url: `/api/admin/outbox/${approved.id}`, headers: { cookie: manager } })).json();
    expect(withInvite.invite.method).toBe('REQUEST');
    expect(withInvite.invite.content).toContain('BEGIN:VCALENDAR');
    expect(withInvite.invite.content).toContain(`UID:appointment-${id}@clinic.test`);
    expect(withInvite.invite.content).toContain('DTSTART:20261208T080000Z');

    // The mailbox is patient data: a stranger must sign in, a client may not look.
    for (const url of ['/api/admin/outbox', `/api/admin/outbox/${approved.id}`]) {
      const anonymous = await t.app.inject({ url });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).not.toContain('Olena');
      const asClient = await t.app.inject({ url, headers: { cookie: client } });
      expect(asClient.statusCode).toBe(403);
      expect(asClient.body).not.toContain('Olena');
    }
    const retryAsClient = await t.app.inject({ method: 'POST', url: `/api/admin/outbox/${approved.id}/retry`, headers: { cookie: client } });
    expect(retryAsClient.statusCode).toBe(403);
  });
});
