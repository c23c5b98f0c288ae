import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClientSession } from '../accounts/sessions.js';
import { findOrCreateContact, type Contact } from '../contacts/contact-repository.js';
import { createSmtpTransport } from '../mail/smtp-transport.js';
import { startSmtpSink, type SmtpSink } from '../test/smtp-sink.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

// Monday 7 December 2026, 08:00 in Kyiv.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface ThreadItem {
  id: string;
  authorType: string;
  authorName: string | null;
  authorStaffId?: string | null;
  body: string;
  createdAt: string;
  readByStaffAt: string | null;
  readByClientAt: string | null;
}

async function aClient(t: TestApp, fields: { name: string; email: string; locale: 'uk' | 'en' }): Promise<{ contact: Contact; cookie: string }> {
  const { contact } = await findOrCreateContact(t.handle.db, { ...fields, phone: null, now: t.clock.now() });
  const token = await startClientSession(t.handle.db, { contactId: contact.id, ip: null, userAgent: null, now: t.clock.now() });
  return { contact, cookie: `cf_session=${token}` };
}

describe('a client writes to the clinic and a manager answers, over real SMTP', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let iryna: string;
  let olena: { contact: Contact; cookie: string };
  let bohdan: { contact: Contact; cookie: string };
  let taras: { contact: Contact; cookie: string };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ now: MONDAY_8AM, transport: createSmtpTransport({ url: sink.url, dkim: null }) });
    await t.startWorker();
    const admin = await t.staffCookie('admin', 'admin@clinic.test');
    const clinic = await t.app.inject({ method: 'PATCH', url: '/api/admin/clinic', headers: { cookie: admin }, payload: { name: 'Zdorovia Clinic', defaultLocale: 'en' } });
    expect(clinic.statusCode).toBe(200);
    iryna = await t.staffCookie('manager', 'iryna@clinic.test');
    await t.staffCookie('manager', 'oksana@clinic.test');
    // A manager who left: their account stays, inactive, and hears of nothing.
    await t.staffCookie('manager', 'former@clinic.test');
    await t.handle.db.updateTable('staff_users').set({ active: false }).where('email', '=', 'former@clinic.test').execute();

    olena = await aClient(t, { name: 'Olena <b>Petrenko</b>', email: 'olena@example.com', locale: 'en' });
    bohdan = await aClient(t, { name: 'Bohdan Lysenko', email: 'bohdan@example.com', locale: 'uk' });
    taras = await aClient(t, { name: 'Taras Bondar', email: 'taras@example.com', locale: 'en' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** Waits for the `count`-th e-mail to one address and returns it. */
  const mailTo = async (address: string, count: number): Promise<ParsedMail> => {
    const deadline = Date.now() + 15_000;
    while (sink.to(address).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} e-mails to ${address}, got ${sink.to(address).map((m) => m.subject).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return sink.to(address)[count - 1]!;
  };
  const inbox = async (query = ''): Promise<{ items: Array<Record<string, unknown>>; nextCursor: string | null }> => {
    const response = await t.app.inject({ url: `/api/admin/inbox${query}`, headers: { cookie: iryna } });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  const question = '  Hello! Should I skip <script>alert("breakfast")</script> & coffee before the blood test?\n\n';
  const answer = 'Hello Olena! Yes, please: water only after midnight. See you at 10:00.';

  it('Olena asks a question; both managers are e-mailed with her text escaped, and the inbox puts her thread first as unanswered', async () => {
    const empty = await t.app.inject({ url: '/api/me/messages', headers: { cookie: olena.cookie } });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ items: [], nextCursor: null });

    const written = await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: olena.cookie }, payload: { body: question } });
    expect(written.statusCode).toBe(201);
    expect(written.json()).toMatchObject({
      authorType: 'client',
      authorName: 'Olena <b>Petrenko</b>',
      body: question.trim(),
      createdAt: '2026-12-07T08:00:00+02:00',
      readByStaffAt: null,
      readByClientAt: null,
    });

    for (const manager of ['iryna@clinic.test', 'oksana@clinic.test', 'admin@clinic.test']) {
      const mail = await mailTo(manager, 1);
      expect(mail.subject).toBe('New message from a client: Olena <b>Petrenko</b>');
      expect(mail.html).toContain('&lt;script&gt;alert(');
      expect(mail.html).toContain('&lt;/script&gt; &amp; coffee');
      expect(mail.html).toContain('Olena &lt;b&gt;Petrenko&lt;/b&gt;');
      expect(mail.html).not.toContain('<script>');
      expect(mail.text).toContain('Should I skip <script>alert("breakfast")</script> & coffee');
      expect(mail.text).toContain(`http://clinic.test/admin/contacts/${olena.contact.id}`);
    }

    // Twenty minutes later Iryna writes first to Taras: a newer thread, but not one waiting for the clinic.
    t.clock.advanceMinutes(20);
    const toTaras = await t.app.inject({ method: 'POST', url: `/api/admin/contacts/${taras.contact.id}/messages`, headers: { cookie: iryna }, payload: { body: 'Your test results are ready.' } });
    expect(toTaras.statusCode).toBe(201);
    await mailTo('taras@example.com', 1);

    const list = await inbox();
    expect(list.nextCursor).toBeNull();
    expect(list.items).toEqual([
      {
        contactId: olena.contact.id,
        contactName: 'Olena <b>Petrenko</b>',
        contactEmail: 'olena@example.com',
        lastMessageAt: '2026-12-07T08:00:00+02:00',
        lastMessagePreview: 'Hello! Should I skip <script>alert("breakfast")</script> & coffee before the blood test?',
        lastAuthor: 'client',
        unanswered: true,
        unreadCount: 1,
      },
      {
        contactId: taras.contact.id,
        contactName: 'Taras Bondar',
        contactEmail: 'taras@example.com',
        lastMessageAt: '2026-12-07T08:20:00+02:00',
        lastMessagePreview: 'Your test results are ready.',
        lastAuthor: 'staff',
        unanswered: false,
        unreadCount: 0,
      },
    ]);
    expect((await inbox('?unanswered=true')).items.map((item) => item.contactId)).toEqual([olena.contact.id]);

    // Paged one at a time, the same order.
    const first = await inbox('?limit=1');
    expect(first.items.map((item) => item.contactId)).toEqual([olena.contact.id]);
    const second = await inbox(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.contactId)).toEqual([taras.contact.id]);
    expect(second.nextCursor).toBeNull();
    expect((await t.app.inject({ url: '/api/admin/inbox?cursor=bm9wZQ', headers: { cookie: iryna } })).json().error.fields).toHaveProperty('cursor');

    expect(sink.to('former@clinic.test')).toHaveLength(0);
  });

  it('Iryna reads the thread and answers; Olena is e-mailed a link to her portal; both read the thread in order', async () => {
    t.clock.advanceMinutes(5);
    const seen = await t.app.inject({ url: `/api/admin/contacts/${olena.contact.id}/messages`, headers: { cookie: iryna } });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items).toHaveLength(1);
    expect(seen.json().items[0].readByStaffAt).toBe('2026-12-07T08:25:00+02:00');
    const afterReading = (await inbox()).items.find((item) => item.contactId === olena.contact.id);
    expect(afterReading).toMatchObject({ unanswered: true, unreadCount: 0 });

    t.clock.advanceMinutes(2);
    const answered = await t.app.inject({ method: 'POST', url: `/api/admin/contacts/${olena.contact.id}/messages`, headers: { cookie: iryna }, payload: { body: answer } });
    expect(answered.statusCode).toBe(201);
    expect(answered.json()).toMatchObject({ authorType: 'staff', authorName: 'iryna', contactId: olena.contact.id, body: answer, createdAt: '2026-12-07T08:27:00+02:00' });
    expect(answered.json().authorStaffId).toMatch(/^[0-9a-f-]{36}$/);

    const reply = await mailTo('olena@example.com', 1);
    expect(reply.subject).toBe('New reply from Zdorovia Clinic');
    expect(reply.text).toContain(answer);
    expect(reply.text).toContain('iryna');
    expect(reply.text).toContain('http://clinic.test/portal/messages');
    expect(reply.html).toContain('href="http://clinic.test/portal/messages"');
    expect(reply.html).toContain('Hello Olena &lt;b&gt;Petrenko&lt;/b&gt;');

    t.clock.advanceMinutes(20);
    const clientView = await t.app.inject({ url: '/api/me/messages', headers: { cookie: olena.cookie } });
    expect(clientView.statusCode).toBe(200);
    const mine: ThreadItem[] = clientView.json().items;
    expect(mine.map((m) => [m.authorType, m.body])).toEqual([
      ['client', question.trim()],
      ['staff', answer],
    ]);
    expect(mine[1]).toMatchObject({ authorName: 'iryna', readByClientAt: '2026-12-07T08:47:00+02:00' });
    expect(mine[0]).not.toHaveProperty('authorStaffId');

    const staffView: ThreadItem[] = (await t.app.inject({ url: `/api/admin/contacts/${olena.contact.id}/messages`, headers: { cookie: iryna } })).json().items;
    expect(staffView.map((m) => m.id)).toEqual(mine.map((m) => m.id));
    expect(staffView[1]!.readByClientAt).toBe('2026-12-07T08:47:00+02:00');

    // Paged one at a time, the thread reads the same.
    const page1 = (await t.app.inject({ url: '/api/me/messages?limit=1', headers: { cookie: olena.cookie } })).json();
    const page2 = (await t.app.inject({ url: `/api/me/messages?limit=1&cursor=${page1.nextCursor}`, headers: { cookie: olena.cookie } })).json();
    expect([...page1.items, ...page2.items].map((m: ThreadItem) => m.id)).toEqual(mine.map((m) => m.id));
    expect(page2.nextCursor).toBeNull();

    // Answered: no longer waiting, and now the newest thread.
    expect((await inbox('?unanswered=true')).items).toEqual([]);
    expect((await inbox()).items.map((item) => [item.contactId, item.lastAuthor, item.unanswered])).toEqual([
      [olena.contact.id, 'staff', false],
      [taras.contact.id, 'staff', false],
    ]);
  });

  it('the timeline tells what was written, by whom', async () => {
    const timeline = (await t.app.inject({ url: `/api/admin/contacts/${olena.contact.id}/timeline?kind=message`, headers: { cookie: iryna } })).json();
    const written = timeline.items.map((e: { kind: string; actor: unknown; data: unknown }) => [e.kind, e.actor, e.data]);
    const thread: ThreadItem[] = (await t.app.inject({ url: `/api/admin/contacts/${olena.contact.id}/messages`, headers: { cookie: iryna } })).json().items;
    expect(written).toEqual([
      ['message.sent', { type: 'staff', id: thread[1]!.authorStaffId }, { messageId: thread[1]!.id, preview: answer }],
      ['message.received', { type: 'client', id: null }, { messageId: thread[0]!.id, preview: question.trim().replace(/\s+/g, ' ') }],
    ]);
  });

  it('Bohdan sees only his own thread and cannot write into Olena’s by any id', async () => {
    const his = await t.app.inject({ url: '/api/me/messages', headers: { cookie: bohdan.cookie } });
    expect(his.json()).toEqual({ items: [], nextCursor: null });

    const asStaff = await t.app.inject({ url: `/api/admin/contacts/${olena.contact.id}/messages`, headers: { cookie: bohdan.cookie } });
    expect(asStaff.statusCode).toBe(403);
    const postAsStaff = await t.app.inject({ method: 'POST', url: `/api/admin/contacts/${olena.contact.id}/messages`, headers: { cookie: bohdan.cookie }, payload: { body: 'hi' } });
    expect(postAsStaff.statusCode).toBe(403);
    const smuggled = await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: bohdan.cookie }, payload: { body: 'hi', contactId: olena.contact.id } });
    expect(smuggled.statusCode).toBe(400);
    expect(smuggled.json().error.fields).toHaveProperty('contactId');
    const byQuery = await t.app.inject({ method: 'POST', url: `/api/me/messages?contactId=${olena.contact.id}`, headers: { cookie: bohdan.cookie }, payload: { body: 'Hi, it is Bohdan' } });
    expect(byQuery.statusCode).toBe(201);

    const olenas: ThreadItem[] = (await t.app.inject({ url: '/api/me/messages', headers: { cookie: olena.cookie } })).json().items;
    expect(olenas.map((m) => m.body)).not.toContain('Hi, it is Bohdan');
    expect(olenas).toHaveLength(2);
    expect((await t.app.inject({ url: '/api/me/messages', headers: { cookie: bohdan.cookie } })).json().items.map((m: ThreadItem) => m.body)).toEqual(['Hi, it is Bohdan']);
  });

  it('only the client reads their thread, only staff read others', async () => {
    expect((await t.app.inject({ url: '/api/me/messages' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/me/messages', payload: { body: 'hi' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me/messages', headers: { cookie: iryna } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: iryna }, payload: { body: 'hi' } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/admin/inbox' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/admin/inbox', headers: { cookie: olena.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/admin/contacts/${olena.contact.id}/messages` })).statusCode).toBe(401);
  });

  it('staff writing to an unknown contact get 404; a thread of an unknown contact is 404', async () => {
    const post = await t.app.inject({ method: 'POST', url: `/api/admin/contacts/${UNKNOWN_ID}/messages`, headers: { cookie: iryna }, payload: { body: 'Hello?' } });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('not_found');
    expect((await t.app.inject({ url: `/api/admin/contacts/${UNKNOWN_ID}/messages`, headers: { cookie: iryna } })).statusCode).toBe(404);
    const badId = await t.app.inject({ method: 'POST', url: '/api/admin/contacts/not-an-id/messages', headers: { cookie: iryna }, payload: { body: 'Hello?' } });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.fields).toHaveProperty('id');
  });

  it('an empty, blank, missing or too long body is refused, naming body; 5,000 characters of any kind are fine', async () => {
    const refuse = async (cookie: string, url: string, payload: unknown): Promise<void> => {
      const response = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as Record<string, unknown> });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
      expect(Object.keys(response.json().error.fields)).toEqual(['body']);
    };
    for (const payload of [{ body: '' }, { body: ' \n\t ' }, {}, { body: 'x'.repeat(5001) }]) {
      await refuse(olena.cookie, '/api/me/messages', payload);
      await refuse(iryna, `/api/admin/contacts/${olena.contact.id}/messages`, payload);
    }
    // Emoji count as one character each, as PostgreSQL counts them.
    const long = await t.app.inject({ method: 'POST', url: `/api/admin/contacts/${olena.contact.id}/messages`, headers: { cookie: iryna }, payload: { body: '🩺'.repeat(5000) } });
    expect(long.statusCode).toBe(201);
    const inboxItem = (await inbox()).items.find((item) => item.contactId === olena.contact.id)!;
    expect(inboxItem.lastMessagePreview).toBe('🩺'.repeat(140));
    expect((await mailTo('olena@example.com', 2)).text).toContain('🩺'.repeat(5000));
  });
});

describe('a client writing too often', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('is asked to wait after 30 messages in 10 minutes; another client is not', async () => {
    t = await startTestApp({ now: MONDAY_8AM });
    const eager = await aClient(t, { name: 'Eager Client', email: 'eager@example.com', locale: 'en' });
    const calm = await aClient(t, { name: 'Calm Client', email: 'calm@example.com', locale: 'en' });
    for (let i = 1; i <= 30; i += 1) {
      const response = await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: eager.cookie }, payload: { body: `Message ${i}` } });
      expect(response.statusCode).toBe(201);
    }
    const refused = await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: eager.cookie }, payload: { body: 'Message 31' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    // A second session of the same client does not reset the count.
    const again = await startClientSession(t.handle.db, { contactId: eager.contact.id, ip: null, userAgent: null, now: t.clock.now() });
    expect((await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: `cf_session=${again}` }, payload: { body: 'Message 32' } })).statusCode).toBe(429);
    expect((await t.app.inject({ method: 'POST', url: '/api/me/messages', headers: { cookie: calm.cookie }, payload: { body: 'Hello' } })).statusCode).toBe(201);
    const thread = (await t.app.inject({ url: '/api/me/messages?limit=200', headers: { cookie: eager.cookie } })).json();
    expect(thread.items).toHaveLength(30);
  });
});
