import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../db/engine.js';
import { newToken, tokenHash } from './tokens.js';

export type TokenPurpose = 'confirm_booking' | 'rebook' | 'magic_link' | 'confirm_email';

export interface ActionToken {
  purpose: TokenPurpose;
  contactId: string;
  appointmentId: string | null;
  data: Record<string, unknown>;
  expiresAt: Date;
  usedAt: Date | null;
}

type NewActionToken = { purpose: TokenPurpose; contactId: string; appointmentId?: string | null; data?: Record<string, unknown>; expiresAt: Date; now: Date };

/** Makes a single-use link token (256 bits); only its hash is stored. Returns the token for the link. */
export async function createActionToken(trx: Db, args: NewActionToken): Promise<string> {
  const { token, insert } = prepareActionToken(trx, args);
  await trx.executeQuery(insert);
  return token;
}

/**
 * `createActionToken` without running its insert: the caller writes it with something else in
 * one statement (the e-mail that carries the link, and its job), inside the same transaction.
 */
export function prepareActionToken(db: Db, args: NewActionToken): { token: string; insert: CompiledQuery } {
  const token = newToken();
  const insert = db
    .insertInto('action_tokens')
    .values({
      token_hash: tokenHash(token),
      purpose: args.purpose,
      contact_id: args.contactId,
      appointment_id: args.appointmentId ?? null,
      data: JSON.stringify(args.data ?? {}),
      created_at: args.now,
      expires_at: args.expiresAt,
    })
    .compile();
  return { token, insert };
}

export type TokenLookup =
  | { state: 'valid'; token: ActionToken; hash: string }
  | { state: 'used'; token: ActionToken; hash: string }
  | { state: 'expired'; token: ActionToken; hash: string }
  | { state: 'unknown' };

/**
 * Finds a token of one purpose and locks it for the caller's transaction. A token of another
 * purpose is "unknown": a sign-in link never confirms a booking.
 */
export async function lookUpActionToken(trx: Db, token: string, purpose: TokenPurpose, now: Date): Promise<TokenLookup> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: 'unknown' };
  const hash = tokenHash(token);
  const row = await trx
    .selectFrom('action_tokens')
    .select(['purpose', 'contact_id', 'appointment_id', 'data', 'expires_at', 'used_at'])
    .where('token_hash', '=', hash)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.purpose !== purpose) return { state: 'unknown' };
  const found: ActionToken = {
    purpose: row.purpose as TokenPurpose,
    contactId: row.contact_id,
    appointmentId: row.appointment_id,
    data: (row.data ?? {}) as Record<string, unknown>,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
  if (found.usedAt) return { state: 'used', token: found, hash };
  if (found.expiresAt.getTime() <= now.getTime()) return { state: 'expired', token: found, hash };
  return { state: 'valid', token: found, hash };
}

export async function markTokenUsed(trx: Db, hash: string, now: Date): Promise<void> {
  await trx.updateTable('action_tokens').set({ used_at: now }).where('token_hash', '=', hash).execute();
}

/** Uses up every token of an offer at once: one e-mail's rebook links book one appointment. */
export async function markOfferUsed(trx: Db, offerId: string, now: Date): Promise<void> {
  await trx
    .updateTable('action_tokens')
    .set({ used_at: now })
    .where('purpose', '=', 'rebook')
    .where('used_at', 'is', null)
    .where(sql<boolean>`data ->> 'offerId' = ${offerId}`)
    .execute();
}
