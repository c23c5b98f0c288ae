import { describe, expect, it } from 'vitest';
import { inlineTemplate } from './css-inlining.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { MAIL_LOCALES, type MailData } from './mail-data.js';
import { sampleMailData, TEMPLATE_KEYS } from './template-keys.js';
import { inliningOf, renderMail } from './template-renderer.js';

const every = TEMPLATE_KEYS.flatMap((key) => MAIL_LOCALES.map((locale) => [key, locale] as const));
const LAYOUT = '<!DOCTYPE html>\n<html{% if lang != "" %} lang="{{ lang }}"{% endif %}>\n<head><style>.content p { margin: 0; } .button { color: red; }</style></head>\n<body><div class="content">{{ body | raw }}</div></body>\n</html>';
const inline = (body: string) => inlineTemplate(LAYOUT, '{{ body | raw }}', body);

describe('inlining a template’s CSS once for all its messages', () => {
  it.each(every)('%s (%s): the default is inlined once, and its messages are what inlining each page gives', async (key, locale) => {
    const template = DEFAULT_TEMPLATES[locale][key];
    await renderMail(template, sampleMailData(key, locale), { locale, strict: true });
    // The first message is rendered both ways and compared: 'once' means they were the same.
    expect(inliningOf(template.html)).toBe('once');
  });

  it('gives each message what inlining its own page would, whatever the merged values hold', async () => {
    const hostile = `"Olena' <b>&amp; {{ x }} {% if %} cfliquid1x </td></table> \u2028 ${'ж'.repeat(50)}`;
    for (const [key, locale] of every) {
      const sample = sampleMailData(key, locale);
      const data: MailData = { ...sample, client: { name: hostile, email: 'a"b@example.com' }, clinic: { ...sample.clinic, name: hostile, address: hostile } };
      // A template text of its own, so that its first message (checked against the per-message way) carries these values.
      const template = { ...DEFAULT_TEMPLATES[locale][key], html: `${DEFAULT_TEMPLATES[locale][key].html}\n` };
      const mail = await renderMail(template, data, { locale });
      expect(inliningOf(template.html)).toBe('once');
      expect(mail.html).toContain('&lt;b&gt;&amp;amp;');
      expect(mail.html).not.toContain('<b>');
    }
  });

  it('inlines the layout’s rules into the body’s elements and keeps Liquid as written', () => {
    const inlined = inline('<p class="button">Hi {{ client.name }}</p>{% if links.portal %}<a class="button" href="{{ links.portal }}">Go</a>{% endif %}')!;
    expect(inlined.body).toBe('<p class="button" style="color: red; margin: 0;">Hi {{ client.name }}</p>{% if links.portal %}<a class="button" href="{{ links.portal }}" style="color: red;">Go</a>{% endif %}');
    expect(inlined.layout).toContain('<html{% if lang != "" %} lang="{{ lang }}"{% endif %}>');
    expect(inlined.layout).toContain('<div class="content">{{ body | raw }}</div>');
    expect(inlined.layout).not.toContain('<style>');
  });

  it.each([
    ['a merged class', '<p class="{{ client.name }}">x</p>'],
    ['a merged style', '<p style="color: {{ client.name }}">x</p>'],
    ['a tag inside a start tag', '<p {% if client.name %}class="button"{% endif %}>x</p>'],
    ['an output in place of an attribute', '<p {{ client.name }}>x</p>'],
    ['a branch that opens an element it does not close', '{% if client.name %}<div class="button">{% endif %}<p>x</p>{% if client.name %}</div>{% endif %}'],
    ['branches that differ in what they leave open', '<ul>{% if client.name %}<li>a{% else %}<li>b</li>{% endif %}</ul>'],
    ['an element left to close itself', '<p>one<p>two'],
    ['its own styles', '<style>p { color: red; }</style><p>x</p>'],
    ['capture', '{% capture x %}<p>a</p>{% endcapture %}{{ x }}'],
    ['cycle', '{% for s in offeredSlots %}{% cycle "<b>", "</b>" %}{% endfor %}'],
    ['break', '{% for s in offeredSlots %}<p>{% break %}</p>{% endfor %}'],
    ['Liquid in a comment', '<!-- {{ client.name }} --><p>x</p>'],
  ])('leaves a template to be inlined per message when it has %s', async (_, body) => {
    expect(inline(body)).toBeNull();
  });

  it('still renders, per message, a template it cannot inline once', async () => {
    const data = sampleMailData('booking_approved', 'en');
    const template = { subject: 'Hi', text: 'Hi', html: '<p class="{% if client.name %}button{% endif %}">Hello {{ client.name }}</p>' };
    const mail = await renderMail(template, data, { locale: 'en' });
    expect(inliningOf(template.html)).toBe('per message');
    expect(mail.html).toMatch(/<p class="button" style="[^"]*display: inline-block/);
  });
});
