import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

// Monday 7 December 2026, 08:00 in Kyiv. Specialists work weekdays 09:00–13:00 and 14:00–18:00;
// an unconfirmed booking holds its slot for 60 minutes.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

describe('a visitor who did not get the confirmation e-mail asks for it again', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    // Until app.ts wires the route in, the test adds it to the app it was given.
    staff = await t.staffCookie('manager');
  });
  afterAll(() => t?.close());

  async function asStaff(url: string): Promise<LightMyRequestResponse> {
    let response = await t.app.inject({ url, headers: { cookie: staff } });
    if (response.statusCode === 401) {
      staff = await t.staffCookie('manager');
      response = await t.app.inject({ url, headers: { cookie: staff } });
    }
    return response;
  }

  async function book(specialistId: string, startsAt: string, email: string): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId, startsAt, ...aVisitor({ email, locale: 'en' }) } });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  const resend = (id: string, email: string) => t.app.inject({ method: 'POST', url: `/api/bookings/${id}/resend-confirmation`, payload: { email } });

  /** The confirmation requests in the outbox for one booking, newest first. */
  async function confirmRequests(appointmentId: string): Promise<Array<{ id: string; to: string; subject: string }>> {
    const list = (await asStaff(`/api/admin/outbox?appointmentId=${appointmentId}`)).json();
    return list.items.filter((e: { templateKey: string }) => e.templateKey === 'booking_confirm_request');
  }

  async function confirmLinkIn(emailId: string): Promise<string> {
    const { text } = (await asStaff(`/api/admin/outbox/${emailId}`)).json();
    const match = /http:\/\/clinic\.test(\/booking\/confirm\?token=[A-Za-z0-9_%-]+)/.exec(String(text));
    if (!match) throw new Error(`no confirm link in: ${text}`);
    return match[1]!;
  }

  it('gets a new link at the address it booked with, in any letter case, and that link confirms the booking', async () => {
    const koval = await aSpecialist(t.handle.db, { name: 'Dr. Koval' });
    const id = await book(koval.id, '2026-12-08T10:00:00+02:00', 'Iryna.Bondar@example.com');
    expect(await confirmRequests(id)).toHaveLength(1);

    t.clock.advanceMinutes(10);
    const response = await resend(id, '  iryna.bondar@EXAMPLE.com ');
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'sent_if_pending' });

    const requests = await confirmRequests(id);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.to).toBe('Iryna.Bondar@example.com');
    const [newLink, oldLink] = [await confirmLinkIn(requests[0]!.id), await confirmLinkIn(requests[1]!.id)];
    expect(newLink).not.toBe(oldLink);
    const { text } = (await asStaff(`/api/admin/outbox/${requests[0]!.id}`)).json();
    expect(text).toContain('The link works for 50 minutes'); // the hold has 50 of its 60 minutes left

    const opened = await t.app.inject({ url: newLink, headers: { accept: 'text/html' } });
    expect(opened.statusCode).toBe(303);
    expect((await asStaff(`/api/admin/bookings/${id}`)).json().status).toBe('confirmed');

    const timeline = (await asStaff(`/api/admin/bookings/${id}`)).json().contact.id;
    const kinds = (await asStaff(`/api/admin/contacts/${timeline}/timeline?kind=booking`)).json().items.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('booking.confirmation_resent');

    // Confirmed now: asking again sends nothing, and the answer is the same.
    expect((await resend(id, 'iryna.bondar@example.com')).statusCode).toBe(202);
    expect(await confirmRequests(id)).toHaveLength(2);
    t.clock.set(MONDAY_8AM);
  });

  it('sends nothing, but answers the same, for another address, an unknown booking or a hold that ran out', async () => {
    const melnyk = await aSpecialist(t.handle.db, { name: 'Dr. Melnyk' });
    const id = await book(melnyk.id, '2026-12-08T11:00:00+02:00', 'taras@example.com');

    expect((await resend(id, 'someone.else@example.com')).statusCode).toBe(202);
    expect((await resend('5f0c1e3a-8a43-4d7e-9c1e-1b2c3d4e5f60', 'taras@example.com')).statusCode).toBe(202);
    expect(await confirmRequests(id)).toHaveLength(1);

    t.clock.advanceMinutes(61);
    expect((await resend(id, 'taras@example.com')).statusCode).toBe(202);
    expect(await confirmRequests(id)).toHaveLength(1);
    t.clock.set(MONDAY_8AM);
  });

  it('resends at most three times per booking', async () => {
    const shevchenko = await aSpecialist(t.handle.db, { name: 'Dr. Shevchenko' });
    const id = await book(shevchenko.id, '2026-12-08T14:00:00+02:00', 'oksana@example.com');
    for (let i = 0; i < 4; i += 1) expect((await resend(id, 'oksana@example.com')).statusCode).toBe(202);
    expect(await confirmRequests(id)).toHaveLength(4);
  });

  it('refuses a sixth request for one address within 15 minutes, calmly, and counts addresses apart', async () => {
    const lysenko = await aSpecialist(t.handle.db, { name: 'Dr. Lysenko' });
    const id = await book(lysenko.id, '2026-12-08T15:00:00+02:00', 'mykola@example.com');
    for (let i = 0; i < 5; i += 1) expect((await resend(id, 'Mykola@example.com')).statusCode).toBe(202);
    const sixth = await resend(id, 'mykola@example.com');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    expect((await resend(id, 'another@example.com')).statusCode).toBe(202);
  });

  it('names the field at fault when the request is malformed', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/bookings/5f0c1e3a-8a43-4d7e-9c1e-1b2c3d4e5f60/resend-confirmation', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'invalid_input', fields: { email: 'is required' } });
    const badId = await resend('not-an-id', 'a@example.com');
    expect(badId.statusCode).toBe(400);
  });
});
