import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db, DatabaseHandle } from '../db/engine.js';
import { openTestDatabase } from '../test/test-database.js';
import { entryHash, GENESIS_HASH, type ChainedAuditEntry } from './audit-chain.js';
import { runAuditVerify } from './audit-cli.js';
import { recordAudit, verifyAuditChain } from './audit-log.js';

// Each story starts from a log of five honest entries, then plays someone with direct access to
// the database: they turn the append-only trigger off, as an attacker with that access could,
// and change the log behind the application's back. Between stories the log is put back the
// same way (one database for the file: a new embedded one per story costs seconds).

const MANAGER_ID = '5b0c5c2e-6a53-4b8a-9d0e-6a8e0f1f2a3b';

async function fiveEntries(db: Db): Promise<ChainedAuditEntry[]> {
  const entries: ChainedAuditEntry[] = [];
  for (let i = 1; i <= 5; i += 1) {
    entries.push(
      await recordAudit(db, {
        at: new Date(Date.UTC(2026, 11, 7, 8, i)),
        actor: { type: 'staff', id: MANAGER_ID, label: 'iryna@clinic.test' },
        action: i === 3 ? 'contact.update' : 'contact.read',
        recordType: 'contact',
        recordId: `0f8e1c7a-2b7d-4a9e-8f4a-1c2d3e4f5a6${i}`,
        ip: '203.0.113.7',
        details: { method: i === 3 ? 'PATCH' : 'GET', route: '/api/admin/contacts/:id', status: 200 },
      }),
    );
  }
  return entries;
}

/** Runs `statements` with the log's triggers switched off, then switches them back on. */
async function behindTheTrigger(db: Db, ...statements: Array<ReturnType<typeof sql>>): Promise<void> {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
  try {
    for (const statement of statements) await statement.execute(db);
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db);
  }
}

async function cliVerdict(db: Db): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runAuditVerify(db, { log: (line) => lines.push(line), error: (line) => lines.push(line) });
  return { code, lines };
}

describe('someone with database access tampers with the audit log', () => {
  let handle: DatabaseHandle;
  let db: Db;
  let entries: ChainedAuditEntry[];

  beforeAll(async () => {
    handle = await openTestDatabase();
    db = handle.db;
  });
  afterAll(() => handle.close());

  beforeEach(async () => {
    await sql`CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    await behindTheTrigger(db, sql`DELETE FROM audit_log`);
    await sql`UPDATE audit_head SET last_id = 0, last_hash = ${GENESIS_HASH}`.execute(db);
    entries = await fiveEntries(db);
  });

  it('an honest log verifies, and the command says so', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 5, lastId: '5', lastHash: entries[4]!.hash });
    const { code, lines } = await cliVerdict(db);
    expect(code).toBe(0);
    expect(lines[0]).toBe('Audit chain intact: 5 entries');
    expect(lines[1]).toContain(entries[4]!.hash);
  });

  it('changes what entry 3 says: verify points at entry 3', async () => {
    await behindTheTrigger(db, sql`UPDATE audit_log SET details = '{"method":"GET","route":"/api/admin/contacts/:id","status":200}' WHERE id = 3`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, count: 2, brokenAt: '3', reason: expect.stringContaining('entry 3 was altered') });
    const { code, lines } = await cliVerdict(db);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^Audit chain BROKEN at entry 3: /);
  });

  it('drops the trigger, pins entry 3 on someone else and recomputes its hash: verify points at entry 4', async () => {
    await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(db);
    const forged = { ...entries[2]!, actorId: null, actorLabel: 'someone-else@clinic.test' };
    await sql`UPDATE audit_log SET actor_id = NULL, actor_label = ${forged.actorLabel}, hash = ${entryHash(forged.prevHash, forged)} WHERE id = 3`.execute(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, count: 3, brokenAt: '4', reason: expect.stringContaining('does not follow entry 3') });
  });

  it('deletes entry 2: verify names the missing entry', async () => {
    await behindTheTrigger(db, sql`DELETE FROM audit_log WHERE id = 2`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, count: 1, brokenAt: '2', reason: expect.stringContaining('entry 2 is missing') });
  });

  it('deletes the two newest entries: the chain head shows they are gone', async () => {
    await behindTheTrigger(db, sql`DELETE FROM audit_log WHERE id >= 4`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, count: 3, brokenAt: '4', reason: expect.stringContaining('entries 4 to 5 are missing') });
  });

  it('swaps entries 2 and 3: verify points at entry 2', async () => {
    await behindTheTrigger(db, sql`UPDATE audit_log SET id = 1000 WHERE id = 2`, sql`UPDATE audit_log SET id = 2 WHERE id = 3`, sql`UPDATE audit_log SET id = 3 WHERE id = 1000`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, count: 1, brokenAt: '2', reason: expect.stringContaining('altered') });
  });

  it('cuts the newest entry and rewinds the head as well: only a last hash kept elsewhere shows it', async () => {
    // The limit of any chain kept in the database it protects: a consistent rewrite of its end
    // verifies. `clinicflow audit verify` prints the last hash so it can be kept outside.
    const keptElsewhere = await verifyAuditChain(db);
    await behindTheTrigger(db, sql`DELETE FROM audit_log WHERE id = 5`);
    await sql`UPDATE audit_head SET last_id = 4, last_hash = ${entries[3]!.hash}`.execute(db);
    const after = await verifyAuditChain(db);
    expect(after).toMatchObject({ ok: true, count: 4 });
    expect(after.ok && keptElsewhere.ok && after.lastHash !== keptElsewhere.lastHash).toBe(true);
  });

  it('writes go on after an honest verify, and the new entries chain onto the old', async () => {
    await recordAudit(db, { at: new Date(), actor: { type: 'system', id: null, label: 'test' }, action: 'test.after', recordType: 'test', recordId: null, ip: null });
    expect(await verifyAuditChain(db, { batchSize: 2 })).toMatchObject({ ok: true, count: 6, lastId: '6' });
  });
});
