import type { Db } from '../db/engine.js';
import { expireOverdueHolds } from './booking-service.js';

/**
 * Expires unconfirmed holds that ran out, so their slots show as free and staff see them as
 * expired. Bookings also expire a specialist's stale holds themselves, so a late sweep never
 * blocks a visitor. Returns a function that stops the sweeper.
 */
export function startHoldSweeper(args: { db: Db; now: () => Date; everyMs: number; onError: (err: unknown) => void }): () => Promise<void> {
  let running: Promise<void> | null = null;
  const sweep = async (): Promise<void> => {
    for (;;) {
      const expired = await args.db.transaction().execute((trx) => expireOverdueHolds(trx, args.now()));
      if (expired.length < 500) return;
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = sweep()
      .catch(args.onError)
      .finally(() => {
        running = null;
      });
  }, args.everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
