import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { PgliteDialect } from './pglite-driver.js';
import { preparingPool } from './prepared-statements.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** Runs a multi-statement SQL script (the simple query protocol) and returns the last statement's rows. */
export type ScriptRunner = (script: string) => Promise<Record<string, unknown>[]>;

export interface DatabaseHandle {
  db: Db;
  engine: 'embedded' | 'server';
  /** Where the job queue keeps its tables: beside the app's own schema, so two schemas never share jobs. */
  queueSchema: string;
  /** Gives `fn` one session for scripts such as migrations, which Kysely's prepared statements can't run. */
  withScriptSession<T>(fn: (run: ScriptRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Both engines hand back `date` as 'YYYY-MM-DD' (never a Date at local midnight, which shifts
// across time zones) and bigint counts as strings; timestamptz stays a Date.
const DATE_OID = 1082;
const INT8_OID = 20;

/** The embedded directory is already used by another running process. */
export class DataDirectoryInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is already used by another Clinicflow process. ` +
        'Stop that process first; to run several processes, use a PostgreSQL server (DATABASE_URL).',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

export interface ServerOptions {
  url: string;
  /** Put every table into this schema (tests use one schema per run). */
  schema?: string;
  max?: number;
}

export function openServerDatabase(options: ServerOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    // Prepared statements (prepared-statements.ts) save parsing, and planning where PostgreSQL
    // finds a generic plan as good; a queue's locking read is never prepared.
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID || oid === INT8_OID ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not take the process down.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return {
    db,
    engine: 'server',
    queueSchema: options.schema ? `${options.schema}_queue` : 'pgboss',
    withScriptSession: async (fn) => {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        return await fn(async (script) => {
          try {
            const result = (await client.query(script)) as unknown as pg.QueryResult | pg.QueryResult[];
            const last = Array.isArray(result) ? result[result.length - 1] : result;
            return (last?.rows ?? []) as Record<string, unknown>[];
          } catch (err) {
            failed = err as Error;
            throw err;
          }
        });
      } finally {
        // A client whose script failed may be inside an aborted transaction: destroy it, never reuse it.
        client.release(failed);
      }
    },
    close: () => db.destroy(),
  };
}

async function createPglite(dataDir: string | undefined): Promise<PGlite> {
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { btree_gist, pg_trgm },
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => value },
  });
}

/**
 * Opens the embedded engine. A data directory belongs to one process: two PGlite processes
 * on one directory were measured losing about a third of their acknowledged commits, so a
 * second process is refused here, before it touches any file.
 */
function embeddedHandle(pglite: PGlite, onClose: () => Promise<void>): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
  return {
    db,
    engine: 'embedded',
    queueSchema: 'pgboss',
    // Scripts hold Kysely's only connection, so they can never land inside an app transaction;
    // a failed script's transaction is rolled back so the one session stays usable. Inside
    // `fn`, use only `run`: a Kysely query there would wait for the connection held here.
    withScriptSession: (fn) =>
      db.connection().execute(() =>
        fn(async (script) => {
          try {
            const results = await pglite.exec(script);
            return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
          } catch (err) {
            await pglite.exec('ROLLBACK').catch(() => undefined);
            throw err;
          }
        }),
      ),
    close: async () => {
      await db.destroy();
      await onClose();
    },
  };
}

export async function openEmbeddedDatabase(dataDir: string | null): Promise<DatabaseHandle> {
  if (dataDir === null) return embeddedHandle(await createPglite(undefined), async () => undefined);
  fs.mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'clinicflow.lock'),
      // A process killed with SIGKILL leaves the lock behind; it goes stale after 10 s.
      stale: 10_000,
      update: 2_000,
      onCompromised: (err) => {
        console.error(`Lost the lock on ${dataDir}: ${err.message}. Stopping to protect the data.`);
        process.exit(1);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirectoryInUseError(dataDir);
    throw err;
  }
  try {
    return embeddedHandle(await createPglite(path.join(dataDir, 'pgdata')), release);
  } catch (err) {
    await release();
    throw err;
  }
}

export async function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<DatabaseHandle> {
  return config.databaseUrl ? openServerDatabase({ url: config.databaseUrl }) : openEmbeddedDatabase(config.dataDir);
}
