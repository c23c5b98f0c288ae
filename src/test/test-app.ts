import type { LightMyRequestResponse } from 'fastify';
import { createStaffUser } from '../accounts/staff-service.js';
import type { StaffRole } from '../accounts/staff-repository.js';
import type { App, AppDeps } from '../app-deps.js';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { DatabaseHandle } from '../db/engine.js';
import type { MailTransport } from '../mail/smtp-transport.js';
import { createSystem, type System } from '../system.js';
import { startWorker } from '../worker.js';
import { openTestDatabase } from './test-database.js';

/** A clock the story moves by hand: `clock.set('2026-12-07T09:00:00+02:00')`. */
export class TestClock {
  private current: Date;
  constructor(start: string | Date) {
    this.current = new Date(start);
  }
  now = (): Date => new Date(this.current);
  set(at: string | Date): void {
    this.current = new Date(at);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface TestApp {
  app: App;
  deps: AppDeps;
  system: System;
  handle: DatabaseHandle;
  config: Config;
  clock: TestClock;
  /** Starts the worker (delivery, holds, reminders); sweeps run when the test calls `sweep`. */
  startWorker(): Promise<void>;
  /** Signs a new staff member in and returns the Cookie header to send. */
  staffCookie(role?: StaffRole, email?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: string;
  env?: Record<string, string>;
  /** Where e-mails go; by default none (the mailbox). */
  transport?: MailTransport | null;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const handle = await openTestDatabase();
  const config = loadConfig({ CLINIC_TIMEZONE: 'Europe/Kyiv', PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>', ...options.env });
  const clock = new TestClock(options.now ?? '2026-12-07T08:00:00+02:00');
  const system = await createSystem({
    handle,
    config,
    now: clock.now,
    transport: options.transport ?? null,
    // Retries come quickly in tests; a lost job is taken back after 2 seconds.
    queuePolicies: { 'send-email': { retryDelaySeconds: 1, expireInSeconds: 2 }, 'deliver-webhook': { retryDelaySeconds: 1, expireInSeconds: 2 } },
    maintenanceIntervalSeconds: 1,
  });
  const app = await buildApp(system.deps);
  let stopWorker: (() => Promise<void>) | null = null;
  let staffCount = 0;
  return {
    app,
    deps: system.deps,
    system,
    handle,
    config,
    clock,
    async startWorker() {
      stopWorker = await startWorker(system, { sweepEveryMs: 3_600_000, pollingIntervalSeconds: 0.5, onError: (err) => console.error(err) });
    },
    async staffCookie(role: StaffRole = 'admin', email?: string) {
      staffCount += 1;
      const address = email ?? `${role}${staffCount}@clinic.test`;
      await createStaffUser(handle.db, { email: address, password: 'correct horse battery', role });
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: address, password: 'correct horse battery' } });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
      return cookieFrom(response);
    },
    async close() {
      await app.close();
      await stopWorker?.();
      await system.close();
      await handle.close();
    },
  };
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'cf_session');
  if (!cookie) throw new Error('no session cookie was set');
  return `cf_session=${cookie.value}`;
}
