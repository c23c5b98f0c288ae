import type { Db } from '../db/engine.js';
import { chainEntry, GENESIS, verifyChain, type AuditActorType, type ChainedAuditEntry, type JsonObject, type JsonValue } from './audit-chain.js';
import { insertAuditEntry, lockChainHead, readAuditBatch, readChainHead, searchAudit, type AuditFilter } from './audit-repository.js';

/** One thing to put on the record. */
export interface AuditInput {
  at: Date;
  actor: { type: AuditActorType; id: string | null; label: string };
  action: string;
  recordType: string;
  recordId: string | null;
  ip: string | null;
  details?: Record<string, unknown>;
}

export type AuditVerdict =
  | { ok: true; count: number; lastId: string; lastHash: string }
  | { ok: false; count: number; brokenAt: string; reason: string };

// Keys whose values are never written, wherever they turn up in the details.
const SECRET_KEY = /pass(word)?|token|secret|authori[sz]ation|cookie|api[-_]?key/i;
const MAX_STRING = 500;
const MAX_ITEMS = 50;
const MAX_DEPTH = 5;

/**
 * Text as PostgreSQL will store it and give it back unchanged: no NUL (text and jsonb refuse
 * it), no lone surrogate halves, and not too long. What is hashed must be what is stored.
 */
export function storableText(value: string, max = MAX_STRING): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  // Cutting must not split a surrogate pair either.
  return clean.length <= max ? clean : Array.from(clean).slice(0, max).join('');
}

/** Details as plain JSON that round-trips through jsonb exactly; secrets replaced by '[redacted]'. */
export function storableDetails(details: Record<string, unknown>): JsonObject {
  return storableObject(details, 0);
}

function storableObject(value: Record<string, unknown>, depth: number): JsonObject {
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out[storableText(key, 100)] = SECRET_KEY.test(key) ? '[redacted]' : storableValue(item, depth + 1);
  }
  return out;
}

function storableValue(value: unknown, depth: number): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth > MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => (item === undefined ? null : storableValue(item, depth + 1)));
  if (typeof value === 'object') return storableObject(value as Record<string, unknown>, depth);
  return null;
}

async function appendChained(trx: Db, input: AuditInput): Promise<ChainedAuditEntry> {
  const head = await lockChainHead(trx);
  const entry = chainEntry(head, {
    at: input.at,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: storableText(input.actor.label, 320),
    action: input.action,
    recordType: input.recordType,
    recordId: input.recordId === null ? null : storableText(input.recordId, 200),
    ip: input.ip === null ? null : storableText(input.ip, 100),
    details: storableDetails(input.details ?? {}),
  });
  await insertAuditEntry(trx, entry);
  return entry;
}

/**
 * Appends one chained entry. On its own it runs in a transaction of its own; given a
 * transaction, it joins it (the entry then stands or falls with that transaction's work). Either
 * way the head's row lock serialises writers across every process on the database, and is held
 * until that transaction ends, so keep such transactions short.
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<ChainedAuditEntry> {
  if (db.isTransaction) return appendChained(db, input);
  return db.transaction().execute((trx) => appendChained(trx, input));
}

/** Entries matching `filter`, newest first, one page at a time (keyset on id). */
export async function listAudit(
  db: Db,
  filter: AuditFilter,
  page: { beforeId: string | null; limit: number },
): Promise<{ items: ChainedAuditEntry[]; nextBeforeId: string | null }> {
  const rows = await searchAudit(db, filter, { beforeId: page.beforeId, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  return { items, nextBeforeId: rows.length > page.limit ? items[items.length - 1]!.id : null };
}

/**
 * Walks the whole chain in id order, `batchSize` entries at a time (memory stays flat however
 * long the log is), up to the head as it was when the walk began; entries appended meanwhile are
 * left for the next run. The last entry must be the one the head names, or entries were cut off
 * the end.
 */
export async function verifyAuditChain(db: Db, options: { batchSize?: number } = {}): Promise<AuditVerdict> {
  const batchSize = options.batchSize ?? 5000;
  const head = await readChainHead(db);
  if (!head) return { ok: false, count: 0, brokenAt: '1', reason: 'the chain head (audit_head) is missing' };
  let position = GENESIS;
  let count = 0;
  const end = BigInt(head.lastId);
  let next = readAuditBatch(db, position.lastId, batchSize);
  for (;;) {
    const batch = await next;
    const upToHead = batch.filter((entry) => BigInt(entry.id) <= end);
    const more = batch.length === batchSize && upToHead.length === batch.length;
    // The next batch is read while this one is hashed.
    if (more) next = readAuditBatch(db, batch[batch.length - 1]!.id, batchSize);
    const verdict = verifyChain(upToHead, position);
    if (!verdict.ok) {
      if (more) await next.catch(() => undefined);
      return { ...verdict, count: count + verdict.count };
    }
    count += verdict.count;
    position = verdict.last;
    if (!more) break;
  }
  if (position.lastId !== head.lastId) {
    const next = (BigInt(position.lastId) + 1n).toString();
    const missing = next === head.lastId ? `entry ${next} is missing` : `entries ${next} to ${head.lastId} are missing`;
    return { ok: false, count, brokenAt: next, reason: `${missing}: the chain ends at entry ${position.lastId} but its head says ${head.lastId}` };
  }
  if (position.lastHash !== head.lastHash) {
    return { ok: false, count, brokenAt: head.lastId, reason: `entry ${head.lastId} is not the entry the chain head recorded (its hash differs)` };
  }
  return { ok: true, count, lastId: head.lastId, lastHash: head.lastHash };
}
