import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityProblems, DESKTOP, hasChromium, startClinic, type Clinic } from './harness.js';

describe.skipIf(!hasChromium)('a manager brings the old patient spreadsheet into the console and takes the contacts out again', () => {
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
  const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

  it('sees a file with two bad rows refused row by row, corrects it, imports it, and exports the contacts', async () => {
    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await signIn(page);
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Drop a .csv file here, or choose one.').waitFor();

    // Excel in Ukraine: semicolons, Ukrainian headers, and two rows with mistakes.
    const bad = ['Ім’я;Пошта;Телефон;Мітки', 'Олена Петренко;olena.import@example.com;+380 67 123 4567;vip', 'Тарас Шевченко;taras-at-example.com;;', 'Ірина Коваль;iryna.import@example.com;дзвонити ввечері;'].join('\r\n');
    await dialog.locator('input[type=file]').setInputFiles(csvFile('patients.csv', bad));
    await dialog.getByText('2 problems in the file').waitFor();
    const problems = dialog.getByRole('alert');
    await problems.getByRole('row').filter({ hasText: 'taras-at-example.com' }).getByText('is not an e-mail address').waitFor();
    await problems.getByRole('row').filter({ hasText: 'дзвонити ввечері' }).getByText(/is not a phone number/).waitFor();
    expect(await dialog.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await clinic.screenshot(page, 'admin-contact-import-problems-1280');

    const good = bad.replace('taras-at-example.com', 'taras.import@example.com').replace('дзвонити ввечері', '050 765 43 21');
    await dialog.locator('input[type=file]').setInputFiles(csvFile('patients-fixed.csv', good));
    await dialog.getByText('3 new').waitFor();
    // The columns were recognised from the Ukrainian headers, and can be changed.
    expect(await dialog.getByRole('textbox', { name: 'E-mail' }).inputValue()).toBe('2. Пошта');
    await dialog.getByRole('cell', { name: 'Тарас Шевченко' }).waitFor();
    await clinic.screenshot(page, 'admin-contact-import-preview-1280');
    await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
    await dialog.getByText('3 rows imported').waitFor();
    await page.getByText('New contacts: 3, updated: 0, unchanged: 0.').first().waitFor();
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await page.getByRole('link', { name: 'Тарас Шевченко' }).waitFor();

    // The export comes from the server, named by it, and opens in Excel in Ukrainian.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = fs.readFileSync((await download.path())!);
    expect(exported.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(exported.toString('utf8')).toContain('Тарас Шевченко,taras.import@example.com');
    await page.getByText(/^Saved contacts-/).waitFor();
    await context.close();
  });

  it('takes the specialists and the audit log out the same way, in Ukrainian, with the list’s filters', async () => {
    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'uk' });
    await page.goto(`${clinic.baseUrl}/admin/sign-in`);
    await page.getByLabel('E-mail').fill('admin@clinic.test');
    await page.getByLabel('Пароль').fill('correct horse battery');
    await page.getByRole('button', { name: 'Увійти' }).click();
    await page.waitForURL(/\/admin\/?$/);

    await page.getByRole('link', { name: 'Фахівці' }).click();
    await page.waitForURL(/\/admin\/specialists$/);
    await page.getByRole('heading', { level: 1, name: 'Фахівці' }).waitFor();
    const [specialists] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Експорт CSV' }).click()]);
    expect(specialists.suggestedFilename()).toMatch(/^specialists-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = fs.readFileSync((await specialists.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(header).toContain('Спеціальність');
    expect(header).toContain('Понеділок');
    expect(rows.length).toBeGreaterThanOrEqual(6);

    // The audit log already holds that download; the file holds what the filter shows.
    await page.getByRole('link', { name: 'Журнал аудиту' }).click();
    const filtered = page.waitForResponse((response) => response.url().includes('/api/admin/audit?') && response.url().includes('action=specialists.export'));
    await page.getByLabel('Дія').fill('specialists.export');
    await filtered;
    await page.getByRole('cell', { name: 'specialists.export' }).first().waitFor();
    const [log] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Експорт CSV' }).click()]);
    const lines = fs.readFileSync((await log.path())!, 'utf8').split('\r\n').filter(Boolean);
    expect(lines.slice(1).filter((line) => !line.includes(',specialists.export,'))).toEqual([]);
    expect(lines).toHaveLength(2);
    await page.getByText(/^Файл audit-log-.*збережено/).waitFor();
    await context.close();
  });
});
