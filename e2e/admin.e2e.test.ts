import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAsStaff } from '../src/scheduling/booking-service.js';
import { listSpecialists } from '../src/specialists/specialist-repository.js';
import { hasChromium, DESKTOP, startClinic, type Clinic } from './harness.js';
import type { Page } from 'playwright-core';

const TZ = 'Europe/Kyiv';

/** The demo administrator signs in to the console and lands on Today. */
async function signIn(page: Page, clinic: Clinic): Promise<void> {
  await page.goto(`${clinic.baseUrl}/admin/sign-in`);
  await page.getByLabel('E-mail').fill('admin@clinic.test');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin\/?$/);
}

describe.skipIf(!hasChromium)('a manager runs the day from the console', () => {
  let clinic: Clinic;

  beforeAll(async () => {
    clinic = await startClinic();
  });
  afterAll(() => clinic?.close());

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
    await signIn(page, clinic);
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

  it('drags an appointment to a taken time and sees the refusal, then to a free time, and the client is e-mailed', async () => {
    // A specialist of this story's own, so no demo appointment shares their diary. Wednesday of
    // next week, always in the future and one "next" click away in the week view.
    const cookie = await clinic.staffCookie();
    const staff = { cookie, origin: clinic.baseUrl };
    const created = await clinic.app.inject({ method: 'POST', url: '/api/admin/specialists', headers: staff, payload: { name: 'Dr. Taras Moroz', specialty: 'Surgeon', consultationMinutes: 30 } });
    expect(created.statusCode).toBe(201);
    const specialist = created.json() as { id: string };
    const day = DateTime.now().setZone(TZ).startOf('week').plus({ weeks: 1, days: 2 }).toISODate()!;
    const at = (time: string): string => DateTime.fromISO(`${day}T${time}`, { zone: TZ }).toISO()!;
    const book = async (time: string, name: string, email: string): Promise<{ id: string }> => {
      const answer = await clinic.app.inject({ method: 'POST', url: '/api/admin/bookings', headers: staff, payload: { specialistId: specialist.id, startsAt: at(time), name, email, locale: 'en' } });
      expect(answer.statusCode, answer.body).toBe(201);
      return answer.json();
    };
    const lesia = await book('10:00', 'Lesia Move', 'lesia@example.com');
    await book('11:00', 'Petro Stays', 'petro@example.com');
    const moved = (): number => clinic.sink.to('lesia@example.com').filter((m) => /moved/i.test(m.subject ?? '')).length;

    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await signIn(page, clinic);
    await page.goto(`${clinic.baseUrl}/admin/calendar`);
    await page.getByRole('textbox', { name: 'Specialist' }).click();
    await page.getByRole('option', { name: /Dr\. Taras Moroz/ }).click();
    await page.locator('.fc-next-button').click();
    const appointment = page.locator(`.fc-timegrid-col[data-date="${day}"] .fc-timegrid-event:not(.fc-event-mirror)`).filter({ hasText: 'Lesia Move' });
    await expect.poll(() => appointment.getAttribute('aria-label')).toMatch(/, 10:00 \(30 min\)$/);

    // FullCalendar starts a drag only after the pointer has travelled a few pixels with the
    // button down, and follows it through mousemove: so a real press, several moves, a release.
    // It measures the move from the middle of the quarter-hour row where the appointment was
    // grabbed (useEventCenter), so the pointer goes from the middle of the start's row to the
    // middle of the target's row, and the appointment moves by exactly that much.
    const middleOf = async (time: string): Promise<number> => {
      const row = (await page.locator(`td.fc-timegrid-slot-lane[data-time="${time}:00"]`).boundingBox())!;
      return row.y + row.height / 2;
    };
    const dragTo = async (start: string, time: string): Promise<void> => {
      const column = (await page.locator(`.fc-timegrid-col[data-date="${day}"]`).boundingBox())!;
      const x = column.x + column.width / 2;
      const [from, to] = [await middleOf(start), await middleOf(time)];
      await page.mouse.move(x, from);
      await page.mouse.down();
      await page.mouse.move(x, from + 10, { steps: 5 });
      await page.mouse.move(x, to, { steps: 20 });
      await page.mouse.up();
    };
    const moveDialog = page.getByRole('dialog', { name: 'Move this appointment' });

    // 11:00 is Petro's: the console asks, the server refuses, and the answer is on screen.
    await dragTo('10:00', '11:00');
    await expect.poll(() => moveDialog.textContent()).toMatch(/Move Lesia Move from .*10:00 to .*11:00\?/);
    await moveDialog.getByRole('button', { name: 'Yes, go ahead' }).click();
    await page.getByText('This time is no longer free.').waitFor();
    await clinic.screenshot(page, 'admin-calendar-move-refused-1280');
    await expect.poll(() => appointment.getAttribute('aria-label')).toMatch(/, 10:00 \(30 min\)$/);
    const kept = (await clinic.app.inject({ url: `/api/admin/bookings/${lesia.id}`, headers: { cookie } })).json();
    expect(new Date(kept.startsAt).getTime()).toBe(new Date(at('10:00')).getTime());
    expect(moved()).toBe(0);

    // 12:00 is free: moved, and Lesia hears about it over SMTP.
    await dragTo('10:00', '12:00');
    await expect.poll(() => moveDialog.textContent()).toMatch(/Move Lesia Move from .*10:00 to .*12:00\?/);
    await moveDialog.getByRole('button', { name: 'Yes, go ahead' }).click();
    await page.getByText(/Moved: Lesia Move, now .*12:00/).waitFor();
    await expect.poll(() => appointment.getAttribute('aria-label')).toMatch(/, 12:00 \(30 min\)$/);
    await expect.poll(moved, { timeout: 20_000 }).toBe(1);
    const email = clinic.sink.to('lesia@example.com').find((m) => /moved/i.test(m.subject ?? ''))!;
    expect(email.subject).toContain('12:00');
    expect(email.text).toContain('10:00');
    const after = (await clinic.app.inject({ url: `/api/admin/bookings/${lesia.id}`, headers: { cookie } })).json();
    expect(new Date(after.startsAt).getTime()).toBe(new Date(at('12:00')).getTime());
    await clinic.screenshot(page, 'admin-calendar-moved-1280');
    await context.close();
  });

  it('marks a no-show, and the client’s e-mail offers the next free times with the same specialist', async () => {
    const specialist = (await listSpecialists(clinic.system.deps.db, { activeOnly: true }))[2]!;
    const startedAt = DateTime.now().setZone(TZ).minus({ hours: 1 }).startOf('minute').toJSDate();
    const missed = await bookAsStaff(clinic.system.deps, { specialistId: specialist.id, startsAt: startedAt, name: 'Oleh Missed', email: 'oleh@example.com', locale: 'en', durationMinutes: 20 }, { type: 'staff', id: null }, 'staff', new Date());

    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await signIn(page, clinic);
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
    await signIn(page, clinic);
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
    await signIn(page, clinic);
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

  it('rewrites a template’s English subject and sends the draft to themself; it arrives over SMTP, and nothing is saved', async () => {
    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await signIn(page, clinic);
    await page.goto(`${clinic.baseUrl}/admin/email/templates/booking_approved`);
    await page.getByText('English', { exact: true }).first().click();
    const subject = page.getByRole('textbox', { name: 'Subject' });
    await subject.fill('Draft for {{ client.name }}');
    await page.getByRole('button', { name: 'Send a test to me' }).click();
    await page.getByText(/on its way to admin@clinic\.test/).first().waitFor();
    await expect.poll(() => clinic.sink.to('admin@clinic.test').filter((m) => m.subject === 'Draft for Olena Kovalenko').length, { timeout: 20_000 }).toBe(1);
    const saved = (await clinic.app.inject({ url: '/api/admin/email-templates/booking_approved/en', headers: { cookie: await clinic.staffCookie() } })).json();
    expect(saved.customised).toBe(false);
    await context.close();
  });
});
