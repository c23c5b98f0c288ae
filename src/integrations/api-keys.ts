import { newToken, tokenHash } from '../accounts/tokens.js';
import type { Db } from '../db/engine.js';

/** What a key may do: `read` lets it call GET routes, `write` the others. */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Every key starts with this, so a leaked one is recognisable (secret scanners, logs). */
const KEY_PREFIX = 'cfk_';

export interface ApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The key's first characters, to tell keys apart; never enough to use it. */
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The scope a request needs: reading needs `read`, anything that changes something needs `write`. */
export function scopeFor(method: string): ApiKeyScope {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write';
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX);
}

type Row = {
  id: string;
  name: string;
  scopes: string[];
  key_prefix: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

function fromRow(row: Row): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.filter((scope): scope is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(scope)),
    prefix: row.key_prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

const COLUMNS = ['id', 'name', 'scopes', 'key_prefix', 'created_by', 'created_at', 'last_used_at', 'revoked_at'] as const;

/** Makes a key and returns it with its secret, which is never stored and cannot be shown again. */
export async function createApiKey(
  db: Db,
  args: { name: string; scopes: ApiKeyScope[]; createdBy: string | null; now: Date },
): Promise<{ apiKey: ApiKey; key: string }> {
  const key = `${KEY_PREFIX}${newToken()}`;
  const scopes = API_KEY_SCOPES.filter((scope) => args.scopes.includes(scope));
  const row = await db
    .insertInto('api_keys')
    .values({ name: args.name.trim(), scopes, key_hash: tokenHash(key), key_prefix: key.slice(0, KEY_PREFIX.length + 6), created_by: args.createdBy, created_at: args.now })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { apiKey: fromRow(row), key };
}

export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  const rows = await db.selectFrom('api_keys').select(COLUMNS).orderBy('revoked_at', (ob) => ob.desc().nullsFirst()).orderBy('created_at', 'desc').execute();
  return rows.map(fromRow);
}

export async function findApiKey(db: Db, id: string): Promise<ApiKey | null> {
  const row = await db.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** Revokes a key at once: the next request with it is refused. Returns false when there is no such key. */
export async function revokeApiKey(db: Db, id: string, now: Date): Promise<boolean> {
  const found = await db.selectFrom('api_keys').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) return false;
  await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  return true;
}

/** The live key behind a secret, marked as just used; null when it is unknown or revoked. */
export async function resolveApiKey(db: Db, key: string, now: Date): Promise<ApiKey | null> {
  if (!looksLikeApiKey(key)) return null;
  const row = await db.selectFrom('api_keys').select(COLUMNS).where('key_hash', '=', tokenHash(key)).executeTakeFirst();
  if (!row || row.revoked_at) return null;
  // A minute's precision is enough to show when a key was last used, and keeps reads from becoming writes.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= 60_000) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
    row.last_used_at = now;
  }
  return fromRow(row);
}
