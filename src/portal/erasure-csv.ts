import { idColumn, instantCell, type CsvColumn, type CsvWords } from '../http/csv-download.js';
import type { ErasureRequest } from './data-rights.js';

// Clients' requests to erase their data, as a spreadsheet: the record a clinic keeps of how it
// answered each one.

const STATUSES: CsvWords<ErasureRequest['status']> = {
  uk: { pending: 'очікує рішення', completed: 'дані стерто', rejected: 'відхилено' },
  en: { pending: 'pending', completed: 'erased', rejected: 'rejected' },
};

export interface ErasureRow extends ErasureRequest {
  /** Who decided, as the staff list names them. */
  handledByName: string | null;
}

export const ERASURE_COLUMNS: Array<CsvColumn<ErasureRow>> = [
  idColumn(),
  { header: { uk: 'Отримано', en: 'Requested' }, cell: (r, csv) => instantCell(r.requestedAt, csv) },
  { header: { uk: 'id контакту', en: 'Contact id' }, cell: (r) => r.contactId },
  { header: { uk: 'Клієнт', en: 'Client' }, cell: (r) => r.contactName },
  { header: { uk: 'Причина', en: 'Reason' }, cell: (r) => r.reason },
  { header: { uk: 'Стан', en: 'Status' }, cell: (r, csv) => STATUSES[csv.language][r.status] },
  { header: { uk: 'Вирішено', en: 'Decided' }, cell: (r, csv) => instantCell(r.handledAt, csv) },
  { header: { uk: 'Хто вирішив', en: 'Decided by' }, cell: (r) => r.handledByName },
  { header: { uk: 'Примітка', en: 'Note' }, cell: (r) => r.note },
];
