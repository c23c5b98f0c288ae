import { sql } from 'kysely';
import type { Db } from '../db/engine.js';

/**
 * Counts one hit on `key` in one statement: a window that has ended starts again at 1; returns
 * the hits so far in the current window and when it ends. Safe under concurrent hits from
 * several processes (the row is locked by the upsert).
 */
export async function countHit(db: Db, key: string, windowMs: number, now: Date): Promise<{ hits: number; endsAt: Date }> {
  const endsAt = new Date(now.getTime() + windowMs);
  const { rows } = await sql<{ hits: number; ends_at: Date }>`
    INSERT INTO rate_limit_windows AS w (key, hits, ends_at) VALUES (${key}, 1, ${endsAt})
    ON CONFLICT (key) DO UPDATE
       SET hits = CASE WHEN w.ends_at <= ${now} THEN 1 ELSE w.hits + 1 END,
           ends_at = CASE WHEN w.ends_at <= ${now} THEN excluded.ends_at ELSE w.ends_at END
    RETURNING w.hits, w.ends_at`.execute(db);
  const row = rows[0]!;
  return { hits: Number(row.hits), endsAt: new Date(row.ends_at) };
}

/** Removes the windows that have ended; returns how many. */
export async function forgetEndedWindows(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limit_windows').where('ends_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
