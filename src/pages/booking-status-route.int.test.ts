import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { cookieFrom, startTestApp, type TestApp } from '../test/test-app.js';

// Monday 7 December 2026, 08:00 in Kyiv. Dr. Koval works weekdays 09:00–13:00 and 14:00–18:00.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';
const UNKNOWN_ID = '3f1c9a52-7d44-4c1e-9b0a-5e2f8c6d1a77';

describe('the page an e-mail’s “see your appointment” link opens', () => {
  let t: TestApp;
  let koval: { id: string };
  let olena: { id: string; cookie: string };
  let taras: { id: string; cookie: string };

  /** A visitor books and confirms from the e-mail; the link signs them in. */
  async function bookAndConfirm(startsAt: string, name: string, locale: 'uk' | 'en'): Promise<{ id: string; cookie: string }> {
    const booked = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: koval.id, startsAt, ...aVisitor({ name, locale }) } });
    expect(booked.statusCode).toBe(201);
    const id: string = booked.json().id;
    const staff = await t.staffCookie('manager');
    const [email] = (await t.app.inject({ url: `/api/admin/outbox?appointmentId=${id}`, headers: { cookie: staff } })).json().items;
    const { text } = (await t.app.inject({ url: `/api/admin/outbox/${email.id}`, headers: { cookie: staff } })).json();
    const link = /http:\/\/clinic\.test(\/booking\/confirm\?token=[A-Za-z0-9_%-]+)/.exec(text)![1]!;
    const opened = await t.app.inject({ url: link });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`http://clinic.test/booking/confirmed?id=${id}`);
    return { id, cookie: cookieFrom(opened) };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    const admin = await t.staffCookie('admin');
    await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/clinic',
      headers: { cookie: admin },
      payload: { name: 'Zdorovia Clinic', address: '72 Velyka Vasylkivska St, Kyiv', phone: '+380 44 235 47 90', email: 'info@clinic.test' },
    });
    koval = await aSpecialist(t.handle.db, { name: 'Dr. Koval', specialty: 'Cardiologist' });
    olena = await bookAndConfirm('2026-12-08T10:00:00+02:00', 'Olena Petrenko', 'en');
    taras = await bookAndConfirm('2026-12-09T15:30:00+02:00', 'Taras Bondar', 'uk');
  });
  afterAll(() => t?.close());

  const view = (query: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    t.app.inject({ url: `/booking/confirmed${query}`, headers });

  const expectPage = (response: LightMyRequestResponse): void => {
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatch(/^<!DOCTYPE html>/);
  };

  it('shows the client who confirmed it their own appointment, in their language', async () => {
    const own = await view(`?id=${olena.id}`, { cookie: olena.cookie });
    expectPage(own);
    expect(own.body).toContain('<html lang="en">');
    expect(own.body).toContain('Dr. Koval, Cardiologist');
    expect(own.body).toContain('8 December 2026');
    expect(own.body).toContain('10:00');
    expect(own.body).toContain('72 Velyka Vasylkivska St, Kyiv');

    const inUkrainian = await view(`?id=${olena.id}&lang=uk`, { cookie: olena.cookie });
    expectPage(inUkrainian);
    expect(inUkrainian.body).toContain('<html lang="uk">');
    expect(inUkrainian.body).toContain('8 грудня 2026');

    // A language the page does not speak is read leniently: the owner still sees the appointment.
    const unknownLanguage = await view(`?id=${olena.id}&lang=fr`, { cookie: olena.cookie });
    expectPage(unknownLanguage);
    expect(unknownLanguage.body).toContain('10:00');
    expect(unknownLanguage.body).toContain('<html lang="en">');

    const tarasOwn = await view(`?id=${taras.id}`, { cookie: taras.cookie });
    expect(tarasOwn.body).toContain('15:30');
    expect(tarasOwn.body).toContain('<html lang="uk">');
  });

  it('shows anyone else one and the same sign-in page, whether the appointment exists or not', async () => {
    const staff = await t.staffCookie('manager');
    const en = { 'accept-language': 'en-GB,en;q=0.9' };
    const attempts: Array<[string, LightMyRequestResponse]> = [
      ['anonymous', await view(`?id=${olena.id}`, en)],
      ['another client', await view(`?id=${olena.id}`, { ...en, cookie: taras.cookie })],
      ['a staff member (the admin UI is the place for that)', await view(`?id=${olena.id}`, { ...en, cookie: staff })],
      ['a stale session cookie', await view(`?id=${olena.id}`, { ...en, cookie: 'cf_session=not-a-session' })],
      ['an unknown id', await view(`?id=${UNKNOWN_ID}`, { ...en, cookie: olena.cookie })],
      ['an unknown id, anonymous', await view(`?id=${UNKNOWN_ID}`, en)],
      ['a malformed id', await view('?id=not-an-id', { ...en, cookie: olena.cookie })],
      ['an injection attempt', await view(`?id=${encodeURIComponent(`${olena.id}' OR '1'='1`)}`, { ...en, cookie: olena.cookie })],
      ['two ids', await view(`?id=${olena.id}&id=${taras.id}`, { ...en, cookie: olena.cookie })],
      ['no id', await view('', { ...en, cookie: olena.cookie })],
      ['lang=fr, anonymous', await view(`?id=${olena.id}&lang=fr`, en)],
      ['lang=fr, another client', await view(`?id=${olena.id}&lang=fr`, { ...en, cookie: taras.cookie })],
    ];

    const [, first] = attempts[0]!;
    expect(first.body).toContain('Please sign in to see your appointment');
    expect(first.body).toContain('href="http://clinic.test/portal/sign-in"');
    for (const [who, response] of attempts) {
      expectPage(response);
      expect(response.body, who).toBe(first.body);
      for (const secret of ['Dr. Koval', 'Cardiologist', '10:00', '8 December', 'Olena', olena.id, taras.id]) {
        expect(response.body, `${who} must not see ${secret}`).not.toContain(secret);
      }
      expect(response.cookies.find((c) => c.name === 'cf_session'), who).toBeUndefined();
    }

    // Without a language asked for, the page is in the clinic’s own (Ukrainian), never the appointment’s (English).
    const plain = await view(`?id=${olena.id}`);
    const plainUnknown = await view(`?id=${UNKNOWN_ID}`);
    expectPage(plain);
    expect(plain.body).toContain('<html lang="uk">');
    expect(plainUnknown.body).toBe(plain.body);
  });
});
