import { Readable } from 'node:stream';
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { stringify } from 'csv-stringify';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { DateTime } from 'luxon';
import type { App, AppDeps } from '../app-deps.js';
import type { AuditRouteConfig } from '../audit/audit-actions.js';
import { errors } from './common-schemas.js';
import type { Cursor } from './cursor.js';
import { formatInstant } from './instant.js';

// Every list in the console downloads as CSV. A list declares its columns once (a header in
// Ukrainian and English, and how a row becomes that cell); this module writes them the same way
// for every list: streamed as the response drains (long lists are read in keyset batches, so a
// slow download reads slowly and nothing waits in memory), with a byte-order mark so Excel reads
// Cyrillic as UTF-8, Windows line ends, cells that a spreadsheet would run as formulas defused,
// times in the clinic's zone with their offset, and a file name with the clinic's date.

export type CsvLanguage = 'uk' | 'en';
export type Cell = string | number | null;

/** What a cell may depend on besides its row: the language of the words and the clinic's zone. */
export interface CsvContext {
  language: CsvLanguage;
  timezone: string;
}

export interface CsvColumn<T> {
  header: Record<CsvLanguage, string>;
  cell: (row: T, csv: CsvContext) => Cell;
}

/** Words of one vocabulary (statuses, roles, …) in both languages. */
export type CsvWords<K extends string> = Record<CsvLanguage, Record<K, string>>;

const BATCH = 1000;

// A cell a spreadsheet would run as a formula: = + - @, or a tab or carriage return before one.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made safe from CSV injection: a leading quote keeps "=HYPERLINK(...)" text (OWASP's advice). */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** An instant in the clinic's zone with its offset, or an empty cell. */
export const instantCell = (instant: Date | null | undefined, csv: CsvContext): Cell => (instant ? formatInstant(instant, csv.timezone) : null);

/** Yes or no in the file's language. */
export const yesNo = (value: boolean, csv: CsvContext): string => (csv.language === 'uk' ? (value ? 'так' : 'ні') : value ? 'yes' : 'no');

/** A column whose header is the same in both languages (`id`, `E-mail`). */
export const sameIn = (header: string): Record<CsvLanguage, string> => ({ uk: header, en: header });

/** The id column every export starts with, so a row can be found again in the console or the API. */
export const idColumn = <T extends { id: string }>(): CsvColumn<T> => ({ header: sameIn('id'), cell: (row) => row.id });

/** Batches of a keyset-paged search, one after another, as long as the reader wants more. */
export async function* inBatches<T, C = Cursor>(page: (after: C | null, limit: number) => Promise<T[]>, cursorOf: (row: T) => C): AsyncGenerator<T> {
  let after: C | null = null;
  for (;;) {
    const rows = await page(after, BATCH);
    yield* rows;
    if (rows.length < BATCH) return;
    after = cursorOf(rows[rows.length - 1]!);
  }
}

/** Rows as a CSV file, written as the reader drains it. */
export function csvOf<T>(columns: Array<CsvColumn<T>>, rows: AsyncIterable<T> | Iterable<T>, csv: CsvContext): Readable {
  const output = stringify({ header: true, columns: columns.map((column) => column.header[csv.language]), bom: true, record_delimiter: 'windows', cast: { string: neutraliseCell } });
  async function* cells(): AsyncGenerator<Cell[]> {
    for await (const row of rows) yield columns.map((column) => column.cell(row, csv));
  }
  const input = Readable.from(cells());
  input.on('error', (err) => output.destroy(err));
  return input.pipe(output);
}

/** `contacts-2026-12-07.csv`: what, and the clinic's date today. */
function exportFileName(what: string, now: Date, timezone: string): string {
  return `${what}-${DateTime.fromJSDate(now, { zone: timezone }).toISODate()}.csv`;
}

export function sendCsv(reply: FastifyReply, file: { what: string; csv: Readable; now: Date; timezone: string }): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${exportFileName(file.what, file.now, file.timezone)}"`)
    .send(file.csv);
}

export const CsvLanguageParam = Type.Optional(Type.Union([Type.Literal('uk'), Type.Literal('en')], { description: 'Headers and words in Ukrainian (default) or English' }));
// A stream, documented as the text it becomes.
export const CsvFile = Type.Unsafe<Readable>({ type: 'string', description: 'CSV (UTF-8 with a byte-order mark, CRLF line ends)' });

const NoParams = Type.Object({});

export interface CsvExport<T, P extends TProperties, Q extends TProperties> {
  /** e.g. `/api/admin/reviews/export.csv`, beside the list it exports. */
  url: string;
  /** Who may download it: the list's own guard. */
  onRequest: onRequestHookHandler;
  /** The audit log's name for it, e.g. `{ action: 'reviews.export', recordType: 'review' }`. */
  audit: Required<AuditRouteConfig>;
  tags: string[];
  summary: string;
  params?: TObject<P>;
  /** The list's filters; `lang` is added. */
  filters?: Q;
  /** The file's name before its date: `reviews` → reviews-2026-12-07.csv. */
  fileName: string;
  columns: Array<CsvColumn<T>>;
  /**
   * The rows, in the list's order. Called before anything is sent, so a missing record or a bad
   * filter is still a clean 404 or 400; a long list returns a generator that reads in batches.
   */
  rows: (request: { params: Static<TObject<P>>; query: Static<TObject<Q>> }) => Promise<AsyncIterable<T> | Iterable<T>>;
}

/** Registers a GET that downloads a list as CSV; the audit log records who took which list. */
export function registerCsvExport<T, P extends TProperties = Record<never, never>, Q extends TProperties = Record<never, never>>(app: App, deps: AppDeps, spec: CsvExport<T, P, Q>): void {
  const timezone = deps.config.clinicTimezone;
  const querystring = Type.Object({ ...(spec.filters ?? {}), lang: CsvLanguageParam }, { additionalProperties: false });
  app.get(
    spec.url,
    {
      onRequest: spec.onRequest,
      config: { audit: spec.audit },
      schema: {
        tags: spec.tags,
        summary: spec.summary,
        produces: ['text/csv'],
        params: spec.params ?? NoParams,
        querystring,
        response: { 200: CsvFile, ...errors(400, 401, 403, ...(spec.params ? [404] : [])) },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      // The schema above validated both; TypeBox's provider cannot carry the generic types through.
      const { lang, ...query } = request.query as Static<typeof querystring>;
      const rows = await spec.rows({ params: request.params as Static<TObject<P>>, query: query as Static<TObject<Q>> });
      const csv = csvOf(spec.columns, rows, { language: lang ?? 'uk', timezone });
      return sendCsv(reply, { what: spec.fileName, csv, now: deps.now(), timezone });
    },
  );
}
