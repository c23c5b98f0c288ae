import { idColumn, instantCell, sameIn, yesNo, type CsvColumn, type CsvWords } from '../http/csv-download.js';
import type { MailTemplateSummary } from './template-repository.js';
import type { OutboundEmail, OutboundStatus } from './outbox-repository.js';

// The e-mail pages as spreadsheets: the outbox (each message's state, never its body: bodies
// hold links that act as the client) and the list of templates.

const STATUSES: CsvWords<OutboundStatus> = {
  uk: { queued: 'у черзі', sent: 'надіслано', failed: 'не надіслано' },
  en: { queued: 'queued', sent: 'sent', failed: 'failed' },
};
const TRANSPORTS: CsvWords<'smtp' | 'mailbox'> = { uk: { smtp: 'SMTP', mailbox: 'поштова скринька консолі' }, en: { smtp: 'SMTP', mailbox: 'the console’s mailbox' } };

export const OUTBOX_COLUMNS: Array<CsvColumn<OutboundEmail>> = [
  idColumn(),
  { header: { uk: 'Створено', en: 'Created' }, cell: (e, csv) => instantCell(e.createdAt, csv) },
  { header: { uk: 'Кому', en: 'To' }, cell: (e) => e.toName },
  { header: sameIn('E-mail'), cell: (e) => e.toAddress },
  { header: { uk: 'Тема', en: 'Subject' }, cell: (e) => e.subject },
  { header: { uk: 'Шаблон', en: 'Template' }, cell: (e) => e.templateKey },
  { header: { uk: 'Мова', en: 'Language' }, cell: (e) => e.locale },
  { header: { uk: 'Стан', en: 'State' }, cell: (e, csv) => STATUSES[csv.language][e.status] },
  { header: { uk: 'Спроб', en: 'Attempts' }, cell: (e) => e.attempts },
  { header: { uk: 'Остання помилка', en: 'Last error' }, cell: (e) => e.lastError },
  { header: { uk: 'Надіслано', en: 'Sent' }, cell: (e, csv) => instantCell(e.sentAt, csv) },
  { header: { uk: 'Канал', en: 'Transport' }, cell: (e, csv) => (e.transport ? TRANSPORTS[csv.language][e.transport] : null) },
  { header: { uk: 'Запрошення в календар', en: 'Calendar invite' }, cell: (e) => e.icsMethod },
  { header: sameIn('Message-ID'), cell: (e) => e.messageId },
  { header: { uk: 'id контакту', en: 'Contact id' }, cell: (e) => e.contactId },
  { header: { uk: 'id запису', en: 'Appointment id' }, cell: (e) => e.appointmentId },
];

export const TEMPLATE_COLUMNS: Array<CsvColumn<MailTemplateSummary>> = [
  { header: { uk: 'Шаблон', en: 'Template' }, cell: (t) => t.key },
  { header: { uk: 'Мова', en: 'Language' }, cell: (t) => t.locale },
  { header: { uk: 'Тема', en: 'Subject' }, cell: (t) => t.subject },
  { header: { uk: 'Змінено клінікою', en: 'Changed by the clinic' }, cell: (t, csv) => yesNo(t.customised, csv) },
  { header: { uk: 'Змінено', en: 'Updated' }, cell: (t, csv) => instantCell(t.updatedAt, csv) },
];
