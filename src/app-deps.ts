import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Db } from './db/engine.js';
import type { DomainEvents } from './contacts/timeline.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { OutboxSettings } from './mail/outbox.js';
import type { BookingSettings } from './scheduling/booking-service.js';

/** Everything a route module may use, built once in app.ts and passed down: no container. */
export interface AppDeps {
  db: Db;
  config: Config;
  /** The clock; tests pass a fixed or moving one. */
  now: () => Date;
  booking: BookingSettings;
  /** The one door for domain events: timeline, e-mails, webhooks. */
  events: DomainEvents;
  queue: JobQueue;
  outbox: OutboxSettings;
  /**
   * Where per-address limits are counted: in this process's memory (the embedded engine, one
   * process), or in the database, shared by every process on a server. Memory when unset.
   */
  rateLimits?: 'memory' | 'database';
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
