import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAsStaff } from '../src/scheduling/booking-service.js';
import { loadAvailability } from '../src/scheduling/availability.js';
import { nextFreeSlots } from '../src/scheduling/free-slots.js';
import { listSpecialists } from '../src/specialists/specialist-repository.js';
import { accessibilityProblems, DESKTOP, hasChromium, linkIn, PHONE, startClinic, type Clinic } from './harness.js';

const TZ = 'Europe/Kyiv';
const STAFF = { type: 'staff' as const, id: null };

describe.skipIf(!hasChromium)('a client in the portal', () => {
  let clinic: Clinic;
  const email = 'marta.portal@example.com';
  let movable: string;
  let soon: string;

  beforeAll(async () => {
    clinic = await startClinic();
    const deps = clinic.system.deps;
    const now = new Date();
    const specialist = (await listSpecialists(deps.db, { activeOnly: true }))[0]!;
    const from = DateTime.now().setZone(TZ).plus({ days: 2 });
    const availability = await loadAvailability(deps.db, { specialist, from: from.toISODate()!, to: from.plus({ days: 30 }).toISODate()!, timezone: TZ, now });
    const [slot] = nextFreeSlots({ ...availability, now: from.startOf('day').toJSDate(), count: 1 });
    // Booked by the clinic over the phone: Marta is a client with two appointments.
    movable = (await bookAsStaff(deps, { specialistId: specialist.id, startsAt: slot!.startsAt, name: 'Marta Portal', email, locale: 'en' }, STAFF, 'staff', now)).id;
    const inFourHours = DateTime.now().setZone(TZ).plus({ hours: 4 }).startOf('minute').toJSDate();
    soon = (await bookAsStaff(deps, { specialistId: specialist.id, startsAt: inFourHours, name: 'Marta Portal', email, durationMinutes: 15 }, STAFF, 'staff', now)).id;
  });
  afterAll(() => clinic?.close());

  it('signs in with a magic link, moves a visit to another day, and is told to call about the one four hours away', async () => {
    const { context, page } = await clinic.newPage({ viewport: PHONE, locale: 'en' });
    await page.goto(`${clinic.baseUrl}/portal/sign-in`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByText(/check your e-mail/i).first().waitFor();
    await clinic.screenshot(page, 'portal-sign-in-360');

    const mails = () => clinic.sink.to(email).filter((m) => /sign/i.test(m.subject ?? ''));
    await expect.poll(() => mails().length, { timeout: 20_000 }).toBeGreaterThan(0);
    // The link opens a page with one button (a mail scanner opening it uses nothing up).
    await page.goto(linkIn(mails()[0]!.text, '/api/auth/magic-link/verify'));
    await page.getByRole('heading', { level: 1, name: 'Sign in to your client portal' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await clinic.screenshot(page, 'portal-sign-in-link-360');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/portal\/?$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await clinic.screenshot(page, 'portal-home-360');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The appointment four hours away can no longer be changed online: call the clinic.
    const soonCard = page.locator('article, [data-appointment]').filter({ hasText: /call/i }).first();
    await soonCard.waitFor();
    await expect.poll(() => soonCard.getByRole('link', { name: /\+380/ }).count()).toBeGreaterThan(0);

    // Move the other one to another day.
    const before = (await clinic.app.inject({ url: `/api/admin/bookings/${movable}`, headers: { cookie: await clinic.staffCookie() } })).json();
    await page.getByRole('button', { name: 'Reschedule' }).first().click();
    const days = page.locator('table button:not([data-disabled]):not([disabled])');
    await days.first().waitFor();
    const startDay = DateTime.fromISO(before.startsAt).toFormat('d LLLL yyyy');
    const count = await days.count();
    for (let i = 0; i < count; i += 1) {
      const label = (await days.nth(i).getAttribute('aria-label')) ?? '';
      if (!label.includes(startDay)) {
        await days.nth(i).click();
        break;
      }
    }
    await page.getByRole('group').getByRole('button', { name: /^\d{2}:\d{2}$/ }).first().click();
    await page.getByRole('button', { name: 'Confirm new time' }).click();
    await expect
      .poll(async () => (await clinic.app.inject({ url: `/api/admin/bookings/${movable}`, headers: { cookie: await clinic.staffCookie() } })).json().startsAt.slice(0, 10))
      .not.toBe(before.startsAt.slice(0, 10));
    await clinic.screenshot(page, 'portal-after-reschedule-360');

    // Trying the server directly for the near one gives the same answer: too late, call the clinic.
    const tooLate = await page.evaluate(async (id) => {
      const response = await fetch(`/api/me/bookings/${id}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
    }, soon);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.code).toBe('too_late');
    expect(tooLate.body.error.message).toMatch(/call the clinic/i);
    await context.close();
  });

  it('writes to the clinic and sees the manager’s answer', async () => {
    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'uk' });
    await page.goto(`${clinic.baseUrl}/portal/sign-in`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Надіслати посилання для входу' }).click();
    const mails = () => clinic.sink.to(email).filter((m) => /sign|вход|вхід/i.test(m.subject ?? ''));
    await expect.poll(() => mails().length, { timeout: 20_000 }).toBeGreaterThan(1);
    await page.goto(linkIn(mails().at(-1)!.text, '/api/auth/magic-link/verify'));
    await page.getByRole('button', { name: 'Увійти' }).click();
    await page.waitForURL(/\/portal\/?$/);

    await page.getByRole('link', { name: 'Повідомлення' }).first().click();
    await page.getByLabel('Повідомлення для клініки').fill('Чи можна прийти на 10 хвилин раніше?');
    await page.getByRole('button', { name: 'Надіслати' }).click();
    await page.getByText('Чи можна прийти на 10 хвилин раніше?').waitFor();

    const contactId = (await clinic.system.deps.db.selectFrom('contacts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const answer = await clinic.app.inject({
      method: 'POST',
      url: `/api/admin/contacts/${contactId}/messages`,
      headers: { cookie: await clinic.staffCookie() },
      payload: { body: 'Так, звісно. Чекаємо на вас!' },
    });
    expect(answer.statusCode).toBe(201);
    await page.reload();
    await page.getByText('Так, звісно. Чекаємо на вас!').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await clinic.screenshot(page, 'portal-messages-1280');
    await context.close();
  });
});
