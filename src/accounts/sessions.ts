import type { ApiKey } from '../integrations/api-keys.js';
import type { Db } from '../db/engine.js';
import { findStaffById, type StaffUser } from './staff-repository.js';
import { newToken, tokenHash } from './tokens.js';

export const SESSION_COOKIE = 'cf_session';
export const STAFF_IDLE_MINUTES = 30;
export const STAFF_ABSOLUTE_HOURS = 12;
export const CLIENT_SESSION_DAYS = 14;

export interface StaffSession {
  kind: 'staff';
  sessionId: string;
  user: StaffUser;
}

export interface ClientSession {
  kind: 'client';
  sessionId: string;
  contactId: string;
}

/** Not a session but a program calling with `Authorization: Bearer <API key>`: it acts on the staff API within its scopes. */
export interface ApiKeySession {
  kind: 'api';
  apiKey: ApiKey;
}

export type Session = StaffSession | ClientSession | ApiKeySession;

/** Whether a staff session is still alive at `now`: 30 minutes idle, 12 hours at most. Pure. */
export function staffSessionAlive(session: { createdAt: Date; lastSeenAt: Date; endedAt: Date | null }, now: Date): boolean {
  if (session.endedAt) return false;
  const idleLimit = session.lastSeenAt.getTime() + STAFF_IDLE_MINUTES * 60_000;
  const absoluteLimit = session.createdAt.getTime() + STAFF_ABSOLUTE_HOURS * 3_600_000;
  return now.getTime() < idleLimit && now.getTime() < absoluteLimit;
}

export async function startStaffSession(
  db: Db,
  args: { staffUserId: string; ip: string | null; userAgent: string | null; now: Date },
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      staff_user_id: args.staffUserId,
      contact_id: null,
      created_at: args.now,
      last_seen_at: args.now,
      expires_at: new Date(args.now.getTime() + STAFF_ABSOLUTE_HOURS * 3_600_000),
      ip: args.ip,
      user_agent: args.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

/** A client's session, started from an e-mailed link (booking confirmation, sign-in link). */
export async function startClientSession(
  db: Db,
  args: { contactId: string; ip: string | null; userAgent: string | null; now: Date },
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      staff_user_id: null,
      contact_id: args.contactId,
      created_at: args.now,
      last_seen_at: args.now,
      expires_at: new Date(args.now.getTime() + CLIENT_SESSION_DAYS * 86_400_000),
      ip: args.ip,
      user_agent: args.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

/** Finds the live session behind a cookie's token and marks it as just used; null when there is none. */
export async function resumeSession(db: Db, token: string, now: Date): Promise<Session | null> {
  const id = tokenHash(token);
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'staff_user_id', 'contact_id', 'created_at', 'last_seen_at', 'expires_at', 'ended_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.ended_at || row.expires_at.getTime() <= now.getTime()) return null;
  if (row.staff_user_id) {
    if (!staffSessionAlive({ createdAt: row.created_at, lastSeenAt: row.last_seen_at, endedAt: row.ended_at }, now)) return null;
    const user = await findStaffById(db, row.staff_user_id);
    if (!user || !user.active) return null;
    await touch(db, id, now, row.last_seen_at);
    const { passwordHash: _passwordHash, ...publicUser } = user;
    return { kind: 'staff', sessionId: id, user: publicUser };
  }
  if (row.contact_id) {
    await touch(db, id, now, row.last_seen_at);
    return { kind: 'client', sessionId: id, contactId: row.contact_id };
  }
  return null;
}

// Writing on every request would turn reads into writes; a minute's precision is plenty for a 30-minute idle limit.
async function touch(db: Db, id: string, now: Date, lastSeenAt: Date): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < 60_000) return;
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function endSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: now }).where('id', '=', sessionId).where('ended_at', 'is', null).execute();
}
