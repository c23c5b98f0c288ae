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
  logLevel: string;
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
    logLevel: text(env, 'LOG_LEVEL') ?? 'info',
  };
}
