import { parseArgs } from 'node:util';
import { ensureAdministrator, createStaffUser } from './accounts/staff-service.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DataDirectoryInUseError, openDatabase, type DatabaseHandle } from './db/engine.js';
import { migrate } from './db/migrate.js';
import { databaseIsEmpty, seedDemoData } from './demo/demo-seed.js';
import { AppError } from './http/errors.js';
import { startHoldSweeper } from './scheduling/hold-sweeper.js';

const USAGE = `Usage: clinicflow <command>

Commands:
  serve                                   Run the web app and API (npm start)
  migrate                                 Apply database migrations
  seed                                    Load the demo clinic into an empty database
  admin create --email E --password P [--role admin|manager] [--name N]
                                          Create a staff account

Configuration comes from environment variables; see README.md.`;

function bookingSettings(config: Config) {
  return { timezone: config.clinicTimezone, holdMinutes: config.holdMinutes, clientChangeCutoffHours: config.clientChangeCutoffHours };
}

async function openMigrated(config: Config): Promise<DatabaseHandle> {
  const handle = await openDatabase(config);
  try {
    const applied = await migrate(handle);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

async function serve(config: Config): Promise<number> {
  const handle = await openMigrated(config);
  const now = (): Date => new Date();
  const seed = config.seedDemo ?? handle.engine === 'embedded';
  if (seed && (await databaseIsEmpty(handle.db))) {
    await seedDemoData(handle.db, { timezone: config.clinicTimezone, now: now(), booking: bookingSettings(config) });
    console.log('Loaded the demo clinic (SEED_DEMO=false turns this off).');
  }
  if (config.admin) {
    const result = await ensureAdministrator(handle.db, config.admin);
    if (result === 'created') console.log(`Created the administrator ${config.admin.email}.`);
  }
  const app = await buildApp({ db: handle.db, config, now, booking: bookingSettings(config) }, { logger: { level: config.logLevel } });
  const stopSweeper = startHoldSweeper({ db: handle.db, now, everyMs: 30_000, onError: (err) => app.log.error({ err }, 'hold sweep failed') });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: stopping`);
    await stopSweeper();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  console.log(`Clinicflow is running on ${config.publicUrl} (${handle.engine === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'})`);
  return new Promise<number>(() => undefined);
}

async function runMigrate(config: Config): Promise<number> {
  const handle = await openMigrated(config);
  await handle.close();
  console.log('The database is up to date.');
  return 0;
}

async function runSeed(config: Config): Promise<number> {
  const handle = await openMigrated(config);
  try {
    if (!(await databaseIsEmpty(handle.db))) {
      console.error('The database already has a clinic; the demo is loaded only into an empty one.');
      return 1;
    }
    await seedDemoData(handle.db, { timezone: config.clinicTimezone, now: new Date(), booking: bookingSettings(config) });
    console.log('Loaded the demo clinic.');
    return 0;
  } finally {
    await handle.close();
  }
}

async function runAdmin(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', default: 'admin' }, name: { type: 'string' } },
  });
  if (positionals[0] !== 'create' || !values.email || !values.password) {
    console.error('Usage: clinicflow admin create --email E --password P [--role admin|manager] [--name N]');
    return 2;
  }
  if (values.role !== 'admin' && values.role !== 'manager') {
    console.error('--role must be admin or manager');
    return 2;
  }
  if (values.password.length < 8) {
    console.error('--password must be at least 8 characters long');
    return 2;
  }
  const handle = await openMigrated(config);
  try {
    const user = await createStaffUser(handle.db, { email: values.email, password: values.password, role: values.role, ...(values.name ? { name: values.name } : {}) });
    console.log(`Created ${user.role} ${user.email}.`);
    return 0;
  } finally {
    await handle.close();
  }
}

/** Runs one command and returns the process exit code; clear messages instead of stack traces for known failures. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const config = loadConfig();
    switch (command) {
      case 'serve':
        return await serve(config);
      case 'migrate':
        return await runMigrate(config);
      case 'seed':
        return await runSeed(config);
      case 'admin':
        return await runAdmin(config, rest);
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      return 2;
    }
    if (err instanceof DataDirectoryInUseError || err instanceof AppError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
