/**
 * Multi-row INSERTs written as SQL text rather than built with Kysely's query builder. Imports and
 * index builds insert thousands of rows a batch; building and compiling a Kysely node per value costs
 * about as much as the database's own work. The SQL here is fixed by the column list, and every value
 * travels as a bound parameter.
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.js';
import { type DialectName, dialectOf } from './dialect.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A column to insert, with its PostgreSQL type (for the array parameter it is sent in). */
export interface BulkColumn {
  readonly name: string;
  readonly pgType: 'text' | 'integer' | 'bigint' | 'timestamptz' | 'tsvector';
}

export interface BulkInsertOptions<R> {
  /** Columns of the new rows to return (in no guaranteed order: neither database promises RETURNING order). */
  readonly returning?: readonly (keyof R & string)[];
  /** SQL appended to each statement, such as `on conflict do nothing`. */
  readonly suffix?: string;
}

// SQLite allows 32,766 bound parameters a statement; PostgreSQL gets one array parameter per column,
// so its chunks are bounded only to keep each statement's memory modest.
const SQLITE_PARAMETERS = 32_000;
const SQLITE_MAX_ROWS = 500;
const POSTGRES_ROWS = 5_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const columnList = (columns: readonly BulkColumn[]) => columns.map((c) => quote(c.name)).join(', ');

function tail(returning: readonly string[], suffix: string): string {
  const clause = returning.length > 0 ? ` returning ${returning.map(quote).join(', ')}` : '';
  return `${suffix ? ` ${suffix}` : ''}${clause}`;
}

function sqliteInsert(table: string, columns: readonly BulkColumn[], rows: number, end: string): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const values = Array.from({ length: rows }, () => tuple).join(', ');
  return `insert into ${quote(table)} (${columnList(columns)}) values ${values}${end}`;
}

function postgresInsert(table: string, columns: readonly BulkColumn[], end: string): string {
  // unnest(a[], b[], …) zips the column arrays back into rows: one parameter a column, any number of rows.
  const arrays = columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ');
  return `insert into ${quote(table)} (${columnList(columns)}) select * from unnest(${arrays})${end}`;
}

/**
 * Inserts the rows (each an array of values in `columns` order; `undefined` is stored as null) and
 * returns the `returning` columns of the new rows. Call inside the caller's transaction.
 *
 * ### Examples
 * await bulkInsert(trx, 'search_term', [{ name: 'token', pgType: 'text' }], [['heart']], { suffix: 'on conflict do nothing' })
 */
export async function bulkInsert<R extends Record<string, unknown> = Record<string, never>>(
  db: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  options: BulkInsertOptions<R> = {},
): Promise<R[]> {
  const returned: R[] = [];
  const returning = options.returning ?? [];
  const end = tail(returning, options.suffix ?? '');
  const postgres = dialectOf(db) === 'postgres';
  const chunk = postgres ? POSTGRES_ROWS : Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    let query: CompiledQuery;
    if (postgres) {
      const arrays = columns.map((_, c) => part.map((row) => row[c] ?? null));
      query = CompiledQuery.raw(postgresInsert(table, columns, end), arrays);
    } else {
      query = CompiledQuery.raw(sqliteInsert(table, columns, part.length, end), part.flatMap((row) => columns.map((_, c) => row[c] ?? null)));
    }
    const result = await db.executeQuery<R>(query);
    if (returning.length > 0) returned.push(...result.rows);
  }
  return returned;
}

/**
 * Rows encoded ahead of time (on a worker thread, say) in the form each database takes most cheaply:
 * for SQLite one JSON text of row arrays, read back by `json_each` (one small statement, one
 * parameter, so the writing thread binds nothing per value); for PostgreSQL one array per column for
 * `unnest`, whose server-side cost is less than half of parsing the same rows from JSON.
 */
export type EncodedRows = { readonly json: string; readonly count: number } | { readonly columns: readonly (readonly unknown[])[]; readonly count: number };

const LONE_SURROGATE = /\p{Cs}/gu;
const ESCAPED_SURROGATE = /\\ud[89a-f]/i;

/**
 * JSON of the rows for `json_each`. A lone surrogate (JSON escapes it as `\ud800`, which SQLite would
 * decode to bytes that are not UTF-8) becomes U+FFFD, as the PostgreSQL driver makes it too.
 */
function sqliteJson(rows: readonly (readonly unknown[])[]): string {
  const json = JSON.stringify(rows);
  if (!ESCAPED_SURROGATE.test(json)) return json;
  return JSON.stringify(rows.map((row) => row.map((value) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value))));
}

/** Encodes rows (arrays of values in column order) for `insertEncoded` on the given dialect. */
export function encodeRows(dialect: DialectName, width: number, rows: readonly (readonly unknown[])[]): EncodedRows {
  if (dialect === 'sqlite') return { json: sqliteJson(rows), count: rows.length };
  const columns = Array.from({ length: width }, (_, c) => rows.map((row) => row[c] ?? null));
  return { columns, count: rows.length };
}

/** Inserts rows made by `encodeRows` (for the same dialect and columns); `suffix` as in `bulkInsert`. */
export async function insertEncoded(db: Db, table: string, columns: readonly BulkColumn[], rows: EncodedRows, options: { readonly suffix?: string } = {}): Promise<void> {
  if (rows.count === 0) return;
  const end = tail([], options.suffix ?? '');
  if ('json' in rows) {
    if (dialectOf(db) !== 'sqlite') throw new Error(`rows for ${table} were encoded for SQLite`);
    const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
    // `where true` keeps SQLite from reading a following ON CONFLICT as part of the SELECT's join.
    await db.executeQuery(CompiledQuery.raw(`insert into ${quote(table)} (${columnList(columns)}) select ${values} from json_each(?) where true${end}`, [rows.json]));
    return;
  }
  if (dialectOf(db) !== 'postgres') throw new Error(`rows for ${table} were encoded for PostgreSQL`);
  for (let start = 0; start < rows.count; start += POSTGRES_ROWS) {
    const arrays = rows.columns.map((column) => column.slice(start, start + POSTGRES_ROWS));
    await db.executeQuery(CompiledQuery.raw(postgresInsert(table, columns, end), arrays));
  }
}
