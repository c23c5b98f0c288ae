import { Liquid } from 'liquidjs';
import { copyFor, LABELS, statusWord, type PageCopy } from './landing-copy.js';

/** The languages a landing page is written in. */
export type PageLocale = 'uk' | 'en';

export interface ClinicContacts {
  name: string;
  address: string;
  phone: string;
  email: string;
}

/** An appointment as the page shows it: date and time already in words, status as its code. */
export interface PageAppointment {
  date: string;
  time: string;
  weekday: string;
  specialistName: string;
  specialty: string;
  status: string;
}

export interface OfferedTime {
  date: string;
  time: string;
  weekday: string;
  url: string;
}

/** Every outcome of an e-mailed link, and what the page needs to explain it. */
export type LandingPage =
  | { kind: 'booking_confirmed'; clinic: ClinicContacts; appointment: PageAppointment; portalUrl: string; cutoffHours: number }
  | { kind: 'already_confirmed'; clinic: ClinicContacts; appointment: PageAppointment | null; signInUrl: string }
  /** The confirmation link (and the held time) ran out. */
  | { kind: 'link_expired'; clinic: ClinicContacts; bookAgainUrl: string }
  /** Not a link we sent, or mistyped. */
  | { kind: 'link_unknown'; clinic: ClinicContacts; homeUrl: string }
  /** One-click booking of an offered time worked: the new appointment is confirmed. */
  | { kind: 'rebooked'; clinic: ClinicContacts; appointment: PageAppointment; portalUrl: string; cutoffHours: number }
  /** That time has gone meanwhile. */
  | { kind: 'offer_taken'; clinic: ClinicContacts; bookAgainUrl: string; alternatives: OfferedTime[] }
  /** A time from this e-mail was booked already. */
  | { kind: 'offer_used'; clinic: ClinicContacts; portalUrl: string }
  /** GET /booking/confirmed, for the signed-in client who owns the appointment. */
  | { kind: 'booking_status'; clinic: ClinicContacts; appointment: PageAppointment; portalUrl: string; cutoffHours: number }
  /** GET /booking/confirmed for anyone else: the same page whether or not the appointment exists. */
  | { kind: 'sign_in_to_view'; clinic: ClinicContacts; signInUrl: string; homeUrl: string }
  /** Something failed on our side; a page rather than an error body. */
  | { kind: 'unavailable'; clinic: ClinicContacts; homeUrl: string }
  /** A sign-in link that ran out, was used already, or is not ours: ask for a new one. */
  | { kind: 'sign_in_link_invalid'; clinic: ClinicContacts; signInUrl: string }
  /**
   * A sign-in link opened: one button signs in (a form POST). Opening the link changes nothing,
   * so a mail scanner that follows every link cannot use the client's single-use link up.
   */
  | { kind: 'sign_in_confirm'; clinic: ClinicContacts; verifyPath: string; token: string };

/**
 * The page's structure. Its CSS is inline (the CSP allows inline styles, not scripts) and it
 * has no script at all: an e-mailed link must work in any browser. Every `{{ }}` is escaped.
 */
const PAGE_LAYOUT = `<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>{{ heading }} · {{ clinic.name }}</title>
<style>
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #f2f5f7; color: #1f2933; font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 1.0625rem; line-height: 1.6; }
.bar { background: #0f766e; color: #ffffff; }
.bar p { margin: 0 auto; max-width: 40rem; padding: 14px 16px; font-size: 1.125rem; font-weight: 700; }
.wrap { max-width: 40rem; margin: 0 auto; padding: 16px 12px 32px; }
.card { background: #ffffff; border-radius: 12px; padding: 20px 16px; margin: 0 0 16px; box-shadow: 0 1px 3px rgba(15, 23, 42, 0.1); }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 12px 0; }
h2 { font-size: 1.125rem; line-height: 1.3; margin: 24px 0 8px; }
.card > h2:first-child { margin-top: 0; }
p { margin: 0 0 12px; }
a { color: #0f766e; }
a:focus-visible { outline: 3px solid #1f2933; outline-offset: 3px; border-radius: 4px; }
.badge { display: flex; align-items: center; justify-content: center; width: 48px; height: 48px; border-radius: 50%; }
.tone-success .badge { background: #d1fae5; color: #065f46; }
.tone-info .badge { background: #dbeafe; color: #1e40af; }
.tone-warning .badge { background: #fef3c7; color: #92400e; }
dl { margin: 0; }
.details { padding: 4px 14px; background: #f7fafb; border: 1px solid #dde3e8; border-radius: 8px; }
.row { display: flex; flex-wrap: wrap; gap: 0 12px; padding: 8px 0; border-bottom: 1px solid #dde3e8; }
.row:last-child { border-bottom: 0; }
dt { color: #52606d; min-width: 7.5rem; }
dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
ol { margin: 0 0 12px; padding-left: 1.4rem; }
li { margin-bottom: 8px; }
.slots { list-style: none; margin: 0 0 12px; padding: 0; }
.slot { display: block; padding: 12px 14px; border: 2px solid #0f766e; border-radius: 8px; color: #0f766e; font-weight: 600; text-decoration: none; }
.slot:hover { background: #f0fdfa; }
.actions { display: flex; flex-direction: column; gap: 8px; margin: 24px 0 0; }
.button { display: block; padding: 14px 20px; border: 0; border-radius: 8px; background: #0f766e; color: #ffffff; font: inherit; font-weight: 700; text-align: center; text-decoration: none; cursor: pointer; }
.button:focus-visible { outline: 3px solid #1f2933; outline-offset: 3px; }
.button:hover { background: #115e59; }
.quiet { display: block; padding: 10px; text-align: center; font-weight: 600; }
.contacts dd a { font-weight: 600; }
.other { color: #52606d; font-size: 0.9375rem; padding: 0 4px; }
.other h2 { font-size: 1rem; margin: 8px 0 4px; }
@media (min-width: 40rem) {
  .wrap { padding: 24px 16px 40px; }
  .card { padding: 32px; }
  h1 { font-size: 1.75rem; }
  .actions { flex-direction: row; flex-wrap: wrap; align-items: center; gap: 16px; }
  .button { display: inline-block; }
}
</style>
</head>
<body>
<header class="bar"><p>{{ clinic.name }}</p></header>
<div class="wrap">
<main class="card tone-{{ tone }}">
<div class="badge" aria-hidden="true"><svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" focusable="false">{% if tone == "success" %}<path d="M5 12.5l4.5 4.5L19 7.5"/>{% elsif tone == "warning" %}<path d="M12 6v8"/><path d="M12 18.5v.01"/>{% else %}<path d="M12 11v7"/><path d="M12 6.5v.01"/>{% endif %}</svg></div>
<h1>{{ heading }}</h1>
{% for paragraph in lead %}<p>{{ paragraph }}</p>
{% endfor %}{% if details %}<section aria-labelledby="details-heading">
<h2 id="details-heading">{{ labels.details }}</h2>
<dl class="details">
{% for row in details %}<div class="row"><dt>{{ row.label }}</dt><dd>{{ row.value }}</dd></div>
{% endfor %}</dl>
</section>
{% endif %}{% if alternatives %}<section aria-labelledby="alternatives-heading">
<h2 id="alternatives-heading">{{ labels.alternatives }}</h2>
<p>{{ alternativesIntro }}</p>
<ul class="slots">
{% for slot in alternatives %}<li><a class="slot" href="{{ slot.url }}">{{ slot.label }}</a></li>
{% endfor %}</ul>
</section>
{% endif %}{% if steps %}<section aria-labelledby="next-heading">
<h2 id="next-heading">{{ labels.next }}</h2>
<ol>
{% for step in steps %}<li>{{ step }}</li>
{% endfor %}</ol>
</section>
{% endif %}{% if form %}<form class="actions" method="post" action="{{ form.url }}"><input type="hidden" name="token" value="{{ form.token }}"><button class="button" type="submit">{{ form.label }}</button></form>
{% endif %}{% if action or secondary %}<p class="actions">{% if action %}<a class="button" href="{{ action.url }}">{{ action.label }}</a>{% endif %}{% if secondary %}<a class="quiet" href="{{ secondary.url }}">{{ secondary.label }}</a>{% endif %}</p>
{% endif %}</main>
<aside class="card contacts" aria-labelledby="contacts-heading">
<h2 id="contacts-heading">{{ labels.contacts }}</h2>
<p><strong>{{ clinic.name }}</strong></p>
{% if contacts %}<dl>
{% for row in contacts %}<div class="row"><dt>{{ row.label }}</dt><dd>{% if row.href %}<a href="{{ row.href }}">{{ row.value }}</a>{% else %}{{ row.value }}{% endif %}</dd></div>
{% endfor %}</dl>
{% endif %}</aside>
<footer class="other" lang="{{ other.lang }}">
<h2>{{ other.label }}</h2>
<p><strong>{{ other.heading }}.</strong> {{ other.lead }}</p>
</footer>
</div>
</body>
</html>
`;

// The layout is ours, but it is rendered with the mail renderer's sandbox all the same: no
// file system, own properties only, every output escaped and no `raw` to step around that.
const engine = new Liquid({
  templates: {},
  relativeReference: false,
  dynamicPartials: false,
  ownPropertyOnly: true,
  strictFilters: true,
  strictVariables: true,
  lenientIf: true,
  outputEscape: 'escape',
  renderLimit: 1_000,
});
engine.unregisterFilter('raw');
const layout = engine.parse(PAGE_LAYOUT);

interface Link {
  label: string;
  url: string;
}

/** A link is only ever http(s) or a path on this site: never javascript:, data: or the like. */
function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  return /^https?:\/\/[^\s]+$/i.test(trimmed) || /^\/(?!\/)[^\s]*$/.test(trimmed) ? trimmed : null;
}

function link(label: string | undefined, url: string): Link | null {
  const safe = safeUrl(url);
  return label !== undefined && safe !== null ? { label, url: safe } : null;
}

/** `tel:` wants digits: "+38 (044) 123-45-67" → "+380441234567". */
function telHref(phone: string): string | null {
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length < 3) return null;
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${digits}`;
}

function mailtoHref(email: string): string | null {
  const address = email.trim();
  return /^[^\s@<>"'(),;:\\]+@[^\s@<>"'(),;:\\]+\.[^\s@<>"'(),;:\\]+$/.test(address) ? `mailto:${address}` : null;
}

function appointmentOf(page: LandingPage): PageAppointment | null {
  switch (page.kind) {
    case 'booking_confirmed':
    case 'rebooked':
    case 'booking_status':
    case 'already_confirmed':
      return page.appointment;
    default:
      return null;
  }
}

function actionUrls(page: LandingPage): { main: string; secondary?: string } {
  switch (page.kind) {
    case 'booking_confirmed':
    case 'rebooked':
    case 'booking_status':
    case 'offer_used':
      return { main: page.portalUrl };
    case 'already_confirmed':
      return { main: page.signInUrl };
    case 'link_expired':
    case 'offer_taken':
      return { main: page.bookAgainUrl };
    case 'link_unknown':
    case 'unavailable':
      return { main: page.homeUrl };
    case 'sign_in_to_view':
      return { main: page.signInUrl, secondary: page.homeUrl };
    case 'sign_in_link_invalid':
      return { main: page.signInUrl };
    case 'sign_in_confirm':
      return { main: page.verifyPath };
  }
}

function detailsOf(appointment: PageAppointment | null, clinic: ClinicContacts, locale: PageLocale): Array<{ label: string; value: string }> | null {
  if (!appointment) return null;
  const labels = LABELS[locale];
  const specialist = [appointment.specialistName, appointment.specialty].filter((part) => part.trim() !== '').join(', ');
  const rows = [
    { label: labels.specialist, value: specialist },
    { label: labels.date, value: [appointment.weekday, appointment.date].filter((part) => part.trim() !== '').join(', ') },
    { label: labels.time, value: appointment.time },
    { label: labels.status, value: statusWord(appointment.status, locale) },
    { label: labels.address, value: clinic.address },
  ];
  return rows.filter((row) => row.value.trim() !== '');
}

function contactsOf(clinic: ClinicContacts, locale: PageLocale): Array<{ label: string; value: string; href: string | null }> {
  const labels = LABELS[locale];
  const rows = [
    { label: labels.phone, value: clinic.phone, href: telHref(clinic.phone) },
    { label: labels.email, value: clinic.email, href: mailtoHref(clinic.email) },
    { label: labels.address, value: clinic.address, href: null },
  ];
  return rows.filter((row) => row.value.trim() !== '');
}

function alternativesOf(page: LandingPage): Array<{ label: string; url: string }> {
  if (page.kind !== 'offer_taken') return [];
  return page.alternatives.flatMap((slot) => {
    const url = safeUrl(slot.url);
    const label = [slot.weekday, slot.date, slot.time].filter((part) => part.trim() !== '').join(', ');
    return url === null ? [] : [{ label, url }];
  });
}

function otherLocale(locale: PageLocale): PageLocale {
  return locale === 'uk' ? 'en' : 'uk';
}

/**
 * The HTML page for an e-mailed link's outcome, in `locale`, with a line in the other language
 * for a client whose browser guessed wrong. Complete on its own: inline CSS, no scripts, no
 * external assets. Every value from `page` is escaped.
 */
export function renderLandingPage(page: LandingPage, locale: PageLocale): string {
  const copy: PageCopy = copyFor(page, locale);
  const labels = LABELS[locale];
  const urls = actionUrls(page);
  const alternatives = alternativesOf(page);
  const details = detailsOf(appointmentOf(page), page.clinic, locale);
  const contacts = contactsOf(page.clinic, locale);
  const other = otherLocale(locale);
  const otherCopy = copyFor(page, other);
  const name = page.clinic.name.trim() === '' ? labels.defaultClinicName : page.clinic.name;
  return String(
    engine.renderSync(layout, {
      lang: locale,
      tone: copy.tone,
      heading: copy.heading,
      lead: copy.lead,
      steps: copy.steps.length > 0 ? copy.steps : null,
      details: details && details.length > 0 ? details : null,
      alternatives: alternatives.length > 0 ? alternatives : null,
      alternativesIntro: copy.alternativesIntro ?? '',
      // A page that acts does it with a form (POST); every other page's next step is a link.
      action: page.kind === 'sign_in_confirm' ? null : link(copy.action, urls.main),
      form: page.kind === 'sign_in_confirm' && safeUrl(urls.main) !== null ? { url: urls.main, token: page.token, label: copy.action } : null,
      secondary: urls.secondary === undefined ? null : link(copy.secondaryAction, urls.secondary),
      labels,
      clinic: { name },
      contacts: contacts.length > 0 ? contacts : null,
      other: { lang: other, label: LABELS[other].otherLanguage, heading: otherCopy.heading, lead: otherCopy.lead[0] ?? '' },
    }),
  );
}

/**
 * The page's language from the browser's Accept-Language ("uk-UA,uk;q=0.9,en;q=0.8"): the
 * most preferred of uk and en, or `fallback` when neither is asked for.
 */
export function preferredLocale(acceptLanguage: string | undefined, fallback: PageLocale): PageLocale {
  if (!acceptLanguage) return fallback;
  let best: { locale: PageLocale; q: number } | null = null;
  // A real header has a handful of entries; a long one is cut rather than parsed at length.
  for (const entry of acceptLanguage.slice(0, 1_000).split(',').slice(0, 50)) {
    const [tag = '', ...params] = entry.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'uk' && primary !== 'en') continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
      if (match) q = Number(match[1]);
      else if (/^\s*q\s*=/i.test(param)) q = 0;
    }
    if (q <= 0 || q > 1) continue;
    if (best === null || q > best.q) best = { locale: primary, q };
  }
  return best?.locale ?? fallback;
}
