import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

// Monday 7 December 2026, 08:00 in Kyiv. Specialists work weekdays 09:00–13:00 and 14:00–18:00.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';

describe('the links in the clinic’s e-mails, opened by people', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    staff = await t.staffCookie('manager');
  });
  afterAll(() => t?.close());

  /** A staff request; signs in again when the story's clock has outrun the staff session. */
  async function asStaff(method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse> {
    let response = await t.app.inject({ method, url, headers: { cookie: staff }, ...(payload ? { payload } : {}) });
    if (response.statusCode === 401) {
      staff = await t.staffCookie('manager');
      response = await t.app.inject({ method, url, headers: { cookie: staff }, ...(payload ? { payload } : {}) });
    }
    return response;
  }

  /** The links to `path` in an appointment's e-mail, as a staff member reads it in the outbox. */
  async function linksIn(appointmentId: string, templateKey: string, path: string): Promise<string[]> {
    const list = (await asStaff('GET', `/api/admin/outbox?appointmentId=${appointmentId}`)).json();
    const summary = list.items.find((e: { templateKey: string }) => e.templateKey === templateKey);
    if (!summary) throw new Error(`no ${templateKey} e-mail for ${appointmentId}`);
    const { text } = (await asStaff('GET', `/api/admin/outbox/${summary.id}`)).json();
    const found = [...String(text).matchAll(new RegExp(`http://clinic\\.test(${path}\\?token=[A-Za-z0-9_%-]+)`, 'g'))].map((m) => m[1]!);
    if (found.length === 0) throw new Error(`no ${path} link in: ${text}`);
    return found;
  }

  async function book(specialistId: string, startsAt: string, visitor: Record<string, unknown> = {}): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId, startsAt, ...aVisitor({ locale: 'en', ...visitor }) } });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  const statusOf = async (id: string): Promise<string> => (await asStaff('GET', `/api/admin/bookings/${id}`)).json().status;

  /** Opens a link as a browser would; whatever happens, a person gets a page, never JSON or a stack trace. */
  async function open(url: string, cookie?: string): Promise<LightMyRequestResponse> {
    const response = await t.app.inject({ url, headers: { 'accept-language': 'en-GB,en;q=0.9', ...(cookie ? { cookie } : {}) } });
    if (response.statusCode !== 303) {
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toMatch(/^<!DOCTYPE html>/);
      expect(response.body).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:|"statusCode"/);
    }
    return response;
  }
  const signsIn = (response: LightMyRequestResponse): boolean => response.cookies.some((c) => c.name === 'cf_session');

  /** Everything a link could change: appointments and their states, the timeline, client sessions, used tokens, e-mails. */
  async function databaseState(): Promise<unknown> {
    const { rows } = await sql`
      SELECT (SELECT json_agg(json_build_object('id', id, 'status', status) ORDER BY id) FROM appointments) AS appointments,
             (SELECT count(*)::int FROM timeline_events) AS events,
             (SELECT count(*)::int FROM sessions WHERE contact_id IS NOT NULL) AS client_sessions,
             (SELECT count(*)::int FROM action_tokens WHERE used_at IS NOT NULL) AS used_tokens,
             (SELECT count(*)::int FROM outbound_messages) AS emails`.execute(t.handle.db);
    return rows[0];
  }

  /** Staff record that a patient booked at `startsAt` did not come; returns the offer e-mail's rebook links. */
  async function missedVisit(specialistId: string, startsAt: string, name: string): Promise<string[]> {
    const made = await asStaff('POST', '/api/admin/bookings', { specialistId, startsAt, name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, locale: 'en' });
    expect(made.statusCode).toBe(201);
    expect((await asStaff('POST', `/api/admin/bookings/${made.json().id}/no-show`)).statusCode).toBe(200);
    return linksIn(made.json().id, 'no_show_follow_up', '/booking/rebook');
  }

  it('a confirmation link that is unknown, tampered with, cut short, missing or meant for something else opens a clear page and changes nothing', async () => {
    t.clock.set(MONDAY_8AM);
    const koval = await aSpecialist(t.handle.db, { name: 'Dr. Koval' });
    const id = await book(koval.id, '2026-12-08T10:00:00+02:00', { email: 'olena.links@example.com' });
    const [confirm] = await linksIn(id, 'booking_confirm_request', '/booking/confirm');
    const token = new URL(confirm!, 'http://clinic.test').searchParams.get('token')!;
    const tampered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    const savchenko = await aSpecialist(t.handle.db, { name: 'Dr. Savchenko', consultationMinutes: 60 });
    const [rebook] = await missedVisit(savchenko.id, '2026-12-07T07:30:00+02:00', 'Iryna Shevchenko');
    const rebookToken = new URL(rebook!, 'http://clinic.test').searchParams.get('token')!;
    const before = await databaseState();

    for (const url of [
      `/booking/confirm?token=${'x'.repeat(43)}`,
      `/booking/confirm?token=${tampered}`,
      `/booking/confirm?token=${token.slice(0, 30)}`,
      `/booking/confirm?token=${rebookToken}`,
      '/booking/confirm',
      '/booking/confirm?token=',
      `/booking/confirm?token=${token}&token=${token}`,
      `/booking/confirm?token=${encodeURIComponent("' OR 1=1 --")}`,
    ]) {
      const response = await open(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).toContain('We couldn’t open this link');
      expect(signsIn(response), url).toBe(false);
    }
    // And the other way round: a confirmation token is no rebook link.
    const crossed = await open(`/booking/rebook?token=${token}`);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.body).toContain('We couldn’t open this link');

    expect(await databaseState()).toEqual(before);
    expect(await statusOf(id)).toBe('unconfirmed');
    // Nothing was used up: the real link still works.
    expect((await open(confirm!)).statusCode).toBe(303);
    expect(await statusOf(id)).toBe('confirmed');
  });

  it('a confirmation link confirms only its own visitor’s booking, and opened again shows “already confirmed” without signing anyone in', async () => {
    t.clock.set(MONDAY_8AM);
    const melnyk = await aSpecialist(t.handle.db, { name: 'Dr. Melnyk' });
    const olena = await book(melnyk.id, '2026-12-08T10:00:00+02:00', { name: 'Olena Petrenko' });
    const taras = await book(melnyk.id, '2026-12-08T10:30:00+02:00', { name: 'Taras Bondar' });
    const [tarasLink] = await linksIn(taras, 'booking_confirm_request', '/booking/confirm');

    const opened = await open(tarasLink!);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`http://clinic.test/booking/confirmed?id=${taras}`);
    expect(signsIn(opened)).toBe(true);
    expect(await statusOf(taras)).toBe('confirmed');
    expect(await statusOf(olena)).toBe('unconfirmed');

    const before = await databaseState();
    const again = await open(tarasLink!);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('This appointment is already confirmed');
    expect(again.body).toContain('Dr. Melnyk');
    expect(again.body).not.toContain('Olena');
    expect(signsIn(again)).toBe(false);
    expect(await databaseState()).toEqual(before);
  });

  it('a confirmation link opened after the hold ran out, or after the booking was cancelled, says the time was released and confirms nothing', async () => {
    t.clock.set(MONDAY_8AM);
    const bondar = await aSpecialist(t.handle.db, { name: 'Dr. Bondar' });
    const late = await book(bondar.id, '2026-12-08T11:00:00+02:00', { name: 'Petro Melnychuk' });
    const [lateLink] = await linksIn(late, 'booking_confirm_request', '/booking/confirm');
    const cancelled = await book(bondar.id, '2026-12-08T12:00:00+02:00', { name: 'Oksana Lysenko' });
    const [cancelledLink] = await linksIn(cancelled, 'booking_confirm_request', '/booking/confirm');
    expect((await asStaff('POST', `/api/admin/bookings/${cancelled}/cancel`, { reason: 'Asked by phone' })).statusCode).toBe(200);

    t.clock.advanceMinutes(t.config.holdMinutes + 1);
    const before = await databaseState();
    const expired = await open(lateLink!);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('The time to confirm has run out');
    expect(expired.body).toContain(`href="http://clinic.test/book?specialist=${bondar.id}"`);
    expect(signsIn(expired)).toBe(false);
    expect(await databaseState()).toEqual(before);
    expect(await statusOf(late)).toBe('unconfirmed'); // the sweep, not the link, expires it

    t.clock.set(MONDAY_8AM);
    const afterCancel = await open(cancelledLink!);
    expect(afterCancel.statusCode).toBe(410);
    expect(signsIn(afterCancel)).toBe(false);
    expect(await statusOf(cancelled)).toBe('cancelled');
    expect(await databaseState()).toEqual(before);
  });

  it('after a missed visit, one offered time books; the other links then say so; tampered ones are unknown', async () => {
    t.clock.set(MONDAY_8AM);
    const hrytsenko = await aSpecialist(t.handle.db, { name: 'Dr. Hrytsenko', consultationMinutes: 60 });
    const links = await missedVisit(hrytsenko.id, '2026-12-07T07:00:00+02:00', 'Anna Kovalenko');
    expect(links).toHaveLength(3);

    const took = await open(links[1]!);
    expect(took.statusCode).toBe(201);
    expect(signsIn(took)).toBe(true);

    const before = await databaseState();
    for (const link of [links[0]!, links[1]!, links[2]!]) {
      const used = await open(link);
      expect(used.statusCode).toBe(200);
      expect(used.body).toContain('You have already booked a time from this e-mail');
      expect(signsIn(used)).toBe(false);
    }
    const token = new URL(links[2]!, 'http://clinic.test').searchParams.get('token')!;
    for (const url of [`/booking/rebook?token=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, '/booking/rebook', `/booking/rebook?token=${'y'.repeat(43)}`]) {
      const unknown = await open(url);
      expect(unknown.statusCode, url).toBe(404);
      expect(signsIn(unknown), url).toBe(false);
    }
    expect(await databaseState()).toEqual(before);
  });

  it('an offered time whose start has passed is not booked; the page offers the next free times instead', async () => {
    t.clock.set(MONDAY_8AM);
    const lysenko = await aSpecialist(t.handle.db, { name: 'Dr. Lysenko', consultationMinutes: 60, minNoticeMinutes: 60 });
    const links = await missedVisit(lysenko.id, '2026-12-07T07:00:00+02:00', 'Mykola Tkachenko');
    // Offered from 09:00 (an hour's notice); Mykola opens the e-mail at 09:05.
    t.clock.set('2026-12-07T09:05:00+02:00');
    const before = await databaseState();

    const late = await open(links[0]!);
    expect(late.statusCode).toBe(409);
    expect(signsIn(late)).toBe(false);
    const offered = [...late.body.matchAll(/class="slot" href="([^"]+)"/g)].map((m) => new URL(m[1]!.replaceAll('&amp;', '&')));
    expect(offered).toHaveLength(3);
    for (const url of offered) {
      expect(url.pathname).toBe('/book');
      expect(url.searchParams.get('specialist')).toBe(lysenko.id);
      // Each is bookable now: after 10:05, an hour from the moment the link was opened.
      expect(new Date(url.searchParams.get('startsAt')!).getTime()).toBeGreaterThanOrEqual(new Date('2026-12-07T10:05:00+02:00').getTime());
    }
    expect(late.body).toContain('11:00');
    expect(await databaseState()).toEqual(before);
    t.clock.set(MONDAY_8AM);
  });
});
