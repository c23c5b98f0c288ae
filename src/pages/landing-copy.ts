import type { LandingPage, PageLocale } from './landing-pages.js';

// The words of the landing pages, in both languages. Every string here is plain text: the
// renderer escapes it, so no copy may hold markup, and links live in the page's structure
// (the action button, the contacts, the offered times), never inside a sentence.

/** What one page says: the heading, why the client is here, what happens next, the main action. */
export interface PageCopy {
  tone: 'success' | 'info' | 'warning';
  heading: string;
  lead: string[];
  /** The "What happens next" list; empty when there is nothing more to expect. */
  steps: string[];
  action: string;
  /** A second, quieter link (the clinic's home page), when the page has one. */
  secondaryAction?: string;
  /** Introduces the offered times (offer_taken only). */
  alternativesIntro?: string;
}

type CopyOf = { [K in LandingPage['kind']]: (page: Extract<LandingPage, { kind: K }>) => PageCopy };

/** The labels around the copy: headings, field names, the link to the other language. */
export interface PageLabels {
  defaultClinicName: string;
  details: string;
  specialist: string;
  date: string;
  time: string;
  status: string;
  address: string;
  next: string;
  alternatives: string;
  contacts: string;
  phone: string;
  email: string;
  otherLanguage: string;
}

export const LABELS: Record<PageLocale, PageLabels> = {
  uk: {
    defaultClinicName: 'Клініка',
    details: 'Деталі запису',
    specialist: 'Фахівець',
    date: 'Дата',
    time: 'Час',
    status: 'Стан запису',
    address: 'Адреса',
    next: 'Що далі',
    alternatives: 'Інший вільний час',
    contacts: 'Зв’язатися з клінікою',
    phone: 'Телефон',
    email: 'E-mail',
    otherLanguage: 'Українською',
  },
  en: {
    defaultClinicName: 'The clinic',
    details: 'Appointment details',
    specialist: 'Specialist',
    date: 'Date',
    time: 'Time',
    status: 'Status',
    address: 'Address',
    next: 'What happens next',
    alternatives: 'Other free times',
    contacts: 'Contact the clinic',
    phone: 'Phone',
    email: 'E-mail',
    otherLanguage: 'In English',
  },
};

/** The appointment statuses as a client reads them (appointment-states.ts has the codes). */
export const STATUS_WORDS: Record<PageLocale, Record<string, string>> = {
  uk: {
    unconfirmed: 'Очікує підтвердження',
    confirmed: 'Підтверджено вами',
    booked: 'Підтверджено клінікою',
    completed: 'Прийом відбувся',
    no_show: 'Пропущено',
    cancelled: 'Скасовано',
    expired: 'Не підтверджено вчасно',
  },
  en: {
    unconfirmed: 'Waiting for your confirmation',
    confirmed: 'Confirmed by you',
    booked: 'Confirmed by the clinic',
    completed: 'Visit took place',
    no_show: 'Missed',
    cancelled: 'Cancelled',
    expired: 'Not confirmed in time',
  },
};

/** A status code in words; anything unknown is shown as it came (escaped, like all values). */
export function statusWord(status: string, locale: PageLocale): string {
  const words = STATUS_WORDS[locale];
  return Object.hasOwn(words, status) ? (words[status] ?? status) : status;
}

function hours(count: number): string {
  return `${count} ${count === 1 ? 'hour' : 'hours'}`;
}

const UK_AFTER_CONFIRMING = (cutoffHours: number): string[] => [
  'Менеджер клініки погодить час із фахівцем і надішле вам ще один лист — остаточне підтвердження запису із запрошенням у календар.',
  'Перед візитом ми нагадаємо вам про нього листом.',
  `Перенести чи скасувати запис можна в особистому кабінеті не пізніше ніж за ${cutoffHours} год до прийому. Пізніше — зателефонуйте нам, будь ласка.`,
];

const EN_AFTER_CONFIRMING = (cutoffHours: number): string[] => [
  'Our manager now confirms the time with the specialist and sends you one more e-mail: the final confirmation, with a calendar invite.',
  'We will remind you of your visit by e-mail before it.',
  `You can move or cancel the appointment in your client portal until ${hours(cutoffHours)} before it starts. After that, please call us.`,
];

const UK_BOOKED = (cutoffHours: number): string[] => [
  'Перед візитом ми нагадаємо вам про нього листом.',
  'Приходьте за 10 хвилин до початку; візьміть документ, що посвідчує особу, і результати попередніх обстежень, якщо вони є.',
  `Перенести чи скасувати запис можна в особистому кабінеті не пізніше ніж за ${cutoffHours} год до прийому. Пізніше — зателефонуйте нам, будь ласка.`,
];

const EN_BOOKED = (cutoffHours: number): string[] => [
  'We will remind you of your visit by e-mail before it.',
  'Please arrive 10 minutes early and bring an ID and the results of any earlier tests.',
  `You can move or cancel the appointment in your client portal until ${hours(cutoffHours)} before it starts. After that, please call us.`,
];

const UK: CopyOf = {
  booking_confirmed: (page) => ({
    tone: 'success',
    heading: 'Дякуємо! Ваш запис підтверджено',
    lead: ['Ви підтвердили запис на прийом — дякуємо за довіру!'],
    steps: UK_AFTER_CONFIRMING(page.cutoffHours),
    action: 'Відкрити особистий кабінет',
  }),
  already_confirmed: () => ({
    tone: 'info',
    heading: 'Цей запис уже підтверджено',
    lead: [
      'Це посилання вже було використано, і запис підтверджено — більше нічого робити не потрібно.',
      'Щоб переглянути чи змінити запис, увійдіть в особистий кабінет.',
    ],
    steps: [],
    action: 'Увійти в особистий кабінет',
  }),
  link_expired: () => ({
    tone: 'warning',
    heading: 'Час на підтвердження минув',
    lead: [
      'Посилання для підтвердження діє обмежений час. Запис не підтвердили вчасно, тому обраний час звільнено для інших клієнтів.',
      'Не хвилюйтеся: записатися знову — справа однієї хвилини. Або зателефонуйте нам, і ми підберемо зручний час разом.',
    ],
    steps: [],
    action: 'Записатися знову',
  }),
  link_unknown: () => ({
    tone: 'warning',
    heading: 'Не вдалося відкрити це посилання',
    lead: [
      'Можливо, посилання скопійовано не повністю або з помилкою: поштові програми іноді розривають довгі посилання. Спробуйте відкрити його з листа ще раз або скопіюйте в браузер повністю.',
      'Якщо це не допомогло, зв’яжіться з нами — ми охоче допоможемо.',
    ],
    steps: [],
    action: 'На головну сторінку',
  }),
  rebooked: (page) => ({
    tone: 'success',
    heading: 'Готово! Вас записано на новий час',
    lead: ['Ви обрали час із нашого листа, і запис створено та підтверджено вами. Дякуємо, що повертаєтеся до нас!'],
    steps: UK_AFTER_CONFIRMING(page.cutoffHours),
    action: 'Відкрити особистий кабінет',
  }),
  offer_taken: (page) => ({
    tone: 'warning',
    heading: 'На жаль, цей час уже зайняли',
    lead: [
      'Поки лист ішов до вас, цей час обрав інший клієнт. Вибачте за незручність.',
      ...(page.alternatives.length > 0 ? [] : ['Оберіть інший зручний час на сайті або зателефонуйте нам — ми підберемо час разом.']),
    ],
    steps: [],
    action: 'Обрати інший час',
    alternativesIntro: 'Ось інший вільний час у цього фахівця. Оберіть зручний, щоб записатися:',
  }),
  offer_used: () => ({
    tone: 'info',
    heading: 'Ви вже записалися за цим листом',
    lead: [
      'Час із цього листа вже заброньовано, тож записуватися повторно не потрібно.',
      'Деталі запису — в особистому кабінеті. Змінити час можна там або зателефонувавши нам.',
    ],
    steps: [],
    action: 'Відкрити особистий кабінет',
  }),
  booking_status: (page) => {
    const status = page.appointment.status;
    const base = { heading: 'Ваш запис на прийом', action: 'Відкрити особистий кабінет' };
    if (status === 'unconfirmed') {
      return { ...base, tone: 'info', steps: [], lead: ['Запис очікує вашого підтвердження. Відкрийте наш лист і натисніть «Підтвердити запис», доки посилання чинне; інакше час звільниться для інших клієнтів.'] };
    }
    if (status === 'confirmed') {
      return { ...base, tone: 'success', steps: UK_AFTER_CONFIRMING(page.cutoffHours), lead: ['Дякуємо, ви підтвердили запис. Тепер клініка погоджує час із фахівцем.'] };
    }
    if (status === 'booked') {
      return { ...base, tone: 'success', steps: UK_BOOKED(page.cutoffHours), lead: ['Клініка підтвердила ваш запис. Чекаємо на вас!'] };
    }
    const ended: Record<string, string> = {
      completed: 'Цей прийом уже відбувся. Дякуємо, що обрали нас!',
      no_show: 'Ми не побачили вас на цьому прийомі. Сподіваємося, у вас усе гаразд.',
      cancelled: 'Цей запис скасовано.',
      expired: 'Запис не підтвердили вчасно, тому цей час звільнено.',
    };
    const first = Object.hasOwn(ended, status) ? ended[status] : undefined;
    return {
      ...base,
      tone: 'info',
      steps: [],
      lead: [first ?? 'Актуальний стан запису — в особистому кабінеті.', 'Записатися знову можна в особистому кабінеті або зателефонувавши нам.'],
    };
  },
  sign_in_confirm: () => ({
    tone: 'info',
    heading: 'Увійти до особистого кабінету',
    lead: [
      'Натисніть кнопку нижче, щоб увійти. Посилання діє 15 хвилин і лише один раз.',
      'Якщо ви не просили посилання для входу, просто закрийте цю сторінку: без натискання кнопки ніхто не увійде.',
    ],
    steps: [],
    action: 'Увійти',
  }),
  sign_in_link_invalid: () => ({
    tone: 'warning',
    heading: 'Це посилання для входу вже не діє',
    lead: [
      'Посилання для входу діє 15 хвилин і лише один раз. Попросіть нове — ми надішлемо його на вашу адресу e-mail за хвилину.',
    ],
    steps: [],
    action: 'Отримати нове посилання',
  }),
  sign_in_to_view: () => ({
    tone: 'info',
    heading: 'Увійдіть, щоб переглянути запис',
    lead: [
      'Деталі запису ми показуємо лише клієнтові, який його зробив, і лише після входу в особистий кабінет — так ваші дані залишаються приватними.',
      'Увійдіть з адресою e-mail, на яку прийшов наш лист, і ви побачите всі свої записи.',
    ],
    steps: [],
    action: 'Увійти в особистий кабінет',
    secondaryAction: 'На головну сторінку',
  }),
  unavailable: () => ({
    tone: 'warning',
    heading: 'Щось пішло не так',
    lead: [
      'Через технічну проблему на нашому боці ми не змогли виконати ваш запит. Спробуйте, будь ласка, ще раз за кілька хвилин.',
      'Якщо справа термінова — зателефонуйте нам.',
    ],
    steps: [],
    action: 'На головну сторінку',
  }),
};

const EN: CopyOf = {
  booking_confirmed: (page) => ({
    tone: 'success',
    heading: 'Thank you — your appointment is confirmed',
    lead: ['You have confirmed your appointment — thank you for trusting us!'],
    steps: EN_AFTER_CONFIRMING(page.cutoffHours),
    action: 'Open my client portal',
  }),
  already_confirmed: () => ({
    tone: 'info',
    heading: 'This appointment is already confirmed',
    lead: [
      'This link has been used already, and the appointment is confirmed — there is nothing more you need to do.',
      'To see or change your appointment, sign in to your client portal.',
    ],
    steps: [],
    action: 'Sign in to my portal',
  }),
  link_expired: () => ({
    tone: 'warning',
    heading: 'The time to confirm has run out',
    lead: [
      'A confirmation link only works for a limited time. The appointment was not confirmed in time, so the time you chose has been released for other clients.',
      'Don’t worry: booking again takes only a minute. Or call us and we will find a good time together.',
    ],
    steps: [],
    action: 'Book again',
  }),
  link_unknown: () => ({
    tone: 'warning',
    heading: 'We couldn’t open this link',
    lead: [
      'The link may be incomplete or mistyped: e-mail programs sometimes break long links. Try opening it from the e-mail again, or copy the whole link into your browser.',
      'If that doesn’t help, please contact us — we are happy to help.',
    ],
    steps: [],
    action: 'Go to the clinic’s website',
  }),
  rebooked: (page) => ({
    tone: 'success',
    heading: 'Done — you are booked for the new time',
    lead: ['You chose a time from our e-mail, and the appointment is made and confirmed by you. Thank you for coming back to us!'],
    steps: EN_AFTER_CONFIRMING(page.cutoffHours),
    action: 'Open my client portal',
  }),
  offer_taken: (page) => ({
    tone: 'warning',
    heading: 'Sorry, that time has just been taken',
    lead: [
      'While our e-mail was on its way, another client booked this time. We are sorry for the inconvenience.',
      ...(page.alternatives.length > 0 ? [] : ['Please choose another time on our website, or call us and we will find one together.']),
    ],
    steps: [],
    action: 'Choose another time',
    alternativesIntro: 'Here are other free times with the same specialist. Choose one to book it:',
  }),
  offer_used: () => ({
    tone: 'info',
    heading: 'You have already booked a time from this e-mail',
    lead: [
      'A time from this e-mail is booked already, so there is no need to book again.',
      'You will find the details in your client portal. To change the time, do it there or call us.',
    ],
    steps: [],
    action: 'Open my client portal',
  }),
  booking_status: (page) => {
    const status = page.appointment.status;
    const base = { heading: 'Your appointment', action: 'Open my client portal' };
    if (status === 'unconfirmed') {
      return { ...base, tone: 'info', steps: [], lead: ['This appointment is waiting for your confirmation. Open our e-mail and press “Confirm my appointment” while the link still works; otherwise the time is released for other clients.'] };
    }
    if (status === 'confirmed') {
      return { ...base, tone: 'success', steps: EN_AFTER_CONFIRMING(page.cutoffHours), lead: ['Thank you for confirming. The clinic is now confirming the time with the specialist.'] };
    }
    if (status === 'booked') {
      return { ...base, tone: 'success', steps: EN_BOOKED(page.cutoffHours), lead: ['The clinic has confirmed your appointment. We look forward to seeing you!'] };
    }
    const ended: Record<string, string> = {
      completed: 'This visit has taken place. Thank you for choosing us!',
      no_show: 'We missed you at this appointment. We hope everything is all right.',
      cancelled: 'This appointment is cancelled.',
      expired: 'This appointment was not confirmed in time, so the time has been released.',
    };
    const first = Object.hasOwn(ended, status) ? ended[status] : undefined;
    return {
      ...base,
      tone: 'info',
      steps: [],
      lead: [first ?? 'Your client portal always shows the current state of your appointment.', 'To book again, use your client portal or call us.'],
    };
  },
  sign_in_confirm: () => ({
    tone: 'info',
    heading: 'Sign in to your client portal',
    lead: [
      'Press the button below to sign in. The link works for 15 minutes, and only once.',
      'If you did not ask for a sign-in link, just close this page: no one is signed in until the button is pressed.',
    ],
    steps: [],
    action: 'Sign in',
  }),
  sign_in_link_invalid: () => ({
    tone: 'warning',
    heading: 'This sign-in link no longer works',
    lead: ['A sign-in link works for 15 minutes, and only once. Ask for a new one and we will e-mail it to you within a minute.'],
    steps: [],
    action: 'Get a new sign-in link',
  }),
  sign_in_to_view: () => ({
    tone: 'info',
    heading: 'Please sign in to see your appointment',
    lead: [
      'We show an appointment only to the client who made it, once they are signed in to the client portal — that keeps your details private.',
      'Sign in with the e-mail address our message came to, and you will see all your appointments.',
    ],
    steps: [],
    action: 'Sign in to my portal',
    secondaryAction: 'Go to the clinic’s website',
  }),
  unavailable: () => ({
    tone: 'warning',
    heading: 'Something went wrong',
    lead: [
      'A technical problem on our side stopped us from completing your request. Please try again in a few minutes.',
      'If it is urgent, please call us.',
    ],
    steps: [],
    action: 'Go to the clinic’s website',
  }),
};

const COPY: Record<PageLocale, CopyOf> = { uk: UK, en: EN };

/** What `page` says in `locale`. */
export function copyFor(page: LandingPage, locale: PageLocale): PageCopy {
  // The mapped type pairs each kind with its own function; TypeScript cannot follow that
  // correlation through an indexed access, hence the cast.
  const write = COPY[locale][page.kind] as (page: LandingPage) => PageCopy;
  return write(page);
}
