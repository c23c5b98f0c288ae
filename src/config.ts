import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { DateTime } from 'luxon';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** A PostgreSQL server; null means the embedded engine under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  clinicTimezone: string;
  admin: { email: string; password: string } | null;
  /** null: decide at start (true on an empty embedded database). */
  seedDemo: boolean | null;
  holdMinutes: number;
  clientChangeCutoffHours: number;
  smtpUrl: string | null;
  /** Bookings one address may make per minute. */
  bookingRateLimit: number;
  /**
   * Which reverse proxies to believe about the client's address (X-Forwarded-For): none (false),
   * all (true), the nearest N, or those at these addresses and networks.
   */
  trustProxy: boolean | number | string[];
  /** The sender of every e-mail, e.g. `"Clinic" <no-reply@clinic.example>`. */
  mailFrom: string;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  /** Minutes before an appointment when reminders go out, largest first; empty: no reminders. */
  reminderOffsetsMinutes: number[];
  logLevel: string;
  /** Webhook delivery: the first retry's delay (each next one about doubles), and whether http and private-network targets are allowed. */
  webhooks: { retryBaseSeconds: number; allowPrivateTargets: boolean };
}

/** A configuration mistake, named by the variable at fault, so `serve` can say exactly what to fix. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `expected a number from ${min} to ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string): boolean | null {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return null;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

/** An IPv4 or IPv6 address, or a network in CIDR form (10.0.0.0/8, fd00::/8). */
function isAddressOrNetwork(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function trustProxy(env: Env): boolean | number | string[] {
  const raw = text(env, 'TRUST_PROXY');
  if (raw === undefined) return false;
  const lower = raw.toLowerCase();
  if (['true', 'yes'].includes(lower)) return true;
  if (['false', 'no', '0'].includes(lower)) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `expected at most 10 proxies in front of the app, got ${hops}`);
    return hops;
  }
  const addresses = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const wrong = addresses.find((part) => !isAddressOrNetwork(part));
  if (wrong !== undefined || addresses.length === 0) {
    throw new ConfigError(
      'TRUST_PROXY',
      `expected true, false, how many proxies are in front of the app, or their addresses (e.g. 10.0.0.1,10.0.0.0/8); "${wrong ?? raw}" is none of these`,
    );
  }
  return addresses;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function mailFrom(env: Env, publicUrl: string): string {
  const raw = text(env, 'MAIL_FROM');
  if (raw === undefined) return `no-reply@${new URL(publicUrl).hostname === 'localhost' ? 'localhost.localdomain' : new URL(publicUrl).hostname}`;
  if (/[\r\n]/.test(raw) || !/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(raw)) {
    throw new ConfigError('MAIL_FROM', `"${raw}" is not an address such as no-reply@clinic.example or "Clinic" <no-reply@clinic.example>`);
  }
  return raw;
}

/** `24h,2h` (or minutes: `90m`) → [1440, 120]; empty turns reminders off. */
function reminderOffsets(env: Env): number[] {
  const raw = env.REMINDER_OFFSETS;
  if (raw === undefined) return [24 * 60, 2 * 60];
  if (raw.trim() === '') return [];
  const offsets = raw.split(',').map((part) => {
    const match = /^\s*(\d{1,4})\s*([hm])\s*$/.exec(part);
    if (!match) throw new ConfigError('REMINDER_OFFSETS', `"${part.trim()}" is not like 24h or 90m`);
    const minutes = Number(match[1]) * (match[2] === 'h' ? 60 : 1);
    if (minutes < 1 || minutes > 30 * 24 * 60) throw new ConfigError('REMINDER_OFFSETS', `"${part.trim()}" must be between 1m and 720h`);
    return minutes;
  });
  return [...new Set(offsets)].sort((a, b) => b - a);
}

/** Reads and checks every setting; throws a ConfigError naming the first variable at fault. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const port = integer(env, 'PORT', 3000, 1, 65535);
  const publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']) ?? null;

  const clinicTimezone = text(env, 'CLINIC_TIMEZONE') ?? 'Europe/Kyiv';
  if (!DateTime.local().setZone(clinicTimezone).isValid) {
    throw new ConfigError('CLINIC_TIMEZONE', `"${clinicTimezone}" is not an IANA time zone such as Europe/Kyiv`);
  }

  const adminEmail = text(env, 'ADMIN_EMAIL');
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminEmail !== undefined && !adminPassword) {
    throw new ConfigError('ADMIN_PASSWORD', 'is required when ADMIN_EMAIL is set');
  }
  if (adminPassword && adminEmail === undefined) {
    throw new ConfigError('ADMIN_EMAIL', 'is required when ADMIN_PASSWORD is set');
  }
  if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('ADMIN_EMAIL', `"${adminEmail}" is not an e-mail address`);
  }
  if (adminPassword && adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters long');
  }

  const dkimDomain = text(env, 'DKIM_DOMAIN');
  const dkimSelector = text(env, 'DKIM_SELECTOR');
  const dkimKeyFile = text(env, 'DKIM_PRIVATE_KEY_FILE');
  let dkim: Config['dkim'] = null;
  if (dkimDomain || dkimSelector || dkimKeyFile) {
    if (!dkimDomain) throw new ConfigError('DKIM_DOMAIN', 'is required when DKIM_SELECTOR or DKIM_PRIVATE_KEY_FILE is set');
    if (!dkimSelector) throw new ConfigError('DKIM_SELECTOR', 'is required when DKIM_DOMAIN is set');
    if (!dkimKeyFile) throw new ConfigError('DKIM_PRIVATE_KEY_FILE', 'is required when DKIM_DOMAIN is set');
    let privateKey: string;
    try {
      privateKey = fs.readFileSync(path.resolve(cwd, dkimKeyFile), 'utf8');
    } catch {
      throw new ConfigError('DKIM_PRIVATE_KEY_FILE', `cannot read ${dkimKeyFile}`);
    }
    if (!privateKey.includes('PRIVATE KEY')) throw new ConfigError('DKIM_PRIVATE_KEY_FILE', `${dkimKeyFile} is not a PEM private key`);
    dkim = { domainName: dkimDomain, keySelector: dkimSelector, privateKey };
  }

  return {
    port,
    host: text(env, 'HOST') ?? '0.0.0.0',
    publicUrl,
    databaseUrl,
    dataDir: path.resolve(cwd, text(env, 'DATA_DIR') ?? 'data'),
    clinicTimezone,
    admin: adminEmail !== undefined && adminPassword ? { email: adminEmail, password: adminPassword } : null,
    seedDemo: flag(env, 'SEED_DEMO'),
    holdMinutes: integer(env, 'HOLD_MINUTES', 60, 1, 7 * 24 * 60),
    clientChangeCutoffHours: integer(env, 'CLIENT_CHANGE_CUTOFF_HOURS', 5, 0, 24 * 14),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']) ?? null,
    bookingRateLimit: integer(env, 'BOOKING_RATE_LIMIT', 20, 1, 100_000),
    trustProxy: trustProxy(env),
    mailFrom: mailFrom(env, publicUrl),
    dkim,
    reminderOffsetsMinutes: reminderOffsets(env),
    logLevel: text(env, 'LOG_LEVEL') ?? 'info',
    webhooks: {
      retryBaseSeconds: integer(env, 'WEBHOOK_RETRY_BASE_SECONDS', 30, 1, 3600),
      allowPrivateTargets: flag(env, 'WEBHOOKS_ALLOW_PRIVATE_TARGETS') ?? false,
    },
  };
}
