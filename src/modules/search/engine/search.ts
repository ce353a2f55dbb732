/** Running a query: resolve, compile for the database's engine, execute. */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import type { QueryNode } from '../query/ast.js';
import { compileQuery } from '../backends/compile.js';
import { executeSearch } from './plan.js';
import { type ResolveOptions, resolveQuery } from './resolve.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PageOptions extends ResolveOptions {
  readonly limit: number;
  readonly offset?: number;
}

/**
 * How many records a query matches.
 *
 * ### Examples
 * await countMatches(db, parseQuery('asthma[ti] AND 2015:2020[dp]').root)  // 42
 */
export async function countMatches(db: Db, node: QueryNode, options: ResolveOptions = {}): Promise<number> {
  const query = compileQuery(dialectOf(db), await resolveQuery(db, node, options));
  const { rows } = await executeSearch(db, sql<{ n: number | string }>`select count(*) as n from (${query}) as matches`);
  return Number(rows[0]?.n ?? 0);
}

/** A page of the matching record ids, by id (ranking comes later). */
export async function matchingIds(db: Db, node: QueryNode, options: PageOptions): Promise<number[]> {
  const query = compileQuery(dialectOf(db), await resolveQuery(db, node, options));
  const { rows } = await executeSearch(db, sql<{ id: number | string }>`
    select id from (${query}) as matches order by id limit ${options.limit} offset ${options.offset ?? 0}`);
  return rows.map((row) => Number(row.id));
}
