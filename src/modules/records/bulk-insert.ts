/**
 * Multi-row INSERTs written as SQL text rather than built with Kysely's query builder. An import
 * inserts thousands of rows a batch; building and compiling a Kysely node per value cost about as much
 * as SQLite's own work. The SQL here is fixed by the column list, and every value is a bound parameter.
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A column to insert, with its PostgreSQL type (for the array parameter it is sent in). */
export interface BulkColumn {
  readonly name: string;
  readonly pgType: 'text' | 'integer' | 'bigint' | 'timestamptz';
}

// SQLite allows 32,766 bound parameters a statement; PostgreSQL gets one array parameter per column,
// so its chunks are bounded only to keep each statement's memory modest.
const SQLITE_PARAMETERS = 32_000;
const SQLITE_MAX_ROWS = 500;
const POSTGRES_ROWS = 5_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const returningClause = (returning: readonly string[]) => (returning.length > 0 ? ` returning ${returning.map(quote).join(', ')}` : '');

function sqliteInsert(table: string, columns: readonly BulkColumn[], rows: number, returning: readonly string[]): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const values = Array.from({ length: rows }, () => tuple).join(', ');
  return `insert into ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) values ${values}${returningClause(returning)}`;
}

function postgresInsert(table: string, columns: readonly BulkColumn[], returning: readonly string[]): string {
  // unnest(a[], b[], …) zips the column arrays back into rows: one parameter a column, any number of rows.
  const arrays = columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ');
  return `insert into ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) select * from unnest(${arrays})${returningClause(returning)}`;
}

/**
 * Inserts the rows (each an array of values in `columns` order; `undefined` is stored as null) and
 * returns the `returning` columns of the new rows, in no guaranteed order (neither database promises
 * RETURNING order). Call inside the caller's transaction.
 */
export async function bulkInsert<R extends Record<string, unknown> = Record<string, never>>(
  db: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  returning: readonly (keyof R & string)[] = [],
): Promise<R[]> {
  const returned: R[] = [];
  const postgres = dialectOf(db) === 'postgres';
  const chunk = postgres ? POSTGRES_ROWS : Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    let query: CompiledQuery;
    if (postgres) {
      const arrays = columns.map((_, c) => part.map((row) => row[c] ?? null));
      query = CompiledQuery.raw(postgresInsert(table, columns, returning), arrays);
    } else {
      query = CompiledQuery.raw(sqliteInsert(table, columns, part.length, returning), part.flatMap((row) => columns.map((_, c) => row[c] ?? null)));
    }
    const result = await db.executeQuery<R>(query);
    if (returning.length > 0) returned.push(...result.rows);
  }
  return returned;
}
