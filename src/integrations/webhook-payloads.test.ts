import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-catalogue.js';
import { buildWebhookPayload, erasedPayload, samplePayload, schemaNameOf, WEBHOOK_PAYLOAD_SCHEMAS, type EventFacts } from './webhook-payloads.js';

// The formats Fastify's Ajv checks; TypeBox's own checker needs to be told them.
FormatRegistry.Set('uuid', (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value));
FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value));

const schemaOf = (type: WebhookEventType) => WEBHOOK_PAYLOAD_SCHEMAS.find((schema) => schema.$id === schemaNameOf(type))!;
const valid = (type: WebhookEventType, payload: unknown): string[] => [...Value.Errors(schemaOf(type), payload)].map((e) => `${e.path}: ${e.message}`);

const OLENA = { id: '6f1d2c3b-4a59-4e87-9d10-2b3c4d5e6f70', name: 'Olena Petrenko', email: 'olena@example.com', phone: '+380 67 123 4567', locale: 'uk', lifecycle: 'lead' };
const KOVAL = { id: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d', name: 'Dr. Iryna Koval', specialty: 'Neurologist' };
// Tuesday 8 December 2026, 10:00–10:30 in Kyiv (UTC+2).
const VISIT = { id: '9e8d7c6b-5a49-4382-a716-151413121110', status: 'unconfirmed', startsAt: new Date('2026-12-08T08:00:00Z'), endsAt: new Date('2026-12-08T08:30:00Z'), source: 'site' };

function facts(overrides: Partial<EventFacts>): EventFacts {
  return {
    id: 'evt_0123456789abcdef0123456789abcdef',
    type: 'booking.created',
    at: new Date('2026-12-07T06:15:00Z'),
    timezone: 'Europe/Kyiv',
    actor: { type: 'client', id: null },
    data: {},
    contact: OLENA,
    appointment: VISIT,
    specialist: KOVAL,
    message: null,
    ...overrides,
  };
}

describe('the payload a receiver gets for each event', () => {
  it('a visitor books Dr. Koval for Tuesday 10:00: ids, the clinic’s time zone and offsets, the specialist, the contact', () => {
    const payload = buildWebhookPayload(facts({ data: { source: 'site' } }));
    expect(payload).toEqual({
      id: 'evt_0123456789abcdef0123456789abcdef',
      type: 'booking.created',
      version: 1,
      occurredAt: '2026-12-07T08:15:00+02:00',
      clinic: { timezone: 'Europe/Kyiv' },
      data: {
        appointment: { id: VISIT.id, status: 'unconfirmed', startsAt: '2026-12-08T10:00:00+02:00', endsAt: '2026-12-08T10:30:00+02:00', source: 'site' },
        specialist: KOVAL,
        contact: { id: OLENA.id, name: 'Olena Petrenko', email: 'olena@example.com', phone: '+380 67 123 4567' },
        by: { type: 'client', id: null },
      },
    });
    expect(valid('booking.created', payload)).toEqual([]);
  });

  it('a move says where the appointment was before, at the same length, and who moved it', () => {
    const staff = { type: 'staff' as const, id: '2b3c4d5e-6f70-4182-9394-a5b6c7d8e9f0' };
    const payload = buildWebhookPayload(
      facts({ type: 'booking.rescheduled', actor: staff, appointment: { ...VISIT, status: 'booked', startsAt: new Date('2026-12-10T12:00:00Z'), endsAt: new Date('2026-12-10T12:30:00Z') }, data: { from: '2026-12-08T08:00:00.000Z', to: '2026-12-10T12:00:00.000Z' } }),
    );
    expect(payload?.data).toMatchObject({
      appointment: { startsAt: '2026-12-10T14:00:00+02:00', endsAt: '2026-12-10T14:30:00+02:00' },
      previous: { startsAt: '2026-12-08T10:00:00+02:00', endsAt: '2026-12-08T10:30:00+02:00' },
      by: staff,
    });
    expect(valid('booking.rescheduled', payload)).toEqual([]);
  });

  it('a cancellation carries the status before and the reason given', () => {
    const payload = buildWebhookPayload(facts({ type: 'booking.cancelled', appointment: { ...VISIT, status: 'cancelled' }, data: { from: 'booked', to: 'cancelled', reason: 'Feeling better' } }));
    expect(payload?.data).toMatchObject({ appointment: { status: 'cancelled' }, previous: { status: 'booked' }, reason: 'Feeling better' });
    expect(valid('booking.cancelled', payload)).toEqual([]);
  });

  it('keeps times in the clinic’s zone across the change to summer time', () => {
    const payload = buildWebhookPayload(
      facts({ at: new Date('2026-03-29T00:30:00Z'), appointment: { ...VISIT, startsAt: new Date('2026-03-30T07:00:00Z'), endsAt: new Date('2026-03-30T07:30:00Z') } }),
    );
    expect(payload?.occurredAt).toBe('2026-03-29T02:30:00+02:00');
    expect(payload?.data).toMatchObject({ appointment: { startsAt: '2026-03-30T10:00:00+03:00' } });
  });

  it('a contact update names the fields that changed, not their old values', () => {
    const payload = buildWebhookPayload(facts({ type: 'contact.updated', actor: { type: 'api', id: '3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b' }, data: { changes: { phone: { from: null, to: '+380 67 123 4567' } } } }));
    expect(payload?.data).toEqual({ contact: { ...OLENA }, by: { type: 'api', id: '3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b' }, changedFields: ['phone'] });
    expect(JSON.stringify(payload)).not.toContain('"from"');
    expect(valid('contact.updated', payload)).toEqual([]);
  });

  it('a message from the portal carries its whole text', () => {
    const payload = buildWebhookPayload(facts({ type: 'message.received', message: { id: VISIT.id, body: 'May I come at 10:30 instead?', createdAt: new Date('2026-12-07T06:15:00Z') } }));
    expect(payload?.data).toMatchObject({ message: { text: 'May I come at 10:30 instead?', sentAt: '2026-12-07T08:15:00+02:00' } });
    expect(valid('message.received', payload)).toEqual([]);
  });

  it('a failed e-mail says which, to whom and why, and whether the address now bounces', () => {
    const payload = buildWebhookPayload(
      facts({ type: 'email.failed', actor: { type: 'system', id: null }, data: { emailId: KOVAL.id, templateKey: 'booking_thank_you', subject: 'Thank you', to: 'olena@example.com', reason: '550 no such user', bounced: true } }),
    );
    expect(payload?.data).toMatchObject({ email: { id: KOVAL.id, template: 'booking_thank_you', to: 'olena@example.com', reason: '550 no such user', bounced: true, refused: false }, appointmentId: VISIT.id });
    expect(valid('email.failed', payload)).toEqual([]);
  });

  it('skips a booking event whose appointment is not there rather than sending half a payload', () => {
    expect(buildWebhookPayload(facts({ appointment: null }))).toBeNull();
    expect(buildWebhookPayload(facts({ type: 'message.received', message: null }))).toBeNull();
  });
});

describe('samples for integration platforms', () => {
  it.for(WEBHOOK_EVENT_TYPES.map((type) => [type] as const))('%s: made up with ids of zeros, valid, and unchanged unless on purpose', ([type]) => {
    const sample = samplePayload(type, 'Europe/Kyiv');
    expect(valid(type, sample)).toEqual([]);
    expect(sample.id).toBe(`evt_${'0'.repeat(32)}`);
    expect(JSON.stringify(sample.data)).not.toMatch(/"id":"(?!0{8}-)/);
    // A change here changes what integrators receive: bump the payload version if it breaks them.
    expect(sample).toMatchSnapshot();
  });
});

describe('an erased contact’s stored payloads', () => {
  it('lose the name, address, phone, message text and reasons, and keep ids, times and statuses', () => {
    const booking = buildWebhookPayload(facts({ type: 'booking.cancelled', data: { from: 'booked', reason: 'Back pain is gone' } }))!;
    const erased = erasedPayload(booking, OLENA.id) as typeof booking;
    expect(erased.data).toMatchObject({
      contact: { id: OLENA.id, name: 'Erased contact', email: `erased-${OLENA.id}@erased.invalid`, phone: null },
      appointment: { id: VISIT.id, startsAt: '2026-12-08T10:00:00+02:00' },
      reason: '[erased]',
    });
    expect(valid('booking.cancelled', erased)).toEqual([]);
    const message = erasedPayload(buildWebhookPayload(facts({ type: 'message.received', message: { id: VISIT.id, body: 'My diagnosis is …', createdAt: new Date() } })), OLENA.id);
    expect(JSON.stringify(message)).not.toMatch(/diagnosis|Olena|olena@/);
    const email = erasedPayload(buildWebhookPayload(facts({ type: 'email.failed', data: { emailId: KOVAL.id, subject: 'Your visit, Olena', to: 'olena@example.com', reason: 'olena@example.com bounces' } })), OLENA.id);
    expect(JSON.stringify(email)).not.toMatch(/Olena|olena@/);
    expect(booking.data).toMatchObject({ reason: 'Back pain is gone' });
  });
});
