import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findStaffByEmail } from '../accounts/staff-repository.js';
import { listAudit } from '../audit/audit-log.js';
import { addAward, addReview } from '../clinic/clinic-service.js';
import { findContactByEmail } from '../contacts/contact-repository.js';
import { SYSTEM } from '../contacts/timeline.js';
import { createApiKey } from '../integrations/api-keys.js';
import { subscribe } from '../integrations/webhook-service.js';
import { writeToClient, writeToClinic } from '../messaging/message-service.js';
import { requestErasure } from '../portal/data-rights.js';
import { bookAppointment, bookAsStaff } from '../scheduling/booking-service.js';
import type { Specialist } from '../specialists/specialist-repository.js';
import { aSpecialist, weekdaysSchedule } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

// Monday 7 December 2026, 08:00 in Kyiv.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';
const BOM = '\uFEFF';

interface Download {
  status: number;
  header: string[];
  rows: string[][];
  body: string;
  fileName: string | undefined;
}

describe('a manager takes every list of the console out to a spreadsheet', () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let specialist: Specialist;
  let olenaId: string;
  let apiKeySecret: string;
  let subscriptionId: string;

  async function download(url: string, cookie = manager): Promise<Download> {
    const response = await t.app.inject({ url, headers: { cookie } });
    if (response.statusCode !== 200) return { status: response.statusCode, header: [], rows: [], body: response.body, fileName: undefined };
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body.startsWith(BOM)).toBe(true);
    const [header = [], ...rows] = parse(response.body.slice(BOM.length)) as string[][];
    return { status: 200, header, rows, body: response.body, fileName: /filename="([^"]+)"/.exec(String(response.headers['content-disposition']))?.[1] };
  }
  /** The cells of a row under their headers. */
  const byHeader = (d: Download, row: string[]): Record<string, string> => Object.fromEntries(d.header.map((h, i) => [h, row[i]!]));

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    admin = await t.staffCookie('admin', 'anna@clinic.test');
    manager = await t.staffCookie('manager', 'iryna@clinic.test');
    const now = t.clock.now();
    specialist = await aSpecialist(t.handle.db, { name: 'Dr. Koval', specialty: 'Cardiologist', minNoticeMinutes: 0, weekly: weekdaysSchedule() });

    // A visitor books on the site (a contact, a timeline, a confirmation e-mail in the outbox), writes to the clinic and is answered.
    const booked = await bookAppointment(t.deps, { specialistId: specialist.id, startsAt: new Date('2026-12-08T10:00:00+02:00'), name: 'Олена Петренко', email: 'olena@example.com', locale: 'uk' }, now);
    olenaId = booked.contact.id;
    await writeToClinic(t.deps, { contactId: olenaId, body: 'Чи можна прийти раніше?', now });
    t.clock.advanceMinutes(5);
    await writeToClient(t.deps, { contactId: olenaId, by: SYSTEM, body: '=HYPERLINK("http://evil.example","Так")', now: t.clock.now() });
    t.clock.advanceMinutes(5);
    await writeToClinic(t.deps, { contactId: olenaId, body: 'Дякую!', now: t.clock.now() });
    await requestErasure(t.deps, { contactId: olenaId, reason: 'Переїжджаю', now: t.clock.now() });

    await addReview(t.handle.db, { authorName: '=cmd|calc', text: 'Уважний лікар', rating: 5, reviewedOn: '2026-11-20', specialistId: specialist.id, published: true }, { now, timezone: 'Europe/Kyiv' });
    await addReview(t.handle.db, { authorName: 'Ivan', text: 'Waited long', rating: 2, reviewedOn: '2026-11-21' }, { now, timezone: 'Europe/Kyiv' });
    await addAward(t.handle.db, { title: 'Клініка року', issuer: 'Асоціація', year: 2025 }, now);

    apiKeySecret = (await createApiKey(t.handle.db, { name: 'Zapier', scopes: ['read'], createdBy: null, now })).key;
    subscriptionId = (await subscribe(t.handle.db, { allowPrivateTargets: false }, { event: 'booking.created', targetUrl: 'https://93.184.215.14/hook', origin: 'console', by: { staffId: (await findStaffByEmail(t.handle.db, 'anna@clinic.test'))!.id }, now })).subscription.id;
    const contact = await findContactByEmail(t.handle.db, 'olena@example.com');
    await bookAsStaff(t.deps, { specialistId: specialist.id, startsAt: new Date('2026-12-09T11:00:00+02:00'), contactId: contact!.id }, SYSTEM, 'staff', t.clock.now());
  });
  afterAll(async () => t?.close());

  it('downloads the specialists with their booking rules and the hours of each weekday, in Ukrainian or English', async () => {
    const uk = await download('/api/admin/specialists/export.csv');
    expect(uk.fileName).toBe('specialists-2026-12-07.csv');
    const koval = byHeader(uk, uk.rows.find((row) => row[0] === specialist.id)!);
    expect(koval).toMatchObject({ 'Ім’я': 'Dr. Koval', Спеціальність: 'Cardiologist', 'Приймає записи': 'так', 'Тривалість консультації, хв': '30', Понеділок: '09:00–13:00, 14:00–18:00', Субота: '' });

    const en = await download('/api/admin/specialists/export.csv?lang=en');
    expect(en.header.slice(0, 4)).toEqual(['id', 'Name', 'Specialty', 'Takes bookings']);
    expect(byHeader(en, en.rows[0]!)).toMatchObject({ Friday: '09:00–13:00, 14:00–18:00', Sunday: '' });
  });

  it('downloads the reviews, published and hidden or only some, with no formula left to run', async () => {
    const all = await download('/api/admin/reviews/export.csv?lang=en');
    expect(all.rows.map((row) => byHeader(all, row))).toEqual([
      expect.objectContaining({ Author: 'Ivan', Rating: '2', Published: 'no', Specialist: '' }),
      expect.objectContaining({ Author: "'=cmd|calc", Review: 'Уважний лікар', Published: 'yes', Specialist: 'Dr. Koval', Date: '2026-11-20' }),
    ]);
    const hidden = await download('/api/admin/reviews/export.csv?published=false');
    expect(hidden.rows).toHaveLength(1);
    expect((await download('/api/admin/reviews/export.csv?published=maybe')).status).toBe(400);
  });

  it('downloads the awards and the staff accounts for administrators only, and never a password', async () => {
    expect((await download('/api/admin/awards/export.csv', manager)).status).toBe(403);
    const awards = await download('/api/admin/awards/export.csv', admin);
    expect(byHeader(awards, awards.rows[0]!)).toMatchObject({ Нагорода: 'Клініка року', 'Ким видана': 'Асоціація', Рік: '2025' });

    expect((await download('/api/admin/staff/export.csv', manager)).status).toBe(403);
    const staff = await download('/api/admin/staff/export.csv?lang=en', admin);
    expect(staff.header).toEqual(['id', 'Name', 'E-mail', 'Role', 'Active']);
    expect(staff.rows.map((row) => [row[2], row[3], row[4]])).toEqual([
      ['anna@clinic.test', 'administrator', 'yes'],
      ['iryna@clinic.test', 'manager', 'yes'],
    ]);
    expect(staff.body).not.toMatch(/argon2/);
  });

  it('downloads the inbox, unanswered first, and a client’s whole thread without marking it read', async () => {
    // Answering read the first question; the thank-you after it is unread.
    const inbox = await download('/api/admin/inbox/export.csv?lang=en');
    expect(byHeader(inbox, inbox.rows[0]!)).toMatchObject({ 'Contact id': olenaId, Client: 'Олена Петренко', Unanswered: 'yes', Unread: '1', 'Last written by': 'client', 'Start of the last message': 'Дякую!' });
    expect((await download('/api/admin/inbox/export.csv?unanswered=false')).rows).toHaveLength(1);

    const thread = await download(`/api/admin/contacts/${olenaId}/messages/export.csv`);
    expect(thread.fileName).toBe('messages-2026-12-07.csv');
    expect(thread.rows.map((row) => [row[2], row[4]])).toEqual([
      ['клієнт', 'Чи можна прийти раніше?'],
      ['клініка', '\'=HYPERLINK("http://evil.example","Так")'],
      ['клієнт', 'Дякую!'],
    ]);
    const unread = await t.handle.db.selectFrom('messages').select('id').where('contact_id', '=', olenaId).where('author_type', '=', 'client').where('read_by_staff_at', 'is', null).execute();
    expect(unread).toHaveLength(1);
    expect((await download('/api/admin/contacts/00000000-0000-4000-8000-000000000000/messages/export.csv')).status).toBe(404);
  });

  it('downloads a client’s timeline newest first, all of it or some kinds, with who acted', async () => {
    const timeline = await download(`/api/admin/contacts/${olenaId}/timeline/export.csv?lang=en`);
    expect(timeline.header).toEqual(['No.', 'When', 'Step', 'Who', 'Name', 'Appointment id', 'data']);
    const kinds = timeline.rows.map((row) => row[2]);
    expect(kinds[kinds.length - 1]).toBe('contact.created');
    expect(kinds).toContain('booking.created');
    expect(kinds).toContain('message.received');
    const ids = timeline.rows.map((row) => Number(row[0]));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const booked = timeline.rows.filter((row) => row[2] === 'booking.created').map((row) => byHeader(timeline, row));
    expect(booked.map((row) => [row.Who, JSON.parse(row.data!).source, JSON.parse(row.data!).specialistName])).toEqual([
      ['system', 'staff', 'Dr. Koval'],
      ['client', 'site', 'Dr. Koval'],
    ]);

    const bookings = await download(`/api/admin/contacts/${olenaId}/timeline/export.csv?kind=booking`);
    expect(bookings.rows.length).toBeGreaterThanOrEqual(2);
    expect(bookings.rows.every((row) => row[2]!.startsWith('booking.'))).toBe(true);
    expect((await download('/api/admin/contacts/00000000-0000-4000-8000-000000000000/timeline/export.csv')).status).toBe(404);
  });

  it('downloads the outbox with each e-mail’s state but never its body, filtered as the list is', async () => {
    const outbox = await download('/api/admin/outbox/export.csv?lang=en');
    const confirmation = outbox.rows.map((row) => byHeader(outbox, row)).find((row) => row.Template === 'booking_confirm_request');
    expect(confirmation).toMatchObject({ To: 'Олена Петренко', 'E-mail': 'olena@example.com', State: 'queued', Attempts: '0', Language: 'uk' });
    expect(outbox.body).not.toMatch(/token=/);
    expect((await download('/api/admin/outbox/export.csv?status=sent')).rows).toHaveLength(0);
    expect((await download('/api/admin/outbox/export.csv?status=lost')).status).toBe(400);
  });

  it('downloads the erasure requests with their state', async () => {
    const requests = await download('/api/admin/erasure-requests/export.csv');
    expect(byHeader(requests, requests.rows[0]!)).toMatchObject({ Клієнт: 'Олена Петренко', Причина: 'Переїжджаю', Стан: 'очікує рішення', Вирішено: '' });
    expect((await download('/api/admin/erasure-requests/export.csv?status=completed')).rows).toHaveLength(0);
  });

  it('downloads the integrations for administrators: keys by prefix, subscriptions and deliveries, never a secret', async () => {
    const keys = await download('/api/admin/api-keys/export.csv?lang=en', admin);
    const zapier = byHeader(keys, keys.rows[0]!);
    expect(zapier).toMatchObject({ Name: 'Zapier', Scopes: 'read', Revoked: '' });
    expect(apiKeySecret.startsWith(zapier['Key prefix']!)).toBe(true);
    expect(keys.body).not.toContain(apiKeySecret);

    const hooks = await download('/api/admin/webhooks/export.csv?lang=en', admin);
    expect(byHeader(hooks, hooks.rows[0]!)).toMatchObject({ id: subscriptionId, Event: 'booking.created', URL: 'https://93.184.215.14/hook', 'Subscribed by': 'anna', 'Deliveries queued': '1' });
    const deliveries = await download(`/api/admin/webhooks/${subscriptionId}/deliveries/export.csv?lang=en`, admin);
    expect(byHeader(deliveries, deliveries.rows[0]!)).toMatchObject({ Event: 'booking.created', State: 'queued', Attempts: '0' });
    expect((await download(`/api/admin/webhooks/${subscriptionId}/deliveries/export.csv?state=delivered`, admin)).rows).toHaveLength(0);
    expect((await download('/api/admin/webhooks/00000000-0000-4000-8000-000000000000/deliveries/export.csv', admin)).status).toBe(404);
    expect((await download('/api/admin/webhooks/export.csv', manager)).status).toBe(403);
  });

  it('downloads the e-mail templates, each language of each', async () => {
    const templates = await download('/api/admin/email-templates/export.csv?lang=en', admin);
    expect(templates.header).toEqual(['Template', 'Language', 'Subject', 'Changed by the clinic', 'Updated']);
    expect(templates.rows.filter((row) => row[0] === 'booking_approved').map((row) => [row[1], row[3]])).toEqual([
      ['uk', 'no'],
      ['en', 'no'],
    ]);
  });

  it('puts every download on the audit log, and downloads the log itself with its chain', async () => {
    await download('/api/admin/reviews/export.csv');
    const recorded = await vi.waitFor(async () => {
      const { items } = await listAudit(t.handle.db, { action: 'reviews.export' }, { beforeId: null, limit: 50 });
      expect(items.length).toBeGreaterThan(0);
      return items;
    });
    expect(recorded[0]).toMatchObject({ actorLabel: 'iryna@clinic.test', recordType: 'review' });

    expect((await download('/api/admin/audit/export.csv', manager)).status).toBe(403);
    const log = await download('/api/admin/audit/export.csv?action=reviews.export&lang=en', admin);
    expect(log.header).toEqual(['No.', 'When', 'Who', 'Known as', 'Actor id', 'Action', 'Record type', 'Record id', 'IP address', 'Details', 'prev_hash', 'hash']);
    expect(log.rows.length).toBe(recorded.length);
    expect(byHeader(log, log.rows[0]!)).toMatchObject({ Who: 'staff', 'Known as': 'iryna@clinic.test', Action: 'reviews.export', hash: recorded[0]!.hash });
    expect((await download('/api/admin/audit/export.csv?from=yesterday', admin)).status).toBe(400);
  });
});
