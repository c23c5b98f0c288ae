import { sql } from 'kysely';
import type { Db } from '../db/engine.js';
import type { AuditActorType, ChainedAuditEntry, ChainPosition, JsonObject } from './audit-chain.js';

// SQL for audit_log and audit_head, nothing else: no rules, no hashing.

export interface AuditFilter {
  actorId?: string;
  /** `contact` matches `contact` and `contact.*`; `contact.read` matches itself (and `contact.read.*`). */
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

const columns = ['id', 'at', 'actor_type', 'actor_id', 'actor_label', 'action', 'record_type', 'record_id', 'ip', 'details', 'prev_hash', 'hash'] as const;

interface AuditRow {
  id: string;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string | null;
  ip: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

function toEntry(row: AuditRow): ChainedAuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    actorType: row.actor_type as AuditActorType,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    ip: row.ip,
    details: (row.details ?? {}) as JsonObject,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Locks the chain's head until the transaction ends and returns where the chain ends. */
export async function lockChainHead(trx: Db): Promise<ChainPosition> {
  const row = await trx.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1).forUpdate().executeTakeFirst();
  if (!row) throw new Error('audit_head is missing: the audit chain cannot be extended');
  return { lastId: String(row.last_id), lastHash: row.last_hash };
}

export async function readChainHead(db: Db): Promise<ChainPosition | null> {
  const row = await db.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  return row ? { lastId: String(row.last_id), lastHash: row.last_hash } : null;
}

/** Inserts one chained entry; the table's trigger moves the head. */
export async function insertAuditEntry(trx: Db, entry: ChainedAuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: entry.id,
      at: entry.at,
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      actor_label: entry.actorLabel,
      action: entry.action,
      record_type: entry.recordType,
      record_id: entry.recordId,
      ip: entry.ip,
      details: JSON.stringify(entry.details),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
}

/**
 * The next `limit` entries after `afterId`, in id order: one batch of a verification pass. No
 * upper bound in SQL on purpose: with one, a table without statistics was planned as a bitmap
 * scan of the whole remaining range plus a sort, every batch (1M entries: 136 s instead of ~10).
 */
export async function readAuditBatch(db: Db, afterId: string, limit: number): Promise<ChainedAuditEntry[]> {
  const rows = await db.selectFrom('audit_log').select(columns).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map(toEntry);
}

/** Entries matching `filter`, newest first, older than `beforeId` when given. */
export async function searchAudit(db: Db, filter: AuditFilter, page: { beforeId: string | null; limit: number }): Promise<ChainedAuditEntry[]> {
  let query = db.selectFrom('audit_log').select(columns);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action) {
    const action = filter.action;
    // `_` is a LIKE wildcard and action names are full of it.
    const prefix = `${action.replace(/[\\%_]/g, (c) => `\\${c}`)}${action.endsWith('.') ? '' : '.'}%`;
    query = query.where((eb) => eb.or([eb('action', '=', action), eb('action', 'like', prefix)]));
  }
  if (filter.recordType) query = query.where('record_type', '=', filter.recordType);
  if (filter.recordId) query = query.where('record_id', '=', filter.recordId);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (page.beforeId !== null) query = query.where('id', '<', page.beforeId);
  const rows = await query.orderBy(sql`id`, 'desc').limit(page.limit).execute();
  return rows.map(toEntry);
}
