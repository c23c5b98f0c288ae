import { formatForMail, type MailData, type MailLocale } from './mail-data.js';

/** Every message the clinic sends has one of these templates, in each language. */
export const TEMPLATE_KEYS = [
  'booking_confirm_request',
  'booking_thank_you',
  'booking_approved',
  'booking_rescheduled',
  'booking_cancelled',
  'appointment_reminder',
  'no_show_follow_up',
  'hold_expired',
  'magic_link',
  'message_to_client',
  'message_to_staff',
  'email_change_confirm',
  'client_changed_booking',
] as const;

export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export function isTemplateKey(value: string): value is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(value);
}

/** What each template is for, as the staff console shows it, in the console's language. */
export const TEMPLATE_DESCRIPTIONS: Record<TemplateKey, Record<MailLocale, string>> = {
  booking_confirm_request: {
    en: 'To a visitor who booked on the site: click to confirm the appointment before the link expires.',
    uk: 'Відвідувачу, який записався на сайті: підтвердіть запис на прийом, доки посилання чинне.',
  },
  booking_thank_you: {
    en: 'After the client confirmed: thanks, and what happens next (the clinic confirms with the specialist; how to move or cancel).',
    uk: 'Після підтвердження запису клієнтом: подяка і подальші дії (клініка погоджує запис із фахівцем; як перенести чи скасувати).',
  },
  booking_approved: {
    en: 'The clinic confirmed the appointment with the specialist: date, time, specialist, address; a calendar invite is attached.',
    uk: 'Клініка підтвердила запис у фахівця: дата, час, фахівець, адреса; до листа додано запрошення в календар.',
  },
  booking_rescheduled: {
    en: 'The appointment moved: the previous and the new date and time, and who moved it.',
    uk: 'Запис перенесено: попередні й нові дата та час, і хто переніс.',
  },
  booking_cancelled: {
    en: 'The appointment was cancelled, with a link to book again.',
    uk: 'Запис на прийом скасовано; посилання, щоб записатися знову.',
  },
  appointment_reminder: {
    en: 'A reminder before the visit ("tomorrow", "in 2 hours").',
    uk: 'Нагадування перед візитом («завтра», «за 2 години»).',
  },
  no_show_follow_up: {
    en: 'After a missed visit: the earliest free times of the same specialist, each booked with one click, and the clinic’s contacts.',
    uk: 'Після пропущеного візиту: найближчий вільний час того ж фахівця (запис одним кліком) і контакти клініки.',
  },
  hold_expired: {
    en: 'The booking was not confirmed in time and the time was released; a link to book again.',
    uk: 'Запис не підтвердили вчасно, і час звільнено; посилання, щоб записатися знову.',
  },
  magic_link: {
    en: 'A sign-in link to the client portal (works for 15 minutes, once).',
    uk: 'Посилання для входу в особистий кабінет (діє 15 хвилин, один раз).',
  },
  message_to_client: {
    en: 'The clinic answered the client’s message: the text and a link into the portal.',
    uk: 'Клініка відповіла на повідомлення клієнта: текст і посилання в особистий кабінет.',
  },
  message_to_staff: {
    en: 'To the managers: a client wrote a message; a link to the console.',
    uk: 'Менеджерам: клієнт написав повідомлення; посилання в консоль.',
  },
  email_change_confirm: {
    en: 'To a new e-mail address: confirm it belongs to the client.',
    uk: 'На нову адресу e-mail: підтвердьте, що вона належить клієнту.',
  },
  client_changed_booking: {
    en: 'To the clinic’s staff: a client moved or cancelled an appointment in the portal.',
    uk: 'Персоналу клініки: клієнт переніс або скасував запис в особистому кабінеті.',
  },
};

// One imaginary clinic, client and appointment, in each language; the samples below vary it
// per key so a preview shows exactly the merge fields the real message carries.
const TIMEZONE = 'Europe/Kyiv';
const SITE = 'https://clinic.example';
const APPOINTMENT_ID = '7b1e4c2a-5d3f-4a8e-9c61-2f0d8b3e4a17';
const CONTACT_ID = '3c9a1f64-8b2e-4d75-a0c3-6e1f92b4d508';
const STARTS_AT = new Date('2026-12-08T08:00:00Z');
const ENDS_AT = new Date('2026-12-08T08:30:00Z');
const MOVED_TO = new Date('2026-12-10T07:30:00Z');
const OFFERED = [new Date('2026-12-09T12:00:00Z'), new Date('2026-12-10T07:30:00Z'), new Date('2026-12-11T09:00:00Z')];

const PEOPLE: Record<MailLocale, { client: string; clinic: string; address: string; specialist: string; specialty: string; manager: string; notes: string }> = {
  uk: {
    client: 'Олена Коваленко',
    clinic: 'Клініка «Здоров’я»',
    address: 'вул. Велика Васильківська, 72, Київ',
    specialist: 'Андрій Мельник',
    specialty: 'кардіолог',
    manager: 'Ірина, менеджер клініки',
    notes: 'Повторний огляд після аналізів.',
  },
  en: {
    client: 'Olena Kovalenko',
    clinic: 'Zdorovia Clinic',
    address: '72 Velyka Vasylkivska St, Kyiv',
    specialist: 'Dr Andrii Melnyk',
    specialty: 'Cardiologist',
    manager: 'Iryna, clinic manager',
    notes: 'Follow-up check after the blood tests.',
  },
};

const WORDS: Record<MailLocale, { theClinic: string; tomorrow: string; clientText: string; clinicText: string }> = {
  uk: {
    theClinic: 'адміністратор клініки',
    tomorrow: 'завтра',
    clientText: 'Доброго дня! Чи потрібно приходити натщесерце?',
    clinicText: 'Доброго дня! Так, будь ласка, не снідайте перед аналізом. До зустрічі!',
  },
  en: {
    theClinic: 'the clinic',
    tomorrow: 'tomorrow',
    clientText: 'Hello! Should I come on an empty stomach?',
    clinicText: 'Hello! Yes, please skip breakfast before the blood test. See you soon!',
  },
};

type Appointment = NonNullable<MailData['appointment']>;

function sampleAppointment(locale: MailLocale, status: string, startsAt = STARTS_AT): Appointment {
  const people = PEOPLE[locale];
  const endsAt = new Date(startsAt.getTime() + (ENDS_AT.getTime() - STARTS_AT.getTime()));
  const iso = (instant: Date): string => instant.toISOString().replace('.000Z', 'Z');
  return {
    id: APPOINTMENT_ID,
    ...formatForMail(startsAt, TIMEZONE, locale),
    startsAt: iso(startsAt),
    endsAt: iso(endsAt),
    specialist: { name: people.specialist, specialty: people.specialty },
    status,
    notes: people.notes,
  };
}

function previousTime(locale: MailLocale): { date: string; time: string } {
  const { date, time } = formatForMail(STARTS_AT, TIMEZONE, locale);
  return { date, time };
}

/**
 * The sample merge data of a template: what the staff console previews with, what a saved
 * template must render with, and what the tests render every default with. A fresh object
 * on every call.
 */
export function sampleMailData(key: TemplateKey, locale: MailLocale): MailData {
  const people = PEOPLE[locale];
  const words = WORDS[locale];
  const base: MailData = {
    client: { name: people.client, email: 'olena.kovalenko@example.com' },
    clinic: { name: people.clinic, address: people.address, phone: '+380 44 235 47 90', email: 'info@clinic.example', website: SITE },
    links: {},
    cutoffHours: 5,
  };
  const portal = `${SITE}/portal/appointments/${APPOINTMENT_ID}`;
  const bookAgain = `${SITE}/book?specialist=andrii-melnyk`;
  switch (key) {
    case 'booking_confirm_request':
      return { ...base, appointment: sampleAppointment(locale, 'unconfirmed'), links: { confirm: `${SITE}/confirm?token=sample-token` }, expiresInMinutes: 60 };
    case 'booking_thank_you':
      return { ...base, appointment: sampleAppointment(locale, 'confirmed'), links: { portal } };
    case 'booking_approved':
      return { ...base, appointment: sampleAppointment(locale, 'booked'), links: { portal } };
    case 'booking_rescheduled':
      return { ...base, appointment: sampleAppointment(locale, 'booked', MOVED_TO), previous: previousTime(locale), changedBy: words.theClinic, links: { portal } };
    case 'booking_cancelled':
      return { ...base, appointment: sampleAppointment(locale, 'cancelled'), changedBy: words.theClinic, links: { bookAgain } };
    case 'appointment_reminder':
      return { ...base, appointment: sampleAppointment(locale, 'booked'), reminder: { label: words.tomorrow }, links: { portal } };
    case 'no_show_follow_up':
      return {
        ...base,
        appointment: sampleAppointment(locale, 'no_show'),
        offeredSlots: OFFERED.map((instant, index) => ({ ...formatForMail(instant, TIMEZONE, locale), url: `${SITE}/rebook?token=sample-${index + 1}` })),
        links: { bookAgain },
      };
    case 'hold_expired':
      return { ...base, appointment: sampleAppointment(locale, 'expired'), links: { bookAgain } };
    case 'magic_link':
      return { ...base, links: { signIn: `${SITE}/portal/sign-in?token=sample-token` }, expiresInMinutes: 15 };
    case 'message_to_client':
      return { ...base, message: { text: words.clinicText, from: people.manager }, links: { portal: `${SITE}/portal/messages` } };
    case 'message_to_staff':
      return { ...base, message: { text: words.clientText, from: people.client }, links: { console: `${SITE}/admin/contacts/${CONTACT_ID}` } };
    case 'email_change_confirm':
      return { ...base, client: { name: people.client, email: 'olena.new@example.com' }, links: { confirmEmail: `${SITE}/portal/email/confirm?token=sample-token` }, expiresInMinutes: 60 };
    case 'client_changed_booking':
      return {
        ...base,
        appointment: sampleAppointment(locale, 'booked', MOVED_TO),
        previous: previousTime(locale),
        changedBy: people.client,
        links: { console: `${SITE}/admin/appointments/${APPOINTMENT_ID}` },
      };
  }
}

/** The merge fields a template's messages carry, as staff write them: `client.name`, `offeredSlots[].url`. */
export function mergeFieldsOf(data: MailData): string[] {
  const fields: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      walk(value[0], `${path}[]`);
    } else if (value !== null && typeof value === 'object') {
      for (const [name, inner] of Object.entries(value)) walk(inner, path ? `${path}.${name}` : name);
    } else if (value !== undefined) {
      fields.push(path);
    }
  };
  walk(data, '');
  return fields;
}
