import type { CsvColumn, CsvLanguage } from '../http/csv-download.js';
import { idColumn, yesNo } from '../http/csv-download.js';
import { WEEKDAYS, type WeeklySchedule, type Weekday } from '../scheduling/schedule-types.js';
import type { Specialist } from './specialist-repository.js';

// The specialists list as a spreadsheet: the profile, the booking rules and the usual week, one
// column a weekday ("09:00–13:00, 14:00–18:00"; empty for a day off).

export interface SpecialistWithWeek extends Specialist {
  weekly: WeeklySchedule;
}

const DAY_NAMES: Record<CsvLanguage, Record<Weekday, string>> = {
  uk: { monday: 'Понеділок', tuesday: 'Вівторок', wednesday: 'Середа', thursday: 'Четвер', friday: 'П’ятниця', saturday: 'Субота', sunday: 'Неділя' },
  en: { monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday' },
};

export const SPECIALIST_COLUMNS: Array<CsvColumn<SpecialistWithWeek>> = [
  idColumn(),
  { header: { uk: 'Ім’я', en: 'Name' }, cell: (s) => s.name },
  { header: { uk: 'Спеціальність', en: 'Specialty' }, cell: (s) => s.specialty },
  { header: { uk: 'Приймає записи', en: 'Takes bookings' }, cell: (s, csv) => yesNo(s.active, csv) },
  { header: { uk: 'Тривалість консультації, хв', en: 'Consultation, minutes' }, cell: (s) => s.consultationMinutes },
  { header: { uk: 'Перерва між прийомами, хв', en: 'Buffer, minutes' }, cell: (s) => s.bufferMinutes },
  { header: { uk: 'Запис не пізніше ніж за, хв', en: 'Minimum notice, minutes' }, cell: (s) => s.minNoticeMinutes },
  { header: { uk: 'Запис наперед, днів', en: 'Booking horizon, days' }, cell: (s) => s.horizonDays },
  ...WEEKDAYS.map((day): CsvColumn<SpecialistWithWeek> => ({
    header: { uk: DAY_NAMES.uk[day], en: DAY_NAMES.en[day] },
    cell: (s) => s.weekly[day].map((interval) => `${interval.start}–${interval.end}`).join(', '),
  })),
  { header: { uk: 'Фото (URL)', en: 'Photo URL' }, cell: (s) => s.photoUrl },
  { header: { uk: 'Про фахівця', en: 'Bio' }, cell: (s) => s.bio },
];
