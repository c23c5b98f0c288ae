import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Instant, Uuid } from '../http/common-schemas.js';
import { formatInstant } from '../http/instant.js';
import { APPOINTMENT_STATUSES } from '../scheduling/appointment-states.js';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, WEBHOOK_PAYLOAD_VERSION, type WebhookEventType } from './webhook-catalogue.js';

// What receivers get, declared once: these schemas document the payloads in the OpenAPI
// document, shape the polling and sample answers, and check the builder's output in its tests.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = (values: readonly string[], description?: string) => Type.Union(values.map((value) => Type.Literal(value)), description ? { description } : {});

export const EventId = Type.String({ pattern: '^evt_[0-9a-f]{32}$', description: 'The event’s id: stable, the same in `webhook-id` on every attempt and in the polling list', examples: ['evt_3f1c9e0b8d2a4c6e9f7b5a3d1e0c8b6a'] });

const ActorPart = Type.Object(
  { type: literals(['client', 'staff', 'system', 'api']), id: Nullable(Uuid) },
  { description: 'Who did it: the client, a staff member (id), the system (a hold running out), or an API key (id)' },
);
const ContactPart = Type.Object({ id: Uuid, name: Type.String(), email: Type.String(), phone: Nullable(Type.String()) });
const SpecialistPart = Type.Object({ id: Uuid, name: Type.String(), specialty: Type.String() });
const AppointmentStatusPart = literals(APPOINTMENT_STATUSES);
const AppointmentPart = Type.Object({
  id: Uuid,
  status: AppointmentStatusPart,
  startsAt: Instant,
  endsAt: Instant,
  source: literals(['site', 'staff', 'api'], 'Where it was made: the public site, the console, or the API'),
});

const BookingData = Type.Object({
  appointment: AppointmentPart,
  specialist: SpecialistPart,
  contact: ContactPart,
  by: ActorPart,
  previous: Type.Optional(
    Type.Object(
      { status: Type.Optional(AppointmentStatusPart), startsAt: Type.Optional(Instant), endsAt: Type.Optional(Instant) },
      { description: 'What changed: the status before (confirmed, approved, cancelled, ...), the time before (rescheduled)' },
    ),
  ),
  reason: Type.Optional(Type.String({ description: 'The reason given, when one was' })),
});

const ContactData = Type.Object({
  contact: Type.Composite([
    ContactPart,
    Type.Object({ locale: literals(['uk', 'en']), lifecycle: literals(['lead', 'client'], 'lead until a first appointment is confirmed or booked') }),
  ]),
  by: ActorPart,
  source: Type.Optional(Type.String({ description: 'contact.created: how the contact came (booking, staff, ...)' })),
  changedFields: Type.Optional(Type.Array(Type.String(), { description: 'contact.updated: the fields that changed' })),
});

const MessageData = Type.Object({
  message: Type.Object({ id: Uuid, text: Type.String(), sentAt: Instant }),
  contact: ContactPart,
  by: ActorPart,
});

const EmailFailedData = Type.Object({
  email: Type.Object({
    id: Uuid,
    template: Type.String({ description: 'Which of the clinic’s e-mails, e.g. booking_confirm_request' }),
    subject: Type.String(),
    to: Type.String(),
    reason: Nullable(Type.String()),
    bounced: Type.Boolean({ description: 'The mail server refused the address for good; the contact is now marked as bouncing' }),
    refused: Type.Boolean({ description: 'Not sent at all, because the address was already marked as bouncing' }),
  }),
  contact: ContactPart,
  appointmentId: Nullable(Uuid),
  by: ActorPart,
});

const DATA_OF: Record<WebhookEventType, TSchema> = {
  'booking.created': BookingData,
  'booking.confirmed': BookingData,
  'booking.approved': BookingData,
  'booking.rescheduled': BookingData,
  'booking.cancelled': BookingData,
  'booking.completed': BookingData,
  'booking.no_show': BookingData,
  'booking.expired': BookingData,
  'contact.created': ContactData,
  'contact.updated': ContactData,
  'message.received': MessageData,
  'email.failed': EmailFailedData,
};

/** `booking.no_show` → `BookingNoShowEvent`: the name of its schema in the OpenAPI document. */
export const schemaNameOf = (type: WebhookEventType): string =>
  `${type.split(/[._]/).map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')}Event`;

function envelope<T extends WebhookEventType, D extends TSchema>(type: T, data: D) {
  return Type.Object(
    {
      id: EventId,
      type: Type.Literal(type),
      version: Type.Literal(WEBHOOK_PAYLOAD_VERSION),
      occurredAt: Instant,
      clinic: Type.Object({ timezone: Type.String({ examples: ['Europe/Kyiv'] }) }),
      data,
    },
    { $id: schemaNameOf(type), title: type, description: WEBHOOK_EVENT_DESCRIPTIONS[type] },
  );
}

/** One schema per event type, each with its $id (registered once, referenced by the routes). */
export const WEBHOOK_PAYLOAD_SCHEMAS = WEBHOOK_EVENT_TYPES.map((type) => envelope(type, DATA_OF[type]));

type BookingPayload = Static<ReturnType<typeof envelope<WebhookEventType, typeof BookingData>>>;
type ContactPayload = Static<ReturnType<typeof envelope<WebhookEventType, typeof ContactData>>>;
type MessagePayload = Static<ReturnType<typeof envelope<WebhookEventType, typeof MessageData>>>;
type EmailFailedPayload = Static<ReturnType<typeof envelope<WebhookEventType, typeof EmailFailedData>>>;
export type WebhookPayload = BookingPayload | ContactPayload | MessagePayload | EmailFailedPayload;

/** The rows an event's payload is built from, loaded in the transaction that records it. */
export interface EventFacts {
  id: string;
  type: WebhookEventType;
  at: Date;
  timezone: string;
  actor: { type: 'client' | 'staff' | 'system' | 'api'; id: string | null };
  /** The domain event's own data (what changed, from what). */
  data: Record<string, unknown>;
  contact: { id: string; name: string; email: string; phone: string | null; locale: string; lifecycle: string };
  appointment: { id: string; status: string; startsAt: Date; endsAt: Date; source: string } | null;
  specialist: { id: string; name: string; specialty: string } | null;
  message: { id: string; body: string; createdAt: Date } | null;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The public payload of one event: pure, from rows already loaded. Null when an event lacks what
 * its type needs (a booking event without its appointment), which the reaction then skips.
 */
export function buildWebhookPayload(facts: EventFacts): WebhookPayload | null {
  const at = (instant: Date): string => formatInstant(instant, facts.timezone);
  const contact = { id: facts.contact.id, name: facts.contact.name, email: facts.contact.email, phone: facts.contact.phone };
  const by = { type: facts.actor.type, id: facts.actor.id };
  const head = { id: facts.id, type: facts.type, version: WEBHOOK_PAYLOAD_VERSION, occurredAt: at(facts.at), clinic: { timezone: facts.timezone } };

  if (facts.type.startsWith('booking.')) {
    const { appointment, specialist } = facts;
    if (!appointment || !specialist) return null;
    const previous: { status?: string; startsAt?: string; endsAt?: string } = {};
    if (facts.type === 'booking.rescheduled') {
      const from = new Date(String(facts.data.from));
      if (!Number.isNaN(from.getTime())) {
        previous.startsAt = at(from);
        previous.endsAt = at(new Date(from.getTime() + (appointment.endsAt.getTime() - appointment.startsAt.getTime())));
      }
    } else if (facts.type !== 'booking.created' && text(facts.data.from)) {
      previous.status = text(facts.data.from)!;
    }
    const reason = text(facts.data.reason);
    return {
      ...head,
      data: {
        appointment: { id: appointment.id, status: appointment.status, startsAt: at(appointment.startsAt), endsAt: at(appointment.endsAt), source: appointment.source },
        specialist: { id: specialist.id, name: specialist.name, specialty: specialist.specialty },
        contact,
        by,
        ...(Object.keys(previous).length > 0 ? { previous } : {}),
        ...(reason ? { reason } : {}),
      },
    } as BookingPayload;
  }
  if (facts.type === 'contact.created' || facts.type === 'contact.updated') {
    const changes = facts.data.changes;
    const changedFields = changes && typeof changes === 'object' ? Object.keys(changes) : undefined;
    const source = text(facts.data.source);
    return {
      ...head,
      data: {
        contact: { ...contact, locale: facts.contact.locale, lifecycle: facts.contact.lifecycle },
        by,
        ...(facts.type === 'contact.created' && source ? { source } : {}),
        ...(facts.type === 'contact.updated' ? { changedFields: changedFields ?? [] } : {}),
      },
    } as ContactPayload;
  }
  if (facts.type === 'message.received') {
    if (!facts.message) return null;
    return { ...head, data: { message: { id: facts.message.id, text: facts.message.body, sentAt: at(facts.message.createdAt) }, contact, by } } as MessagePayload;
  }
  // email.failed
  const emailId = text(facts.data.emailId);
  if (!emailId) return null;
  return {
    ...head,
    data: {
      email: {
        id: emailId,
        template: text(facts.data.templateKey) ?? '',
        subject: text(facts.data.subject) ?? '',
        to: text(facts.data.to) ?? facts.contact.email,
        reason: text(facts.data.reason) ?? null,
        bounced: facts.data.bounced === true,
        refused: facts.data.refused === true,
      },
      contact,
      appointmentId: facts.appointment?.id ?? null,
      by,
    },
  } as EmailFailedPayload;
}

const ZERO_ID = '00000000-0000-0000-0000-000000000000';
export const SAMPLE_EVENT_ID = `evt_${'0'.repeat(32)}`;

// What each type's sample shows: the appointment's status after the event, and the event's own data.
const SAMPLE_STATUS: Partial<Record<WebhookEventType, string>> = {
  'booking.created': 'unconfirmed',
  'booking.confirmed': 'confirmed',
  'booking.cancelled': 'cancelled',
  'booking.completed': 'completed',
  'booking.no_show': 'no_show',
  'booking.expired': 'expired',
};
const SAMPLE_DATA: Record<WebhookEventType, Record<string, unknown>> = {
  'booking.created': { source: 'site' },
  'booking.confirmed': { from: 'unconfirmed' },
  'booking.approved': { from: 'confirmed' },
  'booking.rescheduled': { from: '2026-12-07T12:00:00Z' },
  'booking.cancelled': { from: 'booked', reason: 'Sample reason' },
  'booking.completed': { from: 'booked' },
  'booking.no_show': { from: 'booked' },
  'booking.expired': { from: 'unconfirmed' },
  'contact.created': { source: 'booking' },
  'contact.updated': { changes: { phone: { from: null, to: '+380 67 000 0000' } } },
  'message.received': {},
  'email.failed': { emailId: ZERO_ID, templateKey: 'booking_approved', subject: 'Sample subject', to: 'sample.client@example.com', reason: '550 Mailbox unavailable', bounced: true },
};

/**
 * A made-up event of `type` for a platform to map fields before anything has happened: every id
 * is zeros (so it can never be mistaken for a real record), the names say "Sample".
 */
export function samplePayload(type: WebhookEventType, timezone: string): WebhookPayload {
  const startsAt = new Date('2026-12-08T08:00:00Z');
  const at = new Date('2026-12-07T07:30:00Z');
  return buildWebhookPayload({
    id: SAMPLE_EVENT_ID,
    type,
    at,
    timezone,
    actor: type === 'booking.expired' || type === 'email.failed' ? { type: 'system', id: null } : { type: 'client', id: null },
    data: SAMPLE_DATA[type],
    contact: { id: ZERO_ID, name: 'Sample Client', email: 'sample.client@example.com', phone: '+380 67 000 0000', locale: 'uk', lifecycle: 'client' },
    appointment: { id: ZERO_ID, status: SAMPLE_STATUS[type] ?? 'booked', startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), source: 'site' },
    specialist: { id: ZERO_ID, name: 'Sample Specialist', specialty: 'Therapist' },
    message: { id: ZERO_ID, body: 'Sample message: may I come half an hour later?', createdAt: at },
  })!;
}

const ERASED = '[erased]';

/**
 * A stored payload with the erased contact's personal data taken out, as their timeline and
 * e-mail copies are: ids, times, types and statuses stay, so a receiver's records still line up.
 */
export function erasedPayload(payload: unknown, contactId: string): unknown {
  if (!payload || typeof payload !== 'object') return payload;
  const copy = structuredClone(payload) as { data?: Record<string, unknown> };
  const data = copy.data;
  if (!data || typeof data !== 'object') return copy;
  const contact = data.contact as Record<string, unknown> | undefined;
  if (contact && typeof contact === 'object') {
    Object.assign(contact, { name: 'Erased contact', email: `erased-${contactId}@erased.invalid`, phone: null });
  }
  if ('reason' in data) data.reason = ERASED;
  const message = data.message as Record<string, unknown> | undefined;
  if (message && typeof message === 'object') message.text = ERASED;
  const email = data.email as Record<string, unknown> | undefined;
  if (email && typeof email === 'object') Object.assign(email, { subject: ERASED, to: `erased-${contactId}@erased.invalid`, reason: email.reason === null ? null : ERASED });
  return copy;
}

/** Top-level keys in reading order (jsonb keeps its own order): what is sent and listed. */
export function inReadingOrder(payload: Record<string, unknown>): Record<string, unknown> {
  const { id, type, version, occurredAt, clinic, data, ...rest } = payload;
  return { id, type, version, occurredAt, clinic, data, ...rest };
}
