import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { App } from '../app-deps.js';
import type { Db } from '../db/engine.js';
import { AppError, conflict } from '../http/errors.js';

// Idempotency keys on the integration API. A caller that sends `Idempotency-Key: <key>` with a
// POST under /api/v1/ may send the same request again (a timeout, a retrying platform) and get the
// first answer back, status and body, without anything being done twice.
//
// - The key belongs to the caller (the API key, or the staff member) and the route pattern: two
//   keys' owners never see each other's answers, and one key may be reused on another route.
// - The first request claims the key with a row (the primary key decides between racing
//   requests, on any number of server processes); a repeat while it runs gets 409
//   `idempotency_in_progress`; the same key with another URL or body gets 422 `idempotency_key_reused`.
// - Answers below 500 are kept, refusals too (a 409 for a taken time, a 404), as Stripe does:
//   a repeat is told the same. A 5xx or a 429 is not kept: the claim is dropped and a repeat
//   runs afresh, since nothing was done (the request's transaction rolled back).
// - Requests that fail validation never reach the claim, so they keep nothing either.
// - Keys expire 24 hours after the first request; expired rows are deleted as new keys come in.
// - An erasure of a contact drops the kept answers that name them (forgetAnswersAbout).
// - A claim whose request never answered (its process died) is taken over after 5 minutes. The
//   routes behind keys are safe to run twice in that rare case: contacts are upserted by e-mail,
//   tags are added as a set, and a booking's time is refused by the database once taken.

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const HEADER = IDEMPOTENCY_HEADER.toLowerCase();
const KEEP_MS = 24 * 60 * 60_000;
const ABANDONED_AFTER_MS = 5 * 60_000;
const MAX_KEY_LENGTH = 255;

/** Documents the header on a route (the hook reads it on every POST under /api/v1/ either way). */
export const idempotencyHeaderDoc = {
  type: 'object',
  properties: {
    [HEADER]: {
      type: 'string',
      description: 'Up to 255 characters, e.g. a UUID. A repeat with the same key within 24 hours answers as the first request did, without doing it again.',
    },
  },
} as const;

interface Claim {
  caller: string;
  route: string;
  key: string;
}

type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; type: string | null; body: string }
  | { kind: 'in_progress' }
  | { kind: 'reused' };

/** JSON with object keys sorted, so the same body sent with its fields in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256').update(request.url).update('\n').update(canonicalJson(request.body ?? null)).digest('hex');
}

function callerOf(request: FastifyRequest): string | null {
  const session = request.session;
  if (session?.kind === 'api') return `api:${session.apiKey.id}`;
  if (session?.kind === 'staff') return `staff:${session.user.id}`;
  return null;
}

function keyFrom(request: FastifyRequest): string | null {
  const raw = request.headers[HEADER];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw.join(', ') : raw;
  if (key.length === 0) throw new AppError(400, 'invalid_input', `The ${IDEMPOTENCY_HEADER} header is empty.`, { [IDEMPOTENCY_HEADER]: 'is empty' });
  if (key.length > MAX_KEY_LENGTH) {
    throw new AppError(400, 'invalid_input', `The ${IDEMPOTENCY_HEADER} header is longer than ${MAX_KEY_LENGTH} characters.`, {
      [IDEMPOTENCY_HEADER]: `is longer than ${MAX_KEY_LENGTH} characters`,
    });
  }
  return key;
}

/** Claims the key for this request, or tells what an earlier request with it left. */
export async function claimKey(db: Db, claim: Claim & { fingerprint: string }, now: Date): Promise<ClaimOutcome> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ ...claim, created_at: now, expires_at: new Date(now.getTime() + KEEP_MS) })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      // Tidy up as keys come in: a few expired rows per new one keeps the table at a day's worth.
      await sql`DELETE FROM idempotency_keys WHERE (caller, route, key) IN (
        SELECT caller, route, key FROM idempotency_keys WHERE expires_at <= ${now} LIMIT 100)`.execute(db);
      return { kind: 'claimed' };
    }
    const earlier = await db
      .selectFrom('idempotency_keys')
      .select(['fingerprint', 'response_status', 'response_type', 'response_body', 'created_at', 'expires_at'])
      .where('caller', '=', claim.caller)
      .where('route', '=', claim.route)
      .where('key', '=', claim.key)
      .executeTakeFirst();
    if (!earlier) continue; // deleted in between: claim again
    const abandoned = earlier.response_status === null && now.getTime() - earlier.created_at.getTime() >= ABANDONED_AFTER_MS;
    if (earlier.expires_at <= now || abandoned) {
      await db
        .deleteFrom('idempotency_keys')
        .where('caller', '=', claim.caller)
        .where('route', '=', claim.route)
        .where('key', '=', claim.key)
        .where('created_at', '=', earlier.created_at)
        .execute();
      continue;
    }
    if (earlier.fingerprint !== claim.fingerprint) return { kind: 'reused' };
    if (earlier.response_status === null) return { kind: 'in_progress' };
    return { kind: 'replay', status: earlier.response_status, type: earlier.response_type, body: earlier.response_body ?? '' };
  }
  return { kind: 'in_progress' };
}

async function keepAnswer(db: Db, claim: Claim, answer: { status: number; type: string | null; body: string }, now: Date): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ response_status: answer.status, response_type: answer.type, response_body: answer.body, completed_at: now })
    .where('caller', '=', claim.caller)
    .where('route', '=', claim.route)
    .where('key', '=', claim.key)
    .where('response_status', 'is', null)
    .execute();
}

async function dropClaim(db: Db, claim: Claim): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('caller', '=', claim.caller)
    .where('route', '=', claim.route)
    .where('key', '=', claim.key)
    .where('response_status', 'is', null)
    .execute();
}

/**
 * An erasure drops the kept answers that name the contact (each holds their id): the personal
 * data in them goes, and a repeat of such a request runs afresh.
 */
export async function forgetAnswersAbout(db: Db, contactId: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('response_body', 'like', `%${contactId}%`).execute();
}

/** Adds the Idempotency-Key behaviour to every POST under /api/v1/, after auth and validation. */
export function registerIdempotency(app: App, deps: { db: Db; now: () => Date }): void {
  const claims = new WeakMap<FastifyRequest, Claim>();

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !request.routeOptions.url?.startsWith('/api/v1/')) return;
    const key = keyFrom(request);
    const caller = callerOf(request);
    if (key === null || caller === null) return;
    const claim: Claim = { caller, route: `POST ${request.routeOptions.url}`, key };
    const outcome = await claimKey(deps.db, { ...claim, fingerprint: fingerprintOf(request) }, deps.now());
    switch (outcome.kind) {
      case 'claimed':
        claims.set(request, claim);
        return;
      case 'replay':
        void reply.code(outcome.status).header('idempotent-replayed', 'true');
        if (outcome.type) void reply.header('content-type', outcome.type);
        return reply.send(outcome.body);
      case 'in_progress':
        throw conflict('idempotency_in_progress', `A request with this ${IDEMPOTENCY_HEADER} is still being handled. Try again in a moment.`, {
          [IDEMPOTENCY_HEADER]: 'is in use by a request still running',
        });
      case 'reused':
        throw new AppError(422, 'idempotency_key_reused', `This ${IDEMPOTENCY_HEADER} was used for a different request. Use a new key for a new request.`, {
          [IDEMPOTENCY_HEADER]: 'was used with another address or body',
        });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const status = reply.statusCode;
    try {
      if (status < 500 && status !== 429 && typeof payload === 'string') {
        const type = reply.getHeader('content-type');
        await keepAnswer(deps.db, claim, { status, type: typeof type === 'string' ? type : null, body: payload }, deps.now());
      } else {
        await dropClaim(deps.db, claim);
      }
    } catch (err) {
      // The answer still goes out; the claim is taken over once abandoned.
      request.log.error({ err }, 'could not keep the answer for an idempotency key');
    }
    return payload;
  });

  // A request that ended without an answer being sent (the client went away) drops its claim.
  app.addHook('onResponse', async (request) => {
    const claim = claims.get(request);
    if (!claim) return;
    claims.delete(request);
    await dropClaim(deps.db, claim).catch((err: unknown) => request.log.error({ err }, 'could not drop an idempotency claim'));
  });
}
