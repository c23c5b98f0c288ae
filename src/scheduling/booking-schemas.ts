import { Type, type Static } from '@sinclair/typebox';
import { Email, Instant, Locale, Phone, Uuid } from '../http/common-schemas.js';
import { APPOINTMENT_STATUSES } from './appointment-states.js';

const Status = Type.Union(
  APPOINTMENT_STATUSES.map((status) => Type.Literal(status)),
  { description: 'unconfirmed → confirmed → booked → completed | no_show; cancelled; expired' },
);

// A name: some visible character, and no line breaks or other control characters.
export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]*\\S[^\\u0000-\\u001f\\u007f]*$' });
const Notes = Type.String({ maxLength: 2000, description: 'Notes for the specialist, up to 2,000 characters' });

export const VisitorBookingBody = Type.Object(
  {
    specialistId: Uuid,
    startsAt: Instant,
    name: Name,
    email: Email,
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    notes: Type.Optional(Notes),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type VisitorBookingBody = Static<typeof VisitorBookingBody>;

export const BookingCreated = Type.Object({
  id: Uuid,
  status: Type.Literal('unconfirmed'),
  specialistId: Uuid,
  startsAt: Instant,
  endsAt: Instant,
  holdExpiresAt: Instant,
});

export const StaffBookingBody = Type.Object(
  {
    specialistId: Uuid,
    startsAt: Instant,
    contactId: Type.Optional(Uuid),
    name: Type.Optional(Name),
    email: Type.Optional(Email),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    notes: Type.Optional(Notes),
    locale: Type.Optional(Locale),
    durationMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 720, description: 'Defaults to the specialist’s consultation length' })),
  },
  { additionalProperties: false },
);
export type StaffBookingBody = Static<typeof StaffBookingBody>;

/** A booking as staff and integrations see it. */
export const BookingBody = Type.Object(
  {
    id: Uuid,
    status: Status,
    specialistId: Uuid,
    startsAt: Instant,
    endsAt: Instant,
    contact: Type.Object({ id: Uuid, name: Type.String(), email: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) }),
    notes: Type.String(),
    source: Type.Union([Type.Literal('site'), Type.Literal('staff'), Type.Literal('api')]),
    locale: Locale,
    holdExpiresAt: Type.Union([Instant, Type.Null()]),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Booking' },
);

export const RescheduleBody = Type.Object({ startsAt: Instant }, { additionalProperties: false });

export const StatusChangeBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

export const BookingListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', description: 'One status, or several separated by commas' })),
    specialistId: Type.Optional(Uuid),
    contactId: Type.Optional(Uuid),
    from: Type.Optional(Type.String({ description: 'YYYY-MM-DD (local) or an instant; appointments starting at or after it' })),
    to: Type.Optional(Type.String({ description: 'YYYY-MM-DD (local, inclusive) or an instant; appointments starting before it' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches the contact’s name, e-mail or phone' })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type BookingListQuery = Static<typeof BookingListQuery>;
