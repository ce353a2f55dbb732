/**
 * Multi-row INSERTs as SQL text with bound parameters (the idea of records/bulk-insert.ts, which this
 * module may not import): building a Kysely node per value costs as much as the database's own work.
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A column and its PostgreSQL type (each column goes to PostgreSQL as one array parameter). */
export interface BulkColumn {
  readonly name: string;
  readonly pgType: 'text' | 'integer' | 'bigint' | 'tsvector';
}

const SQLITE_PARAMETERS = 30_000;
const SQLITE_MAX_ROWS = 1_000;
const POSTGRES_ROWS = 5_000;

/** Inserts the rows (values in `columns` order); `suffix` is appended (`on conflict do nothing`). */
export async function bulkInsert(db: Db, table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[], suffix = ''): Promise<void> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const postgres = dialectOf(db) === 'postgres';
  const chunk = postgres ? POSTGRES_ROWS : Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    let query: CompiledQuery;
    if (postgres) {
      // unnest zips the column arrays back into rows: one parameter a column, any number of rows.
      const arrays = columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ');
      query = CompiledQuery.raw(`insert into "${table}" (${names}) select * from unnest(${arrays}) ${suffix}`, columns.map((_, c) => part.map((row) => row[c] ?? null)));
    } else {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const values = part.map(() => tuple).join(', ');
      query = CompiledQuery.raw(`insert into "${table}" (${names}) values ${values} ${suffix}`, part.flatMap((row) => columns.map((_, c) => row[c] ?? null)));
    }
    await db.executeQuery(query);
  }
}
