import type { Db } from '../db/engine.js';
import { inBatches, instantCell, sameIn, type CsvColumn, type CsvWords } from '../http/csv-download.js';
import { listTimeline, type ActorType, type TimelineEntry } from './timeline.js';

// A client's step-by-step timeline as a spreadsheet, newest first as the console shows it: each
// step's kind, who took it (staff by name), the appointment it belongs to, and its details as
// JSON, whole (the console words them; the file keeps everything).

const ACTORS: CsvWords<ActorType> = {
  uk: { client: 'клієнт', staff: 'персонал', system: 'система', api: 'інтеграція' },
  en: { client: 'client', staff: 'staff', system: 'system', api: 'integration' },
};

export interface TimelineRow extends TimelineEntry {
  /** The staff member's name when staff acted (null when the account is gone). */
  actorName: string | null;
}

export const TIMELINE_COLUMNS: Array<CsvColumn<TimelineRow>> = [
  { header: { uk: '№', en: 'No.' }, cell: (e) => e.id },
  { header: { uk: 'Коли', en: 'When' }, cell: (e, csv) => instantCell(e.occurredAt, csv) },
  { header: { uk: 'Крок', en: 'Step' }, cell: (e) => e.kind },
  { header: { uk: 'Хто', en: 'Who' }, cell: (e, csv) => ACTORS[csv.language][e.actor.type] },
  { header: { uk: 'Ім’я', en: 'Name' }, cell: (e) => e.actorName },
  { header: { uk: 'id запису', en: 'Appointment id' }, cell: (e) => e.appointmentId },
  { header: sameIn('data'), cell: (e) => (Object.keys(e.data).length > 0 ? JSON.stringify(e.data) : null) },
];

/** The whole timeline of a contact, newest first, optionally of some kinds only, in batches. */
export async function* timelineRows(db: Db, args: { contactId: string; kinds?: string[]; staffNames: Map<string, string> }): AsyncGenerator<TimelineRow> {
  const entries = inBatches<TimelineEntry, string>(
    (before, limit) => listTimeline(db, args.contactId, { ...(args.kinds ? { kinds: args.kinds } : {}), ...(before ? { before } : {}), limit }),
    (entry) => entry.id,
  );
  for await (const entry of entries) {
    yield { ...entry, actorName: entry.actor.type === 'staff' && entry.actor.id ? (args.staffNames.get(entry.actor.id) ?? null) : null };
  }
}
