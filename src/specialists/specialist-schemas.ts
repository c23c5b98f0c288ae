import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, Uuid } from '../http/common-schemas.js';

export const SpecialistBody = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    specialty: Type.String(),
    bio: Type.String(),
    photoUrl: Type.Union([Type.String(), Type.Null()]),
    consultationMinutes: Type.Integer(),
    bufferMinutes: Type.Integer(),
    minNoticeMinutes: Type.Integer(),
    horizonDays: Type.Integer(),
    active: Type.Boolean(),
  },
  { $id: 'Specialist' },
);

const specialistFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  specialty: Type.String({ minLength: 1, maxLength: 200 }),
  bio: Type.Optional(Type.String({ maxLength: 5000 })),
  photoUrl: Type.Optional(Type.Union([Type.String({ format: 'uri', pattern: '^(https?://|/)', maxLength: 2000 }), Type.Null()])),
  consultationMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
  bufferMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, description: 'Default 0' })),
  minNoticeMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 43200, description: 'Default 120' })),
  horizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730, description: 'Default 90' })),
  active: Type.Optional(Type.Boolean({ description: 'Default true' })),
};

export const SpecialistCreate = Type.Object(specialistFields, { additionalProperties: false });
export type SpecialistCreate = Static<typeof SpecialistCreate>;

export const SpecialistPatch = Type.Partial(Type.Object(specialistFields), { additionalProperties: false, minProperties: 1 });
export type SpecialistPatch = Static<typeof SpecialistPatch>;

const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$', description: 'Local time HH:MM; 24:00 ends at midnight' });
export const WorkingIntervalBody = Type.Object({ start: ClockTime, end: ClockTime }, { additionalProperties: false });
const DayIntervals = Type.Array(WorkingIntervalBody, { maxItems: 12 });

export const ScheduleBody = Type.Object(
  {
    weekly: Type.Object(
      {
        monday: DayIntervals,
        tuesday: DayIntervals,
        wednesday: DayIntervals,
        thursday: DayIntervals,
        friday: DayIntervals,
        saturday: DayIntervals,
        sunday: DayIntervals,
      },
      { additionalProperties: false },
    ),
    overrides: Type.Array(
      Type.Object(
        {
          date: LocalDate,
          until: Type.Optional(LocalDate),
          intervals: DayIntervals,
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000, default: [] },
    ),
  },
  { additionalProperties: false, $id: 'Schedule' },
);
export type ScheduleBody = Static<typeof ScheduleBody>;

export const Slot = Type.Object({ startsAt: Type.String(), endsAt: Type.String() });

export const SlotsQuery = Type.Object(
  {
    date: Type.Optional(LocalDate),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
