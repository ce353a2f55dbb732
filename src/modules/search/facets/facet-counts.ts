/**
 * Facet counts over a whole Boolean result set, in one statement: the search runs once (a
 * materialised common table expression) and every facet kind groups its ids. Each kind is counted
 * with the other kinds' choices applied but not its own, so its values stay offered as alternatives
 * (values of one kind are ORed); the total has every choice applied.
 */
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { HEADING_KEY, MAJOR_HEADING, facetConditions, journalChoice, yearCondition } from './facet-filters.js';
import type { FacetKind, FacetSelection } from './facet-selection.js';
import { executeSearch } from '../engine/plan.js';
import { readIndexVersion } from '../index/index-version.js';
import { type CountRow, type FacetCounts, TOP_VALUES, assembleCounts } from './facet-count-rows.js';
import { countFromColumns } from './facet-column-counts.js';
import { facetColumnCacheOf } from './facet-column-cache.js';

export { type FacetCount, type FacetCounts, TOP_VALUES } from './facet-count-rows.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A branch of the statement, wrapped so that its own ORDER BY and LIMIT are allowed inside UNION ALL. */
const branch = (body: RawBuilder<unknown>) => sql`select * from (${body}) as b`;

/**
 * Counts for every facet kind of a search, and its total with the choices applied: from the facet
 * columns when the server keeps them and they are current (facet-column-cache.ts), else in SQL.
 *
 * ### Examples
 * await countFacets(db, compileQuery(dialect, resolved), { ...NO_FACETS, language: ['english'] }, 2026)
 * // { total: 42, counts: { year: [{ key: 'last5', count: 12, … }, …], language: [{ key: 'english', count: 42, … }, { key: 'french', count: 3, … }], … } }
 */
export async function countFacets(db: Db, within: RawBuilder<unknown>, selection: FacetSelection, currentYear: number): Promise<FacetCounts> {
  const columns = facetColumnCacheOf(db)?.columnsAt(await readIndexVersion(db));
  if (columns) return countFromColumns(columns, await matchingIds(db, within), selection, currentYear);
  return countFacetsInSql(db, within, selection, currentYear);
}

/**
 * The ids of a compiled search, ascending. They come back as one comma-separated string: a row per id
 * costs SQLite four times as long (6.0 → 1.6 ms for 6,300 ids at 1,000,000 records).
 */
async function matchingIds(db: Db, within: RawBuilder<unknown>): Promise<Int32Array> {
  const joined = dialectOf(db) === 'postgres' ? sql`string_agg(cast(id as text), ',')` : sql`group_concat(id)`;
  const { rows } = await executeSearch(db, sql<{ ids: string | null }>`select ${joined} as ids from (${within}) as m`);
  const text = rows[0]?.ids;
  if (!text) return new Int32Array(0);
  return Int32Array.from(text.split(','), Number).sort();
}

/** The counts in one SQL statement, reading the index tables (no facet columns, or not current). */
export async function countFacetsInSql(db: Db, within: RawBuilder<unknown>, selection: FacetSelection, currentYear: number): Promise<FacetCounts> {
  const dialect = dialectOf(db);
  // Each kind reads its index rows through the matching records (`cross join`: SQLite then loops over
  // the matches and looks each record up, instead of scanning every row of the kind and probing the
  // set: 1.6 s → 0.06 s for a 2,000-hit search at 1,000,000 records). PostgreSQL plans joins freely.
  const base = (kind: FacetKind) => sql`select id as record_id from matches where ${facetConditions(dialect, selection, currentYear, kind)}`;
  const top = (kind: FacetKind, key: RawBuilder<unknown>, rows: RawBuilder<unknown>, record: RawBuilder<unknown>) => {
    const chosen = selection[kind];
    const grouped = (extra: RawBuilder<unknown>, limit: RawBuilder<unknown>) =>
      branch(sql`select ${sql.lit(kind)} as facet, ${key} as facet_key, count(distinct ${record}) as n, min(${record}) as sample
        from ${rows} and ${extra}
        group by ${key} order by n desc, facet_key ${limit}`);
    const best = grouped(sql`1 = 1`, sql`limit ${TOP_VALUES}`);
    // Chosen values are always listed, even when they are not among the most frequent.
    return chosen.length > 0 ? sql`${best} union all ${grouped(sql`${key} in (${sql.join(chosen.map((v) => sql`${v}`))})`, sql``)}` : best;
  };
  const throughMatches = (kind: FacetKind, table: RawBuilder<unknown>, alias: string) =>
    sql`(${base(kind)}) as fm cross join ${table} as ${sql.raw(alias)} where ${sql.ref(`${alias}.record_id`)} = fm.record_id`;
  const recent = (value: 'last5' | 'last10') =>
    branch(sql`select 'year' as facet, ${sql.lit(value)} as facet_key, count(*) as n, min(d.record_id) as sample
      from ${throughMatches('year', sql`search_document`, 'd')} and ${yearCondition(value, currentYear)}`);
  const statement = sql<CountRow>`
    with matches as materialized (select id from (${within}) as m)
    select 'total' as facet, '' as facet_key, count(*) as n, null as sample from matches where ${facetConditions(dialect, selection, currentYear)}
    union all ${recent('last5')}
    union all ${recent('last10')}
    union all ${branch(sql`select 'year' as facet, cast(d.pub_start / 100000 * 10 as text) || 's' as facet_key, count(*) as n, min(d.record_id) as sample
      from ${throughMatches('year', sql`search_document`, 'd')} and d.pub_start is not null group by d.pub_start / 100000`)}
    union all ${top('publicationType', sql.ref('v.value_key'), sql`${throughMatches('publicationType', sql`search_value`, 'v')} and v.kind = 'publicationType'`, sql.ref('v.record_id'))}
    union all ${branch(sql`select 'language' as facet, v.value_key as facet_key, count(distinct v.record_id) as n, min(v.record_id) as sample
      from ${throughMatches('language', sql`search_value`, 'v')} and v.kind = 'language' group by v.value_key`)}
    union all ${top('heading', HEADING_KEY, sql`${throughMatches('heading', sql`search_heading`, 'h')} and ${MAJOR_HEADING}`, sql.ref('h.record_id'))}
    union all ${top('journal', sql.ref('j.value_key'), sql`(${journalChoice(dialect, base('journal'))}) as j where 1 = 1`, sql.ref('j.record_id'))}`;
  const { rows } = await executeSearch(db, statement);
  return assembleCounts(rows);
}
