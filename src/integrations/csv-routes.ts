import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../app-deps.js';
import { actorOf, requireStaff } from '../http/auth.js';
import { errors, ErrorBody } from '../http/common-schemas.js';
import { AppError } from '../http/errors.js';
import { appointmentFilterFrom } from '../scheduling/booking-routes.js';
import { BookingListQuery } from '../scheduling/booking-schemas.js';
import { IMPORT_BODY_LIMIT, ImportRefused, importContacts, previewImport } from './contact-import.js';
import { IMPORT_FIELDS, type ColumnMapping } from './contact-import-rules.js';
import { CsvFile, CsvLanguageParam, sendCsv } from '../http/csv-download.js';
import { appointmentsCsv, contactsCsv } from './csv-export.js';

// CSV in and out: the contacts import (preview, then import) and the exports of contacts and
// appointments. The import routes live in a scope of their own, the only place that accepts
// text/csv: there the body is handed over as a stream, unread, for the import to parse as it
// arrives (the API's 256 KB JSON limit stays for every other route).

const Column = Type.Integer({ minimum: 0, maximum: 199 });
const ImportQuery = Type.Object(
  {
    email: Type.Optional({ ...Column, description: 'The column (0 = the first) that holds the e-mail address' }),
    name: Type.Optional({ ...Column, description: 'The column of the name' }),
    phone: Type.Optional({ ...Column, description: 'The column of the phone' }),
    locale: Type.Optional({ ...Column, description: 'The column of the language (uk, en, українська, English, …)' }),
    tags: Type.Optional({ ...Column, description: 'The column of tags, separated by commas or semicolons' }),
  },
  {
    additionalProperties: false,
    description: 'Which column holds which field. Give none to use the columns the header row suggests; give any, and only those fields are read.',
  },
);

const CsvBody = Type.String({
  description: 'The CSV file as UTF-8 text (a byte-order mark is fine), comma-, semicolon- or tab-separated, with a header row; up to 50 MB and 200,000 rows.',
});

const Mapping = Type.Object(Object.fromEntries(IMPORT_FIELDS.map((field) => [field, Type.Optional(Type.Integer())])));
const RowProblemBody = Type.Object({
  row: Type.Integer({ description: 'As a spreadsheet numbers it: the header is row 1' }),
  field: Type.String(),
  column: Type.String({ description: 'The header of the column' }),
  value: Type.String(),
  message: Type.String(),
});
const Counts = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
const PreviewBody = Type.Object({
  columns: Type.Array(Type.Object({ index: Type.Integer(), header: Type.String() })),
  mapping: Mapping,
  suggested: Mapping,
  mappingProblems: Type.Record(Type.String(), Type.String(), { description: 'Why the mapping cannot be used, by field; empty when it can. The rows are then keyed by column number, to choose from' }),
  rows: Type.Array(Type.Object({ row: Type.Integer(), values: Type.Record(Type.String(), Type.String()) })),
  problems: Type.Array(RowProblemBody),
  problemCount: Type.Integer({ description: 'All problems in the file; `problems` lists the first 100' }),
  outcome: Type.Union([Counts, Type.Null()], { description: 'What importing would do; null while the file has problems' }),
});
const ImportRefusedBody = Type.Object({
  error: ErrorBody.properties.error,
  problems: Type.Optional(Type.Array(RowProblemBody)),
  problemCount: Type.Optional(Type.Integer()),
  rowCount: Type.Optional(Type.Integer()),
});


function mappingOf(query: Record<string, number | undefined>): ColumnMapping | null {
  const given = IMPORT_FIELDS.filter((field) => query[field] !== undefined);
  return given.length === 0 ? null : Object.fromEntries(given.map((field) => [field, query[field]]));
}

export async function registerCsvRoutes(app: App, deps: AppDeps): Promise<void> {
  const tz = deps.config.clinicTimezone;
  const staffOrKey = { onRequest: requireStaff('admin', 'manager') };

  await app.register(async (scope: App) => {
    const uploads = new WeakMap<FastifyRequest, Readable>();
    // Hands the body over unread; Fastify's body limit does not apply here, the import's does.
    scope.addContentTypeParser(['text/csv', 'application/csv'], (request, payload, done) => {
      uploads.set(request, payload);
      done(null, '');
    });

    /** The upload, refused early when it says it is too large or is not CSV. */
    const uploadOf = (request: FastifyRequest): Readable => {
      const upload = uploads.get(request);
      if (!upload) throw new AppError(415, 'unsupported_media_type', 'Send the file as the body with Content-Type: text/csv.');
      if (Number(request.headers['content-length'] ?? 0) > IMPORT_BODY_LIMIT) {
        throw new AppError(413, 'body_too_large', `The file is larger than ${IMPORT_BODY_LIMIT / 1024 / 1024} MB.`);
      }
      return upload;
    };
    /**
     * A refusal before the whole file was read: the rest is read and dropped before answering
     * (a browser still sending its upload may not see an answer that comes sooner); past the
     * size limit, the connection is closed instead.
     */
    const finishReading = async (reply: FastifyReply, upload: Readable, err: unknown): Promise<void> => {
      if (upload.readableEnded || upload.destroyed) return;
      if (err instanceof AppError && err.statusCode === 413) {
        void reply.header('connection', 'close');
        return;
      }
      await new Promise<void>((resolve) => {
        let dropped = 0;
        upload.on('data', (chunk: Buffer) => {
          dropped += chunk.length;
          if (dropped > IMPORT_BODY_LIMIT) {
            void reply.header('connection', 'close');
            resolve();
          }
        });
        upload.once('end', resolve);
        upload.once('error', () => resolve());
        upload.resume();
      });
    };
    // A POST with no body at all validates as the empty file it is.
    const noBodyAsText = async (request: FastifyRequest): Promise<void> => {
      if (typeof request.body !== 'string') request.body = '';
    };

    scope.post(
      '/api/admin/contacts/import/preview',
      {
        ...staffOrKey,
        preValidation: noBodyAsText,
        schema: {
          tags: ['integrations'],
          summary: 'Read a contacts CSV file and tell what importing it would do; writes nothing',
          description:
            'Answers the columns, the mapping of columns to fields (the one asked for, else the one the headers suggest: Ukrainian and English names such as "Ім’я", "Телефон", "E-mail", "Пошта" are recognised), the first 20 rows as mapped, every problem in the file (the first 100 listed), and the counts of contacts an import would create, update and leave unchanged.',
          consumes: ['text/csv'],
          querystring: ImportQuery,
          body: CsvBody,
          response: { 200: PreviewBody, ...errors(400, 401, 403, 413, 415) },
        },
      },
      async (request, reply) => {
        const upload = uploadOf(request);
        try {
          return await previewImport(deps.db, upload, mappingOf(request.query));
        } catch (err) {
          await finishReading(reply, upload, err);
          throw err;
        }
      },
    );

    scope.post(
      '/api/admin/contacts/import',
      {
        ...staffOrKey,
        preValidation: noBodyAsText,
        schema: {
          tags: ['integrations'],
          summary: 'Import contacts from a CSV file: all rows or none',
          description:
            'Every row is upserted by e-mail address in one transaction, as POST /api/v1/contacts does (an empty cell keeps what the contact has; tags are added; a new address needs a name). If any row has a problem, or an address appears twice, nothing is imported and the answer lists the problems by row. Each new or changed contact gets its contact.created or contact.updated event.',
          consumes: ['text/csv'],
          querystring: ImportQuery,
          body: CsvBody,
          response: { 200: Counts, 400: ImportRefusedBody, ...errors(401, 403, 409, 413, 415) },
        },
      },
      async (request, reply) => {
        const upload = uploadOf(request);
        try {
          return await importContacts(deps, { source: upload, mapping: mappingOf(request.query), actor: actorOf(request), now: deps.now() });
        } catch (err) {
          await finishReading(reply, upload, err);
          if (!(err instanceof ImportRefused)) throw err;
          return reply.status(400).send({
            error: { code: err.code, message: err.message },
            problems: err.problems,
            problemCount: err.problemCount,
            rowCount: err.rowCount,
          });
        }
      },
    );
  });

  app.get(
    '/api/admin/contacts/export.csv',
    {
      ...staffOrKey,
      config: { audit: { action: 'contacts.export', recordType: 'contact' } },
      schema: {
        tags: ['integrations'],
        summary: 'Every contact as CSV, newest first, streamed; q filters as the list does',
        produces: ['text/csv'],
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), lang: CsvLanguageParam }, { additionalProperties: false }),
        response: { 200: CsvFile, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const csv = contactsCsv(deps.db, { ...(request.query.q ? { q: request.query.q } : {}), language: request.query.lang ?? 'uk', timezone: tz });
      return sendCsv(reply, { what: 'contacts', csv, now: deps.now(), timezone: tz });
    },
  );

  app.get(
    '/api/admin/bookings/export.csv',
    {
      ...staffOrKey,
      config: { audit: { action: 'bookings.export', recordType: 'booking' } },
      schema: {
        tags: ['integrations'],
        summary: 'Appointments as CSV by start time, streamed, with the list’s filters',
        produces: ['text/csv'],
        querystring: Type.Composite([Type.Omit(BookingListQuery, ['cursor', 'limit']), Type.Object({ lang: CsvLanguageParam })], { additionalProperties: false }),
        response: { 200: CsvFile, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { lang, ...filters } = request.query;
      const csv = appointmentsCsv(deps.db, { filter: appointmentFilterFrom(filters, tz), language: lang ?? 'uk', timezone: tz });
      return sendCsv(reply, { what: 'appointments', csv, now: deps.now(), timezone: tz });
    },
  );
}
