import { Readable, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { contactsByEmail } from '../contacts/contact-bulk-repository.js';
import { NAME_NEEDED, planUpsert, upsertContacts, type ContactUpsert } from '../contacts/contact-upsert.js';
import type { Actor, DomainEvents } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import { AppError, invalidInput } from '../http/errors.js';
import { mappingProblems, readRow, sniffDelimiter, suggestMapping, type ColumnMapping, type RowProblem } from './contact-import-rules.js';

// Importing contacts from a CSV file, streamed: the request body is decoded and parsed as it
// arrives and each row checked on the way, so the raw text is never held, only the rows that
// will be upserted (about 100 bytes each). Nothing touches the database until the whole file
// has been read and found good; then every row is upserted in one transaction, or none.

export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
const MAX_COLUMNS = 200;
const PREVIEW_ROWS = 20;
const LISTED_PROBLEMS = 100;

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportPreview {
  columns: Array<{ index: number; header: string }>;
  /** The mapping used: the one asked for, or the one the header row suggests. */
  mapping: ColumnMapping;
  suggested: ColumnMapping;
  /** Why the mapping cannot be used, by field; empty when it can. Rows are then shown by column number. */
  mappingProblems: Record<string, string>;
  /** The first rows as the mapping reads them, by field; by column number while the mapping cannot be used. */
  rows: Array<{ row: number; values: Record<string, string> }>;
  problems: RowProblem[];
  /** Every problem in the file; `problems` lists the first 100. */
  problemCount: number;
  /** What an import would do, when the file has no problems; null otherwise. */
  outcome: ImportCounts | null;
}

/** The file has bad rows: nothing was imported. Carries the same listing as a preview. */
export class ImportRefused extends AppError {
  constructor(
    readonly problems: RowProblem[],
    readonly problemCount: number,
    readonly rowCount: number,
  ) {
    super(400, 'invalid_rows', `${problemCount} ${problemCount === 1 ? 'problem' : 'problems'} in the file; nothing was imported. Correct the rows listed and import the file again.`);
  }
}

interface ReadFile {
  headers: string[];
  mapping: ColumnMapping;
  suggested: ColumnMapping;
  mappingProblems: Record<string, string>;
  /** The good rows, with their row numbers. */
  contacts: Array<{ row: number; contact: ContactUpsert }>;
  preview: ImportPreview['rows'];
  problems: RowProblem[];
  problemCount: number;
  rowCount: number;
}

/**
 * Counts the bytes (refusing past the limit with 413) and decodes UTF-8 strictly: a file saved
 * in a Windows code page would otherwise import as mojibake. A byte-order mark is dropped.
 */
function utf8Within(limit: number): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new AppError(400, 'not_utf8', 'The file is not in UTF-8. In Excel, save it as "CSV UTF-8 (comma delimited)".', { body: 'is not UTF-8 text' });
    }
  };
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > limit) return done(new AppError(413, 'body_too_large', `The file is larger than ${limit / 1024 / 1024} MB.`));
      try {
        done(null, decode(chunk));
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        done(null, decode());
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

/**
 * The records of decoded CSV text. The first line is read before the parser is made, to choose
 * the delimiter (csv-parse's own discovery only counts ASCII, and a Cyrillic header trips it).
 */
async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<string[]> {
  const chunks = text[Symbol.asyncIterator]();
  const head: string[] = [];
  let seen = '';
  while (!/[\r\n]/.test(seen) && seen.length < 65_536) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    seen += next.value;
  }
  const parser = parse({ delimiter: sniffDelimiter(seen), relax_column_count: true, skip_empty_lines: true, max_record_size: 100_000 });
  const whole = Readable.from(
    (async function* () {
      yield* head;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })(),
  );
  whole.on('error', (err) => parser.destroy(err));
  yield* whole.pipe(parser) as AsyncIterable<string[]>;
}

/** Reads the whole file, checking every row; touches no database. */
async function readFile(source: Readable, options: { mapping: ColumnMapping | null; preview: boolean }): Promise<ReadFile> {
  const file: ReadFile = { headers: [], mapping: {}, suggested: {}, mappingProblems: {}, contacts: [], preview: [], problems: [], problemCount: 0, rowCount: 0 };
  const firstRowOf = new Map<string, number>();
  let row = 0;
  const problem = (found: Omit<RowProblem, 'column'>): void => {
    file.problemCount += 1;
    if (file.problems.length < LISTED_PROBLEMS) {
      const column = file.mapping[found.field];
      file.problems.push({ ...found, column: column === undefined ? found.field : file.headers[column] || `#${column}` });
    }
  };

  const readRecords = async (records: AsyncIterable<string[]>): Promise<void> => {
    for await (const cells of records) {
      row += 1;
      if (row === 1) {
        file.headers = cells.map((cell) => cell.trim());
        if (file.headers.length > MAX_COLUMNS) throw invalidInput({ body: `has ${file.headers.length} columns; ${MAX_COLUMNS} at most` }, 'The file has too many columns.');
        file.suggested = suggestMapping(file.headers);
        file.mapping = options.mapping ?? file.suggested;
        file.mappingProblems = mappingProblems(file.mapping, file.headers.length);
        // An import cannot go on; a preview shows the columns and first rows, to choose others.
        if (Object.keys(file.mappingProblems).length > 0 && !options.preview) {
          throw invalidInput(file.mappingProblems, options.mapping ? 'The columns chosen do not fit this file.' : 'No column of this file is headed as an e-mail address; choose the columns.');
        }
        continue;
      }
      if (cells.every((cell) => cell.trim() === '')) continue;
      file.rowCount += 1;
      if (file.rowCount > MAX_IMPORT_ROWS) throw invalidInput({ body: `has more than ${MAX_IMPORT_ROWS} rows` }, `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split it.`);
      if (Object.keys(file.mappingProblems).length > 0) {
        if (file.preview.length < PREVIEW_ROWS) file.preview.push({ row, values: Object.fromEntries(cells.map((cell, index) => [String(index), cell.trim()])) });
        continue;
      }
      const read = readRow(cells, file.mapping);
      if (file.preview.length < PREVIEW_ROWS) file.preview.push({ row, values: read.values });
      for (const found of read.problems) problem({ row, ...found });
      if (!read.contact) continue;
      const address = read.contact.email.toLowerCase();
      const first = firstRowOf.get(address);
      if (first !== undefined) {
        problem({ row, field: 'email', value: read.contact.email, message: `appears again: row ${first} has this address already` });
        continue;
      }
      firstRowOf.set(address, row);
      file.contacts.push({ row, contact: read.contact });
    }
  };

  // The source is piped, not handed to pipeline(): a refusal must not destroy the request, whose
  // socket still has to carry the answer.
  const text = utf8Within(IMPORT_BODY_LIMIT);
  const forward = (err: Error): void => {
    text.destroy(err);
  };
  source.on('error', forward);
  source.pipe(text);
  try {
    await readRecords(csvRecords(text));
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof CsvError) {
      throw new AppError(400, 'malformed_csv', `The file is not valid CSV near line ${(err as CsvError & { lines?: number }).lines ?? '?'}: ${err.message}`, { body: 'is not valid CSV' });
    }
    throw err;
  } finally {
    source.off('error', forward);
    source.unpipe(text);
  }
  if (row === 0) throw new AppError(400, 'empty_file', 'The file is empty.', { body: 'is empty' });
  if (file.rowCount === 0) throw new AppError(400, 'empty_file', 'The file has a header row and nothing below it.', { body: 'has no rows below the header' });
  return file;
}

/**
 * New addresses need a name: a row whose address the clinic does not know yet and whose name
 * cell is empty is a problem. Looks up only those rows' addresses.
 */
async function checkNewContactsHaveNames(db: Db, file: ReadFile): Promise<void> {
  const nameless = file.contacts.filter(({ contact }) => !contact.name);
  if (nameless.length === 0) return;
  const known = await contactsByEmail(db, nameless.map(({ contact }) => contact.email));
  for (const { row, contact } of nameless) {
    if (known.has(contact.email.toLowerCase())) continue;
    file.problemCount += 1;
    if (file.problems.length < LISTED_PROBLEMS) {
      const column = file.mapping.name;
      file.problems.push({ row, field: 'name', column: column === undefined ? 'name' : file.headers[column] || `#${column}`, value: '', message: NAME_NEEDED });
    }
  }
  file.problems.sort((a, b) => a.row - b.row);
}

/** What importing this file would do: the columns, a suggested mapping, the first rows, every problem, and the counts. Writes nothing. */
export async function previewImport(db: Db, source: Readable, mapping: ColumnMapping | null): Promise<ImportPreview> {
  const file = await readFile(source, { mapping, preview: true });
  await checkNewContactsHaveNames(db, file);
  let outcome: ImportCounts | null = null;
  if (file.problemCount === 0 && Object.keys(file.mappingProblems).length === 0) {
    const existing = await contactsByEmail(db, file.contacts.map(({ contact }) => contact.email));
    outcome = { rows: file.rowCount, created: 0, updated: 0, unchanged: 0 };
    for (const { contact } of file.contacts) {
      const plan = planUpsert(existing.get(contact.email.toLowerCase()) ?? null, contact);
      if (plan.kind === 'create') outcome.created += 1;
      else if (plan.kind === 'update') outcome.updated += 1;
      else outcome.unchanged += 1;
    }
  }
  return {
    columns: file.headers.map((header, index) => ({ index, header })),
    mapping: file.mapping,
    suggested: file.suggested,
    mappingProblems: file.mappingProblems,
    rows: file.preview,
    problems: file.problems,
    problemCount: file.problemCount,
    outcome,
  };
}

/**
 * Imports the file: every row upserted by e-mail in one transaction, each new or changed contact
 * with its contact.created or contact.updated event, or, when any row is bad, nothing at all
 * (ImportRefused lists the problems). An address that appears twice in the file is a problem of
 * the later row, not a merge: two rows for one person usually mean a mistake someone should see.
 */
export async function importContacts(
  ctx: { db: Db; events: DomainEvents },
  args: { source: Readable; mapping: ColumnMapping | null; actor: Actor; now: Date },
): Promise<ImportCounts> {
  const file = await readFile(args.source, { mapping: args.mapping, preview: false });
  await checkNewContactsHaveNames(ctx.db, file);
  if (file.problemCount > 0) throw new ImportRefused(file.problems, file.problemCount, file.rowCount);
  const rows = file.contacts.map(({ contact }) => contact);
  file.contacts = [];
  const outcomes = await upsertContacts(ctx, { rows, actor: args.actor, source: 'import', now: args.now });
  const counts: ImportCounts = { rows: file.rowCount, created: 0, updated: 0, unchanged: 0 };
  for (const { outcome } of outcomes) counts[outcome] += 1;
  return counts;
}

