import type { Db } from '../db/engine.js';
import { WEEKDAYS, type DateOverride, type WeeklySchedule, type WorkingInterval } from '../scheduling/schedule-types.js';
import { insertSpecialist, replaceSchedule, type Specialist, type SpecialistFields } from '../specialists/specialist-repository.js';

let specialistCount = 0;

/** Monday to Friday 09:00–13:00 and 14:00–18:00 unless the test says otherwise. */
export function weekdaysSchedule(intervals: WorkingInterval[] = [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }]): WeeklySchedule {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, day === 'saturday' || day === 'sunday' ? [] : intervals])) as WeeklySchedule;
}

/** A specialist with a working week, made for one test; every field can be overridden. */
export async function aSpecialist(
  db: Db,
  overrides: Partial<SpecialistFields> & { weekly?: WeeklySchedule; dateOverrides?: DateOverride[] } = {},
): Promise<Specialist> {
  specialistCount += 1;
  const { weekly, dateOverrides, ...fields } = overrides;
  const specialist = await insertSpecialist(db, {
    name: `Dr. Test ${specialistCount}`,
    specialty: 'Therapist',
    bio: '',
    photoUrl: null,
    consultationMinutes: 30,
    bufferMinutes: 0,
    minNoticeMinutes: 60,
    horizonDays: 60,
    active: true,
    ...fields,
  });
  await replaceSchedule(db, specialist.id, weekly ?? weekdaysSchedule(), dateOverrides ?? []);
  return specialist;
}

export function aVisitor(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  specialistCount += 1;
  return { name: 'Olena Petrenko', email: `olena${specialistCount}@example.com`, phone: '+380 67 123 4567', notes: 'Back pain', locale: 'uk', ...overrides };
}
