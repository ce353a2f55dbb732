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

type Db = Kysely<Database> | Transaction<Database>;

/** Values shown per kind, besides the chosen ones. */
export const TOP_VALUES = 10;

/** One facet value with the number of records choosing it would give (with the other kinds' choices). */
export interface FacetCount {
  readonly key: string;
  readonly count: number;
  /** A record having the value, to name it as the record spells it. */
  readonly sampleRecordId: number;
}

export interface FacetCounts {
  /** Records matching the search and every choice. */
  readonly total: number;
  /** Per kind, most records first (years: the recent buckets, then decades newest first). */
  readonly counts: Readonly<Record<FacetKind, readonly FacetCount[]>>;
}

interface Row {
  facet: string;
  facet_key: string;
  n: number | string;
  sample: number | string | null;
}

/** A branch of the statement, wrapped so that its own ORDER BY and LIMIT are allowed inside UNION ALL. */
const branch = (body: RawBuilder<unknown>) => sql`select * from (${body}) as b`;

/**
 * Counts for every facet kind of a search, and its total with the choices applied.
 *
 * ### Examples
 * await countFacets(db, compileQuery(dialect, resolved), { ...NO_FACETS, language: ['english'] }, 2026)
 * // { total: 42, counts: { year: [{ key: 'last5', count: 12, … }, …], language: [{ key: 'english', count: 42, … }, { key: 'french', count: 3, … }], … } }
 */
export async function countFacets(db: Db, within: RawBuilder<unknown>, selection: FacetSelection, currentYear: number): Promise<FacetCounts> {
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
  const statement = sql<Row>`
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
  return assemble(rows);
}

function assemble(rows: readonly Row[]): FacetCounts {
  let total = 0;
  const counts: Record<FacetKind, FacetCount[]> = { year: [], publicationType: [], language: [], heading: [], journal: [] };
  for (const row of rows) {
    if (row.facet === 'total') {
      total = Number(row.n);
      continue;
    }
    const kind = row.facet as FacetKind;
    const count = Number(row.n);
    if (count === 0 || counts[kind].some((c) => c.key === row.facet_key)) continue;
    counts[kind].push({ key: row.facet_key, count, sampleRecordId: Number(row.sample) });
  }
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  for (const kind of ['publicationType', 'language', 'heading', 'journal'] as const) counts[kind].sort(byCount);
  const recentFirst = (key: string) => (key === 'last5' ? 0 : key === 'last10' ? 1 : 2);
  counts.year.sort((a, b) => recentFirst(a.key) - recentFirst(b.key) || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return { total, counts };
}
