import { parseArgs } from 'node:util';
import { ensureAdministrator, createStaffUser } from './accounts/staff-service.js';
import { buildApp } from './app.js';
import { runAuditCommand } from './audit/audit-cli.js';
import { runApiKeyCommand } from './integrations/api-key-cli.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DataDirectoryInUseError, openDatabase, type DatabaseHandle } from './db/engine.js';
import { migrate } from './db/migrate.js';
import { databaseIsEmpty, seedDemoData } from './demo/demo-seed.js';
import { AppError } from './http/errors.js';
import { createSystem, type System } from './system.js';
import { startWorker } from './worker.js';

const USAGE = `Usage: clinicflow <command>

Commands:
  serve                                   Run the web app and API, with the worker inside (npm start)
  worker                                  Run only the worker: e-mails, reminders, hold expiry
                                          (several at once need a PostgreSQL server)
  migrate                                 Apply database migrations
  seed                                    Load the demo clinic into an empty database
  audit verify                            Check the audit log's hash chain (exit 1 when broken)
  admin create --email E --password P [--role admin|manager] [--name N]
                                          Create a staff account
  apikey create --name N [--scope read,write]
                                          Make an API key for an integration (printed once)
  apikey list | apikey revoke --id ID     See API keys and when each was last used; revoke one

Configuration comes from environment variables; see README.md.`;

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

/** Opens the database, migrates, and loads the demo into an empty one when asked to. */
async function startSystem(config: Config, log: (err: unknown) => void): Promise<System> {
  const handle = await openMigrated(config);
  try {
    const system = await createSystem({ handle, config, onError: log });
    const seed = config.seedDemo ?? handle.engine === 'embedded';
    if (seed && (await databaseIsEmpty(handle.db))) {
      await seedDemoData(system.deps, { now: new Date() });
      console.log('Loaded the demo clinic (SEED_DEMO=false turns this off).');
    }
    if (config.admin && (await ensureAdministrator(handle.db, config.admin)) === 'created') {
      console.log(`Created the administrator ${config.admin.email}.`);
    }
    return system;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

async function serve(config: Config): Promise<number> {
  const system = await startSystem(config, (err) => console.error('background error', err));
  const app = await buildApp(system.deps, { logger: { level: config.logLevel } });
  const stopWorker = await startWorker(system, { sweepEveryMs: 30_000, onError: (err) => app.log.error({ err }, 'worker failed') });
  stopOnSignal(async () => {
    await app.close();
    await stopWorker();
    await system.close();
    await system.handle.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const where = system.handle.engine === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server';
  const mail = system.transport ? 'e-mail over SMTP' : 'e-mails kept in the staff mailbox (no SMTP_URL)';
  console.log(`Clinicflow is running on ${config.publicUrl} (${where}; ${mail})`);
  return new Promise<number>(() => undefined);
}

async function runWorker(config: Config): Promise<number> {
  const system = await startSystem(config, (err) => console.error('background error', err));
  const stopWorker = await startWorker(system, { sweepEveryMs: 30_000, onError: (err) => console.error('worker failed', err) });
  stopOnSignal(async () => {
    await stopWorker();
    await system.close();
    await system.handle.close();
  });
  console.log(`Clinicflow worker is running (${system.transport ? 'SMTP' : 'mailbox only'})`);
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
    const system = await createSystem({ handle, config });
    await seedDemoData(system.deps, { now: new Date() });
    await system.close();
    console.log('Loaded the demo clinic; its e-mails are in the outbox.');
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
      case 'worker':
        return await runWorker(config);
      case 'migrate':
        return await runMigrate(config);
      case 'seed':
        return await runSeed(config);
      case 'admin':
        return await runAdmin(config, rest);
      case 'audit':
        return await runAuditCommand(rest, () => openMigrated(config));
      case 'apikey':
        return await runApiKeyCommand(rest, () => openMigrated(config));
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
