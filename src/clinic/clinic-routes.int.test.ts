import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const weekdayHours = (start: string, end: string) => [{ start, end }];
const openingHours = {
  monday: weekdayHours('08:00', '20:00'),
  tuesday: weekdayHours('08:00', '20:00'),
  wednesday: weekdayHours('08:00', '20:00'),
  thursday: weekdayHours('08:00', '20:00'),
  friday: [{ start: '14:00', end: '20:00' }, { start: '08:00', end: '13:00' }],
  saturday: weekdayHours('09:00', '15:00'),
  sunday: [],
};

describe('the clinic profile, awards and reviews, from a fresh installation to a moderated review list', () => {
  let t: TestApp;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-07T08:00:00+02:00' });
    admin = await t.staffCookie('admin');
    manager = await t.staffCookie('manager');
  });
  afterAll(() => t.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string | undefined, payload?: unknown) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

  it('a fresh installation answers the public page with empty values, not an error', async () => {
    const clinic = await get('/api/clinic');
    expect(clinic.statusCode).toBe(200);
    expect(clinic.json()).toEqual({
      name: 'Clinic',
      address: '',
      phone: '',
      email: '',
      timezone: 'Europe/Kyiv',
      openingHours: { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] },
      about: '',
      awards: [],
    });
    expect((await get('/api/reviews')).json()).toEqual({ items: [] });
  });

  it('keeps the profile and awards to administrators: 401 for a visitor, 403 for a manager', async () => {
    for (const [cookie, status] of [[undefined, 401], [manager, 403]] as const) {
      expect((await get('/api/admin/clinic', cookie)).statusCode).toBe(status);
      const patch = await send('PATCH', '/api/admin/clinic', cookie, { name: 'Hijacked' });
      expect(patch.statusCode).toBe(status);
      expect(patch.json().error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
      expect((await send('POST', '/api/admin/awards', cookie, { title: 'Self-awarded' })).statusCode).toBe(status);
    }
    expect((await get('/api/admin/reviews')).statusCode).toBe(401);
    expect((await get('/api/clinic')).json().name).toBe('Clinic');
  });

  it('an administrator fills in the profile, and the public page shows it', async () => {
    const saved = await send('PATCH', '/api/admin/clinic', admin, {
      name: 'Клініка «Здоров’я»',
      address: 'вул. Велика Васильківська, 72, Київ',
      phone: '+380 44 235 47 90',
      email: 'info@clinic.example',
      openingHours,
      about: 'Багатопрофільна клініка.',
      defaultLocale: 'uk',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ name: 'Клініка «Здоров’я»', defaultLocale: 'uk', updatedAt: '2026-12-07T08:00:00+02:00', timezone: 'Europe/Kyiv' });
    // Intervals come back in time order, whatever order they were sent in.
    expect(saved.json().openingHours.friday).toEqual([{ start: '08:00', end: '13:00' }, { start: '14:00', end: '20:00' }]);

    t.clock.advanceMinutes(10);
    const aboutOnly = await send('PATCH', '/api/admin/clinic', admin, { about: 'Лікарі для всієї родини.' });
    expect(aboutOnly.json()).toMatchObject({ name: 'Клініка «Здоров’я»', about: 'Лікарі для всієї родини.', updatedAt: '2026-12-07T08:10:00+02:00' });

    const page = (await get('/api/clinic')).json();
    expect(page).toMatchObject({ name: 'Клініка «Здоров’я»', phone: '+380 44 235 47 90', about: 'Лікарі для всієї родини.', timezone: 'Europe/Kyiv' });
    expect(page.openingHours.sunday).toEqual([]);
    expect(page.openingHours.saturday).toEqual([{ start: '09:00', end: '15:00' }]);
    expect(page).not.toHaveProperty('defaultLocale');
  });

  it.each([
    ['an interval that ends before it starts', { openingHours: { ...openingHours, monday: [{ start: '18:00', end: '09:00' }] } }, 'openingHours.monday.0.end'],
    ['an interval that ends when it starts', { openingHours: { ...openingHours, sunday: [{ start: '10:00', end: '10:00' }] } }, 'openingHours.sunday.0.end'],
    ['overlapping intervals', { openingHours: { ...openingHours, tuesday: [{ start: '08:00', end: '13:00' }, { start: '12:00', end: '18:00' }] } }, 'openingHours.tuesday.1.start'],
    ['a time that is not HH:MM', { openingHours: { ...openingHours, wednesday: [{ start: '8:00', end: '20:00' }] } }, 'openingHours.wednesday.0.start'],
    ['a missing day', { openingHours: { ...openingHours, thursday: undefined } }, 'openingHours.thursday'],
    ['an empty name', { name: '' }, 'name'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name'],
    ['a phone that is not a phone', { phone: 'call us' }, 'phone'],
    ['an e-mail that is not an e-mail', { email: 'info-at-clinic' }, 'email'],
    ['an unknown language', { defaultLocale: 'fr' }, 'defaultLocale'],
    ['an unknown field', { timezone: 'Europe/Paris' }, 'timezone'],
  ])('refuses %s with the field at fault', async (_name, payload, field) => {
    const response = await send('PATCH', '/api/admin/clinic', admin, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
    expect(Object.keys(response.json().error.fields)).toContain(field);
  });

  it('refuses an empty change, and nothing refused was saved', async () => {
    expect((await send('PATCH', '/api/admin/clinic', admin, {})).statusCode).toBe(400);
    const profile = (await get('/api/admin/clinic', admin)).json();
    expect(profile.openingHours.monday).toEqual([{ start: '08:00', end: '20:00' }]);
    expect(profile.name).toBe('Клініка «Здоров’я»');
  });

  it('an administrator adds, reorders, corrects and removes awards', async () => {
    const first = await send('POST', '/api/admin/awards', admin, { title: 'Найкраща клініка Києва', issuer: 'Київська медична асоціація', year: 2025 });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ title: 'Найкраща клініка Києва', year: 2025, description: '', position: 0 });
    const second = await send('POST', '/api/admin/awards', admin, { title: 'Вибір пацієнтів' });
    expect(second.json()).toMatchObject({ issuer: '', year: null, position: 1 });

    const moved = await send('PATCH', `/api/admin/awards/${second.json().id}`, admin, { position: 0, year: 2024 });
    expect(moved.statusCode).toBe(200);
    await send('PATCH', `/api/admin/awards/${first.json().id}`, admin, { position: 1 });
    const awards = (await get('/api/clinic')).json().awards;
    expect(awards.map((a: { title: string }) => a.title)).toEqual(['Вибір пацієнтів', 'Найкраща клініка Києва']);
    expect(awards[0]).toEqual({ id: second.json().id, title: 'Вибір пацієнтів', issuer: '', year: 2024, description: '' });

    const badYear = await send('POST', '/api/admin/awards', admin, { title: 'Old', year: 1800 });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().error.fields).toHaveProperty('year');
    expect((await send('POST', '/api/admin/awards', admin, { title: '' })).json().error.fields).toHaveProperty('title');
    expect((await send('PATCH', `/api/admin/awards/${first.json().id}`, admin, {})).statusCode).toBe(400);

    expect((await send('DELETE', `/api/admin/awards/${first.json().id}`, admin)).statusCode).toBe(204);
    const again = await send('DELETE', `/api/admin/awards/${first.json().id}`, admin);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
    expect((await send('PATCH', `/api/admin/awards/${UNKNOWN_ID}`, admin, { title: 'x' })).statusCode).toBe(404);
    expect((await send('PATCH', '/api/admin/awards/42', admin, { title: 'x' })).json().error.fields).toHaveProperty('id');
    expect((await get('/api/clinic')).json().awards).toHaveLength(1);
  });

  it('a manager moderates reviews: hidden until published, newest first, hidden again on request', async () => {
    const specialist = await aSpecialist(t.handle.db, { name: 'Олена Коваль' });
    const older = await send('POST', '/api/admin/reviews', manager, {
      authorName: 'Світлана К.',
      text: 'Дуже уважний лікар.',
      rating: 5,
      reviewedOn: '2026-11-20',
      specialistId: specialist.id,
      published: true,
    });
    expect(older.statusCode).toBe(201);
    const newer = await send('POST', '/api/admin/reviews', manager, { authorName: 'Ігор П.', text: 'Довго чекав.', rating: 3, reviewedOn: '2026-12-06' });
    expect(newer.statusCode).toBe(201);
    expect(newer.json()).toMatchObject({ published: false, specialistId: null, createdAt: '2026-12-07T08:10:00+02:00' });

    // Only the published one is public.
    expect((await get('/api/reviews')).json().items.map((r: { authorName: string }) => r.authorName)).toEqual(['Світлана К.']);

    const published = await send('PATCH', `/api/admin/reviews/${newer.json().id}`, manager, { published: true, text: 'Довго чекав, але лікар допоміг.', rating: 4 });
    expect(published.statusCode).toBe(200);
    const publicList = (await get('/api/reviews')).json().items;
    expect(publicList).toEqual([
      { id: newer.json().id, authorName: 'Ігор П.', text: 'Довго чекав, але лікар допоміг.', rating: 4, reviewedOn: '2026-12-06', specialistId: null },
      { id: older.json().id, authorName: 'Світлана К.', text: 'Дуже уважний лікар.', rating: 5, reviewedOn: '2026-11-20', specialistId: specialist.id },
    ]);
    // Correcting a typo in a published review leaves it published.
    const corrected = await send('PATCH', `/api/admin/reviews/${older.json().id}`, manager, { text: 'Дуже уважна лікарка.' });
    expect(corrected.json()).toMatchObject({ text: 'Дуже уважна лікарка.', published: true });
    publicList[1].text = 'Дуже уважна лікарка.';
    expect((await get('/api/reviews')).json().items).toEqual(publicList);
    expect((await get(`/api/reviews?specialistId=${specialist.id}`)).json().items).toHaveLength(1);
    expect((await get('/api/reviews?limit=1')).json().items).toHaveLength(1);

    await send('PATCH', `/api/admin/reviews/${older.json().id}`, admin, { published: false });
    expect((await get('/api/reviews')).json().items.map((r: { authorName: string }) => r.authorName)).toEqual(['Ігор П.']);
    const all = (await get('/api/admin/reviews', manager)).json().items;
    expect(all.map((r: { authorName: string; published: boolean }) => [r.authorName, r.published])).toEqual([
      ['Ігор П.', true],
      ['Світлана К.', false],
    ]);
    expect((await get('/api/admin/reviews?published=false', manager)).json().items).toHaveLength(1);

    expect((await send('DELETE', `/api/admin/reviews/${older.json().id}`, manager)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/admin/reviews/${older.json().id}`, manager)).statusCode).toBe(404);
    expect((await send('PATCH', `/api/admin/reviews/${UNKNOWN_ID}`, manager, { published: true })).statusCode).toBe(404);
  });

  it.each([
    ['a rating above 5', { rating: 6 }, 'rating'],
    ['a rating that is not whole', { rating: 4.5 }, 'rating'],
    ['a date that does not exist', { reviewedOn: '2026-02-30' }, 'reviewedOn'],
    ['a date in the future', { reviewedOn: '2026-12-08' }, 'reviewedOn'],
    ['an unknown specialist', { specialistId: UNKNOWN_ID }, 'specialistId'],
    ['an empty text', { text: '' }, 'text'],
    ['a missing author', { authorName: undefined }, 'authorName'],
    ['an unknown field', { email: 'a@b.example' }, 'email'],
  ])('refuses a review with %s, naming the field', async (_name, change, field) => {
    const payload = { authorName: 'Анна Л.', text: 'Добре.', rating: 5, reviewedOn: '2026-12-01', ...change };
    const response = await send('POST', '/api/admin/reviews', manager, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
    expect(Object.keys(response.json().error.fields)).toContain(field);
  });
});
