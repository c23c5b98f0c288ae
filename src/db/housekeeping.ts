import { sql } from 'kysely';
import type { Db } from './engine.js';

/**
 * What autovacuum does on a PostgreSQL server, for the embedded engine, which runs none: nothing
 * ever gathers planner statistics there (a database of 100,000 appointments had empty `pg_stats`),
 * so the planner guesses, and the job queue's and sessions' churn is never vacuumed. The worker
 * calls `tidyTables` every few minutes on the embedded engine only; a server has autovacuum.
 */

export interface TableActivity {
  schema: string;
  table: string;
  liveRows: number;
  /** Rows inserted, updated or deleted since the table's last ANALYZE. */
  changedSinceAnalyze: number;
  deadRows: number;
}

/** Autovacuum's own defaults (autovacuum_analyze_threshold / _scale_factor and the vacuum pair). */
export const AUTOVACUUM_DEFAULTS = { analyzeThreshold: 50, analyzeScaleFactor: 0.1, vacuumThreshold: 50, vacuumScaleFactor: 0.2 };

/** The tables whose changes have outgrown their statistics, and those with enough dead rows to vacuum. */
export function tablesDue(tables: TableActivity[], rules = AUTOVACUUM_DEFAULTS): { analyze: TableActivity[]; vacuum: TableActivity[] } {
  return {
    analyze: tables.filter((t) => t.changedSinceAnalyze > rules.analyzeThreshold + rules.analyzeScaleFactor * t.liveRows),
    vacuum: tables.filter((t) => t.deadRows > rules.vacuumThreshold + rules.vacuumScaleFactor * t.liveRows),
  };
}

async function tableActivity(db: Db, alsoSchemas: string[]): Promise<TableActivity[]> {
  // The counters reach pg_stat_user_tables within about a second of a commit.
  const { rows } = await sql<{ schema: string; table: string; live_rows: string; changed: string; dead_rows: string }>`
    SELECT schemaname AS schema, relname AS table, n_live_tup AS live_rows, n_mod_since_analyze AS changed, n_dead_tup AS dead_rows
      FROM pg_stat_user_tables
     WHERE schemaname = ANY (current_schemas(false)) OR schemaname = ANY (${alsoSchemas}::text[])`.execute(db);
  return rows.map((r) => ({ schema: r.schema, table: r.table, liveRows: Number(r.live_rows), changedSinceAnalyze: Number(r.changed), deadRows: Number(r.dead_rows) }));
}

/**
 * Vacuums and analyses the tables that are due, in the schemas on the search path and in
 * `alsoSchemas` (the job queue's); returns their qualified names.
 */
export async function tidyTables(db: Db, alsoSchemas: string[] = []): Promise<{ analysed: string[]; vacuumed: string[] }> {
  const due = tablesDue(await tableActivity(db, alsoSchemas));
  const name = (t: TableActivity) => `${t.schema}.${t.table}`;
  // VACUUM cannot run in a transaction block: each statement is sent on its own.
  for (const t of due.vacuum) await sql`VACUUM (ANALYZE) ${sql.table(name(t))}`.execute(db);
  const vacuumed = new Set(due.vacuum.map(name));
  const toAnalyse = due.analyze.filter((t) => !vacuumed.has(name(t)));
  for (const t of toAnalyse) await sql`ANALYZE ${sql.table(name(t))}`.execute(db);
  return { analysed: [...toAnalyse.map(name), ...vacuumed], vacuumed: [...vacuumed] };
}
