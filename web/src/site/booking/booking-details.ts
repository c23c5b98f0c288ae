// The visitor's details and the checks the server makes on them (booking-schemas.ts), made here
// first so mistakes show beside the field before anything is sent.

export interface BookingDetails {
  name: string;
  email: string;
  phone: string;
  notes: string;
  consent: boolean;
}

export type DetailsField = keyof BookingDetails;
/** An error as a key in the `site` namespace (`booking.errors.*`), translated where it is shown. */
export type DetailsErrors = Partial<Record<DetailsField, string>>;

export const NOTES_MAX = 2000;
export const NAME_MAX = 200;
export const EMAIL_MAX = 254;

export const emptyDetails: BookingDetails = { name: '', email: '', phone: '', notes: '', consent: false };

// The same patterns the server's validator (ajv-formats "email", common-schemas Phone) uses.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const PHONE = /^[+0-9 ()-]{5,40}$/;

export function validateDetails(details: BookingDetails): DetailsErrors {
  const errors: DetailsErrors = {};
  const name = details.name.trim();
  if (!name) errors.name = 'booking.errors.nameRequired';
  else if (name.length > NAME_MAX) errors.name = 'booking.errors.nameTooLong';
  const email = details.email.trim();
  if (!email) errors.email = 'booking.errors.emailRequired';
  else if (email.length > EMAIL_MAX || !EMAIL.test(email)) errors.email = 'booking.errors.emailInvalid';
  const phone = details.phone.trim();
  if (phone && !PHONE.test(phone)) errors.phone = 'booking.errors.phoneInvalid';
  if (details.notes.length > NOTES_MAX) errors.notes = 'booking.errors.notesTooLong';
  if (!details.consent) errors.consent = 'booking.errors.consentRequired';
  return errors;
}

/** The server's field errors, on the fields the visitor can fix (its messages are English; ours are translated). */
export function serverFieldErrors(fields: Record<string, string>): DetailsErrors {
  const errors: DetailsErrors = {};
  if (fields.name) errors.name = 'booking.errors.nameServer';
  if (fields.email) errors.email = 'booking.errors.emailInvalid';
  if (fields.phone) errors.phone = 'booking.errors.phoneInvalid';
  if (fields.notes) errors.notes = 'booking.errors.notesTooLong';
  return errors;
}

export interface BookingRequest {
  specialistId: string;
  startsAt: string;
  name: string;
  email: string;
  phone?: string;
  notes?: string;
  locale: 'uk' | 'en';
}

export function bookingRequest(details: BookingDetails, slot: { specialistId: string; startsAt: string }, locale: 'uk' | 'en'): BookingRequest {
  const phone = details.phone.trim();
  const notes = details.notes.trim();
  return {
    specialistId: slot.specialistId,
    startsAt: slot.startsAt,
    name: details.name.trim(),
    email: details.email.trim(),
    ...(phone ? { phone } : {}),
    ...(notes ? { notes } : {}),
    locale,
  };
}

export interface BookingCreated {
  id: string;
  status: 'unconfirmed';
  specialistId: string;
  startsAt: string;
  endsAt: string;
  holdExpiresAt: string;
}
