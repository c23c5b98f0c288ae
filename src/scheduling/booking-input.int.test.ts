import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

describe('bad booking input gets a clear answer with the field at fault, and writes nothing', () => {
  let t: TestApp;
  let specialistId: string;
  const goodSlot = '2026-12-08T10:00:00+02:00';

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-07T08:00:00+02:00', env: { BOOKING_RATE_LIMIT: '1000' } });
    specialistId = (await aSpecialist(t.handle.db, { horizonDays: 30, minNoticeMinutes: 120 })).id;
  });
  afterAll(() => t.close());

  const book = (payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/bookings', payload: payload as Record<string, unknown>, headers });

  const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
    ['a missing name', { name: undefined }, 400, 'invalid_input', 'name'],
    ['a name of spaces', { name: '   ' }, 400, 'invalid_input', 'name'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 400, 'invalid_input', 'name'],
    ['an invalid e-mail', { email: 'not-an-email' }, 400, 'invalid_input', 'email'],
    ['notes over 2,000 characters', { notes: 'n'.repeat(2001) }, 400, 'invalid_input', 'notes'],
    ['a specialist id that is not an id', { specialistId: '42' }, 400, 'invalid_input', 'specialistId'],
    ['an unknown specialist', { specialistId: '00000000-0000-4000-8000-000000000000' }, 404, 'not_found', 'specialistId'],
    ['a time without an offset', { startsAt: '2026-12-08T10:00:00' }, 400, 'invalid_input', 'startsAt'],
    ['a time that is not a time', { startsAt: 'tomorrow' }, 400, 'invalid_input', 'startsAt'],
    ['a time in the past', { startsAt: '2026-12-04T10:00:00+02:00' }, 400, 'invalid_input', 'startsAt'],
    ['a time inside the minimum notice', { startsAt: '2026-12-07T09:30:00+02:00' }, 400, 'invalid_input', 'startsAt'],
    ['a time beyond the horizon', { startsAt: '2027-02-01T10:00:00+02:00' }, 400, 'invalid_input', 'startsAt'],
    ['a time off the slot grid', { startsAt: '2026-12-08T10:10:00+02:00' }, 400, 'invalid_input', 'startsAt'],
    ['a time outside working hours', { startsAt: '2026-12-08T20:00:00+02:00' }, 400, 'invalid_input', 'startsAt'],
    ['a time on a Saturday', { startsAt: '2026-12-12T10:00:00+02:00' }, 400, 'invalid_input', 'startsAt'],
    ['an unknown field', { admin: true }, 400, 'invalid_input', 'admin'],
    ['a wrong type', { name: { first: 'Olena' } }, 400, 'invalid_input', 'name'],
    ['an unknown language', { locale: 'fr' }, 400, 'invalid_input', 'locale'],
  ];

  it.each(cases)('%s', async (_name, change, status, code, field) => {
    const payload = { specialistId, startsAt: goodSlot, ...aVisitor(), ...change };
    const response = await book(payload);
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body.error.code).toBe(code);
    expect(Object.keys(body.error.fields ?? {})).toContain(field);
    expect(typeof body.error.message).toBe('string');
  });

  it('refuses malformed JSON, a huge body and a wrong content type without a 500', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');

    const huge = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: JSON.stringify({ notes: 'x'.repeat(400_000) }), headers: { 'content-type': 'application/json' } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('body_too_large');

    const text = await t.app.inject({ method: 'POST', url: '/api/bookings', payload: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
  });

  it('answers bad slot queries with the field at fault', async () => {
    const ask = (query: string) => t.app.inject({ url: `/api/specialists/${specialistId}/slots?${query}` });
    expect((await ask('date=2026-13-01')).json().error.fields).toHaveProperty('date');
    expect((await ask('date=2026-02-30')).json().error.fields).toHaveProperty('date');
    expect((await ask('from=2026-12-01&to=2027-01-15')).json().error.fields).toHaveProperty('to');
    expect((await ask('from=2026-12-10&to=2026-12-01')).json().error.fields).toHaveProperty('to');
    expect((await ask('from=2026-12-10')).json().error.fields).toHaveProperty('to');
    expect((await ask('')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/specialists/00000000-0000-4000-8000-000000000000/slots?date=2026-12-08' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/specialists/nope/slots?date=2026-12-08' })).statusCode).toBe(400);
  });

  it('a range of days answers one flat list in time order', async () => {
    const response = await t.app.inject({ url: `/api/specialists/${specialistId}/slots?from=2026-12-07&to=2026-12-13` });
    const body = response.json();
    expect(body).toMatchObject({ from: '2026-12-07', to: '2026-12-13', timezone: 'Europe/Kyiv' });
    const starts: string[] = body.slots.map((s: { startsAt: string }) => s.startsAt);
    expect([...starts].sort()).toEqual(starts);
    // Monday after 10:00 (two hours' notice from 08:00) through Friday; no weekend.
    expect(starts[0]).toBe('2026-12-07T10:00:00+02:00');
    expect(starts.some((s) => s.startsWith('2026-12-12') || s.startsWith('2026-12-13'))).toBe(false);
    expect(starts.at(-1)).toBe('2026-12-11T17:30:00+02:00');
  });

  it('none of the refused requests wrote anything', async () => {
    const count = await t.handle.db.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const contacts = await t.handle.db.selectFrom('contacts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(contacts.n)).toBe(0);
  });
});
