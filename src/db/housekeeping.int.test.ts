import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from './engine.js';
import { tidyTables } from './housekeeping.js';
import { openTestDatabase, usingServer } from '../test/test-database.js';

// On a server, autovacuum may analyse the table first and the worker never runs this there.
describe.skipIf(usingServer())('housekeeping on a database that autovacuum never visits', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(() => handle.close());

  it('gathers planner statistics for contacts after an import, and vacuums them after a purge', async () => {
    const { db } = handle;
    await sql`INSERT INTO contacts (email, name, phone)
              SELECT 'client' || g || '@mail.example', 'Client ' || g, '+38067' || lpad(g::text, 7, '0') FROM generate_series(1, 2000) g`.execute(db);

    // The counters reach pg_stat_user_tables within about a second of the commit.
    const first = await vi.waitFor(async () => {
      const done = await tidyTables(db, [handle.queueSchema]);
      expect(done.analysed.some((name) => name.endsWith('.contacts'))).toBe(true);
      return done;
    }, { timeout: 15_000, interval: 500 });
    expect(first.vacuumed.some((name) => name.endsWith('.contacts'))).toBe(false);
    const stats = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stats WHERE tablename = 'contacts' AND schemaname = ANY (current_schemas(false))`.execute(db);
    expect(Number(stats.rows[0]!.n)).toBeGreaterThan(0);

    // Analysed, the table is not due again until it changes.
    const again = await tidyTables(db, [handle.queueSchema]);
    expect(again.analysed.some((name) => name.endsWith('.contacts'))).toBe(false);

    await sql`DELETE FROM contacts WHERE email LIKE 'client%@mail.example' AND name <> 'Client 1'`.execute(db);
    await vi.waitFor(async () => {
      const done = await tidyTables(db, [handle.queueSchema]);
      expect(done.vacuumed.some((name) => name.endsWith('.contacts'))).toBe(true);
    }, { timeout: 15_000, interval: 500 });
    const left = await sql<{ n: string }>`SELECT count(*) AS n FROM contacts`.execute(db);
    expect(Number(left.rows[0]!.n)).toBe(1);
  });
});
