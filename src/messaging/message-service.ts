import type { AppDeps } from '../app-deps.js';
import { findContactById, type Contact } from '../contacts/contact-repository.js';
import type { Actor } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import { decodeCursor, pageOf } from '../http/cursor.js';
import { invalidInput, notFound } from '../http/errors.js';
import { queueMessageToClient, queueMessageToStaff, type MessageEmailSettings } from './message-emails.js';
import {
  advanceThread,
  insertMessage,
  listInbox,
  listThread,
  markReadByClient,
  markReadByStaff,
  type AuthorType,
  type InboxCursor,
  type InboxThread,
  type Message,
} from './message-repository.js';
import { messageBody, previewOf } from './message-text.js';

export type MessagingDeps = Pick<AppDeps, 'db' | 'config' | 'events' | 'queue' | 'outbox'>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface InboxEntry extends Omit<InboxThread, 'lastMessageStart'> {
  lastMessagePreview: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function emailSettings(deps: MessagingDeps): MessageEmailSettings {
  return { publicUrl: deps.config.publicUrl, cutoffHours: deps.config.clientChangeCutoffHours };
}

/** A cursor this server gave out for a thread or the inbox, or a 400 naming `cursor`. */
function checkedCursor(raw: string | undefined): { key: string; id: string } | null {
  const cursor = decodeCursor(raw);
  if (cursor && !UUID.test(cursor.id)) throw invalidInput({ cursor: 'is not a cursor this server gave out' });
  return cursor;
}

function threadCursor(raw: string | undefined): { key: string; id: string } | null {
  const cursor = checkedCursor(raw);
  if (cursor && Number.isNaN(Date.parse(cursor.key))) throw invalidInput({ cursor: 'is not a cursor this server gave out' });
  return cursor;
}

function inboxCursor(raw: string | undefined): InboxCursor | null {
  const cursor = checkedCursor(raw);
  if (!cursor) return null;
  const match = /^([01])\|(.+)$/.exec(cursor.key);
  const at = match ? new Date(match[2]!) : null;
  if (!match || !at || Number.isNaN(at.getTime())) throw invalidInput({ cursor: 'is not a cursor this server gave out' });
  return { unanswered: match[1] === '1', lastMessageAt: at, contactId: cursor.id };
}

/**
 * Writes one message into a contact's thread, in one transaction: the message, the thread's
 * new state, the writer's read of everything the other side wrote before (whoever answers
 * has read), the timeline event, and the e-mails to the other side through the outbox.
 */
async function writeMessage(
  trx: Db,
  deps: MessagingDeps,
  args: { contact: Contact; authorType: AuthorType; actor: Actor; body: string; now: Date },
): Promise<Message> {
  const { contact, now } = args;
  const message = await insertMessage(trx, {
    contactId: contact.id,
    authorType: args.authorType,
    // Signed by the staff member who wrote it; an integration's message is signed by the clinic.
    authorStaffId: args.actor.type === 'staff' ? args.actor.id : null,
    body: args.body,
    createdAt: now,
  });
  await advanceThread(trx, message);
  if (args.authorType === 'client') await markReadByClient(trx, contact.id, 'all', now);
  else await markReadByStaff(trx, contact.id, 'all', now);

  const outbox = { queue: deps.queue, events: deps.events, outbox: deps.outbox };
  await deps.events.record(trx, {
    kind: args.authorType === 'client' ? 'message.received' : 'message.sent',
    contactId: contact.id,
    actor: args.actor,
    data: { messageId: message.id, preview: previewOf(message.body) },
    at: now,
  });
  if (args.authorType === 'client') await queueMessageToStaff(trx, outbox, emailSettings(deps), { contact, message, now });
  else await queueMessageToClient(trx, outbox, emailSettings(deps), { contact, message, now });
  return message;
}

/** A signed-in client writes to the clinic; every administrator and manager is e-mailed. */
export async function writeToClinic(deps: MessagingDeps, args: { contactId: string; body: string; now: Date }): Promise<Message> {
  const body = messageBody(args.body);
  return deps.db.transaction().execute(async (trx) => {
    const contact = await findContactById(trx, args.contactId);
    if (!contact) throw notFound('The contact');
    return writeMessage(trx, deps, { contact, authorType: 'client', actor: { type: 'client', id: null }, body, now: args.now });
  });
}

/** The clinic writes to a client (an answer, or the first word): a staff member, or an integration by its API key. The client is e-mailed. */
export async function writeToClient(deps: MessagingDeps, args: { contactId: string; by: Actor; body: string; now: Date }): Promise<Message> {
  const body = messageBody(args.body);
  return deps.db.transaction().execute(async (trx) => {
    const contact = await findContactById(trx, args.contactId);
    if (!contact) throw notFound('The contact', 'id');
    return writeMessage(trx, deps, { contact, authorType: 'staff', actor: args.by, body, now: args.now });
  });
}

async function readThread(
  deps: MessagingDeps,
  reader: AuthorType,
  args: { contactId: string; cursor?: string | undefined; limit: number; now: Date },
): Promise<Page<Message>> {
  const rows = await listThread(deps.db, args.contactId, { after: threadCursor(args.cursor), limit: args.limit + 1 });
  const page = pageOf(rows, args.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  // What this page shows of the other side's messages is now read by this side.
  const shown = page.items.map((message) => message.id);
  if (reader === 'client') {
    const read = await markReadByClient(deps.db, args.contactId, shown, args.now);
    return { ...page, items: page.items.map((m) => (read.has(m.id) ? { ...m, readByClientAt: args.now } : m)) };
  }
  const read = await markReadByStaff(deps.db, args.contactId, shown, args.now);
  return { ...page, items: page.items.map((m) => (read.has(m.id) ? { ...m, readByStaffAt: args.now } : m)) };
}

/** The client reads their own thread, oldest first; the clinic's messages shown become read by them. */
export async function readThreadAsClient(deps: MessagingDeps, args: { contactId: string; cursor?: string | undefined; limit: number; now: Date }): Promise<Page<Message>> {
  return readThread(deps, 'client', args);
}

/** Staff read a contact's thread, oldest first; the client's messages shown become read by the clinic. */
export async function readThreadAsStaff(deps: MessagingDeps, args: { contactId: string; cursor?: string | undefined; limit: number; now: Date }): Promise<Page<Message>> {
  const contact = await findContactById(deps.db, args.contactId);
  if (!contact) throw notFound('The contact', 'id');
  return readThread(deps, 'staff', args);
}

/** The clinic's inbox: threads the client wrote last first, then the newest. */
export async function readInbox(deps: MessagingDeps, args: { cursor?: string | undefined; limit: number; unansweredOnly: boolean }): Promise<Page<InboxEntry>> {
  const rows = await listInbox(deps.db, { after: inboxCursor(args.cursor), unansweredOnly: args.unansweredOnly, limit: args.limit + 1 });
  const page = pageOf(rows, args.limit, (row) => ({ key: `${row.unanswered ? 1 : 0}|${row.lastMessageAt.toISOString()}`, id: row.contactId }));
  return {
    items: page.items.map(({ lastMessageStart, ...thread }) => ({ ...thread, lastMessagePreview: previewOf(lastMessageStart) })),
    nextCursor: page.nextCursor,
  };
}
