/**
 * The events the clinic sends out (webhooks, REST hooks) and lists for polling: a public
 * contract. A type is added here, never renamed; a payload that changes shape gets a new version.
 */
export const WEBHOOK_EVENT_TYPES = [
  'booking.created',
  'booking.confirmed',
  'booking.approved',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.completed',
  'booking.no_show',
  'booking.expired',
  'contact.created',
  'contact.updated',
  'message.received',
  'email.failed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'booking.created': 'An appointment was made: by a visitor on the site (unconfirmed, holding its slot), by staff or through the API (booked).',
  'booking.confirmed': 'The client confirmed their booking from the e-mail.',
  'booking.approved': 'The clinic approved a client-confirmed appointment.',
  'booking.rescheduled': 'An appointment moved to another time; `previous` has the old one.',
  'booking.cancelled': 'An appointment was cancelled, by the client or the clinic.',
  'booking.completed': 'The visit took place.',
  'booking.no_show': 'The client did not come.',
  'booking.expired': 'An unconfirmed booking was not confirmed in time and let its slot go.',
  'contact.created': 'A new contact: a first booking, or added by staff or through the API.',
  'contact.updated': 'A contact’s details changed; `changedFields` names which.',
  'message.received': 'A client wrote to the clinic from the portal.',
  'email.failed': 'An e-mail to a client could not be delivered, or was not sent because the address bounces.',
};

export const WEBHOOK_PAYLOAD_VERSION = 1;

export function isWebhookEventType(kind: string): kind is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(kind);
}
