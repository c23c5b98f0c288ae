import type { Db } from '../db/engine.js';
import { inBatches, instantCell, sameIn, yesNo, type CsvColumn, type CsvWords } from '../http/csv-download.js';
import { listInbox, listThread, type AuthorType, type InboxCursor, type InboxThread, type Message } from './message-repository.js';

// The messages as spreadsheets: the inbox (one row a client's thread, unanswered first, as the
// console lists it) and one client's whole thread, oldest first. Downloading reads; it marks
// nothing as read (opening the thread in the console does that).

const AUTHORS: CsvWords<AuthorType> = { uk: { client: 'клієнт', staff: 'клініка' }, en: { client: 'client', staff: 'clinic' } };

export const INBOX_COLUMNS: Array<CsvColumn<InboxThread>> = [
  { header: { uk: 'id контакту', en: 'Contact id' }, cell: (t) => t.contactId },
  { header: { uk: 'Клієнт', en: 'Client' }, cell: (t) => t.contactName },
  { header: sameIn('E-mail'), cell: (t) => t.contactEmail },
  { header: { uk: 'Без відповіді', en: 'Unanswered' }, cell: (t, csv) => yesNo(t.unanswered, csv) },
  { header: { uk: 'Непрочитаних', en: 'Unread' }, cell: (t) => t.unreadCount },
  { header: { uk: 'Останнє повідомлення', en: 'Last message' }, cell: (t, csv) => instantCell(t.lastMessageAt, csv) },
  { header: { uk: 'Останнім писав', en: 'Last written by' }, cell: (t, csv) => AUTHORS[csv.language][t.lastAuthor] },
  { header: { uk: 'Початок останнього повідомлення', en: 'Start of the last message' }, cell: (t) => t.lastMessageStart },
];

export const THREAD_COLUMNS: Array<CsvColumn<Message>> = [
  { header: sameIn('id'), cell: (m) => m.id },
  { header: { uk: 'Коли', en: 'When' }, cell: (m, csv) => instantCell(m.createdAt, csv) },
  { header: { uk: 'Від', en: 'From' }, cell: (m, csv) => AUTHORS[csv.language][m.authorType] },
  { header: { uk: 'Автор', en: 'Author' }, cell: (m) => m.authorName },
  { header: { uk: 'Повідомлення', en: 'Message' }, cell: (m) => m.body },
  { header: { uk: 'Прочитано клінікою', en: 'Read by the clinic' }, cell: (m, csv) => instantCell(m.readByStaffAt, csv) },
  { header: { uk: 'Прочитано клієнтом', en: 'Read by the client' }, cell: (m, csv) => instantCell(m.readByClientAt, csv) },
];

/** Every thread in the inbox's order, read in batches. */
export function inboxThreads(db: Db, unansweredOnly: boolean): AsyncGenerator<InboxThread> {
  return inBatches<InboxThread, InboxCursor>(
    (after, limit) => listInbox(db, { after, unansweredOnly, limit }),
    (row) => ({ unanswered: row.unanswered, lastMessageAt: row.lastMessageAt, contactId: row.contactId }),
  );
}

/** A client's thread oldest first, read in batches. */
export function threadMessages(db: Db, contactId: string): AsyncGenerator<Message> {
  return inBatches<Message>(
    (after, limit) => listThread(db, contactId, { after, limit }),
    (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
  );
}
