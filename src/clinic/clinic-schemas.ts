import { Type, type Static } from '@sinclair/typebox';
import { Instant, LocalDate, Locale, Uuid } from '../http/common-schemas.js';

const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$', description: 'Local time HH:MM; 24:00 ends at midnight' });
const OpeningInterval = Type.Object({ start: ClockTime, end: ClockTime }, { additionalProperties: false });
const DayHours = Type.Array(OpeningInterval, { maxItems: 6, description: 'Open intervals of the day; empty when closed' });

export const OpeningHoursBody = Type.Object(
  {
    monday: DayHours,
    tuesday: DayHours,
    wednesday: DayHours,
    thursday: DayHours,
    friday: DayHours,
    saturday: DayHours,
    sunday: DayHours,
  },
  { additionalProperties: false, description: 'When the clinic is open, in its time zone' },
);

export const AwardBody = Type.Object({
  id: Uuid,
  title: Type.String(),
  issuer: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  description: Type.String(),
});

export const AdminAwardBody = Type.Object({ ...AwardBody.properties, position: Type.Integer({ description: 'Lower comes first' }) });

export const ClinicBody = Type.Object({
  name: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  timezone: Type.String({ description: 'IANA time zone every local time of the clinic is in' }),
  openingHours: OpeningHoursBody,
  about: Type.String(),
  awards: Type.Array(AwardBody),
});

export const AdminClinicBody = Type.Object({
  name: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  timezone: Type.String(),
  openingHours: OpeningHoursBody,
  about: Type.String(),
  defaultLocale: Locale,
  updatedAt: Type.Union([Instant, Type.Null()], { description: 'null until the profile is first saved' }),
  awards: Type.Array(AdminAwardBody),
});

export const ClinicPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    // Empty clears the field; otherwise the same shapes as everywhere else.
    phone: Type.Optional(Type.Union([Type.Literal(''), Type.String({ maxLength: 40, pattern: '^[+0-9 ()\\-]{5,40}$' })])),
    email: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 254 })])),
    openingHours: Type.Optional(OpeningHoursBody),
    about: Type.Optional(Type.String({ maxLength: 10_000 })),
    defaultLocale: Type.Optional(Locale),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ClinicPatch = Static<typeof ClinicPatch>;

const awardFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  issuer: Type.Optional(Type.String({ maxLength: 300 })),
  year: Type.Optional(Type.Union([Type.Integer({ minimum: 1900, maximum: 2200 }), Type.Null()])),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'Lower comes first; new awards go last' })),
};

export const AwardCreate = Type.Object(awardFields, { additionalProperties: false });
export type AwardCreate = Static<typeof AwardCreate>;

export const AwardPatch = Type.Partial(Type.Object(awardFields), { additionalProperties: false, minProperties: 1 });
export type AwardPatch = Static<typeof AwardPatch>;

export const ReviewBody = Type.Object({
  id: Uuid,
  authorName: Type.String(),
  text: Type.String(),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  reviewedOn: LocalDate,
  specialistId: Type.Union([Uuid, Type.Null()], { description: 'The specialist the review is about, if any' }),
});

export const AdminReviewBody = Type.Object({ ...ReviewBody.properties, published: Type.Boolean({ description: 'Shown on the public site' }), createdAt: Instant });

const reviewFields = {
  authorName: Type.String({ minLength: 1, maxLength: 200 }),
  text: Type.String({ minLength: 1, maxLength: 5000 }),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  reviewedOn: LocalDate,
  specialistId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  // No default here: the patch schema is built from these fields, and a default would hide a review on every edit.
  published: Type.Optional(Type.Boolean({ description: 'Shown on the public site; new reviews are hidden unless true' })),
};

export const ReviewCreate = Type.Object(reviewFields, { additionalProperties: false });
export type ReviewCreate = Static<typeof ReviewCreate>;

export const ReviewPatch = Type.Partial(Type.Object(reviewFields), { additionalProperties: false, minProperties: 1 });
export type ReviewPatch = Static<typeof ReviewPatch>;

export const PublicReviewsQuery = Type.Object(
  {
    specialistId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const AdminReviewsQuery = Type.Object(
  { published: Type.Optional(Type.Boolean({ description: 'Only published (true) or only hidden (false) reviews' })) },
  { additionalProperties: false },
);
