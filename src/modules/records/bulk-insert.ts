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

function sqliteInsert(table: string, columns: readonly BulkColumn[], rows: number, returningId: boolean): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const values = Array.from({ length: rows }, () => tuple).join(', ');
  return `insert into ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) values ${values}${returningId ? ' returning "id"' : ''}`;
}

function postgresInsert(table: string, columns: readonly BulkColumn[], returningId: boolean): string {
  // unnest(a[], b[], …) zips the column arrays back into rows: one parameter a column, any number of rows.
  const arrays = columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ');
  return `insert into ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) select * from unnest(${arrays})${returningId ? ' returning "id"' : ''}`;
}

/**
 * Inserts the rows (each an array of values in `columns` order; `undefined` is stored as null) and
 * returns the new ids when asked. Call inside the caller's transaction.
 */
export async function bulkInsert(db: Db, table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[], returningId = false): Promise<number[]> {
  const ids: number[] = [];
  const postgres = dialectOf(db) === 'postgres';
  const chunk = postgres ? POSTGRES_ROWS : Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    let query: CompiledQuery;
    if (postgres) {
      const arrays = columns.map((_, c) => part.map((row) => row[c] ?? null));
      query = CompiledQuery.raw(postgresInsert(table, columns, returningId), arrays);
    } else {
      query = CompiledQuery.raw(sqliteInsert(table, columns, part.length, returningId), part.flatMap((row) => columns.map((_, c) => row[c] ?? null)));
    }
    const result = await db.executeQuery<{ id: number }>(query);
    if (returningId) for (const row of result.rows) ids.push(Number(row.id));
  }
  return ids;
}
