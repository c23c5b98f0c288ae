import { randomBytes } from 'node:crypto';
import { openEmbeddedDatabase, openServerDatabase, type DatabaseHandle } from '../db/engine.js';
import { migrate } from '../db/migrate.js';

/**
 * A migrated database of its own for one test file: an in-memory PGlite by default, or a fresh
 * schema on the server named by TEST_DATABASE_URL (CI runs the `db` tests on both).
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await openEmbeddedDatabase(null);
    await migrate(handle);
    return handle;
  }
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await createServerSchema(url, schema);
  const handle = openServerDatabase({ url, schema, max: 20 });
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = openServerDatabase({ url, max: 1 });
      await cleanup.withScriptSession((run) => run(`DROP SCHEMA IF EXISTS ${handle.queueSchema} CASCADE; DROP SCHEMA ${schema} CASCADE`));
      await cleanup.close();
    },
  };
}

/**
 * Creates an empty schema on the server, with the extensions the migrations need created in
 * `public`, so that dropping the schema does not take them along.
 */
export async function createServerSchema(url: string, schema: string): Promise<void> {
  const admin = openServerDatabase({ url, max: 1 });
  try {
    await admin.withScriptSession(async (run) => {
      await run(`CREATE SCHEMA ${schema}`);
      // Test files (and benchmark processes) start in parallel; two creating an extension at once may collide, and one is enough.
      await run('CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public').catch(() => undefined);
      await run('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public').catch(() => undefined);
    });
  } finally {
    await admin.close();
  }
}

export const usingServer = (): boolean => Boolean(process.env.TEST_DATABASE_URL);
