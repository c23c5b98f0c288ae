import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app-deps.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/engine.js';
import { createSystem, type System } from '../system.js';
import { TestClock } from '../test/test-app.js';
import { openTestDatabase } from '../test/test-database.js';
import { forgetEndedWindows } from './rate-limit-repository.js';

// Two apps on one database, as two `serve` processes on one PostgreSQL server are: each has a
// rate-limit plugin of its own, so limits kept in memory would grant each the full allowance.
describe('per-address limits counted in the database', () => {
  let handle: DatabaseHandle;
  let system: System;
  let apps: App[];
  const clock = new TestClock('2026-12-07T08:00:00+02:00');

  beforeAll(async () => {
    handle = await openTestDatabase();
    const config = loadConfig({ CLINIC_TIMEZONE: 'Europe/Kyiv', PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>' });
    system = await createSystem({ handle, config, now: clock.now, transport: null });
    apps = [await buildApp({ ...system.deps, rateLimits: 'database' }), await buildApp({ ...system.deps, rateLimits: 'database' })];
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await system.close();
    await handle.close();
  });

  const askForLink = (app: App, ip: string) => app.inject({ method: 'POST', url: '/api/auth/magic-link', remoteAddress: ip, payload: { email: 'olena@example.com' } });

  it('grant one allowance between the processes, per address and per route, and start again when the window ends', async () => {
    const ip = '198.51.100.20';
    // Five sign-in links per 15 minutes, asked of either process in turn.
    for (let i = 0; i < 5; i += 1) expect((await askForLink(apps[i % 2]!, ip)).statusCode).toBe(202);
    const blocked = await askForLink(apps[1]!, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    expect((await askForLink(apps[0]!, ip)).statusCode).toBe(429);

    // Another address has an allowance of its own, and another route a count of its own.
    expect((await askForLink(apps[0]!, '198.51.100.21')).statusCode).toBe(202);
    const signIn = await apps[1]!.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email: 'nobody@clinic.test', password: 'wrong' } });
    expect(signIn.statusCode).toBe(401);

    clock.advanceMinutes(10);
    const later = await askForLink(apps[1]!, ip);
    expect(later.statusCode).toBe(429);
    expect(Number(later.headers['retry-after'])).toBe(5 * 60);
    clock.advanceMinutes(5);
    expect((await askForLink(apps[0]!, ip)).statusCode).toBe(202);

    // The worker's sweep forgets the windows that have ended, and only those.
    clock.advanceMinutes(15);
    expect((await askForLink(apps[0]!, '198.51.100.22')).statusCode).toBe(202);
    expect(await forgetEndedWindows(handle.db, clock.now())).toBe(3);
    const left = await handle.db.selectFrom('rate_limit_windows').select('key').execute();
    expect(left.map((row) => row.key)).toEqual(['POST /api/auth/magic-link 198.51.100.22']);
  });
});
