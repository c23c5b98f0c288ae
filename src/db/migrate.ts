import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from './engine.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

// Any number will do as long as it is stable: it keeps two servers from migrating at once.
const MIGRATION_LOCK = 727_274_001;

/**
 * Applies the numbered SQL files in migrations/ that this database has not seen, each in
 * its own transaction, in order, and returns the versions it applied. Forward-only: a file,
 * once applied, is never edited.
 */
export async function migrate(handle: DatabaseHandle, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await fs.readdir(dir)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  return handle.withScriptSession(async (run) => {
    await run(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await run('SELECT version FROM schema_migrations')).map((row) => String(row.version)));
      const applied: string[] = [];
      for (const file of files) {
        const version = file.replace(/\.sql$/, '');
        if (done.has(version)) continue;
        const body = await fs.readFile(path.join(dir, file), 'utf8');
        // The version comes from a file name matched above, so it is safe to inline.
        await run(`BEGIN;\n${body}\n;\nINSERT INTO schema_migrations (version) VALUES ('${version}');\nCOMMIT;`);
        applied.push(version);
      }
      return applied;
    } catch (err) {
      await run('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await run(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}
