import { describe, expect, it } from 'vitest';
import { APPOINTMENT_STATUSES } from '../scheduling/appointment-states.js';
import { copyFor, STATUS_WORDS } from './landing-copy.js';
import { preferredLocale, renderLandingPage, type ClinicContacts, type LandingPage, type PageAppointment, type PageLocale } from './landing-pages.js';

const LOCALES: PageLocale[] = ['uk', 'en'];
const URL_BASE = 'https://clinic.example';

function clinicWith(overrides: Partial<ClinicContacts> = {}): ClinicContacts {
  return { name: 'Клініка «Здоров’я»', address: 'вул. Хрещатик, 1, Київ', phone: '+38 (044) 123-45-67', email: 'info@clinic.example', ...overrides };
}

function appointmentWith(overrides: Partial<PageAppointment> = {}): PageAppointment {
  return { date: '8 грудня 2026 р.', time: '10:00', weekday: 'вівторок', specialistName: 'Андрій Мельник', specialty: 'кардіолог', status: 'confirmed', ...overrides };
}

/** One page of every kind, with the same clinic and appointment. */
function everyPage(clinic = clinicWith(), appointment = appointmentWith()): LandingPage[] {
  return [
    { kind: 'booking_confirmed', clinic, appointment, portalUrl: `${URL_BASE}/portal`, cutoffHours: 5 },
    { kind: 'already_confirmed', clinic, appointment, signInUrl: `${URL_BASE}/portal/sign-in` },
    { kind: 'link_expired', clinic, bookAgainUrl: `${URL_BASE}/book` },
    { kind: 'link_unknown', clinic, homeUrl: `${URL_BASE}/` },
    { kind: 'rebooked', clinic, appointment, portalUrl: `${URL_BASE}/portal`, cutoffHours: 5 },
    {
      kind: 'offer_taken',
      clinic,
      bookAgainUrl: `${URL_BASE}/book?specialist=s1&from=offer`,
      alternatives: [
        { date: '10 грудня 2026 р.', time: '09:30', weekday: 'четвер', url: `${URL_BASE}/booking/rebook?token=t1&slot=1` },
        { date: '11 грудня 2026 р.', time: '14:00', weekday: 'пʼятниця', url: `${URL_BASE}/booking/rebook?token=t1&slot=2` },
      ],
    },
    { kind: 'offer_used', clinic, portalUrl: `${URL_BASE}/portal` },
    { kind: 'booking_status', clinic, appointment: { ...appointment, status: 'booked' }, portalUrl: `${URL_BASE}/portal`, cutoffHours: 5 },
    { kind: 'sign_in_to_view', clinic, signInUrl: `${URL_BASE}/portal/sign-in`, homeUrl: `${URL_BASE}/` },
    { kind: 'unavailable', clinic, homeUrl: `${URL_BASE}/` },
    { kind: 'sign_in_link_invalid', clinic, signInUrl: `${URL_BASE}/portal/sign-in` },
    { kind: 'sign_in_confirm', clinic, verifyPath: '/api/auth/magic-link/verify', token: 'Tok-en_1' },
  ];
}

const EXPECTED_ACTION: Record<LandingPage['kind'], string> = {
  booking_confirmed: `${URL_BASE}/portal`,
  already_confirmed: `${URL_BASE}/portal/sign-in`,
  link_expired: `${URL_BASE}/book`,
  link_unknown: `${URL_BASE}/`,
  rebooked: `${URL_BASE}/portal`,
  offer_taken: `${URL_BASE}/book?specialist=s1&amp;from=offer`,
  offer_used: `${URL_BASE}/portal`,
  booking_status: `${URL_BASE}/portal`,
  sign_in_to_view: `${URL_BASE}/portal/sign-in`,
  unavailable: `${URL_BASE}/`,
  sign_in_link_invalid: `${URL_BASE}/portal/sign-in`,
  sign_in_confirm: '/api/auth/magic-link/verify',
};

function appointmentIn(page: LandingPage): PageAppointment | null {
  return 'appointment' in page ? page.appointment : null;
}

const every = everyPage().flatMap((page) => LOCALES.map((locale) => [page.kind, locale, page] as const));

describe('renderLandingPage', () => {
  it.each(every)('%s (%s) is a complete page in its language, with the facts, the contacts and the next step', (_kind, locale, page) => {
    const html = renderLandingPage(page, locale);
    const copy = copyFor(page, locale);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/<link|@import|url\(/i);
    expect(html).not.toMatch(/\{\{|\}\}|\{%|%\}|undefined|\[object/);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain(`<h1>${copy.heading}</h1>`);
    expect(html).toContain(`<title>${copy.heading} · Клініка «Здоров’я»</title>`);
    expect(html).toMatch(/<main[\s>]/);
    expect(html).toMatch(/<header[\s>]/);
    if (page.kind === 'sign_in_confirm') {
      // Acting takes a button press: a form that POSTs the token, no link that a scanner could follow.
      expect(html).toContain(`<form class="actions" method="post" action="${EXPECTED_ACTION[page.kind]}"><input type="hidden" name="token" value="Tok-en_1"><button class="button" type="submit">${copy.action}</button></form>`);
      expect(html).not.toContain('class="button" href');
    } else {
      expect(html).toContain(`<a class="button" href="${EXPECTED_ACTION[page.kind]}">${copy.action}</a>`);
      expect(html).not.toContain('<form');
    }
    expect(html).toContain('<a href="tel:+380441234567">+38 (044) 123-45-67</a>');
    expect(html).toContain('<a href="mailto:info@clinic.example">info@clinic.example</a>');
    expect(html).toContain('вул. Хрещатик, 1, Київ');
    const appointment = appointmentIn(page);
    if (appointment) {
      for (const fact of [appointment.date, appointment.time, appointment.weekday, appointment.specialistName, appointment.specialty]) expect(html).toContain(fact);
      expect(html).toContain(STATUS_WORDS[locale][appointment.status]);
    }
  });

  it.each(LOCALES)('says what happens after confirming, with the cut-off, in %s', (locale) => {
    for (const page of everyPage().filter((p) => p.kind === 'booking_confirmed' || p.kind === 'rebooked')) {
      const html = renderLandingPage({ ...page, cutoffHours: 5 } as LandingPage, locale);
      if (locale === 'uk') {
        expect(html).toContain('Що далі');
        expect(html).toContain('погодить час із фахівцем і надішле вам ще один лист');
        expect(html).toContain('нагадаємо');
        expect(html).toContain('не пізніше ніж за 5 год до прийому');
        expect(html).toContain('зателефонуйте нам');
      } else {
        expect(html).toContain('What happens next');
        expect(html).toContain('confirms the time with the specialist and sends you one more e-mail');
        expect(html).toContain('remind you');
        expect(html).toContain('until 5 hours before it starts');
        expect(html).toContain('please call us');
      }
    }
    const oneHour = renderLandingPage({ kind: 'booking_confirmed', clinic: clinicWith(), appointment: appointmentWith(), portalUrl: '/portal', cutoffHours: 1 }, 'en');
    expect(oneHour).toContain('until 1 hour before');
  });

  it('gives every kind its own heading in both languages', () => {
    for (const locale of LOCALES) {
      const headings = everyPage().map((page) => copyFor(page, locale).heading);
      expect(new Set(headings).size).toBe(headings.length);
    }
  });

  it('sums the outcome up in the other language too, marked with that language', () => {
    const page = everyPage()[0]!;
    const uk = renderLandingPage(page, 'uk');
    expect(uk).toContain('<footer class="other" lang="en">');
    expect(uk).toContain(copyFor(page, 'en').heading);
    const en = renderLandingPage(page, 'en');
    expect(en).toContain('<footer class="other" lang="uk">');
    expect(en).toContain(copyFor(page, 'uk').heading);
  });

  it('offers the other free times as one-click links, and says what to do when there are none', () => {
    const offer = everyPage().find((page) => page.kind === 'offer_taken')!;
    const html = renderLandingPage(offer, 'uk');
    expect(html).toContain(`<a class="slot" href="${URL_BASE}/booking/rebook?token=t1&amp;slot=1">четвер, 10 грудня 2026 р., 09:30</a>`);
    expect(html).toContain(`<a class="slot" href="${URL_BASE}/booking/rebook?token=t1&amp;slot=2">пʼятниця, 11 грудня 2026 р., 14:00</a>`);
    expect(html).toContain('Інший вільний час');

    const none = renderLandingPage({ kind: 'offer_taken', clinic: clinicWith(), bookAgainUrl: '/book', alternatives: [] }, 'en');
    expect(none).not.toContain('class="slot"');
    expect(none).not.toContain('Other free times');
    expect(none).toContain('choose another time on our website, or call us');
    expect(none).toContain('<a class="button" href="/book">Choose another time</a>');
  });

  it('shows an already confirmed link without details when the appointment is not given', () => {
    const html = renderLandingPage({ kind: 'already_confirmed', clinic: clinicWith(), appointment: null, signInUrl: '/portal/sign-in' }, 'uk');
    expect(html).toContain('Цей запис уже підтверджено');
    expect(html).not.toContain('Деталі запису');
    expect(html).toContain('<a class="button" href="/portal/sign-in">Увійти в особистий кабінет</a>');
  });

  it('offers both signing in and the home page when a visitor may not see the appointment', () => {
    const html = renderLandingPage({ kind: 'sign_in_to_view', clinic: clinicWith(), signInUrl: '/portal/sign-in', homeUrl: '/' }, 'en');
    expect(html).toContain('<a class="button" href="/portal/sign-in">Sign in to my portal</a>');
    expect(html).toContain('<a class="quiet" href="/">Go to the clinic’s website</a>');
    expect(html).not.toContain('Appointment details');
  });

  it.each(LOCALES)('puts every status into words and explains it on the status page (%s)', (locale) => {
    const leads = new Set<string>();
    for (const status of APPOINTMENT_STATUSES) {
      const page: LandingPage = { kind: 'booking_status', clinic: clinicWith(), appointment: appointmentWith({ status }), portalUrl: '/portal', cutoffHours: 5 };
      const html = renderLandingPage(page, locale);
      expect(html).toContain(`<dd>${STATUS_WORDS[locale][status]}</dd>`);
      leads.add(copyFor(page, locale).lead[0]!);
    }
    expect(leads.size).toBe(APPOINTMENT_STATUSES.length);
    expect(STATUS_WORDS.uk.unconfirmed).toBe('Очікує підтвердження');
    expect(STATUS_WORDS.uk.confirmed).toBe('Підтверджено вами');
    expect(STATUS_WORDS.uk.booked).toBe('Підтверджено клінікою');
  });

  it('shows a status it does not know as it came, and never a word from the prototype', () => {
    const odd = renderLandingPage({ kind: 'booking_status', clinic: clinicWith(), appointment: appointmentWith({ status: 'on_hold' }), portalUrl: '/portal', cutoffHours: 5 }, 'en');
    expect(odd).toContain('<dd>on_hold</dd>');
    const proto = renderLandingPage({ kind: 'booking_status', clinic: clinicWith(), appointment: appointmentWith({ status: 'constructor' }), portalUrl: '/portal', cutoffHours: 5 }, 'uk');
    expect(proto).toContain('<dd>constructor</dd>');
  });

  it('escapes every merged value, in text and in attributes', () => {
    const clinic = clinicWith({ name: '<script>alert(1)</script>', address: '"><img src=x onerror=alert(1)>', email: 'x"@evil.example', phone: '<b>1</b>' });
    const appointment = appointmentWith({ specialistName: '<b>x</b>', specialty: '</dd><script>', date: '&amp;', time: "10:00' onfocus='x", weekday: '{{ 7 | times: 6 }}' });
    for (const locale of LOCALES) {
      for (const page of everyPage(clinic, appointment)) {
        const html = renderLandingPage(page, locale);
        expect(html).not.toMatch(/<script|<img|<b>/i);
        expect(html).not.toMatch(/\son[a-z]+=['"]/i);
        expect(html).not.toContain('mailto:x"');
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        if (appointmentIn(page)) {
          expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
          // Liquid in a value stays text: it is data, never part of the template.
          expect(html).toContain('<dd>{{ 7 | times: 6 }}, &amp;amp;</dd>');
        }
      }
    }
  });

  it('links only to http(s) addresses and paths on this site', () => {
    const html = renderLandingPage(
      {
        kind: 'offer_taken',
        clinic: clinicWith(),
        bookAgainUrl: 'javascript:alert(1)',
        alternatives: [
          { date: 'd', time: 't', weekday: 'w', url: 'data:text/html,<script>x</script>' },
          { date: 'd', time: 't', weekday: 'w', url: '//evil.example/steal' },
          { date: '10 грудня', time: '09:30', weekday: 'четвер', url: 'https://clinic.example/booking/rebook?t="><x' },
        ],
      },
      'uk',
    );
    expect(html).not.toMatch(/javascript:|data:text|\/\/evil/);
    expect(html).toContain('href="https://clinic.example/booking/rebook?t=&#34;&gt;&lt;x"');
    expect(html.match(/class="slot"/g)).toHaveLength(1);
    expect(html).not.toContain('class="button"');
  });

  it('copes with a clinic that has not filled in its profile', () => {
    const empty = clinicWith({ name: ' ', address: '', phone: '', email: '' });
    const uk = renderLandingPage({ kind: 'link_unknown', clinic: empty, homeUrl: '/' }, 'uk');
    expect(uk).toContain('<header class="bar"><p>Клініка</p></header>');
    expect(uk).not.toContain('tel:');
    expect(uk).not.toContain('mailto:');
    const en = renderLandingPage({ kind: 'booking_confirmed', clinic: empty, appointment: appointmentWith({ specialty: '' }), portalUrl: '/portal', cutoffHours: 5 }, 'en');
    expect(en).toContain('<p>The clinic</p>');
    expect(en).toContain('<dd>Андрій Мельник</dd>');
    expect(en).not.toContain('<dt>Address</dt>');
  });

  it('dials a phone number as its digits, keeping a leading +', () => {
    expect(renderLandingPage({ kind: 'link_unknown', clinic: clinicWith({ phone: '044 123 45 67' }), homeUrl: '/' }, 'uk')).toContain('href="tel:0441234567"');
    expect(renderLandingPage({ kind: 'link_unknown', clinic: clinicWith({ phone: 'call us' }), homeUrl: '/' }, 'uk')).not.toContain('tel:');
  });
});

describe('preferredLocale', () => {
  it.each([
    [undefined, 'uk', 'uk'],
    ['', 'en', 'en'],
    ['uk', 'en', 'uk'],
    ['uk-UA,uk;q=0.9,en-US;q=0.8,en;q=0.7', 'en', 'uk'],
    ['en-GB,en;q=0.9,uk;q=0.8', 'uk', 'en'],
    ['EN-us', 'uk', 'en'],
    ['de-DE,de;q=0.9', 'uk', 'uk'],
    ['de-DE,de;q=0.9', 'en', 'en'],
    ['de,en;q=0.5,uk;q=0.7', 'en', 'uk'],
    ['en;q=0.3, uk;q=0.6', 'en', 'uk'],
    ['uk;q=0, en;q=0.1', 'uk', 'en'],
    ['uk;q=0', 'en', 'en'],
    ['uk;q=banana,en;q=0.2', 'uk', 'en'],
    ['*', 'en', 'en'],
    ['ukr,eng', 'en', 'en'],
    ['ru-RU,ru;q=0.9,en;q=0.8', 'uk', 'en'],
    [',,;;q=,', 'uk', 'uk'],
    ['en, uk', 'uk', 'en'],
  ] as const)('%j (fallback %s) → %s', (header, fallback, expected) => {
    expect(preferredLocale(header, fallback)).toBe(expected);
  });

  it('reads a very long header without trouble', () => {
    expect(preferredLocale(`${'x-y;q=0.1,'.repeat(10_000)}en`, 'uk')).toBe('uk');
    expect(preferredLocale(`en,${'x-y;q=0.1,'.repeat(10_000)}`, 'uk')).toBe('en');
  });
});
