import { describe, expect, it } from 'vitest';
import { tablesDue, type TableActivity } from './housekeeping.js';

const table = (overrides: Partial<TableActivity>): TableActivity => ({ schema: 'public', table: 'contacts', liveRows: 0, changedSinceAnalyze: 0, deadRows: 0, ...overrides });

describe('which tables the embedded engine tidies, by autovacuum’s rules', () => {
  it('analyses a table once its changes outgrow 50 rows plus a tenth of it', () => {
    const fresh = table({ table: 'contacts', liveRows: 0, changedSinceAnalyze: 51 });
    const quiet = table({ table: 'appointments', liveRows: 100_000, changedSinceAnalyze: 10_050 });
    const busy = table({ table: 'sessions', liveRows: 100_000, changedSinceAnalyze: 10_051 });
    expect(tablesDue([fresh, quiet, busy]).analyze.map((t) => t.table)).toEqual(['contacts', 'sessions']);
  });

  it('vacuums a table whose dead rows outgrow 50 plus a fifth of it', () => {
    const churned = table({ schema: 'pgboss', table: 'job', liveRows: 1_000, deadRows: 251 });
    const tidy = table({ table: 'outbox', liveRows: 1_000, deadRows: 250 });
    expect(tablesDue([churned, tidy]).vacuum.map((t) => `${t.schema}.${t.table}`)).toEqual(['pgboss.job']);
  });

  it('leaves an untouched database alone', () => {
    expect(tablesDue([table({ liveRows: 10 })])).toEqual({ analyze: [], vacuum: [] });
  });
});
