import type { PGlite } from '@electric-sql/pglite';
import { protocol, type messages as wire } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { StatementNames } from './prepared-statements.js';

/**
 * Kysely over PGlite, one wire-protocol call per statement.
 *
 * PGlite's own `query()` makes six calls into its WASM engine for one statement (Parse, Describe
 * the statement, Bind, Describe the portal, Execute, Sync), so that it can serialise each
 * parameter by the type the server infers for it. Each call has a fixed cost that dwarfs most of
 * the app's statements: measured here (warm, in memory), `SELECT $1::int, now()` took 0.20 ms
 * through `query()` and 0.045 ms as one call. This driver sends Parse, Bind, Describe, Execute
 * and Sync in one buffer (`execProtocol`, public API); a text the app repeats is prepared by name
 * once, as on a server (prepared-statements.ts), and then only bound. It reads the rows with the
 * instance's type parsers, as `parseResults` does: rows come back exactly as they did.
 * (`parseResults` itself copies the whole parser table, several hundred types with the array
 * ones, on every call: a tenth of a booking's CPU.)
 *
 * Parameters are serialised as node-postgres serialises them for the server engine
 * (`pg.utils.prepareValue`: Dates with their offset, arrays as array literals, other objects as
 * JSON, Buffers as binary), and the server infers their types from the statement, as it does on a
 * PostgreSQL server: the same values mean the same on both engines.
 *
 * The PGlite instance must be used only through this driver (one connection, handed out in
 * turn, as kysely-pglite-dialect did) and scripts run while holding that connection
 * (`withScriptSession`): `execProtocol` does not take PGlite's query lock.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PgliteDriver(this.pglite);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

type PrepareValue = (value: unknown) => unknown;
const prepareValue: PrepareValue = (pg as unknown as { utils: { prepareValue: PrepareValue } }).utils.prepareValue;
if (typeof prepareValue !== 'function') throw new Error('node-postgres no longer exports utils.prepareValue; the embedded driver needs it');

type WireValue = string | Uint8Array | null;

function wireValue(value: unknown): WireValue {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return null;
  if (prepared instanceof Uint8Array) return prepared;
  return String(prepared);
}

/**
 * Bind, Describe, Execute and Sync of one statement, in one buffer: of `statement` when it was
 * prepared under that name, else Parse of the unnamed one first.
 */
function statementMessages(text: string, parameters: readonly unknown[], statement?: string): Uint8Array {
  const { serialize } = protocol;
  return concatenated([
    ...(statement === undefined ? [serialize.parse({ text })] : []),
    serialize.bind({ values: parameters.map(wireValue), ...(statement === undefined ? {} : { statement }) }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  ]);
}

function concatenated(parts: readonly Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

const COUNTED_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** Rows changed, as node-postgres reports them for the server engine: from the command tag. */
function affectedRowsOf(commandTag: string | undefined): bigint | undefined {
  if (!commandTag) return undefined;
  const words = commandTag.split(' ');
  const command = words[0] ?? '';
  if (!COUNTED_COMMANDS.has(command)) return undefined;
  const count = Number(words[words.length - 1]);
  return Number.isInteger(count) ? BigInt(count) : undefined;
}

type TypeParser = (value: string, typeId: number) => unknown;

/** The rows of one statement's answer, parsed by type, and its command tag. */
function readAnswer(answer: readonly wire.BackendMessage[], parsers: Readonly<Record<number, TypeParser | undefined>>): { rows: Array<Record<string, unknown>>; tag: string | undefined } {
  let columns: Array<{ name: string; typeId: number; parse: TypeParser | undefined }> = [];
  const rows: Array<Record<string, unknown>> = [];
  let tag: string | undefined;
  for (const message of answer) {
    if (message.name === 'rowDescription') {
      columns = (message as wire.RowDescriptionMessage).fields.map((field) => ({ name: field.name, typeId: field.dataTypeID, parse: parsers[field.dataTypeID] }));
    } else if (message.name === 'dataRow') {
      const row: Record<string, unknown> = {};
      const values = (message as wire.DataRowMessage).fields;
      for (let i = 0; i < columns.length; i += 1) {
        const { name, typeId, parse } = columns[i]!;
        const value = values[i] ?? null;
        row[name] = value === null ? null : parse ? parse(value, typeId) : value;
      }
      rows.push(row);
    } else if (message.name === 'commandComplete') {
      tag = (message as wire.CommandCompleteMessage).text;
    }
  }
  return { rows, tag };
}

export class PgliteConnection implements DatabaseConnection {
  /** Which texts to prepare, as on a server (prepared-statements.ts); PGlite is one session. */
  readonly #names = new StatementNames();
  readonly #prepared = new Set<string>();

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = await this.#preparedStatement(compiledQuery);
    const { messages } = await this.pglite.execProtocol(statementMessages(compiledQuery.sql, compiledQuery.parameters, statement), {});
    const { rows, tag } = readAnswer(messages, this.pglite.parsers);
    const numAffectedRows = affectedRowsOf(tag);
    return numAffectedRows === undefined ? { rows: rows as R[] } : { rows: rows as R[], numAffectedRows };
  }

  /**
   * The name of this text's prepared statement, preparing it the first time it is named. The
   * Parse goes alone, so a statement is known to exist exactly when its Parse succeeded; when it
   * did not (inside a failed transaction, say), this call runs unnamed and the next tries again.
   */
  async #preparedStatement(compiledQuery: CompiledQuery): Promise<string | undefined> {
    if (compiledQuery.parameters.length === 0) return undefined;
    const name = this.#names.nameFor(compiledQuery.sql);
    if (name === undefined || this.#prepared.has(name)) return name;
    try {
      await this.pglite.execProtocol(concatenated([protocol.serialize.parse({ name, text: compiledQuery.sql }), protocol.serialize.sync()]), {});
      this.#prepared.add(name);
      return name;
    } catch {
      return undefined;
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new Error('chunkSize must be a positive integer');
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

class PgliteDriver implements Driver {
  readonly #connection: PgliteConnection;
  #held = false;
  readonly #waiting: Array<() => void> = [];

  constructor(private readonly pglite: PGlite) {
    this.#connection = new PgliteConnection(pglite);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  /** The one connection, to one holder at a time, in the order they asked. */
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : null, settings.accessMode ?? null].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(['start transaction', modes.join(', ')].filter(Boolean).join(' ')));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
