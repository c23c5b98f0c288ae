import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase, type Db } from '../db/engine.js';
import { migrate } from '../db/migrate.js';
import { runAuditCommand } from './audit-cli.js';
import { recordAudit } from './audit-log.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real `clinicflow` command on an embedded data directory. */
function clinicflow(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', TEST_DATABASE_URL: '', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' };
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'bin/clinicflow.js'), ...args], { cwd: REPO, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Opens the data directory in this process, does `work`, and closes it so the command may open it. */
async function withDataDir(dataDir: string, work: (db: Db) => Promise<void>): Promise<void> {
  const handle = await openEmbeddedDatabase(dataDir);
  try {
    await migrate(handle);
    await work(handle.db);
  } finally {
    await handle.close();
  }
}

describe('clinicflow audit verify', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'clinicflow-audit-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('says the chain is intact (exit 0), then where it breaks once an entry was changed (exit 1)', async () => {
    await withDataDir(dataDir, async (db) => {
      for (const action of ['contact.read', 'contact.update', 'bookings.list']) {
        await recordAudit(db, {
          at: new Date('2026-12-07T07:00:00Z'),
          actor: { type: 'staff', id: null, label: 'iryna@clinic.test' },
          action,
          recordType: 'contact',
          recordId: null,
          ip: '203.0.113.7',
          details: { method: 'GET' },
        });
      }
    });

    const intact = await clinicflow(dataDir, 'audit', 'verify');
    expect(intact.stdout).toContain('Audit chain intact: 3 entries');
    expect(intact.code).toBe(0);

    await withDataDir(dataDir, async (db) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
      await sql`UPDATE audit_log SET ip = '198.51.100.1' WHERE id = 2`.execute(db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db);
    });
    const broken = await clinicflow(dataDir, 'audit', 'verify');
    expect(broken.stderr).toContain('Audit chain BROKEN at entry 2: entry 2 was altered');
    expect(broken.code).toBe(1);
  });

  it('explains itself when called wrongly, without opening the database', async () => {
    const lines: string[] = [];
    const out = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
    const code = await runAuditCommand(['check'], () => Promise.reject(new Error('must not open')), out);
    expect(code).toBe(2);
    expect(lines).toEqual(['Usage: clinicflow audit verify']);
  });
});
