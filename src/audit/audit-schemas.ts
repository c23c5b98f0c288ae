import { Type, type Static } from '@sinclair/typebox';
import { Instant, PageOf, PageQuery, Uuid } from '../http/common-schemas.js';

const InstantOrDate = (description: string) =>
  Type.String({ maxLength: 40, description, examples: ['2026-12-08', '2026-12-08T10:00:00+02:00'] });

export const AuditListQuery = Type.Object(
  {
    actorId: Type.Optional(Uuid),
    action: Type.Optional(
      Type.String({ maxLength: 100, pattern: '^[a-z_]+(\\.[a-z_]+)*\\.?$', description: 'An action or a prefix: `contact` matches contact.read, contact.update, …' }),
    ),
    recordType: Type.Optional(Type.String({ maxLength: 60, pattern: '^[a-z_]+$', description: 'e.g. contact, booking' })),
    recordId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(InstantOrDate('YYYY-MM-DD (the clinic’s local day) or an instant; entries at or after it')),
    to: Type.Optional(InstantOrDate('YYYY-MM-DD (local, inclusive) or an instant; entries before it')),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;

const ActorType = Type.Union([Type.Literal('staff'), Type.Literal('client'), Type.Literal('api'), Type.Literal('system')]);

export const AuditEntryBody = Type.Object({
  id: Type.String({ description: 'Position in the chain: 1, 2, 3, … with no gaps' }),
  at: Instant,
  actor: Type.Object({
    type: ActorType,
    id: Type.Union([Type.String(), Type.Null()], { description: 'Staff user or contact id' }),
    label: Type.String({ description: 'How the actor was known at the time, e.g. the staff e-mail' }),
  }),
  action: Type.String({ description: 'e.g. contact.read, contact.update, booking.approve, contacts.list, staff.login' }),
  recordType: Type.String({ description: 'e.g. contact, booking, staff_user' }),
  recordId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'Method, route, status, and the query of a search; never a request body' }),
});

export const AuditPage = PageOf(AuditEntryBody);

export const AuditVerifyBody = Type.Object({
  ok: Type.Boolean(),
  count: Type.Integer({ description: 'Entries checked (up to the break, when there is one)' }),
  brokenAt: Type.Optional(Type.String({ description: 'The first entry id where the chain does not hold' })),
  reason: Type.Optional(Type.String()),
  lastHash: Type.Optional(Type.String({ description: 'The hash the chain ends with; keep it elsewhere to detect a rewrite of the whole log later' })),
});
