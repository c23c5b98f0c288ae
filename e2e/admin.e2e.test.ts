import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAsStaff } from '../src/scheduling/booking-service.js';
import { listSpecialists } from '../src/specialists/specialist-repository.js';
import { hasChromium, DESKTOP, startClinic, type Clinic } from './harness.js';
import type { Page } from 'playwright-core';

const TZ = 'Europe/Kyiv';

describe.skipIf(!hasChromium)('a manager runs the day from the console', () => {
  let clinic: Clinic;

  beforeAll(async () => {
    clinic = await startClinic();
  });
  afterAll(() => clinic?.close());

  const signIn = async (page: Page): Promise<void> => {
    await page.goto(`${clinic.baseUrl}/admin/sign-in`);
    await page.getByLabel('E-mail').fill('admin@clinic.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/?$/);
  };

  it('sees a new booking on Today, approves it, and the client’s “confirmed by the clinic” e-mail arrives over SMTP', async () => {
    const specialist = (await listSpecialists(clinic.system.deps.db, { activeOnly: true }))[1]!;
    const day = DateTime.now().setZone(TZ).plus({ days: 3 }).toISODate()!;
    const slots = (await clinic.app.inject({ url: `/api/specialists/${specialist.id}/slots?date=${day}` })).json().slots;
    const slot = slots[0] ?? (await clinic.app.inject({ url: `/api/specialists/${specialist.id}/slots?date=${DateTime.fromISO(day).plus({ days: 1 }).toISODate()}` })).json().slots[0];
    const booked = await clinic.app.inject({ method: 'POST', url: '/api/bookings', payload: { specialistId: specialist.id, startsAt: slot.startsAt, name: 'Nadia Approve', email: 'nadia@example.com', locale: 'en' } });
    expect(booked.statusCode).toBe(201);
    await expect.poll(() => clinic.sink.to('nadia@example.com').length, { timeout: 20_000 }).toBe(1);
    const link = /http:\/\/[^\s]+\/booking\/confirm\?token=[^\s]+/.exec(clinic.sink.to('nadia@example.com')[0]!.text ?? '')![0];
    expect((await clinic.app.inject({ url: link.replace(clinic.baseUrl, '') })).statusCode).toBe(303);

    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await signIn(page);
    // The innermost block that holds both her name and an Approve button: her row under "needs action".
    const waiting = page.getByRole('main').locator('div').filter({ hasText: 'Nadia Approve' }).filter({ has: page.getByRole('button', { name: 'Approve' }) }).last();
    await waiting.waitFor();
    await clinic.screenshot(page, 'admin-today-1280');
    await waiting.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Yes, go ahead' }).click();
    await expect.poll(() => clinic.sink.to('nadia@example.com').filter((m) => /confirmed/i.test(m.subject ?? '')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const approved = clinic.sink.to('nadia@example.com').find((m) => m.attachments.some((a) => a.contentType.startsWith('text/calendar')));
    expect(approved).toBeDefined();
    expect((await clinic.app.inject({ url: `/api/admin/bookings/${booked.json().id}`, headers: { cookie: await clinic.staffCookie() } })).json().status).toBe('booked');
    await context.close();
  });

  it('marks a no-show, and the client’s e-mail offers the next free times with the same specialist', async () => {
    const specialist = (await listSpecialists(clinic.system.deps.db, { activeOnly: true }))[2]!;
    const startedAt = DateTime.now().setZone(TZ).minus({ hours: 1 }).startOf('minute').toJSDate();
    const missed = await bookAsStaff(clinic.system.deps, { specialistId: specialist.id, startsAt: startedAt, name: 'Oleh Missed', email: 'oleh@example.com', locale: 'en', durationMinutes: 20 }, { type: 'staff', id: null }, 'staff', new Date());

    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await signIn(page);
    await page.goto(`${clinic.baseUrl}/admin/appointments/${missed.id}`);
    await page.getByRole('button', { name: 'Mark as no-show' }).click();
    await page.getByRole('button', { name: 'Yes, go ahead' }).click();
    await expect.poll(() => clinic.sink.to('oleh@example.com').filter((m) => /\/booking\/rebook\?token=/.test(m.text ?? '')).length, { timeout: 20_000 }).toBe(1);
    const offer = clinic.sink.to('oleh@example.com').find((m) => /\/booking\/rebook\?token=/.test(m.text ?? ''))!;
    expect([...(offer.text ?? '').matchAll(/\/booking\/rebook\?token=/g)]).toHaveLength(3);
    expect(offer.text).toContain(specialist.name);
    await clinic.screenshot(page, 'admin-appointment-no-show-1280');
    await context.close();
  });

  it('edits a client’s phone number, and the timeline shows who changed what', async () => {
    const contact = (await clinic.system.deps.db.selectFrom('contacts').select(['id', 'phone']).where('email', '=', 'nadia@example.com').executeTakeFirstOrThrow());
    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await signIn(page);
    await page.goto(`${clinic.baseUrl}/admin/contacts/${contact.id}`);
    const phone = page.getByRole('textbox', { name: 'Phone' });
    await phone.fill('+380 50 777 8899');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('+380 50 777 8899').last().waitFor();
    const timeline = page.getByRole('main');
    await timeline.getByText(/admin@clinic\.test/).first().waitFor();
    await clinic.screenshot(page, 'admin-contact-timeline-1280');
    const saved = (await clinic.app.inject({ url: `/api/admin/contacts/${contact.id}/timeline?kind=contact.updated`, headers: { cookie: await clinic.staffCookie() } })).json();
    expect(saved.items[0].data.changes.phone).toEqual({ from: contact.phone, to: '+380 50 777 8899' });
    expect(saved.items[0].actor.type).toBe('staff');
    await context.close();
  });
});

describe.skipIf(!hasChromium)('an administrator adds a specialist', () => {
  let clinic: Clinic;
  beforeAll(async () => {
    clinic = await startClinic();
  });
  afterAll(() => clinic?.close());

  it('with a Monday-to-Friday schedule, and the public site offers their slots', async () => {
    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await page.goto(`${clinic.baseUrl}/admin/sign-in`);
    await page.getByLabel('E-mail').fill('admin@clinic.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/?$/);
    await page.goto(`${clinic.baseUrl}/admin/specialists`);
    await page.getByRole('link', { name: 'Add a specialist' }).first().click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Dr. Roman Novak');
    await page.getByRole('textbox', { name: 'Specialty' }).fill('Orthopaedist');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Now set the working hours/).first().waitFor();
    await page.getByRole('tab', { name: 'Working hours' }).click();
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      await page.getByRole('button', { name: `Add an interval to ${day}` }).click();
      await page.getByRole('textbox', { name: `${day}, interval 1, start` }).fill('10:00');
      await page.getByRole('textbox', { name: `${day}, interval 1, end` }).fill('14:00');
    }
    await page.getByRole('button', { name: 'Save' }).last().click();
    await page.getByText(/Working hours saved/).first().waitFor();
    await clinic.screenshot(page, 'admin-new-specialist-1280');

    // The public site now offers Dr. Novak's times.
    await page.goto(`${clinic.baseUrl}/specialists`);
    await page.getByRole('link', { name: /Book a consultation with Dr\. Roman Novak/ }).click();
    await page.getByRole('heading', { name: 'Choose a day and time' }).waitFor();
    await page.getByRole('group', { name: 'Day' }).locator('button:not([data-disabled]):not([disabled])').filter({ hasText: /^\d+$/ }).first().click();
    await page.getByRole('button', { name: /^1\d:\d{2}$/ }).first().waitFor();
    const times = await page.getByRole('button', { name: /^\d{2}:\d{2}$/ }).allTextContents();
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((time) => time >= '10:00' && time < '14:00')).toBe(true);
    await context.close();
  });
});
