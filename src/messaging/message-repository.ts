import { sql } from 'kysely';
import type { Db } from '../db/engine.js';
import type { Cursor } from '../http/cursor.js';

export type AuthorType = 'client' | 'staff';

/** One message of a thread, with the name of who wrote it. */
export interface Message {
  id: string;
  contactId: string;
  authorType: AuthorType;
  /** The staff member who wrote it; null for the client's messages and for a removed staff member. */
  authorStaffId: string | null;
  /** The client's name, or the staff member's; null for a removed staff member. */
  authorName: string | null;
  body: string;
  createdAt: Date;
  readByStaffAt: Date | null;
  readByClientAt: Date | null;
}

/** One thread as the clinic's inbox lists it. */
export interface InboxThread {
  contactId: string;
  contactName: string;
  contactEmail: string;
  lastMessageAt: Date;
  /** The start of the last message (at most 400 characters; the service shortens it). */
  lastMessageStart: string;
  lastAuthor: AuthorType;
  unanswered: boolean;
  /** The client's messages the clinic has not read. */
  unreadCount: number;
}


interface MessageRow {
  id: string;
  contact_id: string;
  author_type: string;
  author_staff_id: string | null;
  body: string;
  created_at: Date;
  read_by_staff_at: Date | null;
  read_by_client_at: Date | null;
  contact_name: string;
  staff_name: string | null;
}

function toMessage(row: MessageRow): Message {
  const authorType = row.author_type as AuthorType;
  return {
    id: row.id,
    contactId: row.contact_id,
    authorType,
    authorStaffId: row.author_staff_id,
    authorName: authorType === 'client' ? row.contact_name : row.staff_name,
    body: row.body,
    createdAt: row.created_at,
    readByStaffAt: row.read_by_staff_at,
    readByClientAt: row.read_by_client_at,
  };
}

function messagesWithAuthors(db: Db) {
  return db
    .selectFrom('messages as m')
    .innerJoin('contacts as c', 'c.id', 'm.contact_id')
    .leftJoin('staff_users as s', 's.id', 'm.author_staff_id')
    .select([
      'm.id',
      'm.contact_id',
      'm.author_type',
      'm.author_staff_id',
      'm.body',
      'm.created_at',
      'm.read_by_staff_at',
      'm.read_by_client_at',
      'c.name as contact_name',
      's.name as staff_name',
    ]);
}

export async function insertMessage(
  db: Db,
  input: { contactId: string; authorType: AuthorType; authorStaffId: string | null; body: string; createdAt: Date },
): Promise<Message> {
  const { id } = await db
    .insertInto('messages')
    .values({
      contact_id: input.contactId,
      author_type: input.authorType,
      author_staff_id: input.authorStaffId,
      body: input.body,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await messagesWithAuthors(db).where('m.id', '=', id).executeTakeFirstOrThrow();
  return toMessage(row);
}

/**
 * Makes `message` the thread's last one, creating the thread on its first message. Two
 * messages written at once both land; the later one in thread order (time, then id) wins,
 * whichever commits first, because the upsert compares under the row's lock.
 */
export async function advanceThread(db: Db, message: { id: string; contactId: string; authorType: AuthorType; createdAt: Date }): Promise<void> {
  await db
    .insertInto('message_threads')
    .values({
      contact_id: message.contactId,
      last_message_id: message.id,
      last_message_at: message.createdAt,
      last_author_type: message.authorType,
      created_at: message.createdAt,
    })
    .onConflict((oc) =>
      oc
        .column('contact_id')
        .doUpdateSet((eb) => ({
          last_message_id: eb.ref('excluded.last_message_id'),
          last_message_at: eb.ref('excluded.last_message_at'),
          last_author_type: eb.ref('excluded.last_author_type'),
        }))
        .where(sql<boolean>`(message_threads.last_message_at, message_threads.last_message_id) < (excluded.last_message_at, excluded.last_message_id)`),
    )
    .execute();
}

/** A thread oldest first, from after `after`; fetch `limit + 1` to know whether more follow. */
export async function listThread(db: Db, contactId: string, options: { after: Cursor | null; limit: number }): Promise<Message[]> {
  let query = messagesWithAuthors(db).where('m.contact_id', '=', contactId);
  if (options.after) {
    const after = options.after;
    query = query.where(sql<boolean>`(m.created_at, m.id) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await query.orderBy('m.created_at', 'asc').orderBy('m.id', 'asc').limit(options.limit).execute();
  return rows.map(toMessage);
}

/** Marks these of the client's messages read by the clinic; returns the ids that were unread. */
export async function markReadByStaff(db: Db, contactId: string, ids: string[] | 'all', at: Date): Promise<Set<string>> {
  if (ids !== 'all' && ids.length === 0) return new Set();
  let query = db
    .updateTable('messages')
    .set({ read_by_staff_at: at })
    .where('contact_id', '=', contactId)
    .where('author_type', '=', 'client')
    .where('read_by_staff_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids);
  const rows = await query.returning('id').execute();
  return new Set(rows.map((row) => row.id));
}

/** Marks these of the clinic's messages read by the client; returns the ids that were unread. */
export async function markReadByClient(db: Db, contactId: string, ids: string[] | 'all', at: Date): Promise<Set<string>> {
  if (ids !== 'all' && ids.length === 0) return new Set();
  let query = db
    .updateTable('messages')
    .set({ read_by_client_at: at })
    .where('contact_id', '=', contactId)
    .where('author_type', '=', 'staff')
    .where('read_by_client_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids);
  const rows = await query.returning('id').execute();
  return new Set(rows.map((row) => row.id));
}

/** The inbox key of a thread: unanswered first, then the newest last message. */
export interface InboxCursor {
  unanswered: boolean;
  lastMessageAt: Date;
  contactId: string;
}

/**
 * Threads unanswered first, then by the time of their last message, newest first: one scan of
 * `message_threads_inbox_idx`. Unread counts come from the partial index of unread client
 * messages, for this page's threads only. Fetch `limit + 1` to know whether more follow.
 */
export async function listInbox(db: Db, options: { after: InboxCursor | null; unansweredOnly: boolean; limit: number }): Promise<InboxThread[]> {
  let query = db
    .selectFrom('message_threads as t')
    .innerJoin('contacts as c', 'c.id', 't.contact_id')
    .innerJoin('messages as m', 'm.id', 't.last_message_id')
    .select([
      't.contact_id',
      't.last_message_at',
      't.last_author_type',
      't.unanswered',
      'c.name as contact_name',
      'c.email as contact_email',
      sql<string>`substr(m.body, 1, 400)`.as('last_message_start'),
    ]);
  if (options.unansweredOnly) query = query.where('t.unanswered', '=', true);
  if (options.after) {
    const after = options.after;
    query = query.where(
      sql<boolean>`(t.unanswered, t.last_message_at, t.contact_id) < (${after.unanswered}::boolean, ${after.lastMessageAt.toISOString()}::timestamptz, ${after.contactId}::uuid)`,
    );
  }
  const rows = await query
    .orderBy('t.unanswered', 'desc')
    .orderBy('t.last_message_at', 'desc')
    .orderBy('t.contact_id', 'desc')
    .limit(options.limit)
    .execute();
  const unread = await unreadByStaff(db, rows.map((row) => row.contact_id));
  return rows.map((row) => ({
    contactId: row.contact_id,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    lastMessageAt: row.last_message_at,
    lastMessageStart: row.last_message_start,
    lastAuthor: row.last_author_type as AuthorType,
    unanswered: row.unanswered,
    unreadCount: unread.get(row.contact_id) ?? 0,
  }));
}

async function unreadByStaff(db: Db, contactIds: string[]): Promise<Map<string, number>> {
  if (contactIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .select(['contact_id', sql<string>`count(*)`.as('unread')])
    .where('contact_id', 'in', contactIds)
    .where('author_type', '=', 'client')
    .where('read_by_staff_at', 'is', null)
    .groupBy('contact_id')
    .execute();
  return new Map(rows.map((row) => [row.contact_id, Number(row.unread)]));
}

