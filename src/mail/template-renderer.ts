import { Liquid, Tag, type LiquidOptions, type Template, type TagToken, type TopLevelToken } from 'liquidjs';
import { inlinePage, inlineTemplate } from './css-inlining.js';
import type { MailData, MailLocale } from './mail-data.js';

/** The three parts of a template (or of a rendered message). */
export interface MailTemplateText {
  subject: string;
  html: string;
  text: string;
}

export type TemplateField = keyof MailTemplateText;

export type TemplateCheck = { ok: true } | { ok: false; field: TemplateField; line: number; message: string };

/** A template that does not parse, or fails while rendering: which part, which line, why. */
export class TemplateError extends Error {
  constructor(
    readonly field: TemplateField,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${field}, line ${line}: ${reason}`);
    this.name = 'TemplateError';
  }
}

export const SUBJECT_MAX_LENGTH = 250;

/**
 * The page every HTML body is placed in: 600px wide at most, one column on a phone, the
 * clinic's name above and its contacts below. Its CSS is inlined by juice, because many mail
 * clients drop <style>; the media query stays in a <style> for those that keep it. Its selectors
 * are elements, classes and descendants only: inlining a template once for all its messages
 * (css-inlining.ts) relies on no rule depending on an element's siblings or position.
 */
const MAIL_LAYOUT = `<!DOCTYPE html>
<html{% if lang != "" %} lang="{{ lang }}"{% endif %}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>{{ subject }}</title>
<style>
body { margin: 0; padding: 0; background: #f2f5f7; color: #1f2933; font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.55; }
.wrapper { width: 100%; background: #f2f5f7; }
.container { width: 100%; max-width: 600px; background: #ffffff; border-radius: 8px; }
.header { background: #0f766e; color: #ffffff; padding: 20px 28px; font-size: 20px; font-weight: bold; border-radius: 8px 8px 0 0; }
.content { padding: 24px 28px; }
.content p { margin: 0 0 16px; }
.content h2 { font-size: 18px; margin: 24px 0 8px; }
.content ol { margin: 0 0 16px; padding-left: 22px; }
.content li { margin-bottom: 8px; }
.center { text-align: center; }
.button { display: inline-block; background: #0f766e; color: #ffffff; text-decoration: none; font-weight: bold; padding: 12px 28px; border-radius: 6px; }
.details { width: 100%; border-collapse: collapse; margin: 0 0 20px; background: #f7fafb; border-radius: 6px; }
.details th { text-align: left; vertical-align: top; color: #52606d; font-weight: normal; padding: 8px 12px; width: 32%; }
.details td { padding: 8px 12px; }
.quote { margin: 0 0 16px; padding: 12px 16px; border-left: 4px solid #0f766e; background: #f7fafb; white-space: pre-line; }
.muted { color: #6b7280; font-size: 14px; }
.footer { padding: 16px 28px 24px; color: #6b7280; font-size: 13px; text-align: center; }
.footer a { color: #6b7280; }
@media only screen and (max-width: 620px) {
  .content { padding: 20px 16px !important; }
  .header { padding: 16px !important; }
  .button { display: block !important; text-align: center !important; }
  .details th { width: 40% !important; }
}
</style>
</head>
<body>
<table class="wrapper" role="presentation" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding: 24px 8px;">
<table class="container" role="presentation" cellpadding="0" cellspacing="0">
<tr><td class="header">{{ clinic.name }}</td></tr>
<tr><td class="content">
{{ body | raw }}
</td></tr>
<tr><td class="footer">
<strong>{{ clinic.name }}</strong><br>
{% if clinic.address != "" %}{{ clinic.address }}<br>{% endif %}
{% if clinic.phone != "" %}<a href="tel:{{ clinic.phoneDigits }}">{{ clinic.phone }}</a>{% endif %}
{% if clinic.email != "" %} · <a href="mailto:{{ clinic.email }}">{{ clinic.email }}</a>{% endif %}
{% if clinic.website != "" %} · <a href="{{ clinic.website }}">{{ clinic.website }}</a>{% endif %}
</td></tr>
</table>
</td></tr></table>
</body>
</html>`;

// Refused when the template is parsed, so a save names the line rather than failing later.
class DisabledTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    throw new Error(`{% ${token.name} %} is not available in e-mail templates`);
  }
  render(): void {}
}

/**
 * Staff write templates and clients supply merge values, so Liquid runs as a sandbox: an
 * empty in-memory file map instead of the disk, no tag that reads another template, only own
 * properties of the data, and bounded parse size, render time (ms) and memory.
 */
const SANDBOX: LiquidOptions = {
  templates: {},
  relativeReference: false,
  dynamicPartials: false,
  ownPropertyOnly: true,
  strictFilters: true,
  lenientIf: true,
  parseLimit: 1_000_000,
  renderLimit: 1_000,
  memoryLimit: 20_000_000,
};

function sandboxedEngine(options: LiquidOptions): Liquid {
  const engine = new Liquid({ ...SANDBOX, ...options });
  for (const tag of ['include', 'render', 'layout']) engine.registerTag(tag, DisabledTag);
  return engine;
}

// HTML: every output is escaped, and `| raw` (the only way out of it) does not exist.
const htmlEngine = sandboxedEngine({ outputEscape: 'escape' });
htmlEngine.unregisterFilter('raw');
const textEngine = sandboxedEngine({});
// The layout is ours, not staff's: it alone may place the (already escaped) body with `| raw`.
const layoutEngine = new Liquid({ ...SANDBOX, outputEscape: 'escape' });
const layoutTemplate = layoutEngine.parse(MAIL_LAYOUT);
const BODY_SLOT = '{{ body | raw }}';

const engines: Record<TemplateField, Liquid> = { subject: textEngine, html: htmlEngine, text: textEngine };

/**
 * Parsed templates by their text. The outbox renders the same few dozen templates over and
 * over; the cap keeps a stream of drafts from growing the cache without end.
 */
const CACHE_ENTRIES = 300;
const CACHE_CHARS = 8_000_000;
const parsed = new Map<string, Template[]>();
let cachedChars = 0;

function parse(field: TemplateField, source: string): Template[] {
  const key = `${field}\u0000${source}`;
  const hit = parsed.get(key);
  if (hit) {
    parsed.delete(key);
    parsed.set(key, hit);
    return hit;
  }
  let templates: Template[];
  try {
    templates = engines[field].parse(source);
  } catch (err) {
    throw toTemplateError(field, err);
  }
  parsed.set(key, templates);
  cachedChars += key.length;
  for (const oldest of parsed.keys()) {
    if (parsed.size <= CACHE_ENTRIES && cachedChars <= CACHE_CHARS) break;
    parsed.delete(oldest);
    cachedChars -= oldest.length;
  }
  return templates;
}

/** A template's page with the CSS already inlined: the layout and the body, parsed. */
interface InlinedPage {
  layout: Template[];
  body: Template[];
  /** Its first message was also inlined the per-message way, with the same result. */
  checked: boolean;
}

/**
 * Pages inlined once, by their HTML body's text: a template saved in any process has new text,
 * so nothing here can be stale, and no process needs telling. null: this body is inlined per
 * message (css-inlining.ts refused it, or the check of its first message differed).
 */
const inlinedPages = new Map<string, InlinedPage | null>();
let inlinedChars = 0;

function inlinedPage(source: string): InlinedPage | null {
  const hit = inlinedPages.get(source);
  if (hit !== undefined) {
    inlinedPages.delete(source);
    inlinedPages.set(source, hit);
    return hit;
  }
  let page: InlinedPage | null = null;
  const inlined = inlineTemplate(MAIL_LAYOUT, BODY_SLOT, source);
  if (inlined) {
    try {
      page = { layout: layoutEngine.parse(inlined.layout), body: htmlEngine.parse(inlined.body), checked: false };
    } catch {
      page = null;
    }
  }
  inlinedPages.set(source, page);
  inlinedChars += source.length;
  for (const oldest of inlinedPages.keys()) {
    if (inlinedPages.size <= CACHE_ENTRIES && inlinedChars <= CACHE_CHARS) break;
    inlinedPages.delete(oldest);
    inlinedChars -= oldest.length;
  }
  return page;
}

interface LiquidFailure {
  message: string;
  originalError?: { message?: string };
  token?: { getPosition?: () => number[] };
}

function toTemplateError(field: TemplateField, err: unknown): TemplateError {
  const failure = (err ?? {}) as LiquidFailure;
  const position = typeof failure.token?.getPosition === 'function' ? failure.token.getPosition() : [];
  const line = position[0] ?? 1;
  let reason = (failure.originalError?.message ?? failure.message ?? String(err)).replace(/, line:\d+, col:\d+$/, '');
  if (reason === 'undefined filter: raw' && field === 'html') reason = 'the raw filter is not available: every merge field is escaped in HTML';
  else if (reason.startsWith('undefined variable: ')) reason = `${reason.slice('undefined variable: '.length)} is not a merge field of this template`;
  return new TemplateError(field, line, reason);
}

/** Parses all three parts; the first that does not parse is reported with its line. */
export function checkTemplate(template: MailTemplateText): TemplateCheck {
  for (const field of ['subject', 'html', 'text'] as const) {
    try {
      parse(field, template[field]);
    } catch (err) {
      const failure = err as TemplateError;
      return { ok: false, field: failure.field, line: failure.line, message: failure.reason };
    }
  }
  return { ok: true };
}

export interface RenderOptions {
  /** The message's language, for the layout's `lang`. */
  locale?: MailLocale;
  /**
   * Refuse a merge field the data does not have, instead of rendering it empty. Previews and
   * saves render strictly with the key's sample data, so a typo is caught while staff edit.
   */
  strict?: boolean;
}

function renderPart(field: TemplateField, source: string, data: MailData, strict: boolean): string {
  const templates = parse(field, source);
  try {
    return String(engines[field].renderSync(templates, data, { strictVariables: strict }));
  } catch (err) {
    throw toTemplateError(field, err);
  }
}

/** One line, no control characters: a subject can never start another header. */
export function oneLineSubject(subject: string): string {
  const line = subject
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = Array.from(line);
  return characters.length <= SUBJECT_MAX_LENGTH ? line : characters.slice(0, SUBJECT_MAX_LENGTH).join('').trimEnd();
}

function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function safeWebsite(url: string): string {
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : '';
}

/**
 * Renders a template with a message's merge data. Throws TemplateError (field, line) when the
 * template does not parse or fails while rendering.
 */
export async function renderMail(template: MailTemplateText, data: MailData, options: RenderOptions = {}): Promise<MailTemplateText> {
  const strict = options.strict ?? false;
  const subject = oneLineSubject(renderPart('subject', template.subject, data, strict));
  const text = tidyText(renderPart('text', template.text, data, strict));
  const page = {
    subject,
    lang: options.locale ?? '',
    clinic: { ...data.clinic, website: safeWebsite(data.clinic.website), phoneDigits: data.clinic.phone.replace(/[^+0-9]/g, '') },
  };
  return { subject, html: renderHtml(template.html, data, page, strict), text };
}

/** How a template's HTML is inlined: once for all its messages, per message, or not known until its first message. */
export function inliningOf(html: string): 'once' | 'per message' | 'unknown' {
  const page = inlinedPages.get(html);
  return page === undefined ? 'unknown' : page === null ? 'per message' : page.checked ? 'once' : 'unknown';
}

/** The HTML body in the layout, CSS inlined: from the template inlined once when it can be. */
function renderHtml(source: string, data: MailData, page: Record<string, unknown>, strict: boolean): string {
  const perMessage = (): string => inlinePage(String(layoutEngine.renderSync(layoutTemplate, { ...page, body: renderPart('html', source, data, strict) })));
  const inlined = inlinedPage(source);
  if (!inlined) return perMessage();
  let html: string;
  try {
    const body = String(htmlEngine.renderSync(inlined.body, data, { strictVariables: strict }));
    html = String(layoutEngine.renderSync(inlined.layout, { ...page, body }));
  } catch {
    // The per-message way fails too, and names the line of the template as staff wrote it.
    return perMessage();
  }
  if (!inlined.checked) {
    const expected = perMessage();
    if (html !== expected) {
      inlinedPages.set(source, null);
      return expected;
    }
    inlined.checked = true;
  }
  return html;
}
