import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startClientSession, startStaffSession } from '../accounts/sessions.js';
import { createStaffUser } from '../accounts/staff-service.js';
import type { App } from '../app-deps.js';
import { buildApp } from '../app.js';
import { findOrCreateContact } from '../contacts/contact-repository.js';
import { SYSTEM } from '../contacts/timeline.js';
import { openEmbeddedDatabase, openServerDatabase } from '../db/engine.js';
import { bookAsStaff } from '../scheduling/booking-service.js';
import { aSpecialist, aVisitor } from '../test/builders.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { webAppBuilt } from './web-app.js';

// Monday 7 December 2026, 08:00 in Kyiv. Specialists work weekdays 09:00–13:00 and 14:00–18:00.
const MONDAY_8AM = '2026-12-07T08:00:00+02:00';
const PASSWORD = 'correct horse battery';
/** What an error body must never show: stack frames, SQL, driver names, file paths. */
const LEAK = /\bat\s+(?:async\s+)?\S*\s*\(?(?:file:|node:|\/)\S*:\d+:\d+|node_modules|\bSELECT\b|\bINSERT\b|\bpg-|relation "|ECONNREFUSED|PGlite|kysely/i;

let addresses = 0;
/** Each request its own address unless a test is about one address: the per-address limits stay out of the way. */
const freshIp = (): string => `10.77.${Math.floor((addresses += 1) / 250)}.${(addresses % 250) + 1}`;

describe('security at the edge: CSRF, cookies, tokens, rate limits, headers and errors', () => {
  let t: TestApp;
  let tls: TestApp;
  /** Dr. Koval and the manager's account, in each app. */
  const kovalIds = new Map<TestApp, string>();
  const managerIds = new Map<TestApp, string>();
  let days = 0;

  /** A request whose error body, if any, is checked for leaks. */
  async function call(app: App, options: InjectOptions): Promise<LightMyRequestResponse> {
    const response = await app.inject({ remoteAddress: freshIp(), ...options });
    if (response.statusCode >= 400) expect(response.body, `${String((options as { url?: string }).url)}`).not.toMatch(LEAK);
    return response;
  }
  /** Opens an e-mailed sign-in link, then presses the page's Sign in button (the form posts the token). */
  async function signInWith(app: App, link: string, headers: Record<string, string> = {}): Promise<{ opened: LightMyRequestResponse; pressed: LightMyRequestResponse }> {
    const opened = await call(app, { url: link, headers });
    const token = new URL(link, 'http://clinic.test').searchParams.get('token') ?? '';
    const pressed = await call(app, { method: 'POST', url: '/api/auth/magic-link/verify', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token }).toString() });
    return { opened, pressed };
  }
  const cookieOf = (response: LightMyRequestResponse): string => `cf_session=${response.cookies.find((c) => c.name === 'cf_session')!.value}`;
  const rawCookie = (response: LightMyRequestResponse): string => [response.headers['set-cookie'] ?? []].flat().find((c) => String(c).startsWith('cf_session='))!;
  const newest = async (app: TestApp, to: string, templateKey: string): Promise<string> =>
    (await app.handle.db.selectFrom('outbound_messages').select('text').where('to_address', '=', to).where('template_key', '=', templateKey).orderBy('created_at', 'desc').executeTakeFirstOrThrow()).text;
  const linksIn = (text: string, path: string): string[] => [...text.matchAll(new RegExp(`https?://clinic\\.test(${path.replace(/\//g, '\\/')}\\?token=[\\w%-]+)`, 'g'))].map((m) => m[1]!);
  /** A weekday 10:00 not used before, so tests never compete for a slot. */
  const nextMorning = (): string => {
    let day = new Date(Date.UTC(2026, 11, 8 + days));
    while ([0, 6].includes(day.getUTCDay())) day = new Date(Date.UTC(2026, 11, 8 + (days += 1)));
    days += 1;
    return `${day.toISOString().slice(0, 10)}T10:00:00+02:00`;
  };

  /** A client (a contact with a booking) and a session cookie for them. */
  async function aClient(app: TestApp, email: string): Promise<{ contactId: string; appointmentId: string; cookie: string }> {
    const { contact } = await findOrCreateContact(app.handle.db, { email, name: 'Test Client', phone: null, locale: 'en', now: app.clock.now() });
    const made = await bookAsStaff(app.deps, { specialistId: kovalIds.get(app)!, startsAt: new Date(nextMorning()), contactId: contact.id }, SYSTEM, 'staff', app.clock.now());
    const token = await startClientSession(app.handle.db, { contactId: contact.id, ip: null, userAgent: null, now: app.clock.now() });
    return { contactId: contact.id, appointmentId: made.id, cookie: `cf_session=${token}` };
  }
  const staffSession = async (app: TestApp = t): Promise<string> =>
    `cf_session=${await startStaffSession(app.handle.db, { staffUserId: managerIds.get(app)!, ip: null, userAgent: null, now: app.clock.now() })}`;
  const signIn = (app: TestApp, email: string, password = PASSWORD, ip = freshIp()) => call(app.app, { method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email, password } });
  const visitorBooks = (app: TestApp, email: string, ip = freshIp()) =>
    call(app.app, { method: 'POST', url: '/api/bookings', remoteAddress: ip, payload: { specialistId: kovalIds.get(app)!, startsAt: nextMorning(), ...aVisitor({ email, locale: 'en' }) } });
  const askMagicLink = (app: TestApp, email: string, ip = freshIp()) => call(app.app, { method: 'POST', url: '/api/auth/magic-link', remoteAddress: ip, payload: { email } });
  /** A missed visit brings one-click offers; returns their rebook links. */
  async function rebookLinks(app: TestApp, email: string): Promise<string[]> {
    const made = await call(app.app, { method: 'POST', url: '/api/admin/bookings', headers: { cookie: await staffSession(app) }, payload: { specialistId: kovalIds.get(app)!, startsAt: '2026-12-04T09:00:00+02:00', name: 'Missed', email, locale: 'en' } });
    expect((await call(app.app, { method: 'POST', url: `/api/admin/bookings/${made.json().id}/no-show`, headers: { cookie: await staffSession(app) } })).statusCode).toBe(200);
    return linksIn(await newest(app, email, 'no_show_follow_up'), '/booking/rebook');
  }

  beforeAll(async () => {
    [t, tls] = await Promise.all([
      startTestApp({ now: MONDAY_8AM, env: { BOOKING_RATE_LIMIT: '3' } }),
      startTestApp({ now: MONDAY_8AM, env: { PUBLIC_URL: 'https://clinic.test' } }),
    ]);
    for (const app of [t, tls]) {
      kovalIds.set(app, (await aSpecialist(app.handle.db, { name: 'Dr. Koval' })).id);
      managerIds.set(app, (await createStaffUser(app.handle.db, { email: 'manager@clinic.test', password: PASSWORD, role: 'manager' })).id);
    }
    await createStaffUser(t.handle.db, { email: 'admin@clinic.test', password: PASSWORD, role: 'admin' });
  });
  afterEach(() => {
    t.clock.set(MONDAY_8AM);
    tls.clock.set(MONDAY_8AM);
  });
  afterAll(async () => {
    await t?.close();
    await tls?.close();
  });

  describe('cross-site requests', () => {
    const FOREIGN = ['https://evil.example', 'null', 'http://clinic.test.evil.example', 'https://clinic.test', 'http://clinic.test:8080'];

    it('refuses every state-changing request a browser sends from another origin, and changes nothing', async () => {
      const client = await aClient(t, 'csrf.victim@example.com');
      const admin = await signIn(t, 'admin@clinic.test');
      const adminCookie = cookieOf(admin);
      const adminSessionId = (await call(t.app, { url: '/api/auth/sessions', headers: { cookie: adminCookie } })).json().items[0].id;
      const attempts: Array<[string, 'POST' | 'PATCH' | 'PUT' | 'DELETE', string, object?]> = [
        [client.cookie, 'PATCH', '/api/me', { name: 'Hacked' }],
        [client.cookie, 'POST', '/api/me/email', { email: 'attacker@evil.example' }],
        [client.cookie, 'POST', '/api/me/messages', { body: 'Sent by a forged form' }],
        [client.cookie, 'POST', `/api/me/bookings/${client.appointmentId}/cancel`],
        [client.cookie, 'POST', '/api/me/erasure-request', {}],
        [client.cookie, 'POST', '/api/auth/logout'],
        [adminCookie, 'POST', '/api/admin/staff', { email: 'mole@evil.example', name: 'Mole', role: 'admin', password: 'a long enough password' }],
        [adminCookie, 'PATCH', '/api/admin/clinic', { about: 'Defaced' }],
        [adminCookie, 'PUT', '/api/admin/email-templates/magic_link/en', { subject: 'x', html: 'x', text: 'x' }],
        [adminCookie, 'DELETE', `/api/auth/sessions/${adminSessionId}`],
        [adminCookie, 'POST', '/api/auth/logout'],
      ];
      for (const origin of FOREIGN) {
        for (const [cookie, method, url, payload] of attempts) {
          const answer = await call(t.app, { method, url, headers: { cookie, origin }, ...(payload ? { payload } : {}) });
          expect(answer.statusCode, `${origin} ${method} ${url}`).toBe(403);
          expect(answer.json().error.code).toBe('csrf_rejected');
        }
      }
      expect((await call(t.app, { url: '/api/me', headers: { cookie: client.cookie } })).json()).toMatchObject({ name: 'Test Client', email: 'csrf.victim@example.com' });
      expect((await call(t.app, { url: '/api/me/bookings', headers: { cookie: client.cookie } })).json().upcoming[0]).toMatchObject({ id: client.appointmentId, status: 'booked' });
      expect((await call(t.app, { url: '/api/me/messages', headers: { cookie: client.cookie } })).json().items).toEqual([]);
      expect((await call(t.app, { url: '/api/auth/me', headers: { cookie: adminCookie } })).statusCode).toBe(200);
      expect(await t.handle.db.selectFrom('staff_users').select('id').where('email', '=', 'mole@evil.example').execute()).toEqual([]);
      expect((await call(t.app, { url: '/api/admin/clinic', headers: { cookie: adminCookie } })).json().about).not.toBe('Defaced');
    });

    it('lets the site itself through, and clients that send no Origin at all (scripts, integrations)', async () => {
      const client = await aClient(t, 'same.site@example.com');
      for (const headers of [{ origin: 'http://clinic.test' }, {}]) {
        expect((await call(t.app, { method: 'PATCH', url: '/api/me', headers: { ...headers, cookie: client.cookie }, payload: { locale: 'uk' } })).statusCode).toBe(200);
      }
    });

    it('on an https site, refuses the same host over plain http', async () => {
      const client = await aClient(tls, 'tls.client@example.com');
      const downgraded = await call(tls.app, { method: 'PATCH', url: '/api/me', headers: { cookie: client.cookie, origin: 'http://clinic.test' }, payload: { name: 'Hacked' } });
      expect(downgraded.statusCode).toBe(403);
      expect((await call(tls.app, { method: 'PATCH', url: '/api/me', headers: { cookie: client.cookie, origin: 'https://clinic.test' }, payload: { locale: 'en' } })).statusCode).toBe(200);
    });
  });

  describe('the session cookie', () => {
    /** Every way a session cookie is handed out, each returning the response that sets it. */
    const sources: Array<[string, (app: TestApp) => Promise<LightMyRequestResponse>, number]> = [
      ['staff sign-in', (app) => signIn(app, 'manager@clinic.test'), 12 * 3600],
      ['sign-in link', async (app) => {
        const email = `link${(addresses += 1)}@example.com`;
        await aClient(app, email);
        await askMagicLink(app, email);
        return (await signInWith(app.app, linksIn(await newest(app, email, 'magic_link'), '/api/auth/magic-link/verify')[0]!)).pressed;
      }, 14 * 86_400],
      ['booking confirmation link', async (app) => {
        const email = `confirm${(addresses += 1)}@example.com`;
        expect((await visitorBooks(app, email)).statusCode).toBe(201);
        return call(app.app, { url: linksIn(await newest(app, email, 'booking_confirm_request'), '/booking/confirm')[0]! });
      }, 14 * 86_400],
      ['rebook link', async (app) => call(app.app, { url: (await rebookLinks(app, `rebook${(addresses += 1)}@example.com`))[0]! }), 14 * 86_400],
    ];

    it.for(sources)('from a %s: HttpOnly, SameSite=Lax, Path=/, and Secure exactly when PUBLIC_URL is https', async ([, make, maxAge]) => {
      for (const [app, secure] of [[t, false], [tls, true]] as const) {
        const raw = rawCookie(await make(app));
        expect(raw).toMatch(/;\s*HttpOnly/i);
        expect(raw).toMatch(/;\s*SameSite=Lax/i);
        expect(raw).toMatch(/;\s*Path=\/(;|$)/);
        expect(raw).toMatch(new RegExp(`;\\s*Max-Age=${maxAge}(;|$)`));
        expect(raw).not.toMatch(/;\s*Domain=/i);
        if (secure) expect(raw).toMatch(/;\s*Secure/i);
        else expect(raw).not.toMatch(/;\s*Secure/i);
      }
    });

    it('is refused when tampered with, guessed, replaced by its stored id, ended, or outlived', async () => {
      const login = await signIn(t, 'manager@clinic.test');
      const cookie = cookieOf(login);
      const token = cookie.slice('cf_session='.length);
      const storedId = (await call(t.app, { url: '/api/auth/sessions', headers: { cookie } })).json().items.find((s: { current: boolean }) => s.current).id;
      const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      for (const forged of [flipped, token.slice(0, -4), `${token}x`, storedId, "' OR '1'='1", 'x'.repeat(8000), '']) {
        expect((await call(t.app, { url: '/api/auth/me', headers: { cookie: `cf_session=${forged}` } })).statusCode, forged.slice(0, 40)).toBe(401);
      }
      expect((await call(t.app, { method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
      expect((await call(t.app, { url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);

      // Deactivating a staff member or changing their password ends their sessions at once.
      const victim = await createStaffUser(t.handle.db, { email: 'leaver@clinic.test', password: PASSWORD, role: 'manager' });
      const admin = cookieOf(await signIn(t, 'admin@clinic.test'));
      for (const change of [{ password: 'a brand new password' }, { active: false }]) {
        const session = `cf_session=${await startStaffSession(t.handle.db, { staffUserId: victim.id, ip: null, userAgent: null, now: t.clock.now() })}`;
        expect((await call(t.app, { method: 'PATCH', url: `/api/admin/staff/${victim.id}`, headers: { cookie: admin }, payload: change })).statusCode).toBe(200);
        expect((await call(t.app, { url: '/api/auth/me', headers: { cookie: session } })).statusCode).toBe(401);
      }
    });

    it('ends a staff session after 30 idle minutes, and after 12 hours however busy', async () => {
      const idle = cookieOf(await signIn(t, 'manager@clinic.test'));
      for (const minutes of [29, 29]) {
        t.clock.advanceMinutes(minutes);
        expect((await call(t.app, { url: '/api/auth/me', headers: { cookie: idle } })).statusCode).toBe(200);
      }
      t.clock.advanceMinutes(31);
      expect((await call(t.app, { url: '/api/auth/me', headers: { cookie: idle } })).statusCode).toBe(401);

      t.clock.set(MONDAY_8AM);
      const busy = cookieOf(await signIn(t, 'manager@clinic.test'));
      for (let step = 0; step < 28; step += 1) {
        t.clock.advanceMinutes(25);
        expect((await call(t.app, { url: '/api/auth/me', headers: { cookie: busy } })).statusCode).toBe(200);
      }
      t.clock.advanceMinutes(20); // 12 hours after signing in
      expect((await call(t.app, { url: '/api/auth/me', headers: { cookie: busy } })).statusCode).toBe(401);
    });

    it('keeps a client signed in for 14 days, not longer', async () => {
      const { cookie } = await aClient(t, 'fortnight@example.com');
      t.clock.advanceMinutes(14 * 24 * 60 - 60);
      expect((await call(t.app, { url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
      t.clock.advanceMinutes(61);
      expect((await call(t.app, { url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    });
  });

  describe('links in e-mails', () => {
    const signsIn = (response: LightMyRequestResponse): boolean => response.cookies.some((c) => c.name === 'cf_session');
    const tamper = (link: string): string[] => {
      const at = link.indexOf('token=') + 'token='.length;
      const token = link.slice(at);
      return [`${link.slice(0, at)}${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`, link.slice(0, -3), `${link}x`, link.slice(0, at), link.slice(0, at - 'token='.length - 1)];
    };

    it('a sign-in link works once, for 15 minutes, for its owner only, and never as something else', async () => {
      const anna = await aClient(t, 'anna.link@example.com');
      const bohdan = await aClient(t, 'bohdan.link@example.com');
      await askMagicLink(t, 'anna.link@example.com');
      const link = linksIn(await newest(t, 'anna.link@example.com', 'magic_link'), '/api/auth/magic-link/verify')[0]!;
      for (const forged of tamper(link)) {
        const { opened, pressed } = await signInWith(t.app, forged);
        expect([opened.statusCode, pressed.statusCode, signsIn(pressed)], forged).toEqual([404, expect.any(Number), false]);
        expect(pressed.statusCode, forged).toBeGreaterThanOrEqual(400);
      }
      expect((await call(t.app, { url: `/api/me`, headers: { cookie: `cf_session=${link.split('token=')[1]}` } })).statusCode).toBe(401);
      // A mail scanner opens every link: opening only shows the page with the button, and uses nothing up.
      for (let scan = 0; scan < 3; scan += 1) {
        const scanned = await call(t.app, { url: link });
        expect([scanned.statusCode, signsIn(scanned)]).toEqual([200, false]);
        expect(scanned.body).toContain('<form class="actions" method="post" action="/api/auth/magic-link/verify">');
      }
      // Opened in B's browser, it signs in A, never B as A or A as B.
      const { pressed } = await signInWith(t.app, link, { cookie: bohdan.cookie });
      expect(pressed.statusCode).toBe(303);
      expect(pressed.headers.location).toBe('http://clinic.test/portal');
      expect((await call(t.app, { url: '/api/me', headers: { cookie: cookieOf(pressed) } })).json().id).toBe(anna.contactId);
      expect((await call(t.app, { url: '/api/me', headers: { cookie: bohdan.cookie } })).json().id).toBe(bohdan.contactId);
      const reused = await signInWith(t.app, link);
      expect([reused.opened.statusCode, reused.pressed.statusCode, signsIn(reused.pressed)]).toEqual([410, 410, false]);

      await askMagicLink(t, 'anna.link@example.com');
      const late = linksIn(await newest(t, 'anna.link@example.com', 'magic_link'), '/api/auth/magic-link/verify')[0]!;
      t.clock.advanceMinutes(16);
      const expired = await signInWith(t.app, late);
      expect([expired.opened.statusCode, expired.pressed.statusCode, signsIn(expired.pressed)]).toEqual([410, 410, false]);
    });

    it('a booking confirmation link confirms once, expires with the hold, and no other kind of token passes for it', async () => {
      expect((await visitorBooks(t, 'visitor.link@example.com')).statusCode).toBe(201);
      const link = linksIn(await newest(t, 'visitor.link@example.com', 'booking_confirm_request'), '/booking/confirm')[0]!;
      for (const forged of tamper(link)) expect((await call(t.app, { url: forged })).statusCode, forged).toBe(404);
      await aClient(t, 'other.purpose@example.com');
      await askMagicLink(t, 'other.purpose@example.com');
      const signInToken = linksIn(await newest(t, 'other.purpose@example.com', 'magic_link'), '/api/auth/magic-link/verify')[0]!.split('token=')[1];
      expect((await call(t.app, { url: `/booking/confirm?token=${signInToken}` })).statusCode).toBe(404);

      const confirmed = await call(t.app, { url: link });
      expect([confirmed.statusCode, signsIn(confirmed)]).toEqual([303, true]);
      const again = await call(t.app, { url: link });
      expect([again.statusCode, signsIn(again)]).toEqual([200, false]);

      expect((await visitorBooks(t, 'slow.visitor@example.com')).statusCode).toBe(201);
      const slow = linksIn(await newest(t, 'slow.visitor@example.com', 'booking_confirm_request'), '/booking/confirm')[0]!;
      t.clock.advanceMinutes(61);
      const expired = await call(t.app, { url: slow });
      expect([expired.statusCode, signsIn(expired)]).toEqual([410, false]);
      const status = await t.handle.db.selectFrom('appointments as a').innerJoin('contacts as c', 'c.id', 'a.contact_id').select('a.status').where('c.email', '=', 'slow.visitor@example.com').executeTakeFirstOrThrow();
      expect(status.status).not.toBe('confirmed');
    });

    it('a rebook offer books one time once, refuses a forged or expired link, and a sign-in token does not pass for it', async () => {
      t.clock.set('2026-12-07T09:30:00+02:00');
      const links = await rebookLinks(t, 'missed.visit@example.com');
      expect(links.length).toBeGreaterThan(1);
      for (const forged of tamper(links[0]!)) expect((await call(t.app, { url: forged })).statusCode, forged).toBe(404);
      await askMagicLink(t, 'missed.visit@example.com');
      const signInToken = linksIn(await newest(t, 'missed.visit@example.com', 'magic_link'), '/api/auth/magic-link/verify')[0]!.split('token=')[1];
      expect((await call(t.app, { url: `/booking/rebook?token=${signInToken}` })).statusCode).toBe(404);

      const booked = await call(t.app, { url: links[0]! });
      expect([booked.statusCode, signsIn(booked)]).toEqual([201, true]);
      for (const link of links) {
        const used = await call(t.app, { url: link });
        expect([used.statusCode, signsIn(used)]).toEqual([200, false]);
      }

      const stale = await rebookLinks(t, 'missed.again@example.com');
      const count = async () => Number((await t.handle.db.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      t.clock.set('2026-12-31T09:00:00+02:00'); // every offered time has passed
      const expired = await call(t.app, { url: stale[0]! });
      expect([expired.statusCode, signsIn(expired)]).toEqual([409, false]);
      expect(await count()).toBe(before);
    });

    it('an e-mail change link changes its own client’s address once, within the hour', async () => {
      const anna = await aClient(t, 'anna.mail@example.com');
      const bohdan = await aClient(t, 'bohdan.mail@example.com');
      const emailOf = async (cookie: string): Promise<string> => (await call(t.app, { url: '/api/me', headers: { cookie } })).json().email;
      const ask = async (cookie: string, to: string): Promise<string> => {
        expect((await call(t.app, { method: 'POST', url: '/api/me/email', headers: { cookie }, payload: { email: to } })).statusCode).toBe(202);
        return linksIn(await newest(t, to, 'email_change_confirm'), '/api/me/email/confirm')[0]!;
      };
      const outcome = async (url: string, cookie?: string): Promise<string> => (await call(t.app, { url, ...(cookie ? { headers: { cookie } } : {}) })).headers.location!.split('email=')[1]!;

      const link = await ask(anna.cookie, 'anna.new@example.com');
      for (const forged of tamper(link)) expect(await outcome(forged)).toBe('unknown');
      expect(await outcome(`/api/me/email/confirm?token=${link.split('token=')[1]!.slice(0, 20)}`)).toBe('unknown');
      // Opened in B's browser, it still changes only A's address.
      expect(await outcome(link, bohdan.cookie)).toBe('changed');
      expect([await emailOf(anna.cookie), await emailOf(bohdan.cookie)]).toEqual(['anna.new@example.com', 'bohdan.mail@example.com']);
      expect(await outcome(link)).toBe('used');

      const late = await ask(bohdan.cookie, 'bohdan.new@example.com');
      t.clock.advanceMinutes(61);
      expect(await outcome(late)).toBe('expired');
      expect(await emailOf(bohdan.cookie)).toBe('bohdan.mail@example.com');
    });
  });

  describe('rate limits', () => {
    const retryAfter = (response: LightMyRequestResponse): number => Number(response.headers['retry-after']);

    it('limits sign-in attempts per address (10 per 15 minutes), and X-Forwarded-For does not reset the count', async () => {
      const ip = '10.99.0.1';
      for (let i = 0; i < 10; i += 1) expect((await signIn(t, `nobody${i}@clinic.test`, 'wrong', ip)).statusCode).toBe(401);
      const blocked = await call(t.app, { method: 'POST', url: '/api/auth/login', remoteAddress: ip, headers: { 'x-forwarded-for': '203.0.113.7' }, payload: { email: 'manager@clinic.test', password: PASSWORD } });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(retryAfter(blocked)).toBeGreaterThan(0);
      expect(retryAfter(blocked)).toBeLessThanOrEqual(15 * 60);
      expect((await signIn(t, 'manager@clinic.test', PASSWORD, '10.99.0.2')).statusCode).toBe(200);
    });

    it('limits failed sign-ins per account (10), from any addresses, the same for an account that does not exist', async () => {
      await createStaffUser(t.handle.db, { email: 'target@clinic.test', password: PASSWORD, role: 'admin' });
      for (const email of ['target@clinic.test', 'ghost@clinic.test']) {
        for (let i = 0; i < 10; i += 1) expect((await signIn(t, email, `guess ${i}`)).statusCode).toBe(401);
        const blocked = await signIn(t, email, PASSWORD);
        expect(blocked.statusCode).toBe(429);
        expect(blocked.json().error.code).toBe('too_many_attempts');
        expect(retryAfter(blocked)).toBeGreaterThan(0);
        expect(retryAfter(blocked)).toBeLessThanOrEqual(15 * 60);
      }
      t.clock.advanceMinutes(16);
      expect((await signIn(t, 'target@clinic.test')).statusCode).toBe(200);
    });

    it('limits sign-in link requests per address (5 per 15 minutes), and sends no mail once limited', async () => {
      await aClient(t, 'flooded@example.com');
      const ip = '10.99.1.1';
      for (let i = 0; i < 5; i += 1) expect((await askMagicLink(t, 'flooded@example.com', ip)).statusCode).toBe(202);
      const sent = await t.handle.db.selectFrom('outbound_messages').select('id').where('to_address', '=', 'flooded@example.com').where('template_key', '=', 'magic_link').execute();
      const blocked = await askMagicLink(t, 'flooded@example.com', ip);
      expect(blocked.statusCode).toBe(429);
      expect(retryAfter(blocked)).toBeGreaterThan(0);
      expect(retryAfter(blocked)).toBeLessThanOrEqual(15 * 60);
      expect(await t.handle.db.selectFrom('outbound_messages').select('id').where('to_address', '=', 'flooded@example.com').where('template_key', '=', 'magic_link').execute()).toHaveLength(sent.length);
    });

    it('limits bookings per address to BOOKING_RATE_LIMIT a minute (3 here)', async () => {
      const ip = '10.99.2.1';
      for (let i = 0; i < 3; i += 1) expect((await visitorBooks(t, `eager${i}@example.com`, ip)).statusCode).toBe(201);
      const blocked = await visitorBooks(t, 'eager3@example.com', ip);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(retryAfter(blocked)).toBeGreaterThan(0);
      expect(retryAfter(blocked)).toBeLessThanOrEqual(60);
      expect(await t.handle.db.selectFrom('contacts').select('id').where('email', '=', 'eager3@example.com').execute()).toEqual([]);
      expect((await visitorBooks(t, 'eager3@example.com', '10.99.2.2')).statusCode).toBe(201);
    });
  });

  describe('headers', () => {
    it('sends the security headers on JSON, errors, pages and the web app', async () => {
      const client = await aClient(t, 'headers@example.com');
      const responses: Array<[string, LightMyRequestResponse]> = [
        ['health', await call(t.app, { url: '/api/health' })],
        ['401', await call(t.app, { url: '/api/me' })],
        ['404', await call(t.app, { url: '/api/no-such-thing' })],
        ['400', await call(t.app, { url: '/api/specialists/not-an-id' })],
        ['client data', await call(t.app, { url: '/api/me/export', headers: { cookie: client.cookie } })],
        ['link page', await call(t.app, { url: '/booking/confirm?token=unknown' })],
        ['status page', await call(t.app, { url: '/booking/confirmed' })],
        ['api docs', await call(t.app, { url: '/api/docs/' })],
        ...(webAppBuilt() ? [['web app', await call(t.app, { url: '/portal', headers: { accept: 'text/html' } })] as [string, LightMyRequestResponse]] : []),
      ];
      for (const [what, response] of responses) {
        const csp = String(response.headers['content-security-policy']);
        expect(csp, what).toMatch(/default-src 'self'/);
        expect(csp, what).toMatch(/object-src 'none'/);
        expect(csp, what).toMatch(/frame-ancestors '(self|none)'/);
        expect(csp, what).toMatch(/script-src 'self'(;|$)/);
        expect(csp, what).not.toMatch(/unsafe-eval/);
        expect(response.headers['x-content-type-options'], what).toBe('nosniff');
        expect(response.headers['x-frame-options'], what).toMatch(/^(DENY|SAMEORIGIN)$/);
        expect(response.headers['referrer-policy'], what).toMatch(/^(no-referrer|same-origin|strict-origin)/);
        expect(response.headers['x-powered-by'], what).toBeUndefined();
      }
      // Pages reached by a secret link are never cached.
      expect(responses.find(([what]) => what === 'link page')![1].headers['cache-control']).toBe('no-store');
    });

    it('tells browsers to stay on https when the site is https', async () => {
      const hsts = String((await call(tls.app, { url: '/api/health' })).headers['strict-transport-security']);
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(180 * 86_400);
    });
  });

  describe('errors', () => {
    const json = { 'content-type': 'application/json' };
    const UNKNOWN = '00000000-0000-4000-8000-000000000000';

    it('answers bad input with a clear status and a body free of stack traces and SQL', async () => {
      const admin = cookieOf(await signIn(t, 'admin@clinic.test'));
      const client = await aClient(t, 'errors@example.com');
      await aClient(t, 'errors.other@example.com');
      const auth = { cookie: admin };
      const cases: Array<[number, InjectOptions]> = [
        [400, { url: '/api/admin/bookings/not-a-uuid', headers: auth }],
        [400, { url: "/api/specialists/1'%20OR%20'1'='1" }],
        [404, { url: `/api/specialists/${UNKNOWN}` }],
        [400, { url: '/api/admin/bookings?cursor=%%%', headers: auth }],
        [400, { url: '/api/admin/bookings?from=2026-13-45', headers: auth }],
        [400, { url: `/api/admin/audit?cursor=${Buffer.from(JSON.stringify(['x', '99999999999999999999'])).toString('base64url')}`, headers: auth }],
        [404, { url: `/api/admin/contacts/${UNKNOWN}/timeline?before=999999999999999999`, headers: auth }],
        [400, { url: '/api/me/messages?limit=99999999999', headers: { cookie: client.cookie } }],
        [409, { method: 'PATCH', url: `/api/admin/contacts/${client.contactId}`, headers: auth, payload: { email: 'errors.other@example.com' } }],
        [400, { method: 'POST', url: '/api/bookings', headers: json, payload: '{"specialistId": ' }],
        [400, { method: 'POST', url: '/api/bookings', headers: json, payload: '{"__proto__": {"isAdmin": true}}' }],
        [400, { method: 'POST', url: '/api/bookings', headers: json, payload: '{"constructor": {"prototype": {"isAdmin": true}}}' }],
        [415, { method: 'POST', url: '/api/bookings', headers: { 'content-type': 'text/plain' }, payload: 'name=x' }],
        [400, { method: 'POST', url: '/api/bookings', payload: { specialistId: kovalIds.get(t)!, startsAt: '2026-02-30T10:00:00+02:00', ...aVisitor() } }],
        [200, { url: "/api/admin/outbox?q=%27%3B%20SELECT%20pg_sleep(1)--", headers: auth }],
        [404, { url: "/booking/confirm?token='%20OR%20'1'='1" }],
        [404, { url: '/api/nothing/here' }],
      ];
      for (const [status, request] of cases) {
        const response = await call(t.app, request);
        expect(response.statusCode, `${request.method ?? 'GET'} ${request.url}`).toBe(status);
        if (status >= 400 && String(request.url).startsWith('/api/')) expect(Object.keys(response.json().error).sort()).toEqual(expect.arrayContaining(['code', 'message']));
      }
    });

    it('caps request bodies: 256 KB for the API, 2 MB for an e-mail template, 413 either way', async () => {
      const admin = cookieOf(await signIn(t, 'admin@clinic.test'));
      const client = await aClient(t, 'big.body@example.com');
      const big = (bytes: number) => JSON.stringify({ notes: 'a'.repeat(bytes) });
      const cases: Array<[string, string, string | undefined, number]> = [
        ['POST', '/api/bookings', undefined, 300 * 1024],
        ['PATCH', '/api/me', client.cookie, 300 * 1024],
        ['POST', '/api/me/messages', client.cookie, 300 * 1024],
        ['POST', '/api/admin/bookings', admin, 300 * 1024],
        ['PUT', '/api/admin/email-templates/magic_link/en', admin, 3 * 1024 * 1024],
      ];
      for (const [method, url, cookie, bytes] of cases) {
        const response = await call(t.app, { method: method as 'POST', url, payload: big(bytes), headers: { ...json, ...(cookie ? { cookie } : {}) } });
        expect(response.statusCode, url).toBe(413);
        expect(response.json().error.code).toBe('body_too_large');
      }
    });

    it('says nothing about the database when it is closed or cannot be reached', async () => {
      const closed = await openEmbeddedDatabase(null);
      await closed.close();
      const unreachable = openServerDatabase({ url: 'postgres://nobody@127.0.0.1:9/none', max: 1 });
      for (const db of [closed.db, unreachable.db]) {
        const broken = await buildApp({ ...t.deps, db });
        const requests: Array<InjectOptions> = [
          { url: '/api/clinic' },
          { url: '/api/me', headers: { cookie: 'cf_session=some-session-token-that-needs-the-database' } },
          { method: 'POST', url: '/api/auth/login', payload: { email: 'manager@clinic.test', password: PASSWORD } },
          { method: 'POST', url: '/api/bookings', payload: { specialistId: kovalIds.get(t)!, startsAt: nextMorning(), ...aVisitor() } },
        ];
        for (const request of requests) {
          const response = await call(broken, request);
          expect(response.statusCode, String(request.url)).toBe(500);
          expect(response.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
        }
        for (const url of ['/booking/confirm?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '/booking/confirmed?id=x']) {
          const page = await call(broken, { url });
          expect(page.statusCode, url).toBe(500);
          expect(page.headers['content-type']).toMatch(/^text\/html/);
        }
        await broken.close();
      }
      await unreachable.close();
    });

    // Known bug: Fastify answers a path it cannot route (bad %-encoding, a parameter over 100
    // characters) itself, before hooks and the error handler: its own error shape, the URL echoed
    // back, and none of helmet's headers. `frameworkErrors` in buildApp would route these through.
    it('answers a malformed or over-long path in the API’s error shape, with the security headers', async () => {
      for (const [status, url] of [[400, '/api/specialists/%E0%A4%A'], [414, `/api/specialists/${'x'.repeat(101)}`]] as const) {
        const response = await call(t.app, { url });
        expect(response.statusCode).toBe(status);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
        expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.not.stringContaining(url) } });
      }
    });

    // Known bug: PostgreSQL refuses NUL in text (22021), and the error handler does not map it, so
    // it is a 500. When it becomes a 400, turn this into a plain `it`.
    it('refuses a NUL character in text input as bad input, not as a server error', async () => {
      const admin = cookieOf(await signIn(t, 'admin@clinic.test'));
      for (const request of [
        { url: '/api/admin/contacts?q=%00', headers: { cookie: admin } },
        { method: 'POST' as const, url: '/api/auth/magic-link', payload: { email: 'a\u0000@example.com' } },
        { method: 'POST' as const, url: '/api/bookings', payload: { specialistId: kovalIds.get(t)!, startsAt: nextMorning(), ...aVisitor({ name: 'Olena\u0000' }) } },
      ]) {
        expect((await call(t.app, request)).statusCode).toBe(400);
      }
    });
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_8AM, env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => t.close());

  const PROXY = '10.0.0.5';
  const askViaProxy = (forwardedFor: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/magic-link', remoteAddress: PROXY, headers: { 'x-forwarded-for': forwardedFor }, payload: { email: 'olena@example.com' } });

  it('limits each client by the address the proxy saw, not the proxy’s own, and believes only the proxy’s hop', async () => {
    for (let i = 0; i < 5; i += 1) expect((await askViaProxy('198.51.100.7')).statusCode).toBe(202);
    expect((await askViaProxy('198.51.100.7')).statusCode).toBe(429);
    // A client who writes their own X-Forwarded-For: the proxy appends the address it saw, and only that is believed.
    expect((await askViaProxy('203.0.113.99, 198.51.100.7')).statusCode).toBe(429);
    // Another patient behind the same proxy has an allowance of their own.
    expect((await askViaProxy('198.51.100.8')).statusCode).toBe(202);
  });
});
