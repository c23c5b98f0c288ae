import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionToken } from '../accounts/action-tokens.js';
import { startClientSession, startStaffSession } from '../accounts/sessions.js';
import { createStaffUser } from '../accounts/staff-service.js';
import { tokenHash } from '../accounts/tokens.js';
import { createApiKey } from '../integrations/api-keys.js';
import { subscribe } from '../integrations/webhook-service.js';
import { addAward, addReview } from '../clinic/clinic-service.js';
import { findContactByEmail, findOrCreateContact, type Contact } from '../contacts/contact-repository.js';
import { SYSTEM } from '../contacts/timeline.js';
import { loadTemplate } from '../mail/template-repository.js';
import { writeToClient } from '../messaging/message-service.js';
import { requestErasure } from '../portal/data-rights.js';
import { bookAppointment, bookAsStaff } from '../scheduling/booking-service.js';
import type { Specialist } from '../specialists/specialist-repository.js';
import { aSpecialist, aVisitor, weekdaysSchedule } from '../test/builders.js';
import { cookieFrom, startTestApp, type TestApp } from '../test/test-app.js';

// Monday 7 December 2026, 08:00 in Kyiv. Specialists work weekdays 09:00–13:00 and 14:00–18:00.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';
const ROLES = ['anonymous', 'clientA', 'clientB', 'manager', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Expect = Record<Role, number>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Call {
  url: string;
  payload?: unknown;
  /** Beside the caller's credentials, e.g. a CSV body's content type. */
  headers?: Record<string, string>;
}
interface Row {
  method: Method;
  /** As the OpenAPI document names it: `/api/admin/bookings/{id}`. */
  path: string;
  expect: Expect;
  /** The URL and body that really reach a 2xx for an allowed role; made afresh for each role when the action uses its target up. */
  call?: (role: Role) => Call | Promise<Call>;
  /** Sign out, end a session: the role gets a session of its own for this one request. */
  freshSession?: boolean;
  /** Not in the OpenAPI document on purpose (links in e-mails, pages). */
  hidden?: boolean;
  /** What a read-only and a read+write API key get, where it is not what `keysExpect` derives from the roles. */
  keys?: KeyExpect;
}
interface KeyExpect {
  read: number;
  write: number;
}

/**
 * An API key acts as a manager within its scopes: a GET needs `read`, anything else `write`;
 * routes for administrators only or for clients are refused (403), public ones answer as to anyone.
 */
function keysExpect(row: Row): KeyExpect {
  if (row.keys) return row.keys;
  const { anonymous, manager, admin } = row.expect;
  if (anonymous === manager && manager === admin) return { read: anonymous, write: anonymous };
  if (manager === 403) return { read: 403, write: 403 };
  return row.method === 'GET' ? { read: manager, write: manager } : { read: 403, write: manager };
}

const everyone = (status: number): Expect => ({ anonymous: status, clientA: status, clientB: status, manager: status, admin: status });
const clients = (status: number): Expect => ({ anonymous: 401, clientA: status, clientB: status, manager: 403, admin: 403 });
const staff = (status: number): Expect => ({ anonymous: 401, clientA: 403, clientB: 403, manager: status, admin: status });
const admins = (status: number): Expect => ({ ...staff(status), manager: 403 });

/** What an error body must never show: stack frames, SQL, driver names, file paths. */
const LEAK = /\bat\s+(?:async\s+)?\S*\s*\(?(?:file:|node:|\/)\S*:\d+:\d+|node_modules|\bSELECT\b|\bINSERT\b|\bpg-|relation "|PGlite|kysely/i;

interface Client {
  contactId: string;
  appointmentId: string;
  cookie: string;
}

const f = {} as {
  visitorSpec: Specialist;
  clientSpec: Specialist;
  staffSpec: Specialist;
  adminSpec: Specialist;
  a: Client;
  b: Client;
  /** A contact staff work on (edit, write to); D is the one behind sign-in and e-mail links. */
  c: Contact;
  d: Contact;
  cookies: Record<Role, string | null>;
  staffIds: { manager: string; admin: string };
  spareStaffId: string;
  awardId: string;
  reviewId: string;
  emailToC: string;
};
let t: TestApp;
let counter = 0;
const unique = (): number => (counter += 1);
/** Everything of A's that B must never see. */
const aSecrets: string[] = ['ANNA-PRIVATE', 'anna.private@example.com', 'Anna Privatna', '000 1111'];
const bSaw: Array<{ route: string; body: string }> = [];

/** Free visitor slots of one specialist, each handed out once: weekdays from Tuesday, 09:00–12:30 and 14:00–17:30. */
function slotsOf(): () => string {
  const all: string[] = [];
  for (let day = DateTime.fromISO('2026-12-08', { zone: 'Europe/Kyiv' }); all.length < 400; day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    for (const start of [9, 14]) for (let half = 0; half < 8; half += 1) all.push(day.set({ hour: start + Math.floor(half / 2), minute: (half % 2) * 30 }).toISO()!);
  }
  let next = 0;
  return () => all[next++]!;
}
const visitorSlot = slotsOf();
const clientSlot = slotsOf();
/** Staff are bound by overlaps only: past visits are recorded, future ones put anywhere. */
let staffTimes = 0;
const staffTime = (when: 'past' | 'future'): string =>
  new Date(Date.parse(when === 'past' ? '2026-11-02T08:00:00Z' : '2027-01-11T08:00:00Z') + (staffTimes += 1) * 45 * 60_000).toISOString();

const contactFor = async (label: string): Promise<Contact> =>
  (await findOrCreateContact(t.handle.db, { email: `${label}${unique()}@example.com`, name: `Test ${label}`, phone: null, locale: 'en', now: t.clock.now() })).contact;
/** A client's own appointment for a client role; A's for everyone else, so a refusal is about who asks, not a missing row. */
const ownerOf = (role: Role): Client => (role === 'clientB' ? f.b : f.a);
async function appointmentOf(contactId: string, specialist: Specialist, startsAt: string, status?: 'confirmed'): Promise<string> {
  const made = await bookAsStaff(t.deps, { specialistId: specialist.id, startsAt: new Date(startsAt), contactId }, SYSTEM, 'staff', t.clock.now());
  if (contactId === f.a?.contactId) aSecrets.push(made.id);
  if (status) await t.handle.db.updateTable('appointments').set({ status }).where('id', '=', made.id).execute();
  return made.id;
}
async function sessionFor(role: Role): Promise<string | null> {
  const now = t.clock.now();
  if (role === 'anonymous') return null;
  if (role === 'clientA' || role === 'clientB') return `cf_session=${await startClientSession(t.handle.db, { contactId: ownerOf(role).contactId, ip: null, userAgent: null, now })}`;
  return `cf_session=${await startStaffSession(t.handle.db, { staffUserId: f.staffIds[role], ip: null, userAgent: null, now })}`;
}
// A public address literal: the guard needs no DNS for it. No worker runs here, so nothing is ever sent to it.
const hookFor = async (event: 'email.failed' | 'booking.created', origin: 'console' | 'rest_hook'): Promise<string> =>
  (await subscribe(t.handle.db, { allowPrivateTargets: false }, { event, targetUrl: 'https://93.184.215.14/clinicflow', origin, by: { staffId: f.staffIds.admin }, now: t.clock.now() })).subscription.id;
const linkToken = (purpose: 'magic_link' | 'confirm_email', contactId: string, data: Record<string, unknown> = {}): Promise<string> =>
  createActionToken(t.handle.db, { purpose, contactId, data, expiresAt: new Date(t.clock.now().getTime() + 15 * 60_000), now: t.clock.now() });

const ROWS: Row[] = [
  // The public site: the same answer whoever asks.
  { method: 'GET', path: '/api/health', expect: everyone(200) },
  { method: 'GET', path: '/api/clinic', expect: everyone(200) },
  { method: 'GET', path: '/api/reviews', expect: everyone(200) },
  { method: 'GET', path: '/api/specialists', expect: everyone(200) },
  { method: 'GET', path: '/api/specialists/{id}', expect: everyone(200), call: () => ({ url: `/api/specialists/${f.visitorSpec.id}` }) },
  { method: 'GET', path: '/api/specialists/{id}/slots', expect: everyone(200), call: () => ({ url: `/api/specialists/${f.visitorSpec.id}/slots?date=2026-12-08` }) },
  { method: 'POST', path: '/api/bookings', expect: everyone(201), call: () => ({ url: '/api/bookings', payload: { specialistId: f.visitorSpec.id, startsAt: visitorSlot(), ...aVisitor({ locale: 'en' }) } }) },
  {
    method: 'POST',
    path: '/api/bookings/{id}/resend-confirmation',
    expect: everyone(202),
    call: async () => {
      const visitor = aVisitor({ locale: 'en' });
      const made = await bookAppointment(t.deps, { specialistId: f.visitorSpec.id, startsAt: new Date(visitorSlot()), name: 'Resend', email: String(visitor.email) }, t.clock.now());
      return { url: `/api/bookings/${made.id}/resend-confirmation`, payload: { email: visitor.email } };
    },
  },
  // Signing in and out.
  { method: 'POST', path: '/api/auth/login', expect: everyone(200), call: () => ({ url: '/api/auth/login', payload: { email: 'door@clinic.test', password: 'correct horse battery' } }) },
  { method: 'POST', path: '/api/auth/logout', expect: everyone(204), freshSession: true },
  { method: 'POST', path: '/api/auth/magic-link', expect: everyone(202), call: () => ({ url: '/api/auth/magic-link', payload: { email: f.d.email } }) },
  { method: 'GET', path: '/api/auth/magic-link/verify', expect: everyone(200), hidden: true, call: async () => ({ url: `/api/auth/magic-link/verify?token=${await linkToken('magic_link', f.d.id)}` }) },
  { method: 'POST', path: '/api/auth/magic-link/verify', expect: everyone(303), call: async () => ({ url: '/api/auth/magic-link/verify', payload: { token: await linkToken('magic_link', f.d.id) } }) },
  { method: 'GET', path: '/api/auth/me', expect: staff(200), keys: { read: 403, write: 403 } },
  { method: 'GET', path: '/api/auth/sessions', expect: staff(200), keys: { read: 403, write: 403 } },
  {
    method: 'DELETE',
    path: '/api/auth/sessions/{id}',
    expect: staff(204),
    keys: { read: 403, write: 403 },
    // A second session of the caller's own account; for anyone else, one of the manager's.
    call: async (role) => {
      const owner = role === 'admin' ? f.staffIds.admin : f.staffIds.manager;
      const other = await startStaffSession(t.handle.db, { staffUserId: owner, ip: null, userAgent: null, now: t.clock.now() });
      return { url: `/api/auth/sessions/${tokenHash(other)}` };
    },
  },
  // E-mailed links and the page behind them: the token is the key, not the session.
  { method: 'GET', path: '/booking/confirm', expect: everyone(303), hidden: true, call: async () => {
    const made = await bookAppointment(t.deps, { specialistId: f.visitorSpec.id, startsAt: new Date(visitorSlot()), name: 'Confirming', email: `confirming${unique()}@example.com` }, t.clock.now());
    const token = await createActionToken(t.handle.db, { purpose: 'confirm_booking', contactId: made.contact.id, appointmentId: made.id, expiresAt: made.holdExpiresAt!, now: t.clock.now() });
    return { url: `/booking/confirm?token=${token}` };
  } },
  { method: 'GET', path: '/booking/rebook', expect: everyone(201), hidden: true, call: async () => {
    const startsAt = visitorSlot();
    const token = await createActionToken(t.handle.db, { purpose: 'rebook', contactId: f.d.id, data: { offerId: randomUUID(), specialistId: f.visitorSpec.id, startsAt }, expiresAt: new Date(startsAt), now: t.clock.now() });
    return { url: `/booking/rebook?token=${token}` };
  } },
  { method: 'GET', path: '/booking/confirmed', expect: everyone(200), hidden: true, call: () => ({ url: `/booking/confirmed?id=${f.a.appointmentId}` }) },
  { method: 'GET', path: '/api/me/email/confirm', expect: everyone(303), hidden: true, call: async () => {
    const contact = await contactFor('mover');
    return { url: `/api/me/email/confirm?token=${await linkToken('confirm_email', contact.id, { email: `moved${unique()}@example.com` })}` };
  } },
  { method: 'GET', path: '/api/openapi.json', expect: everyone(200), hidden: true },
  // The client portal: a client's own data only, never for staff.
  { method: 'GET', path: '/api/me', expect: clients(200) },
  { method: 'PATCH', path: '/api/me', expect: clients(200), call: () => ({ url: '/api/me', payload: { locale: 'en' } }) },
  { method: 'POST', path: '/api/me/email', expect: clients(202), call: () => ({ url: '/api/me/email', payload: { email: `new.address${unique()}@example.com` } }) },
  { method: 'GET', path: '/api/me/bookings', expect: clients(200) },
  { method: 'POST', path: '/api/me/bookings/{id}/reschedule', expect: clients(200), call: async (role) => ({
    url: `/api/me/bookings/${await appointmentOf(ownerOf(role).contactId, f.clientSpec, clientSlot())}/reschedule`,
    payload: { startsAt: clientSlot() },
  }) },
  { method: 'POST', path: '/api/me/bookings/{id}/cancel', expect: clients(200), call: async (role) => ({ url: `/api/me/bookings/${await appointmentOf(ownerOf(role).contactId, f.clientSpec, clientSlot())}/cancel` }) },
  { method: 'GET', path: '/api/me/export', expect: clients(200) },
  { method: 'POST', path: '/api/me/erasure-request', expect: clients(202), call: () => ({ url: '/api/me/erasure-request', payload: {} }) },
  { method: 'GET', path: '/api/me/messages', expect: clients(200) },
  { method: 'POST', path: '/api/me/messages', expect: clients(201), call: (role) => ({ url: '/api/me/messages', payload: { body: role === 'clientA' ? 'ANNA-PRIVATE: one more thing' : 'A question about parking' } }) },
  // The staff console: managers and administrators.
  { method: 'GET', path: '/api/admin/bookings', expect: staff(200) },
  { method: 'GET', path: '/api/admin/bookings/{id}', expect: staff(200), call: () => ({ url: `/api/admin/bookings/${f.a.appointmentId}` }) },
  { method: 'POST', path: '/api/admin/bookings', expect: staff(201), call: () => ({ url: '/api/admin/bookings', payload: { specialistId: f.staffSpec.id, startsAt: staffTime('future'), contactId: f.c.id } }) },
  ...(['approve', 'complete', 'no-show', 'cancel'] as const).map((action): Row => ({
    method: 'POST',
    path: `/api/admin/bookings/{id}/${action}`,
    expect: staff(200),
    call: async () => {
      const id = await appointmentOf(f.c.id, f.staffSpec, staffTime(action === 'complete' || action === 'no-show' ? 'past' : 'future'), action === 'approve' ? 'confirmed' : undefined);
      return { url: `/api/admin/bookings/${id}/${action}`, payload: {} };
    },
  })),
  { method: 'POST', path: '/api/admin/bookings/{id}/reschedule', expect: staff(200), call: async () => ({
    url: `/api/admin/bookings/${await appointmentOf(f.c.id, f.staffSpec, staffTime('future'))}/reschedule`,
    payload: { startsAt: staffTime('future') },
  }) },
  { method: 'GET', path: '/api/admin/contacts', expect: staff(200) },
  { method: 'GET', path: '/api/admin/contacts/{id}', expect: staff(200), call: () => ({ url: `/api/admin/contacts/${f.a.contactId}` }) },
  { method: 'PATCH', path: '/api/admin/contacts/{id}', expect: staff(200), call: () => ({ url: `/api/admin/contacts/${f.c.id}`, payload: { notes: 'Prefers mornings' } }) },
  { method: 'GET', path: '/api/admin/contacts/{id}/timeline', expect: staff(200), call: () => ({ url: `/api/admin/contacts/${f.a.contactId}/timeline` }) },
  { method: 'GET', path: '/api/admin/contacts/{id}/messages', expect: staff(200), call: () => ({ url: `/api/admin/contacts/${f.a.contactId}/messages` }) },
  { method: 'POST', path: '/api/admin/contacts/{id}/messages', expect: staff(201), call: () => ({ url: `/api/admin/contacts/${f.c.id}/messages`, payload: { body: 'Your results are ready' } }) },
  { method: 'GET', path: '/api/admin/inbox', expect: staff(200) },
  { method: 'GET', path: '/api/admin/erasure-requests', expect: staff(200) },
  ...(['complete', 'reject'] as const).map((decision): Row => ({
    method: 'POST',
    path: `/api/admin/erasure-requests/{id}/${decision}`,
    expect: staff(200),
    // Erasing a person's data is decided by a person.
    keys: { read: 403, write: 403 },
    call: async () => {
      const request = await requestErasure(t.deps, { contactId: (await contactFor('forget')).id, reason: '', now: t.clock.now() });
      return { url: `/api/admin/erasure-requests/${request.id}/${decision}`, payload: {} };
    },
  })),
  { method: 'GET', path: '/api/admin/outbox', expect: staff(200) },
  { method: 'GET', path: '/api/admin/outbox/{id}', expect: staff(200), call: () => ({ url: `/api/admin/outbox/${f.emailToC}` }) },
  { method: 'POST', path: '/api/admin/outbox/{id}/retry', expect: staff(202), call: async () => {
    await t.handle.db.updateTable('outbound_messages').set({ status: 'failed', last_error: 'mailbox full' }).where('id', '=', f.emailToC).execute();
    return { url: `/api/admin/outbox/${f.emailToC}/retry` };
  } },
  { method: 'GET', path: '/api/admin/specialists', expect: staff(200) },
  { method: 'GET', path: '/api/admin/specialists/{id}/schedule', expect: staff(200), call: () => ({ url: `/api/admin/specialists/${f.adminSpec.id}/schedule` }) },
  { method: 'GET', path: '/api/admin/reviews', expect: staff(200) },
  { method: 'POST', path: '/api/admin/reviews', expect: staff(201), call: () => ({ url: '/api/admin/reviews', payload: { authorName: 'Ivan', text: 'Kind and careful', rating: 5, reviewedOn: '2026-11-20' } }) },
  { method: 'PATCH', path: '/api/admin/reviews/{id}', expect: staff(200), call: () => ({ url: `/api/admin/reviews/${f.reviewId}`, payload: { published: true } }) },
  { method: 'DELETE', path: '/api/admin/reviews/{id}', expect: staff(204), call: async () => {
    const review = await addReview(t.handle.db, { authorName: 'Temp', text: 'To delete', rating: 3, reviewedOn: '2026-11-20' }, { now: t.clock.now(), timezone: 'Europe/Kyiv' });
    return { url: `/api/admin/reviews/${review.id}` };
  } },
  // Administrators only: the clinic, specialists' set-up, staff accounts, templates, the audit log.
  { method: 'GET', path: '/api/admin/clinic', expect: admins(200) },
  { method: 'PATCH', path: '/api/admin/clinic', expect: admins(200), call: () => ({ url: '/api/admin/clinic', payload: { about: 'A family clinic' } }) },
  { method: 'POST', path: '/api/admin/awards', expect: admins(201), call: () => ({ url: '/api/admin/awards', payload: { title: 'Clinic of the year' } }) },
  { method: 'PATCH', path: '/api/admin/awards/{id}', expect: admins(200), call: () => ({ url: `/api/admin/awards/${f.awardId}`, payload: { year: 2025 } }) },
  { method: 'DELETE', path: '/api/admin/awards/{id}', expect: admins(204), call: async () => ({ url: `/api/admin/awards/${(await addAward(t.handle.db, { title: 'Temp award' }, t.clock.now())).id}` }) },
  { method: 'POST', path: '/api/admin/specialists', expect: admins(201), call: () => ({ url: '/api/admin/specialists', payload: { name: 'Dr. New', specialty: 'ENT', consultationMinutes: 30, active: false } }) },
  { method: 'PATCH', path: '/api/admin/specialists/{id}', expect: admins(200), call: () => ({ url: `/api/admin/specialists/${f.adminSpec.id}`, payload: { bio: 'Twenty years of practice' } }) },
  { method: 'PUT', path: '/api/admin/specialists/{id}/schedule', expect: admins(200), call: () => ({ url: `/api/admin/specialists/${f.adminSpec.id}/schedule`, payload: { weekly: weekdaysSchedule() } }) },
  { method: 'GET', path: '/api/admin/staff', expect: admins(200) },
  { method: 'POST', path: '/api/admin/staff', expect: admins(201), call: () => ({ url: '/api/admin/staff', payload: { email: `hire${unique()}@clinic.test`, name: 'New Hire', role: 'manager', password: 'a long enough password' } }) },
  { method: 'PATCH', path: '/api/admin/staff/{id}', expect: admins(200), call: () => ({ url: `/api/admin/staff/${f.spareStaffId}`, payload: { name: 'Spare Hand' } }) },
  { method: 'GET', path: '/api/admin/email-templates', expect: admins(200) },
  { method: 'GET', path: '/api/admin/email-templates/{key}/{locale}', expect: admins(200), call: () => ({ url: '/api/admin/email-templates/magic_link/en' }) },
  { method: 'PUT', path: '/api/admin/email-templates/{key}/{locale}', expect: admins(200), call: async () => {
    const { subject, html, text } = await loadTemplate(t.handle.db, 'magic_link', 'en');
    return { url: '/api/admin/email-templates/magic_link/en', payload: { subject, html, text } };
  } },
  { method: 'DELETE', path: '/api/admin/email-templates/{key}/{locale}', expect: admins(204), call: () => ({ url: '/api/admin/email-templates/magic_link/en' }) },
  { method: 'POST', path: '/api/admin/email-templates/{key}/{locale}/preview', expect: admins(200), call: () => ({ url: '/api/admin/email-templates/magic_link/en/preview', payload: {} }) },
  { method: 'POST', path: '/api/admin/email-templates/{key}/{locale}/test', expect: admins(202), call: () => ({ url: '/api/admin/email-templates/magic_link/en/test', payload: {} }) },
  { method: 'GET', path: '/api/admin/audit', expect: admins(200) },
  { method: 'GET', path: '/api/admin/audit/verify', expect: admins(200) },
  { method: 'GET', path: '/api/admin/api-keys', expect: admins(200) },
  { method: 'POST', path: '/api/admin/api-keys', expect: admins(201), call: () => ({ url: '/api/admin/api-keys', payload: { name: `Key ${unique()}`, scopes: ['read'] } }) },
  { method: 'DELETE', path: '/api/admin/api-keys/{id}', expect: admins(204), call: async () => {
    const { apiKey } = await createApiKey(t.handle.db, { name: `Spare key ${unique()}`, scopes: ['read'], createdBy: null, now: t.clock.now() });
    return { url: `/api/admin/api-keys/${apiKey.id}` };
  } },
  { method: 'GET', path: '/api/v1/me', expect: staff(200) },
  // Events out: REST hooks and polling for integrations (staff or a key), the console's webhooks for administrators.
  { method: 'GET', path: '/api/v1/event-types', expect: staff(200) },
  { method: 'POST', path: '/api/v1/hooks', expect: staff(201), call: () => ({ url: '/api/v1/hooks', payload: { event: 'email.failed', targetUrl: 'https://93.184.215.14/clinicflow' } }) },
  { method: 'DELETE', path: '/api/v1/hooks/{id}', expect: staff(204), call: async () => ({ url: `/api/v1/hooks/${await hookFor('email.failed', 'rest_hook')}` }) },
  { method: 'GET', path: '/api/v1/events/{type}', expect: staff(200), call: () => ({ url: '/api/v1/events/booking.created' }) },
  { method: 'GET', path: '/api/v1/events/{type}/sample', expect: staff(200), call: () => ({ url: '/api/v1/events/booking.created/sample' }) },
  { method: 'GET', path: '/api/admin/webhooks', expect: admins(200) },
  { method: 'POST', path: '/api/admin/webhooks', expect: admins(201), call: () => ({ url: '/api/admin/webhooks', payload: { event: 'email.failed', targetUrl: 'https://93.184.215.14/clinicflow' } }) },
  { method: 'DELETE', path: '/api/admin/webhooks/{id}', expect: admins(204), call: async () => ({ url: `/api/admin/webhooks/${await hookFor('email.failed', 'console')}` }) },
  { method: 'GET', path: '/api/admin/webhooks/{id}/deliveries', expect: admins(200), call: async () => ({ url: `/api/admin/webhooks/${await hookFor('email.failed', 'console')}/deliveries` }) },
  { method: 'POST', path: '/api/admin/webhooks/{id}/deliveries/{deliveryId}/resend', expect: admins(202), call: async () => {
    const subscriptionId = await hookFor('booking.created', 'console');
    await appointmentOf(f.c.id, f.staffSpec, staffTime('future'));
    const delivery = await t.handle.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', subscriptionId).executeTakeFirstOrThrow();
    return { url: `/api/admin/webhooks/${subscriptionId}/deliveries/${delivery.id}/resend` };
  } },
  // Records in and out: contacts and bookings sent in, CSV import and export (staff, or a key as a manager).
  { method: 'GET', path: '/api/v1/contacts', expect: staff(200), call: () => ({ url: `/api/v1/contacts?email=${encodeURIComponent(f.c.email)}` }) },
  { method: 'POST', path: '/api/v1/contacts', expect: staff(201), call: () => ({ url: '/api/v1/contacts', payload: { email: `sent.in${unique()}@example.com`, name: 'Sent In' } }) },
  { method: 'POST', path: '/api/v1/contacts/{id}/tags', expect: staff(200), call: () => ({ url: `/api/v1/contacts/${f.c.id}/tags`, payload: { tags: ['matrix'] } }) },
  { method: 'DELETE', path: '/api/v1/contacts/{id}/tags/{tag}', expect: staff(200), call: () => ({ url: `/api/v1/contacts/${f.c.id}/tags/matrix` }) },
  { method: 'POST', path: '/api/v1/bookings', expect: staff(201), call: () => ({ url: '/api/v1/bookings', payload: { specialistId: f.staffSpec.id, startsAt: staffTime('future'), contactId: f.c.id } }) },
  { method: 'POST', path: '/api/admin/contacts/import/preview', expect: staff(200), call: () => ({ url: '/api/admin/contacts/import/preview', payload: 'email,name\npreview@example.com,Preview\n', headers: { 'content-type': 'text/csv' } }) },
  { method: 'POST', path: '/api/admin/contacts/import', expect: staff(200), call: () => ({ url: '/api/admin/contacts/import', payload: `email,name\nimported${unique()}@example.com,Imported\n`, headers: { 'content-type': 'text/csv' } }) },
  { method: 'GET', path: '/api/admin/contacts/export.csv', expect: staff(200) },
  { method: 'GET', path: '/api/admin/bookings/export.csv', expect: staff(200) },
  // Every other list downloads as CSV, to whoever may read the list.
  { method: 'GET', path: '/api/admin/contacts/{id}/timeline/export.csv', expect: staff(200), call: () => ({ url: `/api/admin/contacts/${f.a.contactId}/timeline/export.csv` }) },
  { method: 'GET', path: '/api/admin/contacts/{id}/messages/export.csv', expect: staff(200), call: () => ({ url: `/api/admin/contacts/${f.a.contactId}/messages/export.csv` }) },
  { method: 'GET', path: '/api/admin/inbox/export.csv', expect: staff(200) },
  { method: 'GET', path: '/api/admin/erasure-requests/export.csv', expect: staff(200) },
  { method: 'GET', path: '/api/admin/outbox/export.csv', expect: staff(200) },
  { method: 'GET', path: '/api/admin/specialists/export.csv', expect: staff(200) },
  { method: 'GET', path: '/api/admin/reviews/export.csv', expect: staff(200) },
  { method: 'GET', path: '/api/admin/awards/export.csv', expect: admins(200) },
  { method: 'GET', path: '/api/admin/staff/export.csv', expect: admins(200) },
  { method: 'GET', path: '/api/admin/email-templates/export.csv', expect: admins(200) },
  { method: 'GET', path: '/api/admin/audit/export.csv', expect: admins(200) },
  { method: 'GET', path: '/api/admin/api-keys/export.csv', expect: admins(200) },
  { method: 'GET', path: '/api/admin/webhooks/export.csv', expect: admins(200) },
  { method: 'GET', path: '/api/admin/webhooks/{id}/deliveries/export.csv', expect: admins(200), call: async () => ({ url: `/api/admin/webhooks/${await hookFor('email.failed', 'console')}/deliveries/export.csv` }) },
];

const keyOf = (row: { method: string; path: string }): string => `${row.method} ${row.path}`;
const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

describe('who may call what: every route × anonymous, client A, client B, manager, admin', () => {
  /** A visitor books and confirms from the e-mail, as a real client does; returns their session. */
  async function aClient(name: string, email: string, phone: string, notes: string): Promise<Client> {
    const booked = await t.app.inject({ method: 'POST', url: '/api/bookings', remoteAddress: '10.250.0.1', payload: { specialistId: f.visitorSpec.id, startsAt: visitorSlot(), name, email, phone, notes, locale: 'en' } });
    expect(booked.statusCode).toBe(201);
    const mail = await t.handle.db.selectFrom('outbound_messages').select('text').where('appointment_id', '=', booked.json().id).where('template_key', '=', 'booking_confirm_request').executeTakeFirstOrThrow();
    const confirmed = await t.app.inject({ url: /http:\/\/clinic\.test(\/booking\/confirm\?token=[\w%-]+)/.exec(mail.text)![1]! });
    expect(confirmed.statusCode).toBe(303);
    return { contactId: (await findContactByEmail(t.handle.db, email))!.id, appointmentId: booked.json().id, cookie: cookieFrom(confirmed) };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM, env: { BOOKING_RATE_LIMIT: '1000' } });
    const db = t.handle.db;
    [f.visitorSpec, f.clientSpec, f.staffSpec, f.adminSpec] = [
      await aSpecialist(db, { name: 'Dr. Koval' }),
      await aSpecialist(db, { name: 'Dr. Melnyk' }),
      await aSpecialist(db, { name: 'Dr. Shevchenko' }),
      await aSpecialist(db, { name: 'Dr. Bondar' }),
    ];
    const manager = await t.staffCookie('manager', 'manager@clinic.test');
    const admin = await t.staffCookie('admin', 'admin@clinic.test');
    const staffUsers = await db.selectFrom('staff_users').select(['id', 'email']).execute();
    f.staffIds = { manager: staffUsers.find((u) => u.email === 'manager@clinic.test')!.id, admin: staffUsers.find((u) => u.email === 'admin@clinic.test')!.id };
    f.spareStaffId = (await createStaffUser(db, { email: 'spare@clinic.test', password: 'correct horse battery', role: 'manager' })).id;
    await createStaffUser(db, { email: 'door@clinic.test', password: 'correct horse battery', role: 'manager' });

    f.a = await aClient('Anna Privatna', 'anna.private@example.com', '+380 67 000 1111', 'ANNA-PRIVATE: knee pain');
    f.b = await aClient('Bohdan Lysenko', 'bohdan@example.com', '+380 50 222 3333', 'Headaches');
    aSecrets.push(f.a.contactId, f.a.appointmentId);
    f.cookies = { anonymous: null, clientA: f.a.cookie, clientB: f.b.cookie, manager, admin };
    expect((await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: f.a.cookie }, payload: { body: 'ANNA-PRIVATE: allergic to penicillin' } })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: f.b.cookie }, payload: { body: 'Is there parking?' } })).statusCode).toBe(201);
    await writeToClient(t.deps, { contactId: f.a.contactId, by: { type: 'staff', id: f.staffIds.manager }, body: 'ANNA-PRIVATE: bring your test results', now: t.clock.now() });

    f.c = await contactFor('carer');
    f.d = (await findOrCreateContact(db, { email: 'dmytro@example.com', name: 'Dmytro', phone: null, locale: 'en', now: t.clock.now() })).contact;
    await appointmentOf(f.d.id, f.staffSpec, staffTime('past')); // makes D a client, who may get sign-in links
    await writeToClient(t.deps, { contactId: f.c.id, by: { type: 'staff', id: f.staffIds.manager }, body: 'Welcome', now: t.clock.now() });
    f.emailToC = (await db.selectFrom('outbound_messages').select('id').where('contact_id', '=', f.c.id).executeTakeFirstOrThrow()).id;
    f.awardId = (await addAward(db, { title: 'Best family clinic' }, t.clock.now())).id;
    f.reviewId = (await addReview(db, { authorName: 'Olha', text: 'Very attentive', rating: 5, reviewedOn: '2026-11-10' }, { now: t.clock.now(), timezone: 'Europe/Kyiv' })).id;
  });
  afterAll(() => t?.close());

  it('has a row for every route the OpenAPI document lists, and none for a route that is gone', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    const rows = ROWS.filter((row) => !row.hidden).map(keyOf);
    expect(documented.filter((route) => !rows.includes(route)), 'documented routes without an expectation').toEqual([]);
    expect(rows.filter((route) => !documented.includes(route)), 'rows for routes that are not documented').toEqual([]);
    const hiddenMissing = ROWS.filter((row) => row.hidden && !t.app.hasRoute({ method: row.method, url: fastifyPath(row.path) })).map(keyOf);
    expect(hiddenMissing, 'hidden routes that no longer exist').toEqual([]);
  });

  it.for(ROWS.map((row) => [keyOf(row), row] as const))('%s', async ([, row]) => {
    const got = {} as Expect;
    for (const [index, role] of ROLES.entries()) {
      const call = row.call ? await row.call(role) : { url: row.path };
      const cookie = row.freshSession ? await sessionFor(role) : f.cookies[role];
      const response = await t.app.inject({
        method: row.method,
        url: call.url,
        // An address per request: the matrix is about roles, not the per-address rate limits.
        remoteAddress: `10.${ROWS.indexOf(row)}.${index}.9`,
        headers: { ...(cookie ? { cookie } : {}), ...call.headers },
        ...(call.payload !== undefined ? { payload: call.payload as object } : {}),
      });
      got[role] = response.statusCode;
      if (response.statusCode >= 400) expect(response.body, `${role} ${keyOf(row)}`).not.toMatch(LEAK);
      if (role === 'clientB') bSaw.push({ route: keyOf(row), body: `${response.headers.location ?? ''} ${response.body}` });
    }
    expect(got).toEqual(row.expect);
  });

  describe('every route × a read-only API key and a read+write one', () => {
    const keys = {} as Record<keyof KeyExpect, string>;
    beforeAll(async () => {
      const now = t.clock.now();
      keys.read = (await createApiKey(t.handle.db, { name: 'Matrix read', scopes: ['read'], createdBy: null, now })).key;
      keys.write = (await createApiKey(t.handle.db, { name: 'Matrix write', scopes: ['read', 'write'], createdBy: null, now })).key;
    });

    it.for(ROWS.filter((row) => !row.freshSession).map((row) => [keyOf(row), row] as const))('%s', async ([, row]) => {
      const got = {} as KeyExpect;
      for (const [index, scope] of (['read', 'write'] as const).entries()) {
        // A key acts as a manager: it gets a manager's fresh target for actions that use theirs up.
        const call = row.call ? await row.call('manager') : { url: row.path };
        const response = await t.app.inject({
          method: row.method,
          url: call.url,
          remoteAddress: `10.${ROWS.indexOf(row)}.${index + 100}.9`,
          headers: { authorization: `Bearer ${keys[scope]}`, ...call.headers },
          ...(call.payload !== undefined ? { payload: call.payload as object } : {}),
        });
        got[scope] = response.statusCode;
        if (response.statusCode >= 400) expect(response.body, `${scope} key ${keyOf(row)}`).not.toMatch(LEAK);
      }
      expect(got).toEqual(keysExpect(row));
    });
  });

  // Known gap: requireStaff/requireClient are preHandlers, which run after body validation, so an
  // anonymous caller with a wrong body is told which fields a staff route wants (400), not 401.
  it('turns an anonymous caller away before it looks at the body', async () => {
    for (const [method, url] of [['POST', '/api/admin/staff'], ['PATCH', '/api/admin/clinic'], ['PATCH', '/api/me']] as const) {
      expect((await t.app.inject({ method, url, payload: { bogus: true } })).statusCode, url).toBe(401);
    }
  });

  describe('client B swapping in client A’s ids', () => {
    const asB = (method: Method, url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie: f.b.cookie }, ...(payload ? { payload } : {}) });
    const appointmentRow = (id: string) =>
      t.handle.db.selectFrom('appointments').select(['status', 'starts_at', 'ends_at', 'contact_id', 'notes', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();

    it('cannot move or cancel A’s appointment: the answer is the same 404 as for an id that does not exist, and A’s appointment is untouched', async () => {
      const aAppointment = await appointmentOf(f.a.contactId, f.clientSpec, clientSlot());
      const before = await appointmentRow(aAppointment);
      const target = clientSlot();
      for (const [action, payload] of [['reschedule', { startsAt: target }], ['cancel', undefined]] as const) {
        const swapped = await asB('POST', `/api/me/bookings/${aAppointment}/${action}`, payload);
        const unknown = await asB('POST', `/api/me/bookings/${randomUUID()}/${action}`, payload);
        expect(swapped.statusCode).toBe(404);
        expect(swapped.json()).toEqual(unknown.json());
      }
      // Nor through the staff console or the e-mailed status page.
      expect((await asB('GET', `/api/admin/bookings/${aAppointment}`)).statusCode).toBe(403);
      expect((await asB('POST', `/api/admin/bookings/${aAppointment}/cancel`, {})).statusCode).toBe(403);
      const page = await asB('GET', `/booking/confirmed?id=${aAppointment}`);
      expect(page.body).toBe((await t.app.inject({ url: `/booking/confirmed?id=${aAppointment}` })).body);
      expect(await appointmentRow(aAppointment)).toEqual(before);
      // A herself can still move it to the time B tried to take.
      expect((await t.app.inject({ method: 'POST', url: `/api/me/bookings/${aAppointment}/reschedule`, headers: { cookie: f.a.cookie }, payload: { startsAt: target } })).statusCode).toBe(200);
    });

    it('reads only their own thread, whatever the query says', async () => {
      const ownMessages = async (query: string): Promise<string> => {
        const response = await asB('GET', `/api/me/messages${query}`);
        return response.statusCode === 200 ? JSON.stringify(response.json().items) : response.body;
      };
      const thread = await asB('GET', '/api/me/messages?limit=200');
      expect(thread.json().items.map((m: { body: string }) => m.body)).toContain('Is there parking?');
      const farBack = Buffer.from(JSON.stringify(['1970-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
      for (const query of ['', '?limit=200', `?cursor=${farBack}`, `?contactId=${f.a.contactId}`, `?cursor=${f.a.contactId}`]) {
        const seen = await ownMessages(query);
        for (const secret of aSecrets) expect(seen, query).not.toContain(secret);
      }
      expect((await asB('GET', `/api/me/messages?contactId=${f.a.contactId}`)).statusCode).toBe(400);
      expect((await asB('GET', `/api/admin/contacts/${f.a.contactId}/messages`)).statusCode).toBe(403);
      expect((await asB('POST', `/api/admin/contacts/${f.a.contactId}/messages`, { body: 'Pretending to be the clinic' })).statusCode).toBe(403);
    });

    it('cannot change A’s profile by naming A in the body', async () => {
      const aBefore = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', f.a.contactId).executeTakeFirstOrThrow();
      for (const payload of [{ id: f.a.contactId, name: 'Hijacked' }, { contactId: f.a.contactId, name: 'Hijacked' }, { email: 'anna.private@example.com' }]) {
        expect((await asB('PATCH', '/api/me', payload)).statusCode).toBe(400);
      }
      expect((await asB('PATCH', `/api/admin/contacts/${f.a.contactId}`, { name: 'Hijacked' })).statusCode).toBe(403);
      expect((await asB('POST', '/api/me/erasure-request', { contactId: f.a.contactId })).statusCode).toBe(400);
      // Asking for A's address answers like any other (so it reveals nothing), sends nothing, and A keeps it.
      expect((await asB('POST', '/api/me/email', { email: 'anna.private@example.com' })).statusCode).toBe(202);
      expect(await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', f.a.contactId).executeTakeFirstOrThrow()).toEqual(aBefore);
      expect((await asB('GET', '/api/me')).json().email).toBe('bohdan@example.com');
    });

    it('gets nothing of A’s from any route in the matrix, nor from their own export or list', async () => {
      expect(bSaw.length).toBeGreaterThanOrEqual(ROWS.length - 1);
      for (const { route, body } of bSaw) for (const secret of aSecrets) expect(body, `${route} showed B “${secret}”`).not.toContain(secret);
      const exported = (await asB('GET', '/api/me/export')).body;
      const bookings = (await asB('GET', '/api/me/bookings')).body;
      for (const secret of aSecrets) {
        expect(exported).not.toContain(secret);
        expect(bookings).not.toContain(secret);
      }
      // And the other way round: A's export is all A.
      const aExport = (await t.app.inject({ url: '/api/me/export', headers: { cookie: f.a.cookie } })).json();
      expect(aExport.contact.id).toBe(f.a.contactId);
      expect(JSON.stringify(aExport)).not.toMatch(/bohdan|parking/i);
    });
  });
});
