import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { App } from '../src/app-deps.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openEmbeddedDatabase } from '../src/db/engine.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemoData } from '../src/demo/demo-seed.js';
import { createSmtpTransport } from '../src/mail/smtp-transport.js';
import { createSystem, type System } from '../src/system.js';
import { startSmtpSink, type SmtpSink } from '../src/test/smtp-sink.js';
import { startWorker } from '../src/worker.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Browser stories skipped: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does).`);

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };
const SCREENSHOTS = path.resolve('test-results/screenshots');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Clinic {
  baseUrl: string;
  app: App;
  system: System;
  sink: SmtpSink;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) sized like a phone or a desktop, in one language. */
  newPage(options?: { viewport?: { width: number; height: number }; locale?: 'uk' | 'en' }): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs staff in over the API and returns the Cookie header. */
  staffCookie(): Promise<string>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A whole clinic for one story: its own embedded database with the demo clinic, the real server
 * on a loopback port, an SMTP server that receives its e-mails, and Debian's Chromium.
 */
export async function startClinic(): Promise<Clinic> {
  const sink = await startSmtpSink();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const handle = await openEmbeddedDatabase(null);
  await migrate(handle);
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    CLINIC_TIMEZONE: 'Europe/Kyiv',
    MAIL_FROM: 'Clinic <no-reply@clinic.test>',
    ADMIN_EMAIL: 'admin@clinic.test',
    ADMIN_PASSWORD: 'correct horse battery',
    BOOKING_RATE_LIMIT: '1000',
  });
  const system = await createSystem({ handle, config, transport: createSmtpTransport({ url: sink.url, dkim: null }) });
  await seedDemoData(system.deps, { now: new Date() });
  const { ensureAdministrator } = await import('../src/accounts/staff-service.js');
  await ensureAdministrator(handle.db, config.admin!);
  const app = await buildApp(system.deps);
  await app.listen({ port, host: '127.0.0.1' });
  const stopWorker = await startWorker(system, { sweepEveryMs: 60_000, onError: (err) => console.error(err) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    baseUrl,
    app,
    system,
    sink,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? DESKTOP,
        locale: options.locale === 'en' ? 'en-GB' : 'uk-UA',
        timezoneId: 'Europe/Kyiv',
        // axe-core is injected as a script; the app's CSP (rightly) refuses inline scripts.
        bypassCSP: true,
      });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error(`page error on ${page.url()}: ${err.message}`));
      return { context, page };
    },
    async staffCookie() {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@clinic.test', password: 'correct horse battery' } });
      const cookie = response.cookies.find((c) => c.name === 'cf_session');
      if (!cookie) throw new Error(`staff login failed: ${response.body}`);
      return `cf_session=${cookie.value}`;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await app.close();
      await stopWorker();
      await system.close();
      await handle.close();
      await sink.close();
    },
  };
}

const require = createRequire(import.meta.url);

/** Runs axe-core in the page and returns the serious and critical violations, described. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Judge the page as a person sees it once it has loaded, not half-way through its requests.
  await page.waitForLoadState('networkidle');
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  // A string, so this Node-side file needs no DOM types.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  })()`)) as Array<{ id: string; impact: string | null; help: string; targets: string[] }>;

  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

/** The first link to `path` in an e-mail's text. */
export function linkIn(text: string | undefined, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[/?]/g, (c) => `\\${c}`)}[^\\s]*`).exec(text ?? '');
  if (!match) throw new Error(`no link to ${pathPrefix} in: ${text}`);
  return match[0];
}
