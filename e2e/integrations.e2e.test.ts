import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityProblems, DESKTOP, hasChromium, startClinic, type Clinic } from './harness.js';

describe.skipIf(!hasChromium)('an administrator connects the clinic to an integration platform', () => {
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
  const whoIs = (key: string) => fetch(`${clinic.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });

  it('makes an API key, copies it once, sees it used, and revokes it', async () => {
    const { context, page } = await clinic.newPage({ viewport: DESKTOP, locale: 'en' });
    await signIn(page);
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Make an API key' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Make an API key' }).click();
    await dialog.getByText('Required').waitFor(); // no name yet: said beside the field, nothing sent
    await dialog.getByLabel('Name').fill('Zapier');
    await dialog.getByLabel('write').check();
    await dialog.getByRole('button', { name: 'Make an API key' }).click();
    const key = (await dialog.getByTestId('new-api-key').textContent())!.trim();
    expect(key).toMatch(/^cfk_/);
    await dialog.getByText('This is the only time the key is shown').waitFor();
    await clinic.screenshot(page, 'admin-api-key-made-1280');
    await dialog.getByRole('button', { name: 'Done' }).click();

    const me = await whoIs(key);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ type: 'api_key', name: 'Zapier', scopes: ['read', 'write'] });

    // The list never shows the key again, only its first characters, and now when it was used.
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Zapier' });
    await row.waitFor();
    expect(await page.content()).not.toContain(key);
    expect(await row.textContent()).toContain(key.slice(0, 10));
    expect(await row.textContent()).not.toContain('never');

    await row.getByRole('button', { name: 'Revoke: Zapier' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Revoked: Zapier.').waitFor();
    await row.getByText('revoked').waitFor();
    expect((await whoIs(key)).status).toBe(401);
    await context.close();
  });
});
