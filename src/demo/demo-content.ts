// What the demo clinic says about itself: a made-up clinic in Kyiv. Every e-mail address is
// under a reserved domain (.example, example.com), so nothing the demo triggers can reach a real person.
import type { OpeningHours } from '../clinic/opening-hours.js';
import type { WeeklySchedule } from '../scheduling/schedule-types.js';

export const DEMO_CLINIC = {
  name: 'Клініка «Здоров’я»',
  address: 'вул. Велика Васильківська, 72, Київ, 03150',
  phone: '+380 44 235 47 90',
  email: 'info@zdorovia-clinic.example',
  about:
    'Багатопрофільна клініка для дорослих і дітей у центрі Києва. Наші лікарі приймають за записом, ' +
    'без черг: терапія, кардіологія, дерматологія, педіатрія, неврологія, офтальмологія та гінекологія. ' +
    'Власна лабораторія, сучасне діагностичне обладнання та уважне ставлення до кожного пацієнта. ' +
    'Запишіться онлайн — підтвердження прийде на вашу електронну пошту.',
  defaultLocale: 'uk' as const,
};

const weekdays = [{ start: '08:00', end: '20:00' }];
export const DEMO_OPENING_HOURS: OpeningHours = {
  monday: weekdays,
  tuesday: weekdays,
  wednesday: weekdays,
  thursday: weekdays,
  friday: weekdays,
  saturday: [{ start: '09:00', end: '15:00' }],
  sunday: [],
};

/** `yearsAgo` keeps the list current whatever year the demo is loaded in. */
export const DEMO_AWARDS = [
  { title: 'Найкраща приватна клініка Києва', issuer: 'Київська медична асоціація', yearsAgo: 1, description: 'За якість обслуговування та турботу про пацієнтів.' },
  { title: 'Сертифікат системи управління якістю ISO 9001', issuer: 'Національний орган сертифікації', yearsAgo: 2, description: 'Підтверджує стандарти якості медичних послуг.' },
  { title: 'Клініка, дружня до дітей', issuer: 'Асоціація педіатрів', yearsAgo: 3, description: 'За комфортні умови прийому маленьких пацієнтів.' },
  { title: 'Вибір пацієнтів', issuer: 'Портал «Лікарі Києва»', yearsAgo: 4, description: 'Найвищий рейтинг відгуків серед клінік Печерського району.' },
];

const day = (...intervals: Array<[string, string]>): Array<{ start: string; end: string }> =>
  intervals.map(([start, end]) => ({ start, end }));

export interface DemoSpecialist {
  key: string;
  name: string;
  specialty: string;
  bio: string;
  consultationMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  weekly: WeeklySchedule;
}

// Every working day has a lunch break: the gap between its two intervals.
export const DEMO_SPECIALISTS: DemoSpecialist[] = [
  {
    key: 'therapist',
    name: 'Олена Коваль',
    specialty: 'Терапевт',
    bio: 'Лікар-терапевт вищої категорії, 15 років практики. Профілактичні огляди, застуди, хронічні захворювання.',
    consultationMinutes: 30,
    bufferMinutes: 10,
    minNoticeMinutes: 120,
    horizonDays: 90,
    weekly: {
      monday: day(['08:00', '12:30'], ['13:30', '17:00']),
      tuesday: day(['08:00', '12:30'], ['13:30', '17:00']),
      wednesday: day(['11:00', '14:00'], ['15:00', '20:00']),
      thursday: day(['08:00', '12:30'], ['13:30', '17:00']),
      friday: day(['08:00', '12:30'], ['13:30', '17:00']),
      saturday: [],
      sunday: [],
    },
  },
  {
    key: 'cardiologist',
    name: 'Андрій Шевченко',
    specialty: 'Кардіолог',
    bio: 'Кандидат медичних наук. ЕКГ, добовий моніторинг тиску, лікування гіпертонії та аритмій.',
    consultationMinutes: 45,
    bufferMinutes: 15,
    minNoticeMinutes: 240,
    horizonDays: 120,
    weekly: {
      monday: day(['09:00', '13:00'], ['14:00', '18:00']),
      tuesday: [],
      wednesday: day(['09:00', '13:00'], ['14:00', '18:00']),
      thursday: day(['09:00', '13:00'], ['14:00', '18:00']),
      friday: day(['09:00', '12:00'], ['12:30', '15:00']),
      saturday: [],
      sunday: [],
    },
  },
  {
    key: 'dermatologist',
    name: 'Ірина Бондаренко',
    specialty: 'Дерматолог',
    bio: 'Дерматолог і трихолог. Дерматоскопія родимок, акне, екзема, захворювання волосся та нігтів.',
    consultationMinutes: 20,
    bufferMinutes: 5,
    minNoticeMinutes: 60,
    horizonDays: 60,
    weekly: {
      monday: [],
      tuesday: day(['12:00', '15:00'], ['16:00', '20:00']),
      wednesday: day(['08:00', '12:00'], ['13:00', '16:00']),
      thursday: day(['12:00', '15:00'], ['16:00', '20:00']),
      friday: day(['08:00', '12:00'], ['13:00', '16:00']),
      saturday: day(['09:00', '12:00'], ['12:30', '15:00']),
      sunday: [],
    },
  },
  {
    key: 'paediatrician',
    name: 'Марія Ткаченко',
    specialty: 'Педіатр',
    bio: 'Педіатр, консультант з грудного вигодовування. Ведення дітей від народження до 18 років, щеплення.',
    consultationMinutes: 30,
    bufferMinutes: 0,
    minNoticeMinutes: 60,
    horizonDays: 90,
    weekly: {
      monday: day(['08:00', '12:00'], ['13:00', '16:00']),
      tuesday: day(['08:00', '12:00'], ['13:00', '16:00']),
      wednesday: day(['08:00', '12:00'], ['13:00', '16:00']),
      thursday: day(['08:00', '12:00'], ['13:00', '16:00']),
      friday: day(['08:00', '12:00'], ['13:00', '16:00']),
      saturday: day(['09:00', '11:30'], ['12:00', '14:00']),
      sunday: [],
    },
  },
  {
    key: 'neurologist',
    name: 'Дмитро Мельник',
    specialty: 'Невролог',
    bio: 'Невролог. Головний біль, біль у спині, порушення сну, наслідки травм і стресу.',
    consultationMinutes: 40,
    bufferMinutes: 10,
    minNoticeMinutes: 180,
    horizonDays: 90,
    weekly: {
      monday: day(['10:00', '14:00'], ['15:00', '19:00']),
      tuesday: day(['10:00', '14:00'], ['15:00', '19:00']),
      wednesday: [],
      thursday: day(['10:00', '14:00'], ['15:00', '19:00']),
      friday: day(['10:00', '14:00'], ['15:00', '19:00']),
      saturday: [],
      sunday: [],
    },
  },
  {
    key: 'ophthalmologist',
    name: 'Наталія Кравченко',
    specialty: 'Офтальмолог',
    bio: 'Офтальмолог. Перевірка зору, підбір окулярів і контактних лінз, діагностика глаукоми.',
    consultationMinutes: 30,
    bufferMinutes: 15,
    minNoticeMinutes: 120,
    horizonDays: 60,
    weekly: {
      monday: day(['09:00', '13:00'], ['14:00', '17:00']),
      tuesday: day(['09:00', '13:00'], ['14:00', '17:00']),
      wednesday: day(['09:00', '13:00'], ['14:00', '17:00']),
      thursday: day(['09:00', '13:00'], ['14:00', '17:00']),
      friday: [],
      saturday: day(['09:00', '11:30'], ['12:00', '14:00']),
      sunday: [],
    },
  },
  {
    key: 'gynaecologist',
    name: 'Оксана Лисенко',
    specialty: 'Гінеколог',
    bio: 'Акушер-гінеколог вищої категорії. Профілактичні огляди, УЗД, ведення вагітності.',
    consultationMinutes: 60,
    bufferMinutes: 0,
    minNoticeMinutes: 240,
    horizonDays: 120,
    weekly: {
      monday: [],
      tuesday: day(['11:00', '14:00'], ['15:00', '19:00']),
      wednesday: day(['11:00', '14:00'], ['15:00', '19:00']),
      thursday: day(['11:00', '14:00'], ['15:00', '19:00']),
      friday: day(['09:00', '13:00'], ['14:00', '16:00']),
      saturday: [],
      sunday: [],
    },
  },
];

/** Reviews: `daysAgo` from the day the demo is loaded; two wait for moderation. */
export const DEMO_REVIEWS = [
  { authorName: 'Світлана К.', rating: 5, daysAgo: 3, specialist: 'therapist', published: true, text: 'Олена Вікторівна дуже уважна, все детально пояснила і призначила лікування, яке допомогло за кілька днів. Дякую!' },
  { authorName: 'Ігор П.', rating: 5, daysAgo: 9, specialist: 'cardiologist', published: true, text: 'Пройшов обстеження серця за один візит: ЕКГ, консультація, рекомендації. Лікар спокійно відповів на всі запитання.' },
  { authorName: 'Юлія М.', rating: 4, daysAgo: 14, specialist: 'dermatologist', published: true, text: 'Перевірила родимки, все швидко і професійно. Трохи довелося почекати в коридорі, але загалом дуже задоволена.' },
  { authorName: 'Тетяна Г.', rating: 5, daysAgo: 21, specialist: 'paediatrician', published: true, text: 'Марія Олександрівна знайшла підхід до нашого сина, він навіть не плакав. Тепер ходимо тільки до неї.' },
  { authorName: 'Василь Р.', rating: 3, daysAgo: 30, specialist: 'neurologist', published: true, text: 'Лікар компетентний, але запис зсунули на пів години. Хотілося б, щоб про такі зміни попереджали заздалегідь.' },
  { authorName: 'Анна Л.', rating: 5, daysAgo: 45, specialist: 'ophthalmologist', published: true, text: 'Підібрали окуляри з першого разу, бачу чудово. Приємний персонал і сучасне обладнання.' },
  { authorName: 'Олександр Д.', rating: 4, daysAgo: 60, specialist: null, published: true, text: 'Зручний онлайн-запис і нагадування на пошту. Клініка чиста, адміністратори привітні.' },
  { authorName: 'Катерина С.', rating: 5, daysAgo: 75, specialist: 'gynaecologist', published: true, text: 'Оксана Петрівна веде мою вагітність — дуже тактовна і уважна. Рекомендую всім подругам.' },
  { authorName: 'Роман Т.', rating: 3, daysAgo: 1, specialist: 'cardiologist', published: false, text: 'Консультація хороша, але ціну аналізів варто було б назвати одразу при записі.' },
  { authorName: 'Людмила В.', rating: 4, daysAgo: 2, specialist: 'therapist', published: false, text: 'Все добре, тільки в суботу терапевт не приймає — було б зручно.' },
];

export const DEMO_CONTACTS = [
  { name: 'Ганна Савчук', email: 'hanna.savchuk@example.com', phone: '+380 67 214 55 31' },
  { name: 'Петро Олійник', email: 'petro.oliinyk@example.com', phone: '+380 50 381 22 74' },
  { name: 'Софія Мороз', email: 'sofiia.moroz@example.com', phone: '+380 93 447 10 58' },
  { name: 'Віктор Поліщук', email: 'viktor.polishchuk@example.com', phone: '+380 66 902 13 40' },
  { name: 'Дарина Марченко', email: 'daryna.marchenko@example.com', phone: '+380 97 115 68 23' },
  { name: 'Максим Руденко', email: 'maksym.rudenko@example.com', phone: '+380 63 550 37 19' },
  { name: 'Ольга Захарченко', email: 'olha.zakharchenko@example.com', phone: '+380 68 734 91 06' },
  { name: 'Богдан Кузьменко', email: 'bohdan.kuzmenko@example.com', phone: null },
];
