import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, defaultTemplate } from './default-templates.js';
import { MAIL_LOCALES, type MailData } from './mail-data.js';
import { mergeFieldsOf, sampleMailData, TEMPLATE_DESCRIPTIONS, TEMPLATE_KEYS } from './template-keys.js';
import { checkTemplate, oneLineSubject, renderMail, TemplateError, type MailTemplateText } from './template-renderer.js';

const every = TEMPLATE_KEYS.flatMap((key) => MAIL_LOCALES.map((locale) => [key, locale] as const));

function withClient(name: string, overrides: Partial<MailData> = {}): MailData {
  const data = sampleMailData('message_to_staff', 'en');
  return { ...data, client: { name, email: 'hostile@example.com' }, ...overrides };
}

async function failureOf(promise: Promise<unknown>): Promise<TemplateError> {
  const err = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(err).toBeInstanceOf(TemplateError);
  return err as TemplateError;
}

describe('the default templates', () => {
  it('exist, with a description and sample data, for every key in both languages', () => {
    for (const [key, locale] of every) {
      const template = DEFAULT_TEMPLATES[locale][key];
      expect(template.subject.length).toBeGreaterThan(0);
      expect(template.html.length).toBeGreaterThan(0);
      expect(template.text.length).toBeGreaterThan(0);
      expect(TEMPLATE_DESCRIPTIONS[key][locale].length).toBeGreaterThan(10);
      expect(checkTemplate(template)).toEqual({ ok: true });
    }
  });

  it.each(every)('%s (%s) renders strictly with its sample data: every merge field exists, none is left over, every link is there', async (key, locale) => {
    const data = sampleMailData(key, locale);
    const mail = await renderMail(defaultTemplate(key, locale), data, { locale, strict: true });
    for (const part of [mail.subject, mail.html, mail.text]) {
      expect(part).not.toMatch(/\{\{|\}\}|\{%|%\}/);
    }
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.html).toContain(`<html lang="${locale}">`);
    expect(mail.html).toContain('max-width: 600px');
    expect(mail.html).toContain('name="viewport"');
    const urls = [...Object.values(data.links), ...(data.offeredSlots ?? []).map((slot) => slot.url)];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url}"`);
    }
    if (data.appointment) expect(mail.text).toContain(data.appointment.time);
  });

  it('speaks the clinic’s words in Ukrainian', async () => {
    const confirm = await renderMail(defaultTemplate('booking_confirm_request', 'uk'), sampleMailData('booking_confirm_request', 'uk'));
    expect(confirm.subject).toBe('Підтвердьте запис на прийом: 8 грудня 2026 р., 10:00');
    expect(confirm.text).toContain('Фахівець: Андрій Мельник, кардіолог');
    expect(confirm.text).toContain('Посилання діє 60 хв');
    const thanks = await renderMail(defaultTemplate('booking_thank_you', 'uk'), sampleMailData('booking_thank_you', 'uk'));
    expect(thanks.text).toContain('не пізніше ніж за 5 год до прийому');
    expect(thanks.text).toContain('+380 44 235 47 90');
  });

  it('offers each free slot as its own one-click link after a missed visit, and says so when there is none', async () => {
    const data = sampleMailData('no_show_follow_up', 'en');
    const mail = await renderMail(defaultTemplate('no_show_follow_up', 'en'), data);
    expect(mail.html.match(/class="button"/g)).toHaveLength(3);
    expect(mail.text).toContain('- Wednesday, 9 December 2026, 14:00: https://clinic.example/rebook?token=sample-1');
    const none = await renderMail(defaultTemplate('no_show_follow_up', 'en'), { ...data, offeredSlots: [] }, { strict: true });
    expect(none.text).toContain('has no free time in the next few days');
    expect(none.html).not.toContain('class="button"');
  });

  it('tells staff whether a client moved or cancelled', async () => {
    const moved = sampleMailData('client_changed_booking', 'uk');
    expect((await renderMail(defaultTemplate('client_changed_booking', 'uk'), moved)).subject).toMatch(/^Клієнт переніс запис: Олена Коваленко/);
    const cancelled: MailData = { ...moved, appointment: { ...moved.appointment!, status: 'cancelled' } };
    delete cancelled.previous;
    const mail = await renderMail(defaultTemplate('client_changed_booking', 'uk'), cancelled, { strict: true });
    expect(mail.subject).toMatch(/^Клієнт скасував запис/);
    expect(mail.text).not.toContain('Було:');
  });

  it('lists the merge fields each message carries', () => {
    expect(mergeFieldsOf(sampleMailData('no_show_follow_up', 'en'))).toEqual(expect.arrayContaining(['client.name', 'appointment.specialist.name', 'offeredSlots[].url', 'links.bookAgain', 'cutoffHours']));
    expect(mergeFieldsOf(sampleMailData('magic_link', 'uk'))).not.toContain('appointment.date');
  });
});

describe('escaping', () => {
  const template: MailTemplateText = { subject: 'From {{ client.name }}', html: '<p>Hello {{ client.name }}</p>', text: 'Hello {{ client.name }}' };
  const hostile = '<script>alert("x")</script> & \'Co\'';

  it('escapes every merged value in the HTML, but not in the plain text or the subject', async () => {
    const mail = await renderMail(template, withClient(hostile));
    expect(mail.html).toContain('Hello &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;Co&#39;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toBe(`Hello ${hostile}`);
    expect(mail.subject).toBe(`From ${hostile}`);
  });

  it('escapes the clinic’s name and contacts in the layout too, and links only a web address as the website', async () => {
    const data = withClient('Olena', { clinic: { name: '<b>Clinic</b>', address: '"><img src=x>', phone: '+380 44 000', email: 'a@b.example', website: 'javascript:alert(1)' } });
    const mail = await renderMail(template, data);
    expect(mail.html).toContain('&lt;b&gt;Clinic&lt;/b&gt;');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('javascript:');
  });

  it('refuses the raw filter in HTML, the only way around the escaping; plain text may use it', async () => {
    expect(checkTemplate({ ...template, html: '<p>\n{{ client.name | raw }}</p>' })).toEqual({
      ok: false,
      field: 'html',
      line: 2,
      message: 'the raw filter is not available: every merge field is escaped in HTML',
    });
    expect(checkTemplate({ ...template, text: '{{ client.name | raw }}' })).toEqual({ ok: true });
  });

  it('collapses a subject to one line, so a merged value cannot add a header', async () => {
    const mail = await renderMail(template, withClient('Hi\r\nBcc: x@y'));
    expect(mail.subject).toBe('From Hi Bcc: x@y');
    expect(oneLineSubject('Hi\r\nBcc: x@y')).toBe('Hi Bcc: x@y');
    expect(oneLineSubject(' a\u2028b\u0085c\td\u0000e ')).toBe('a b c d e');
    const literal = await renderMail({ ...template, subject: 'Line one\nBcc: staff@clinic.example\n' }, withClient('x'));
    expect(literal.subject).toBe('Line one Bcc: staff@clinic.example');
  });

  it('cuts a subject to 250 characters without splitting a character', async () => {
    const mail = await renderMail({ ...template, subject: '{{ client.name }}' }, withClient('Ж'.repeat(300)));
    expect(mail.subject).toBe('Ж'.repeat(250));
    expect(oneLineSubject('😀'.repeat(260))).toBe('😀'.repeat(250));
  });
});

describe('a template that does not parse', () => {
  it.each([
    ['html', { html: '<p>one</p>\n<p>two</p>\n{% if appointment %}\n<p>never closed</p>' }, 3, /not closed/],
    ['text', { text: 'Hello\n{{ client.name ' }, 2, /not closed/],
    ['subject', { subject: 'Hi {% for x in %}' }, 1, /./],
    ['html', { html: '\n\n\n\n{{ client.name | shout }}' }, 5, /undefined filter: shout/],
    ['text', { text: 'a\n{% endif %}' }, 2, /./],
  ] as const)('is reported with the field (%s) and the line at fault', async (field, change, line, message) => {
    const template = { ...defaultTemplate('booking_approved', 'en'), ...change };
    const check = checkTemplate(template);
    expect(check).toMatchObject({ ok: false, field, line });
    if (!check.ok) expect(check.message).toMatch(message);
    const err = await failureOf(renderMail(template, sampleMailData('booking_approved', 'en')));
    expect(err).toMatchObject({ field, line });
  });

  it('names a merge field the message does not carry, when rendering strictly', async () => {
    const template = { ...defaultTemplate('magic_link', 'en'), text: 'Hi\n{{ clinet.name }}' };
    const err = await failureOf(renderMail(template, sampleMailData('magic_link', 'en'), { strict: true }));
    expect(err).toMatchObject({ field: 'text', line: 2 });
    expect(err.reason).toContain('clinet');
    // The outbox renders leniently: a missing value is empty rather than a lost message.
    expect((await renderMail(template, sampleMailData('magic_link', 'en'))).text).toBe('Hi');
  });
});

describe('the sandbox', () => {
  const base = defaultTemplate('magic_link', 'en');
  const data = sampleMailData('magic_link', 'en');

  it.each([
    ['include', "{% include '/etc/passwd' %}"],
    ['render', "{% render '/etc/passwd' %}"],
    ['layout', "{% layout '/etc/passwd' %}"],
    ['include inside a liquid tag', "{% liquid\n include '../../package.json' %}"],
    ['a dynamic include', '{% include client.name %}'],
  ])('cannot read a file: %s is refused', async (_name, source) => {
    for (const field of ['subject', 'html', 'text'] as const) {
      const template = { ...base, [field]: source };
      const check = checkTemplate(template);
      expect(check).toMatchObject({ ok: false, field });
      const err = await failureOf(renderMail(template, data));
      expect(err.field).toBe(field);
    }
  });

  it('sees only the data’s own properties, never the prototype', async () => {
    const mail = await renderMail({ ...base, text: '[{{ client.constructor }}][{{ client.__proto__ }}][{{ links.hasOwnProperty }}][{{ client.name.toString }}]' }, data);
    expect(mail.text).toBe('[][][][]');
  });

  it('stops a template that would run away with memory', async () => {
    const err = await failureOf(renderMail({ ...base, text: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' }, data));
    expect(err.field).toBe('text');
  });

  it('renders the same template for many messages from one parse, each with its own data', async () => {
    const template = defaultTemplate('booking_approved', 'uk');
    const names = Array.from({ length: 50 }, (_, i) => `Клієнт ${i}`);
    const mails = await Promise.all(names.map((name) => renderMail(template, { ...sampleMailData('booking_approved', 'uk'), client: { name, email: 'c@example.com' } })));
    mails.forEach((mail, i) => expect(mail.text.startsWith(`Вітаємо, ${names[i]}!`)).toBe(true));
  });
});
