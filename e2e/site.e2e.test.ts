import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSpecialists } from '../src/specialists/specialist-repository.js';
import { accessibilityProblems, DESKTOP, hasChromium, linkIn, PHONE, startClinic, type Clinic } from './harness.js';

describe.skipIf(!hasChromium)('the clinic’s public site', () => {
  let clinic: Clinic;

  beforeAll(async () => {
    clinic = await startClinic();
  });
  afterAll(() => clinic?.close());

  it('a visitor books a free slot on a phone, confirms from the e-mail that arrived over SMTP, and lands confirmed in the portal', async () => {
    const { context, page } = await clinic.newPage({ viewport: PHONE, locale: 'en' });
    await page.goto(`${clinic.baseUrl}/`);
    await page.getByRole('main').getByRole('link', { name: 'Book a consultation' }).click();

    // 1. The specialist.
    await page.getByRole('heading', { name: 'Choose a specialist' }).waitFor();
    await page.getByRole('button', { name: / min$/ }).first().click();
    // 2. A day with free time, then a time.
    await page.getByRole('heading', { name: 'Choose a day and time' }).waitFor();
    const day = page.getByRole('group', { name: 'Day' }).locator('button:not([data-disabled]):not([disabled])').filter({ hasText: /^\d+$/ }).first();
    await day.click();
    await page.getByRole('button', { name: /^\d{2}:\d{2}$/ }).first().click();
    // 3. Who is coming.
    await page.getByRole('heading', { name: 'Your details' }).waitFor();
    await clinic.screenshot(page, 'booking-details-360');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Name').fill('Sofia Visitor');
    await page.getByLabel('E-mail').fill('sofia.visitor@example.com');
    await page.getByLabel('Phone').fill('+380 67 555 1234');
    await page.getByLabel('Notes for the specialist').fill('First visit; knee pain after running.');
    await page.getByRole('checkbox', { name: /I agree to the processing of my personal data/ }).check();
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    // 4. Check your e-mail.
    await page.getByRole('heading', { name: 'Check your e-mail to confirm' }).waitFor();
    await page.getByText('sofia.visitor@example.com').first().waitFor();
    await clinic.screenshot(page, 'booking-check-email-360');

    await expect.poll(() => clinic.sink.to('sofia.visitor@example.com').length, { timeout: 20_000 }).toBeGreaterThan(0);
    const mail = clinic.sink.to('sofia.visitor@example.com')[0]!;
    await page.goto(linkIn(mail.text, '/booking/confirm'));
    await page.waitForURL(/\/booking\/confirmed/);
    await clinic.screenshot(page, 'booking-confirmed-360');
    await page.getByRole('link', { name: 'Open my client portal' }).click();
    await page.waitForURL(/\/portal/);
    await page.getByText('Confirmed by you', { exact: false }).first().waitFor();
    await clinic.screenshot(page, 'portal-after-confirm-360');
    await context.close();
  });

  it('reads entirely in Ukrainian, then in English, and axe finds no serious problem on any page', async () => {
    const specialist = (await listSpecialists(clinic.system.deps.db, { activeOnly: true }))[0]!;
    const pages: Array<[string, string, string, string]> = [
      ['home', '/', 'Клініка «Здоров’я»', 'Клініка «Здоров’я»'],
      ['specialists', '/specialists', 'Фахівці', 'Specialists'],
      ['specialist', `/specialists/${specialist.id}`, specialist.name, specialist.name],
      ['reviews', '/reviews', 'Відгуки', 'Reviews'],
      ['book', `/book?specialist=${specialist.id}`, 'Запис на консультацію', 'Book a consultation'],
      ['portal-sign-in', '/portal/sign-in', 'Вхід', 'Sign in'],
    ];
    for (const [viewport, size] of [
      [PHONE, '360'],
      [DESKTOP, '1280'],
    ] as const) {
      const { context, page } = await clinic.newPage({ viewport, locale: 'uk' });
      for (const [name, path, ukHeading] of pages) {
        await page.goto(`${clinic.baseUrl}${path}`);
        const h1 = page.getByRole('heading', { level: 1 });
        await h1.waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe('uk');
        expect(await h1.textContent()).toContain(ukHeading);
        expect(await accessibilityProblems(page), `${name} in Ukrainian at ${size}px`).toEqual([]);
        await clinic.screenshot(page, `${name}-uk-${size}`);
      }
      // The visitor switches to English; the choice sticks across pages.
      await page.goto(`${clinic.baseUrl}/`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // On a phone the language switch sits in the menu.
      const menu = page.getByRole('button', { name: 'Меню' });
      if (await menu.isVisible()) await menu.click();
      await page.getByRole('radio', { name: 'English' }).first().check();
      await page.locator('html[lang="en"]').waitFor();
      for (const [name, path, , enHeading] of pages) {
        await page.goto(`${clinic.baseUrl}${path}`);
        const h1 = page.getByRole('heading', { level: 1 });
        await h1.waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await h1.textContent()).toContain(enHeading);
        expect(await accessibilityProblems(page), `${name} in English at ${size}px`).toEqual([]);
        await clinic.screenshot(page, `${name}-en-${size}`);
      }
      await context.close();
    }
  });
});
