import { Type, type Static } from '@sinclair/typebox';
import { Email, Instant, LocalDate, Locale, Phone, Uuid } from '../http/common-schemas.js';

export const Tag = Type.String({ minLength: 1, maxLength: 60, pattern: '^[^\\s,][^,]*$', description: 'A tag; stored lower-case' });

export const ContactBody = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    email: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    dateOfBirth: Type.Union([LocalDate, Type.Null()]),
    notes: Type.String(),
    locale: Locale,
    lifecycle: Type.Union([Type.Literal('lead'), Type.Literal('client')]),
    tags: Type.Array(Type.String()),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Contact' },
);

export const ContactPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Email),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    dateOfBirth: Type.Optional(Type.Union([LocalDate, Type.Null()])),
    notes: Type.Optional(Type.String({ maxLength: 10000 })),
    locale: Type.Optional(Locale),
    lifecycle: Type.Optional(Type.Union([Type.Literal('lead'), Type.Literal('client')])),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ContactPatch = Static<typeof ContactPatch>;

export const TimelineEntryBody = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'What happened, e.g. booking.created, booking.confirmed, contact.updated' }),
  appointmentId: Type.Union([Uuid, Type.Null()]),
  actor: Type.Object({
    type: Type.Union([Type.Literal('client'), Type.Literal('staff'), Type.Literal('system'), Type.Literal('api')]),
    id: Type.Union([Type.String(), Type.Null()]),
  }),
  data: Type.Record(Type.String(), Type.Unknown()),
  occurredAt: Instant,
});
