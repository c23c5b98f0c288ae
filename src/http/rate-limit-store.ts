import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/engine.js';
import { countHit } from './rate-limit-repository.js';

/**
 * A store for @fastify/rate-limit that keeps the counts in the database, so that every process
 * on a PostgreSQL server grants one allowance between them. Each limited route counts apart
 * (the plugin asks for a child store per route), keyed by method, route and the caller's key
 * (their address). A database error fails the request (the plugin's `skipOnError` is off):
 * a limit that cannot be counted is not waived.
 */
export function databaseRateLimitStore(db: Db, now: () => Date): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly scope = 'all',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      const at = now();
      countHit(db, `${this.scope} ${key}`, timeWindow ?? 60_000, at).then(
        ({ hits, endsAt }) => callback(null, { current: hits, ttl: Math.max(0, endsAt.getTime() - at.getTime()) }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // What the plugin passes at run time: the route's merged limit settings, the route under `routeInfo`.
      const route = (routeOptions as unknown as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
      return new DatabaseRateLimitStore(undefined, `${method} ${route?.url ?? ''}`.trim() || 'all');
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
