import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
