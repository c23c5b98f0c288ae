import { sql, type CompiledQuery } from 'kysely';
import { withAlongside } from '../db/alongside.js';
import type { Db } from '../db/engine.js';

// SQL only: webhook subscriptions, the public events, deliveries and their attempts.

export type SubscriptionOrigin = 'console' | 'rest_hook';
export type RemovalReason = 'removed_by_staff' | 'unsubscribed' | 'gone';
export type DeliveryState = 'queued' | 'delivered' | 'failed' | 'gone';
export type AttemptOutcome = 'delivered' | 'failed' | 'gone';

export interface Subscription {
  id: string;
  eventType: string;
  targetUrl: string;
  origin: SubscriptionOrigin;
  createdBy: { type: 'staff' | 'api_key'; id: string; name: string } | null;
  createdAt: Date;
  removedAt: Date | null;
  removedReason: RemovalReason | null;
  deliveries: Record<DeliveryState, number>;
}

const subscriptionQuery = (db: Db) =>
  db
    .selectFrom('webhook_subscriptions as s')
    .leftJoin('staff_users as u', 'u.id', 's.created_by_staff_id')
    .leftJoin('api_keys as k', 'k.id', 's.created_by_api_key_id')
    .select([
      's.id',
      's.event_type',
      's.target_url',
      's.origin',
      's.created_by_staff_id',
      's.created_by_api_key_id',
      's.created_at',
      's.removed_at',
      's.removed_reason',
      'u.name as staff_name',
      'u.email as staff_email',
      'k.name as key_name',
    ]);

type SubscriptionRow = Awaited<ReturnType<ReturnType<typeof subscriptionQuery>['executeTakeFirstOrThrow']>>;

function toSubscription(row: SubscriptionRow, counts: Partial<Record<DeliveryState, number>> = {}): Subscription {
  const createdBy = row.created_by_staff_id
    ? { type: 'staff' as const, id: row.created_by_staff_id, name: row.staff_name || row.staff_email || '' }
    : row.created_by_api_key_id
      ? { type: 'api_key' as const, id: row.created_by_api_key_id, name: row.key_name ?? '' }
      : null;
  return {
    id: row.id,
    eventType: row.event_type,
    targetUrl: row.target_url,
    origin: row.origin as SubscriptionOrigin,
    createdBy,
    createdAt: row.created_at,
    removedAt: row.removed_at,
    removedReason: row.removed_reason as RemovalReason | null,
    deliveries: { queued: 0, delivered: 0, failed: 0, gone: 0, ...counts },
  };
}

export async function insertSubscription(
  db: Db,
  fields: { eventType: string; targetUrl: string; secret: string; origin: SubscriptionOrigin; staffId: string | null; apiKeyId: string | null; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('webhook_subscriptions')
    .values({
      event_type: fields.eventType,
      target_url: fields.targetUrl,
      secret: fields.secret,
      origin: fields.origin,
      created_by_staff_id: fields.staffId,
      created_by_api_key_id: fields.apiKeyId,
      created_at: fields.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findSubscription(db: Db, id: string): Promise<Subscription | null> {
  const row = await subscriptionQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return toSubscription(row, (await deliveryCounts(db, [id])).get(id));
}

/** Live subscriptions first, newest first; removed ones after them. */
export async function listSubscriptions(db: Db): Promise<Subscription[]> {
  const rows = await subscriptionQuery(db)
    .orderBy(sql`s.removed_at IS NULL`, 'desc')
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(500)
    .execute();
  const counts = await deliveryCounts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toSubscription(row, counts.get(row.id)));
}

async function deliveryCounts(db: Db, ids: string[]): Promise<Map<string, Partial<Record<DeliveryState, number>>>> {
  const counts = new Map<string, Partial<Record<DeliveryState, number>>>();
  if (ids.length === 0) return counts;
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['subscription_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('subscription_id', 'in', ids)
    .groupBy(['subscription_id', 'state'])
    .execute();
  for (const row of rows) counts.set(row.subscription_id, { ...counts.get(row.subscription_id), [row.state]: Number(row.n) });
  return counts;
}

/**
 * Removes a live subscription and stops its deliveries that were still waiting (they become
 * `gone`). Returns false when it was removed already.
 */
export async function removeSubscription(trx: Db, id: string, reason: RemovalReason, now: Date): Promise<boolean> {
  const removed = await trx
    .updateTable('webhook_subscriptions')
    .set({ removed_at: now, removed_reason: reason })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!removed) return false;
  await trx.updateTable('webhook_deliveries').set({ state: 'gone' }).where('subscription_id', '=', id).where('state', '=', 'queued').execute();
  return true;
}

export interface NewWebhookEvent {
  id: string;
  type: string;
  version: number;
  payload: unknown;
  contactId: string | null;
  occurredAt: Date;
}

/**
 * Keeps the events, and in the same statement makes a delivery for every live subscription to
 * each one's type (none at all for most events); `alongside` (inserts that return nothing) rides
 * in the same statement. Returns the new deliveries' ids.
 */
export async function insertEventsWithDeliveries(trx: Db, events: readonly NewWebhookEvent[], alongside: readonly CompiledQuery[] = []): Promise<string[]> {
  if (events.length === 0) return [];
  // One JSON parameter for the whole batch rather than six per event: far less to bind and parse.
  const batch = JSON.stringify(events.map((event) => ({ id: event.id, type: event.type, version: event.version, payload: event.payload, contact_id: event.contactId, occurred_at: event.occurredAt })));
  const statement = sql<{ id: string }>`
    WITH event AS (
      INSERT INTO webhook_events (id, type, version, payload, contact_id, occurred_at)
      SELECT r.id, r.type, r.version, r.payload, r.contact_id, r.occurred_at
      FROM jsonb_to_recordset(${batch}::jsonb) AS r (id text, type text, version smallint, payload jsonb, contact_id uuid, occurred_at timestamptz)
      RETURNING id, type, occurred_at
    )
    INSERT INTO webhook_deliveries (event_id, subscription_id, created_at)
    SELECT event.id, s.id, event.occurred_at
    FROM event JOIN webhook_subscriptions s ON s.event_type = event.type AND s.removed_at IS NULL
    RETURNING id`.compile(trx);
  const { rows: made } = await trx.executeQuery<{ id: string }>(withAlongside(statement, alongside));
  return made.map((row) => row.id);
}

/** Hands a delivery to a queue job: only that job may send it (see the job_id column). */
export async function assignDeliveryJob(trx: Db, deliveryId: string, jobId: string | null, state?: 'queued'): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ job_id: jobId, ...(state ? { state } : {}) })
    .where('id', '=', deliveryId)
    .execute();
}

export interface DeliveryToSend {
  id: string;
  state: DeliveryState;
  jobId: string | null;
  eventId: string;
  payload: Record<string, unknown>;
  subscriptionId: string;
  targetUrl: string;
  secret: string;
  subscriptionRemoved: boolean;
}

export async function findDeliveryToSend(db: Db, deliveryId: string): Promise<DeliveryToSend | null> {
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.id', 'd.state', 'd.job_id', 'e.id as event_id', 'e.payload', 's.id as subscription_id', 's.target_url', 's.secret', 's.removed_at'])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    state: row.state as DeliveryState,
    jobId: row.job_id,
    eventId: row.event_id,
    payload: row.payload as Record<string, unknown>,
    subscriptionId: row.subscription_id,
    targetUrl: row.target_url,
    secret: row.secret,
    subscriptionRemoved: row.removed_at !== null,
  };
}

export interface AttemptRecord {
  at: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string | null;
  outcome: AttemptOutcome;
}

/**
 * Logs one attempt and moves the delivery to `state` (still `queued` while retries remain): one
 * statement, so the log and the delivery never disagree, without a transaction's round trips.
 */
export async function recordAttempt(db: Db, deliveryId: string, attempt: AttemptRecord, state: DeliveryState): Promise<void> {
  await sql`
    WITH attempt AS (
      INSERT INTO webhook_delivery_attempts (delivery_id, attempted_at, duration_ms, status_code, error, response_snippet, outcome)
      VALUES (${deliveryId}, ${attempt.at}, ${attempt.durationMs}, ${attempt.statusCode}, ${attempt.error}, ${attempt.responseSnippet}, ${attempt.outcome})
    )
    UPDATE webhook_deliveries
    -- A subscription removed while this attempt was on its way stays removed unless it got through.
    SET attempts = attempts + 1, last_attempt_at = ${attempt.at},
        state = CASE WHEN state = 'gone' AND ${state} <> 'delivered' THEN 'gone' ELSE ${state} END,
        delivered_at = CASE WHEN ${state} = 'delivered' THEN ${attempt.at}::timestamptz ELSE delivered_at END
    WHERE id = ${deliveryId}`.execute(db);
}

export async function markDeliveryGone(db: Db, deliveryId: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ state: 'gone' }).where('id', '=', deliveryId).where('state', '=', 'queued').execute();
}

export interface Delivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  state: DeliveryState;
  createdAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  attempts: Array<Omit<AttemptRecord, 'at'> & { at: Date }>;
}

const deliveryQuery = (db: Db) =>
  db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'd.subscription_id', 'd.event_id', 'e.type as event_type', 'd.state', 'd.created_at', 'd.last_attempt_at', 'd.delivered_at']);

/** A subscription's deliveries, newest first, each with its attempts in order; keyset paged. */
export async function listDeliveries(
  db: Db,
  args: { subscriptionId: string; state?: DeliveryState; before?: { createdAt: Date; id: string } | null; limit: number },
): Promise<Delivery[]> {
  let query = deliveryQuery(db).where('d.subscription_id', '=', args.subscriptionId);
  if (args.state) query = query.where('d.state', '=', args.state);
  if (args.before) {
    const { createdAt, id } = args.before;
    query = query.where((eb) => eb.or([eb('d.created_at', '<', createdAt), eb.and([eb('d.created_at', '=', createdAt), eb('d.id', '<', id)])]));
  }
  const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(args.limit).execute();
  return withAttempts(db, rows);
}

export async function findDelivery(db: Db, id: string): Promise<Delivery | null> {
  const rows = await deliveryQuery(db).where('d.id', '=', id).execute();
  return (await withAttempts(db, rows))[0] ?? null;
}

async function withAttempts(db: Db, rows: Array<{ id: string; subscription_id: string; event_id: string; event_type: string; state: string; created_at: Date; last_attempt_at: Date | null; delivered_at: Date | null }>): Promise<Delivery[]> {
  const ids = rows.map((row) => row.id);
  const attempts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('webhook_delivery_attempts')
          .select(['delivery_id', 'attempted_at', 'duration_ms', 'status_code', 'error', 'response_snippet', 'outcome'])
          .where('delivery_id', 'in', ids)
          .orderBy('id')
          .execute();
  return rows.map((row) => ({
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    state: row.state as DeliveryState,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
    attempts: attempts
      .filter((attempt) => attempt.delivery_id === row.id)
      .map((attempt) => ({
        at: attempt.attempted_at,
        durationMs: attempt.duration_ms,
        statusCode: attempt.status_code,
        error: attempt.error,
        responseSnippet: attempt.response_snippet,
        outcome: attempt.outcome as AttemptOutcome,
      })),
  }));
}

export interface StoredEvent {
  id: string;
  seq: string;
  payload: Record<string, unknown>;
}

/** The polling list: events of one type, newest first, after the cursor's `seq` when given. */
export async function listEvents(db: Db, args: { type: string; beforeSeq: string | null; limit: number }): Promise<StoredEvent[]> {
  let query = db.selectFrom('webhook_events').select(['id', 'seq', 'payload']).where('type', '=', args.type);
  if (args.beforeSeq !== null) query = query.where('seq', '<', args.beforeSeq as never);
  const rows = await query.orderBy('seq', 'desc').limit(args.limit).execute();
  return rows.map((row) => ({ id: row.id, seq: String(row.seq), payload: row.payload as Record<string, unknown> }));
}

export async function eventPayloadsOfContact(trx: Db, contactId: string): Promise<Array<{ id: string; payload: unknown }>> {
  return trx.selectFrom('webhook_events').select(['id', 'payload']).where('contact_id', '=', contactId).execute();
}

export async function replaceEventPayload(trx: Db, id: string, payload: unknown): Promise<void> {
  await trx.updateTable('webhook_events').set({ payload: JSON.stringify(payload) }).where('id', '=', id).execute();
}

export interface EventSubjects {
  contact: { id: string; name: string; email: string; phone: string | null; locale: string; lifecycle: string } | null;
  appointment: { id: string; status: string; startsAt: Date; endsAt: Date; source: string } | null;
  specialist: { id: string; name: string; specialty: string } | null;
}

/**
 * For each (contact, appointment) pair, in order: the contact, and the appointment with its
 * specialist when there is one. One statement however many events (a CSV import records thousands).
 */
export async function loadEventSubjects(trx: Db, pairs: ReadonlyArray<{ contactId: string; appointmentId: string | null }>): Promise<EventSubjects[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<{
    ord: string;
    contact_id: string;
    contact_name: string;
    email: string;
    phone: string | null;
    locale: string;
    lifecycle: string;
    appointment_id: string | null;
    status: string | null;
    starts_at: Date | null;
    ends_at: Date | null;
    source: string | null;
    specialist_id: string | null;
    specialist_name: string | null;
    specialty: string | null;
  }>`
    SELECT w.ord, c.id AS contact_id, c.name AS contact_name, c.email, c.phone, c.locale, c.lifecycle,
           a.id AS appointment_id, a.status, a.starts_at, a.ends_at, a.source,
           s.id AS specialist_id, s.name AS specialist_name, s.specialty
    FROM unnest(${sql.val(pairs.map((pair) => pair.contactId))}::uuid[], ${sql.val(pairs.map((pair) => pair.appointmentId))}::uuid[])
         WITH ORDINALITY AS w (contact_id, appointment_id, ord)
    JOIN contacts c ON c.id = w.contact_id
    LEFT JOIN appointments a ON a.id = w.appointment_id AND a.contact_id = c.id
    LEFT JOIN specialists s ON s.id = a.specialist_id`.execute(trx);
  const found = new Map(rows.map((row) => [Number(row.ord), row]));
  return pairs.map((_, index) => {
    const row = found.get(index + 1);
    if (!row) return { contact: null, appointment: null, specialist: null };
    return {
      contact: { id: row.contact_id, name: row.contact_name, email: row.email, phone: row.phone, locale: row.locale, lifecycle: row.lifecycle },
      appointment:
        row.appointment_id && row.status && row.starts_at && row.ends_at && row.source
          ? { id: row.appointment_id, status: row.status, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at), source: row.source }
          : null,
      specialist: row.specialist_id && row.specialist_name && row.specialty ? { id: row.specialist_id, name: row.specialist_name, specialty: row.specialty } : null,
    };
  });
}

export async function findMessages(trx: Db, ids: string[]): Promise<Map<string, { id: string; body: string; createdAt: Date }>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('messages').select(['id', 'body', 'created_at']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, body: row.body, createdAt: row.created_at }]));
}
