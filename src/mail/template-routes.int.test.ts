import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { defaultTemplate } from './default-templates.js';
import { TEMPLATE_KEYS } from './template-keys.js';
import { loadTemplate } from './template-repository.js';

const URL = '/api/admin/email-templates';
const CONFIRM_UK = `${URL}/booking_confirm_request/uk`;

const ourConfirmation = {
  subject: 'Клініка чекає на підтвердження: {{ appointment.date }} о {{ appointment.time }}',
  html: '<p>Добрий день, {{ client.name }}!</p>\n<p>Підтвердіть запис до фахівця: {{ appointment.specialist.name }}.</p>\n<p><a class="button" href="{{ links.confirm }}">Підтверджую</a></p>',
  text: 'Добрий день, {{ client.name }}!\nПідтвердіть запис: {{ links.confirm }}',
};

describe('an administrator rewrites the Ukrainian booking confirmation, previews it, breaks it, and resets it', () => {
  let t: TestApp;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-07T08:00:00+02:00' });
    admin = await t.staffCookie('admin');
    manager = await t.staffCookie('manager');
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, cookie?: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

  it('lists every template in both languages, all defaults on a fresh installation', async () => {
    const response = await call('GET', URL, admin);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(TEMPLATE_KEYS.length * 2);
    expect(items.every((item) => item.customised === false && item.updatedAt === null)).toBe(true);
    expect(items.find((item) => item.key === 'booking_confirm_request' && item.locale === 'uk')).toEqual({
      key: 'booking_confirm_request',
      locale: 'uk',
      description: 'Відвідувачу, який записався на сайті: підтвердіть запис на прийом, доки посилання чинне.',
      subject: defaultTemplate('booking_confirm_request', 'uk').subject,
      customised: false,
      updatedAt: null,
    });
  });

  it('opens one template with the merge fields it may use', async () => {
    const response = await call('GET', CONFIRM_UK, admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...defaultTemplate('booking_confirm_request', 'uk'), customised: false, updatedBy: null });
    expect(response.json().mergeFields).toEqual(expect.arrayContaining(['client.name', 'appointment.date', 'links.confirm', 'expiresInMinutes']));
    expect(response.json().mergeFields).not.toContain('offeredSlots[].url');
  });

  it('previews a draft subject with sample data, keeping the rest of the current template', async () => {
    const response = await call('POST', `${CONFIRM_UK}/preview`, admin, { subject: 'Запис для {{ client.name }}\n(чернетка)' });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview.subject).toBe('Запис для Олена Коваленко (чернетка)');
    expect(preview.text).toContain('https://clinic.example/confirm?token=sample-token');
    expect(preview.html).toContain('Підтвердити запис');
    // Nothing was saved.
    expect((await call('GET', CONFIRM_UK, admin)).json().customised).toBe(false);
  });

  it('saves the clinic’s own confirmation and sees it customised; the outbox renders it from now on', async () => {
    const saved = await call('PUT', CONFIRM_UK, admin, ourConfirmation);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ...ourConfirmation, customised: true, updatedAt: '2026-12-07T08:00:00+02:00' });
    expect(saved.json().updatedBy).toMatch(/^[0-9a-f-]{36}$/);

    const items = (await call('GET', URL, admin)).json().items as Array<Record<string, unknown>>;
    expect(items.filter((item) => item.customised).map((item) => `${item.key}/${item.locale}`)).toEqual(['booking_confirm_request/uk']);
    expect(items.find((item) => item.key === 'booking_confirm_request' && item.locale === 'uk')?.subject).toBe(ourConfirmation.subject);

    const preview = (await call('POST', `${CONFIRM_UK}/preview`, admin, {})).json();
    expect(preview.subject).toBe('Клініка чекає на підтвердження: 8 грудня 2026 р. о 10:00');
    expect(preview.text).toBe('Добрий день, Олена Коваленко!\nПідтвердіть запис: https://clinic.example/confirm?token=sample-token');
    expect(preview.html).toContain('Підтвердіть запис до фахівця: Андрій Мельник.');

    expect(await loadTemplate(t.handle.db, 'booking_confirm_request', 'uk')).toMatchObject({ ...ourConfirmation, customised: true });
    expect(await loadTemplate(t.handle.db, 'booking_confirm_request', 'en')).toMatchObject({ ...defaultTemplate('booking_confirm_request', 'en'), customised: false });

    t.clock.advanceMinutes(5);
    const again = await call('PUT', CONFIRM_UK, admin, { ...ourConfirmation, subject: 'Підтвердіть запис, {{ client.name }}' });
    expect(again.json()).toMatchObject({ subject: 'Підтвердіть запис, {{ client.name }}', updatedAt: '2026-12-07T08:05:00+02:00' });
  });

  it.each([
    ['an unclosed tag', { html: '<p>Добрий день!</p>\n<p>Ваш запис:</p>\n{% if appointment %}\n<p>{{ appointment.date }}</p>' }, 'html', /^line 3: .*not closed/],
    ['an unclosed output', { text: 'Добрий день,\n{{ client.name' }, 'text', /^line 2: /],
    ['a merge field this message does not carry', { text: 'Добрий день,\n\n{{ clinet.name }}' }, 'text', /^line 3: clinet/],
    ['the raw filter', { html: '{{ client.name | raw }}' }, 'html', /^line 1: the raw filter/],
    ['an include of a file', { html: "<p>\n{% include '/etc/passwd' %}</p>" }, 'html', /^line 2: /],
    ['a loop that runs away', { text: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' }, 'text', /^line 1: /],
  ])('refuses %s with the field and line at fault, on save and in a preview, keeping what was saved', async (_name, change, field, message) => {
    const refused = await call('PUT', CONFIRM_UK, admin, { ...ourConfirmation, ...change });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('invalid_input');
    expect(Object.keys(refused.json().error.fields)).toEqual([field]);
    expect(refused.json().error.fields[field]).toMatch(message);

    const preview = await call('POST', `${CONFIRM_UK}/preview`, admin, change);
    expect(preview.statusCode).toBe(400);
    expect(preview.json().error.fields[field]).toMatch(message);

    expect((await call('GET', CONFIRM_UK, admin)).json().subject).toBe('Підтвердіть запис, {{ client.name }}');
  });

  it.each([
    ['an unknown template', `${URL}/newsletter/uk`, ourConfirmation, 'key'],
    ['an unknown language', `${URL}/booking_confirm_request/fr`, ourConfirmation, 'locale'],
    ['an empty subject', CONFIRM_UK, { ...ourConfirmation, subject: '' }, 'subject'],
    ['a subject over 500 characters', CONFIRM_UK, { ...ourConfirmation, subject: 'x'.repeat(501) }, 'subject'],
    ['a missing text body', CONFIRM_UK, { subject: 'x', html: 'y' }, 'text'],
    ['an unknown field', CONFIRM_UK, { ...ourConfirmation, from: 'boss@clinic.example' }, 'from'],
  ])('refuses %s, naming the field', async (_name, url, payload, field) => {
    const response = await call('PUT', url, admin, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
    expect(Object.keys(response.json().error.fields)).toContain(field);
  });

  it('resets the template to the default, and a second reset changes nothing', async () => {
    expect((await call('DELETE', CONFIRM_UK, admin)).statusCode).toBe(204);
    const template = (await call('GET', CONFIRM_UK, admin)).json();
    expect(template).toMatchObject({ ...defaultTemplate('booking_confirm_request', 'uk'), customised: false, updatedAt: null, updatedBy: null });
    expect((await call('DELETE', CONFIRM_UK, admin)).statusCode).toBe(204);
    const items = (await call('GET', URL, admin)).json().items as Array<{ customised: boolean }>;
    expect(items.some((item) => item.customised)).toBe(false);
  });

  it('documents the routes in the OpenAPI document, with the template keys and languages', async () => {
    const paths = (await call('GET', '/api/openapi.json')).json().paths;
    const one = paths['/api/admin/email-templates/{key}/{locale}'];
    expect(Object.keys(one).sort()).toEqual(['delete', 'get', 'put']);
    const key = one.put.parameters.find((parameter: { name: string }) => parameter.name === 'key');
    expect(key.schema.enum).toEqual([...TEMPLATE_KEYS]);
    expect(one.put.tags).toEqual(['admin']);
    expect(paths['/api/admin/email-templates/{key}/{locale}/preview'].post).toBeDefined();
  });

  it('keeps templates to administrators: 403 for a manager, 401 for a visitor, and nothing changes', async () => {
    for (const [cookie, status] of [[manager, 403], [undefined, 401]] as const) {
      expect((await call('GET', URL, cookie)).statusCode).toBe(status);
      expect((await call('GET', CONFIRM_UK, cookie)).statusCode).toBe(status);
      const put = await call('PUT', CONFIRM_UK, cookie, ourConfirmation);
      expect(put.statusCode).toBe(status);
      expect(put.json().error.code).toBe(status === 403 ? 'forbidden' : 'unauthorized');
      expect((await call('POST', `${CONFIRM_UK}/preview`, cookie, {})).statusCode).toBe(status);
      expect((await call('DELETE', CONFIRM_UK, cookie)).statusCode).toBe(status);
    }
    expect((await call('GET', CONFIRM_UK, admin)).json().customised).toBe(false);
  });
  it('sends a draft to the administrator themself through the outbox, and refuses a broken one before anything is written', async () => {
    const me = (await call('GET', '/api/auth/me', admin)).json() as { email: string };
    const sent = await call('POST', `${CONFIRM_UK}/test`, admin, { subject: 'Тест: {{ client.name }}, {{ appointment.time }}' });
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ emailId: expect.any(String), to: me.email });
    const email = await t.handle.db.selectFrom('outbound_messages').selectAll().where('id', '=', sent.json().emailId).executeTakeFirstOrThrow();
    expect(email).toMatchObject({ to_address: me.email, template_key: 'booking_confirm_request', locale: 'uk', contact_id: null, subject: 'Тест: Олена Коваленко, 10:00' });
    expect(email.text).toContain('https://clinic.example/confirm?token=sample-token');
    // Nothing was saved.
    expect((await call('GET', CONFIRM_UK, admin)).json().customised).toBe(false);

    const before = await t.handle.db.selectFrom('outbound_messages').select('id').execute();
    const broken = await call('POST', `${CONFIRM_UK}/test`, admin, { html: '<p>{% if client.name %}unclosed</p>' });
    expect(broken.statusCode).toBe(400);
    expect(Object.keys(broken.json().error.fields)).toEqual(['html']);
    expect(await t.handle.db.selectFrom('outbound_messages').select('id').execute()).toHaveLength(before.length);

    for (const [cookie, status] of [[manager, 403], [undefined, 401]] as const) {
      expect((await call('POST', `${CONFIRM_UK}/test`, cookie, {})).statusCode).toBe(status);
    }
  });
});
