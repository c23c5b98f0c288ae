import { describe, expect, it } from 'vitest';
import { MAX_TEXT, StatementNames } from './prepared-statements.js';

describe('which statements are prepared by name', () => {
  it('names a text from its third use on, always the same name for the same text, and different texts differently', () => {
    const names = new StatementNames(3, 10);
    const booking = 'select * from appointments where id = $1';
    expect(names.nameFor(booking)).toBeUndefined();
    expect(names.nameFor(booking)).toBeUndefined();
    const named = names.nameFor(booking);
    expect(named).toMatch(/^cf_[A-Za-z0-9_-]{24}$/);
    expect(names.nameFor(booking)).toBe(named);

    const contact = 'select * from contacts where id = $1';
    names.nameFor(contact);
    names.nameFor(contact);
    expect(names.nameFor(contact)).not.toBe(named);
  });

  it('stops naming new texts at its limit, and never names an overlong one, so varying texts cannot fill the server', () => {
    const names = new StatementNames(1, 2);
    expect(names.nameFor('select $1')).toBeDefined();
    expect(names.nameFor('select $1, $2')).toBeDefined();
    expect(names.nameFor('select $1, $2, $3')).toBeUndefined();
    // The texts named before the limit keep their names.
    expect(names.nameFor('select $1')).toBeDefined();

    const roomy = new StatementNames(1, 10);
    expect(roomy.nameFor(`select $1 ${' '.repeat(MAX_TEXT)}`)).toBeUndefined();
  });

  it('never names a queue’s locking read or a statement over an array of values, whose plans must see the values', () => {
    const names = new StatementNames(1, 10);
    expect(names.nameFor('with next as (select id from job where name = $1 for update skip locked) update job set state = $2 from next')).toBeUndefined();
    expect(names.nameFor('update outbound_messages m set status = a.status from unnest($1::uuid[], $2::text[]) as a (id, status)')).toBeUndefined();
    expect(names.nameFor('select id from contacts where id = any($1)')).toBeUndefined();
    expect(names.nameFor('select id from contacts where tags @> $1::text[]')).toBeUndefined();
    expect(names.nameFor('select id from contacts where id = $1')).toBeDefined();
  });
});
