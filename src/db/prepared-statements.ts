import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Named prepared statements for a PostgreSQL server, so the statements the app runs over and
 * over are parsed and analysed once per connection instead of on every call (the server's
 * share of a booking's CPU was mostly that: ten short statements, each parsed and planned),
 * and, once PostgreSQL finds a generic plan no dearer than those made for the values at hand
 * (its default `plan_cache_mode`, after five runs), planned once too: planning was a fifth of
 * the server's CPU for a booking when every run was planned anew.
 *
 * Kysely sends every statement with parameters as an unnamed one. This wraps the pool so a
 * statement text seen `PREPARE_AFTER` times is sent with a name derived from its text (node-postgres
 * then parses it once per connection and binds it after). Bounded both ways: at most
 * `MAX_NAMED` texts per process get a name, and no text longer than `MAX_TEXT` does, so statements
 * whose text varies (a list of n values, a bulk insert of n rows) cannot fill the server's
 * memory. Statements without parameters (BEGIN, COMMIT, scripts) keep the simple protocol.
 */

export const PREPARE_AFTER = 3;

/**
 * Statements that are never prepared, because a plan made without their values goes wrong (an
 * unnamed statement is planned for its values every time):
 * - a queue's locking read (`FOR UPDATE SKIP LOCKED`, pg-boss's fetch): its best plan depends on
 *   what the queue holds at that moment, which changes much faster than the planner's
 *   statistics; a generic plan read the queue's whole table once per job (4.9 ms a fetch
 *   against 0.23 ms planned for its values);
 * - a statement over an array of values (`unnest($1::uuid[])`, `= ANY($1)`): without the array
 *   the planner guesses a hundred elements; a generic plan of the worker's record of a batch
 *   (`recordAttempts`) joined the whole outbox for ten e-mails (1.7 ms against 0.6 ms).
 */
const PLANNED_EACH_TIME = /\bskip\s+locked\b|\bunnest\s*\(|\bany\s*\(|::[a-z0-9_]+\[\]/i;
export const MAX_NAMED = 500;
export const MAX_TEXT = 20_000;

export class StatementNames {
  private readonly seen = new Map<string, number>();
  private readonly named = new Map<string, string>();

  constructor(
    private readonly prepareAfter = PREPARE_AFTER,
    private readonly maxNamed = MAX_NAMED,
  ) {}

  /** The name to prepare this text under, or undefined to send it unnamed this time. */
  nameFor(text: string): string | undefined {
    const name = this.named.get(text);
    if (name !== undefined || text.length > MAX_TEXT || this.named.size >= this.maxNamed || PLANNED_EACH_TIME.test(text)) return name;
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < this.prepareAfter) {
      // Texts seen once or twice are forgotten in bulk rather than kept forever.
      if (this.seen.size >= this.maxNamed * 4) this.seen.clear();
      this.seen.set(text, count);
      return undefined;
    }
    this.seen.delete(text);
    const named = `cf_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    this.named.set(text, named);
    return named;
  }
}

const wrapped = new WeakSet<object>();

function preparingClient(client: pg.PoolClient, names: StatementNames): PostgresPoolClient {
  if (!wrapped.has(client)) {
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (first: unknown, values?: unknown) => {
      if (typeof first === 'string' && Array.isArray(values) && values.length > 0) {
        const name = names.nameFor(first);
        if (name !== undefined) return query({ name, text: first, values });
      }
      return values === undefined ? query(first) : query(first, values);
    };
  }
  return client as unknown as PostgresPoolClient;
}

/** The pool, as Kysely's PostgresDialect takes it, with its clients sending named statements. */
export function preparingPool(pool: pg.Pool, names = new StatementNames()): PostgresPool {
  return {
    connect: async () => preparingClient(await pool.connect(), names),
    end: () => pool.end(),
  };
}
