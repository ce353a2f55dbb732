/**
 * Running a compiled search so PostgreSQL reads the search indexes. Its planner has no idea what a
 * tsquery costs against a stored tsvector (each row's vector is de-toasted and the whole query
 * evaluated), so for a long strategy line — an OR of dozens of terms — it estimates a sequential scan
 * as cheaper than the GIN index, and takes seconds where the index takes milliseconds (measured at
 * 100,000 records: 8.9 s → 87 ms for one such line; docs/search-engine.md, "PostgreSQL plans").
 * Every search table is indexed for what the compiled SQL asks, so the search is planned with
 * sequential scans switched off, for that one statement. JIT compilation goes off with them: the
 * inflated cost estimates make PostgreSQL compile such a statement, which cost 0.24 s of a 0.94 s
 * line. SQLite needs nothing.
 */
import { type Kysely, type QueryResult, type RawBuilder, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Executes `query` (SQL over the search tables) with index plans. Inside the caller's transaction
 * the setting is put back afterwards, so the caller's later statements plan as usual.
 *
 * ### Examples
 * const { rows } = await executeSearch(db, sql`select count(*) as n from (${compiled}) as matches`);
 */
export async function executeSearch<R>(db: Db, query: RawBuilder<R>): Promise<QueryResult<R>> {
  if (dialectOf(db) !== 'postgres') return query.execute(db);
  if (!db.isTransaction) {
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local jit = off`.execute(trx);
      return query.execute(trx);
    });
  }
  const { rows } = await sql<{ seqscan: string; jit: string }>`select current_setting('enable_seqscan') as seqscan, current_setting('jit') as jit`.execute(db);
  await sql`set local enable_seqscan = off`.execute(db);
  await sql`set local jit = off`.execute(db);
  // A failed statement aborts the whole transaction on PostgreSQL, so there is nothing to put back then.
  const result = await query.execute(db);
  await sql`select set_config('enable_seqscan', ${rows[0]?.seqscan ?? 'on'}, true), set_config('jit', ${rows[0]?.jit ?? 'on'}, true)`.execute(db);
  return result;
}
