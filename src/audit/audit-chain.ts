import { createHash } from 'node:crypto';

// The hash chain of the audit log, pure: how an entry is serialised, how it is hashed, and how
// a run of stored entries is checked. The serialisation is frozen: changing it would make every
// stored entry fail verification.

export type AuditActorType = 'staff' | 'client' | 'api' | 'system';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What an entry says: who did what to which record, when, from where. */
export interface AuditEntryContent {
  at: Date;
  actorType: AuditActorType;
  actorId: string | null;
  /** How the actor was known at the time, e.g. the staff member's e-mail. */
  actorLabel: string;
  action: string;
  recordType: string;
  recordId: string | null;
  ip: string | null;
  details: JsonObject;
}

/** An entry as stored: its place in the chain and the hashes that tie it there. */
export interface ChainedAuditEntry extends AuditEntryContent {
  /** A bigint, as a decimal string. */
  id: string;
  prevHash: string;
  hash: string;
}

/** Where a chain ends: the last entry's id and hash. */
export interface ChainPosition {
  lastId: string;
  lastHash: string;
}

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
export const GENESIS: ChainPosition = { lastId: '0', lastHash: GENESIS_HASH };

export type ChainVerdict =
  | { ok: true; count: number; last: ChainPosition }
  | { ok: false; count: number; brokenAt: string; reason: string };

/** JSON with object keys in code-unit order at every depth, so equal values serialise equally. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
}

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * The exact text that is hashed: the canonical JSON of every field of the entry, its id and the
 * previous hash. Spelled out with the keys already in order, which is what canonicalJson would
 * produce (a unit test holds them equal), because verifying a million entries spends its time here.
 */
export function canonicalEntry(prevHash: string, entry: AuditEntryContent & { id: string }): string {
  return (
    `{"action":${text(entry.action)},"actorId":${text(entry.actorId)},"actorLabel":${text(entry.actorLabel)},` +
    `"actorType":${text(entry.actorType)},"at":${text(entry.at.toISOString())},"details":${canonicalJson(entry.details)},` +
    `"id":${text(entry.id)},"ip":${text(entry.ip)},"prevHash":${text(prevHash)},"recordId":${text(entry.recordId)},` +
    `"recordType":${text(entry.recordType)}}`
  );
}

/** SHA-256, hex, of the canonical entry. */
export function entryHash(prevHash: string, entry: AuditEntryContent & { id: string }): string {
  return createHash('sha256').update(canonicalEntry(prevHash, entry), 'utf8').digest('hex');
}

/** Extends the chain ending at `head` by one entry. */
export function chainEntry(head: ChainPosition, content: AuditEntryContent): ChainedAuditEntry {
  const id = (BigInt(head.lastId) + 1n).toString();
  return { ...content, id, prevHash: head.lastHash, hash: entryHash(head.lastHash, { ...content, id }) };
}

/**
 * Checks entries in id order, continuing from `from` (the genesis by default), so a long chain
 * can be checked batch by batch. Reports the first id where the chain does not hold.
 */
export function verifyChain(entries: Iterable<ChainedAuditEntry>, from: ChainPosition = GENESIS): ChainVerdict {
  let last = from;
  let count = 0;
  for (const entry of entries) {
    const expectedId = BigInt(last.lastId) + 1n;
    const id = BigInt(entry.id);
    if (id < expectedId) {
      return { ok: false, count, brokenAt: entry.id, reason: `entry ${entry.id} is out of order: it comes after entry ${last.lastId}` };
    }
    if (id > expectedId) {
      const missing = id - expectedId === 1n ? `entry ${expectedId} is missing` : `entries ${expectedId} to ${id - 1n} are missing`;
      return { ok: false, count, brokenAt: expectedId.toString(), reason: `${missing}: entry ${entry.id} follows entry ${last.lastId}` };
    }
    if (entryHash(entry.prevHash, entry) !== entry.hash) {
      return { ok: false, count, brokenAt: entry.id, reason: `entry ${entry.id} was altered: its content does not match its hash` };
    }
    if (entry.prevHash !== last.lastHash) {
      return {
        ok: false,
        count,
        brokenAt: entry.id,
        reason: `entry ${entry.id} does not follow entry ${last.lastId}: its prev_hash is not that entry's hash (one of them was replaced)`,
      };
    }
    last = { lastId: entry.id, lastHash: entry.hash };
    count += 1;
  }
  return { ok: true, count, last };
}
