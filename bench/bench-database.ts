// The database a benchmark runs against: an in-memory PGlite, or a fresh schema of its own on the
// PostgreSQL server named by BENCH_DATABASE_URL, dropped afterwards with its job queue's schema.
import { randomBytes } from 'node:crypto';
import { openEmbeddedDatabase, openServerDatabase, type DatabaseHandle } from '../src/db/engine.js';
import { migrate } from '../src/db/migrate.js';
import { createServerSchema } from '../src/test/test-database.js';

export type Engine = 'embedded' | 'server';

export interface BenchDatabase {
  handle: DatabaseHandle;
  /** The last migration applied. */
  migration: string;
  /** Drops the benchmark's schemas (server); nothing to do for the in-memory engine. */
  drop(): Promise<void>;
}

export interface BenchDatabaseOptions {
  /** How to migrate it; all migrations by default. Returns the last one applied. */
  migrate?: (handle: DatabaseHandle) => Promise<string>;
  /** The server pool's size; `serve`'s default (10) unless said. */
  max?: number;
}

const migrateAll = async (handle: DatabaseHandle): Promise<string> => (await migrate(handle)).at(-1) ?? '';

export async function openBenchDatabase(engine: Engine, options: BenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const migrateIt = options.migrate ?? migrateAll;
  if (engine === 'embedded') {
    const handle = await openEmbeddedDatabase(null);
    return { handle, migration: await migrateIt(handle), drop: async () => undefined };
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is not set');
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await createServerSchema(url, schema);
  const handle = openServerDatabase({ url, schema, ...(options.max ? { max: options.max } : {}) });
  const migration = await migrateIt(handle);
  return {
    handle,
    migration,
    drop: async () => {
      const cleanup = openServerDatabase({ url, max: 1 });
      await cleanup.withScriptSession((run) => run(`DROP SCHEMA IF EXISTS ${handle.queueSchema} CASCADE; DROP SCHEMA ${schema} CASCADE`));
      await cleanup.close();
    },
  };
}
