import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('starts a newcomer with sensible defaults', () => {
    const config = loadConfig({}, '/srv/clinic');
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: null,
      dataDir: '/srv/clinic/data',
      clinicTimezone: 'Europe/Kyiv',
      admin: null,
      seedDemo: null,
      holdMinutes: 60,
      clientChangeCutoffHours: 5,
      smtpUrl: null,
      bookingRateLimit: 20,
      trustProxy: false,
      webhooks: { retryBaseSeconds: 30, allowPrivateTargets: false },
    });
  });

  it.each([
    ['true', true],
    ['no', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    [' 10.0.0.1 , 10.0.0.0/8,fd00::/8 ', ['10.0.0.1', '10.0.0.0/8', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as %o', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }, '/').trustProxy).toEqual(expected);
  });

  it('reads every variable a clinic sets', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        PUBLIC_URL: 'https://clinic.example/',
        DATABASE_URL: 'postgres://clinic@db:5432/clinic',
        DATA_DIR: '/var/lib/clinicflow',
        CLINIC_TIMEZONE: 'Europe/Warsaw',
        ADMIN_EMAIL: 'admin@clinic.example',
        ADMIN_PASSWORD: 'long enough',
        SEED_DEMO: 'false',
        HOLD_MINUTES: '30',
        CLIENT_CHANGE_CUTOFF_HOURS: '24',
        SMTP_URL: 'smtps://user:pass@mail.example:465',
        WEBHOOK_RETRY_BASE_SECONDS: '60',
        WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
      },
      '/',
    );
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://clinic.example',
      databaseUrl: 'postgres://clinic@db:5432/clinic',
      dataDir: '/var/lib/clinicflow',
      clinicTimezone: 'Europe/Warsaw',
      admin: { email: 'admin@clinic.example', password: 'long enough' },
      seedDemo: false,
      holdMinutes: 30,
      clientChangeCutoffHours: 24,
      smtpUrl: 'smtps://user:pass@mail.example:465',
      webhooks: { retryBaseSeconds: 60, allowPrivateTargets: true },
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_URL: 'clinic.example' }, 'PUBLIC_URL'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL'],
    [{ CLINIC_TIMEZONE: 'Mars/Olympus' }, 'CLINIC_TIMEZONE'],
    [{ ADMIN_EMAIL: 'admin@clinic.example' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_PASSWORD: 'long enough' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'not-an-address', ADMIN_PASSWORD: 'long enough' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ HOLD_MINUTES: '-5' }, 'HOLD_MINUTES'],
    [{ CLIENT_CHANGE_CUTOFF_HOURS: '5.5' }, 'CLIENT_CHANGE_CUTOFF_HOURS'],
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
    [{ BOOKING_RATE_LIMIT: '0' }, 'BOOKING_RATE_LIMIT'],
    [{ WEBHOOK_RETRY_BASE_SECONDS: '0' }, 'WEBHOOK_RETRY_BASE_SECONDS'],
    [{ WEBHOOK_RETRY_BASE_SECONDS: '2 minutes' }, 'WEBHOOK_RETRY_BASE_SECONDS'],
    [{ WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'sometimes' }, 'WEBHOOKS_ALLOW_PRIVATE_TARGETS'],
    [{ TRUST_PROXY: 'nginx' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1,' + 'proxy.internal' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '11' }, 'TRUST_PROXY'],
  ])('refuses %o, naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env, '/');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(new RegExp(`^${variable}: `));
  });
});
