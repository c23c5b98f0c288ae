import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, usingServer } from '../test/test-database.js';
import type { DatabaseHandle } from './engine.js';

// How the app's statements reach the database, told the same way on both engines: the embedded
// one through pglite-driver.ts (one wire-protocol call a statement), the server through
// node-postgres with named statements (prepared-statements.ts).

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  await sql`create table driver_values (
    id int primary key, at timestamptz, day date, big int8, small int, yes bool, words text[], ids uuid[], doc jsonb, raw bytea, amount numeric
  )`.execute(handle.db);
});
afterAll(() => handle.close());

describe(`statements on the ${usingServer() ? 'server' : 'embedded'} engine`, () => {
  it('hands values over as node-postgres does and reads them back as the app expects', async () => {
    const at = new Date('2026-03-29T00:30:00.000Z');
    const ids = ['9b2f8a3e-6f0c-4d1e-9a7b-2c4d5e6f7a8b'];
    await sql`insert into driver_values values (${1}, ${at}, ${'2026-03-29'}, ${9_007_199_254_740_993n}, ${-7}, ${true},
      ${['plain', 'with, comma', 'with "quotes"', null]}, ${ids}, ${JSON.stringify({ notes: 'Лікар', list: [1, 2] })}, ${Buffer.from([0, 1, 255])}, ${'12.50'})`.execute(
      handle.db,
    );
    await sql`insert into driver_values (id, doc, small) values (${2}, ${{ object: { nested: true } }}, ${undefined})`.execute(handle.db);

    const { rows } = await sql<Record<string, unknown>>`select * from driver_values order by id`.execute(handle.db);
    expect(rows[0]).toEqual({
      id: 1,
      at,
      day: '2026-03-29', // a date stays a calendar day, never a Date at some midnight
      big: '9007199254740993', // int8 as a string, exactly
      small: -7,
      yes: true,
      words: ['plain', 'with, comma', 'with "quotes"', null],
      ids,
      doc: { notes: 'Лікар', list: [1, 2] },
      raw: expect.anything(),
      amount: '12.50',
    });
    expect(Buffer.from(rows[0]!.raw as Uint8Array)).toEqual(Buffer.from([0, 1, 255]));
    // A plain object is sent as JSON, undefined as NULL.
    expect(rows[1]).toMatchObject({ id: 2, doc: { object: { nested: true } }, small: null, at: null });
  });

  it('counts the rows a change touched, zero included', async () => {
    await handle.db.insertInto('contacts').values([
      { email: 'count-1@example.com', name: 'Counted' },
      { email: 'count-2@example.com', name: 'Counted' },
    ]).execute();
    const none = await handle.db.updateTable('contacts').set({ notes: 'x' }).where('name', '=', 'Nobody').executeTakeFirst();
    const two = await handle.db.updateTable('contacts').set({ notes: 'x' }).where('name', '=', 'Counted').executeTakeFirst();
    const deleted = await handle.db.deleteFrom('contacts').where('email', '=', 'count-1@example.com').executeTakeFirst();
    expect([none.numUpdatedRows, two.numUpdatedRows, deleted.numDeletedRows]).toEqual([0n, 2n, 1n]);
  });

  it('refuses a bad statement with PostgreSQL’s own error, rolls its transaction back, and goes on answering', async () => {
    await handle.db.insertInto('contacts').values({ email: 'taken@example.com', name: 'First' }).execute();
    const duplicate = handle.db.insertInto('contacts').values({ email: 'TAKEN@example.com', name: 'Second' }).execute();
    await expect(duplicate).rejects.toMatchObject({ code: '23505' });

    // A statement the app repeats is prepared from its third run. One whose preparing falls
    // inside a failed transaction is refused like any other there, and prepared afterwards.
    const inside = (db: DatabaseHandle['db']) => db.selectFrom('contacts').select('email').where('name', '=', 'Inside');
    const failed = handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('contacts').values({ email: 'rolled-back@example.com', name: 'Rolled back' }).execute();
      await sql`select 1 / 0`.execute(trx).catch(() => undefined);
      for (let i = 0; i < 3; i += 1) await expect(inside(trx).execute()).rejects.toMatchObject({ code: '25P02' });
      throw new Error('gave up');
    });
    await expect(failed).rejects.toThrow('gave up');
    expect(await handle.db.selectFrom('contacts').select('email').where('name', '=', 'Rolled back').execute()).toEqual([]);

    const prepared = await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5; i += 1) expect(await inside(trx).execute()).toEqual([]);
      return sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'cf\_%'`.execute(trx);
    });
    expect(prepared.rows.map((row) => row.statement)).toContain(inside(handle.db).compile().sql);
  });
});
