import { instantCell, sameIn, type CsvColumn, type CsvWords } from '../http/csv-download.js';
import type { AuditActorType, ChainedAuditEntry } from './audit-chain.js';

// The audit log as a spreadsheet, with each entry's place in the hash chain, so a copy handed
// to an inspector can be checked against the database later (see src/audit/README.md).

const ACTORS: CsvWords<AuditActorType> = {
  uk: { staff: 'персонал', client: 'клієнт', api: 'інтеграція (API-ключ)', system: 'система' },
  en: { staff: 'staff', client: 'client', api: 'integration (API key)', system: 'system' },
};

export const AUDIT_COLUMNS: Array<CsvColumn<ChainedAuditEntry>> = [
  { header: { uk: '№', en: 'No.' }, cell: (e) => e.id },
  { header: { uk: 'Коли', en: 'When' }, cell: (e, csv) => instantCell(e.at, csv) },
  { header: { uk: 'Хто', en: 'Who' }, cell: (e, csv) => ACTORS[csv.language][e.actorType] },
  { header: { uk: 'Як відомий', en: 'Known as' }, cell: (e) => e.actorLabel },
  { header: { uk: 'id того, хто діяв', en: 'Actor id' }, cell: (e) => e.actorId },
  { header: { uk: 'Дія', en: 'Action' }, cell: (e) => e.action },
  { header: { uk: 'Тип запису', en: 'Record type' }, cell: (e) => e.recordType },
  { header: { uk: 'id запису', en: 'Record id' }, cell: (e) => e.recordId },
  { header: { uk: 'IP-адреса', en: 'IP address' }, cell: (e) => e.ip },
  { header: { uk: 'Подробиці', en: 'Details' }, cell: (e) => (Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : null) },
  { header: sameIn('prev_hash'), cell: (e) => e.prevHash },
  { header: sameIn('hash'), cell: (e) => e.hash },
];
