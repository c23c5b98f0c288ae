import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase, usingServer } from '../test/test-database.js';
import { DataDirectoryInUseError, openEmbeddedDatabase } from './engine.js';
import { migrate } from './migrate.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinicflow-engine-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the embedded database belongs to one process', () => {
  it('keeps data across a restart, applies migrations once, and refuses a second opener while the first keeps working', async () => {
    const dataDir = tempDir();
    const first = await openEmbeddedDatabase(dataDir);
    expect(await migrate(first)).toContain('0001_booking_core');
    await first.db.insertInto('contacts').values({ email: 'kept@example.com', name: 'Kept' }).execute();

    await expect(openEmbeddedDatabase(dataDir)).rejects.toBeInstanceOf(DataDirectoryInUseError);

    // Another process is refused too, with a message that says what to do.
    const cli = spawnSync(process.execPath, [path.resolve('bin/clinicflow.js'), 'migrate'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/already used by another Clinicflow process/);

    const stillThere = await first.db.selectFrom('contacts').select('email').execute();
    expect(stillThere).toEqual([{ email: 'kept@example.com' }]);
    await first.close();

    const reopened = await openEmbeddedDatabase(dataDir);
    expect(await migrate(reopened)).toEqual([]);
    expect(await reopened.db.selectFrom('contacts').select('email').execute()).toEqual([{ email: 'kept@example.com' }]);
    await reopened.close();
  });
});

describe.runIf(usingServer())('on a PostgreSQL server', () => {
  it('parses a statement the app repeats once per connection, and binds it after, with the same answers', async () => {
    const handle = await openTestDatabase();
    try {
      const statement = handle.db.selectFrom('contacts').select('email').where('name', '=', 'Repeated');
      await handle.db.insertInto('contacts').values({ email: 'repeat@example.com', name: 'Repeated' }).execute();
      const answers = await handle.db.transaction().execute(async (trx) => {
        const rows: unknown[] = [];
        for (let i = 0; i < 5; i += 1) rows.push(await trx.executeQuery(statement.compile()).then((result) => result.rows));
        const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'cf\_%'`.execute(trx);
        return { rows, prepared: prepared.rows.map((row) => row.statement) };
      });
      expect(answers.rows).toEqual(Array.from({ length: 5 }, () => [{ email: 'repeat@example.com' }]));
      expect(answers.prepared).toContain(statement.compile().sql);
    } finally {
      await handle.close();
    }
  });
});
