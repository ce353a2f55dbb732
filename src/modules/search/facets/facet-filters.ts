/**
 * Facet choices as SQL over the index tables: each kind is one `record_id` look-up, and a narrowed
 * search is the compiled search's ids restricted by them. Counting (facet-counts.ts) uses these same
 * predicates, so a facet's count is exactly what choosing it returns, on both engines.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../../../platform/db/dialect.js';
import { FACET_KINDS, type FacetKind, type FacetSelection, HEADING_NAME_PREFIX, bucketYears, parseYearBucket } from './facet-selection.js';

const list = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`));

/** A publication-year condition on `search_document` (alias `d`) for one year facet value. */
export function yearCondition(value: string, currentYear: number): RawBuilder<unknown> {
  const bucket = parseYearBucket(value);
  if (!bucket) return sql`1 = 0`;
  const { from, to } = bucketYears(bucket, currentYear);
  return sql`(d.pub_start >= ${from * 10_000 + 101} and d.pub_start <= ${to * 10_000 + 1231})`;
}

/** The key of a record's major heading, as the heading facet lists it: its MeSH id, or `name:` and its name. */
export const HEADING_KEY = sql`coalesce(h.descriptor_ui, ${sql.lit(HEADING_NAME_PREFIX)} || h.name_key)`;

/** A major-topic condition on `search_heading` (alias `h`): the descriptor or one of its qualifiers is starred. */
export const MAJOR_HEADING = sql`(h.major = 1 or h.qualifier_major = 1)`;

/** An ISSN key (`0028 4793`, `1234 567x`): the index keeps it beside the journal's names. */
function isIssn(dialect: DialectName, key: RawBuilder<unknown>): RawBuilder<unknown> {
  const digits = dialect === 'postgres' ? sql`btrim(replace(${key}, ' ', ''), '0123456789x')` : sql`trim(replace(${key}, ' ', ''), '0123456789x')`;
  return sql`(length(${key}) = 9 and substr(${key}, 5, 1) = ' ' and ${digits} = '')`;
}

/**
 * One journal key per record (alias `j`: record_id, value_key): the index keeps a journal's title,
 * ISO abbreviation and ISSN as separate keys, so the facet takes the longest name that is not an
 * ISSN (the full title when the record has one), ties to the greater key. `records` selects a
 * column `record_id`; each record's journal rows are looked up through it.
 */
export function journalChoice(dialect: DialectName, records: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select v.record_id, v.value_key from (${records}) as r cross join search_value v
    where v.record_id = r.record_id and v.kind = 'journal' and not ${isIssn(dialect, sql.ref('v.value_key'))}
      and not exists (select 1 from search_value w where w.record_id = v.record_id and w.kind = 'journal'
        and not ${isIssn(dialect, sql.ref('w.value_key'))}
        and (length(w.value_key) > length(v.value_key) or (length(w.value_key) = length(v.value_key) and w.value_key > v.value_key)))`;
}

/** The records having one of the chosen values of one kind (`select record_id …`). */
function kindRecords(dialect: DialectName, kind: FacetKind, values: readonly string[], currentYear: number): RawBuilder<unknown> {
  switch (kind) {
    case 'year':
      return sql`select d.record_id from search_document d where ${sql.join(values.map((v) => yearCondition(v, currentYear)), sql` or `)}`;
    case 'publicationType':
      return sql`select record_id from search_value where kind = 'publicationType' and value_key in (${list(values)})`;
    case 'language':
      return sql`select record_id from search_value where kind = 'language' and value_key in (${list(values)})`;
    case 'heading': {
      const names = values.filter((v) => v.startsWith(HEADING_NAME_PREFIX)).map((v) => v.slice(HEADING_NAME_PREFIX.length));
      const uis = values.filter((v) => !v.startsWith(HEADING_NAME_PREFIX));
      const byUi = uis.length > 0 ? sql`h.descriptor_ui in (${list(uis)})` : sql`1 = 0`;
      const byName = names.length > 0 ? sql`(h.descriptor_ui is null and h.name_key in (${list(names)}))` : sql`1 = 0`;
      return sql`select h.record_id from search_heading h where ${MAJOR_HEADING} and (${byUi} or ${byName})`;
    }
    case 'journal':
      return sql`select j.record_id from (${journalChoice(dialect, sql`select record_id from search_value where kind = 'journal' and value_key in (${list(values)})`)}) as j
        where j.value_key in (${list(values)})`;
  }
}

/** Conditions on an `id` column for every chosen kind except `except` (facet counts leave out their own kind). */
export function facetConditions(dialect: DialectName, selection: FacetSelection, currentYear: number, except?: FacetKind): RawBuilder<unknown> {
  const conditions = FACET_KINDS.filter((kind) => kind !== except && selection[kind].length > 0).map(
    (kind) => sql`id in (${kindRecords(dialect, kind, selection[kind], currentYear)})`,
  );
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`1 = 1`;
}

/**
 * The compiled search's ids narrowed by the chosen facets (`select id …`), for counting and paging.
 *
 * ### Examples
 * narrowSearch('sqlite', compileQuery('sqlite', resolved), { ...NO_FACETS, year: ['last5'] }, 2026)
 */
export function narrowSearch(dialect: DialectName, within: RawBuilder<unknown>, selection: FacetSelection, currentYear: number): RawBuilder<unknown> {
  return sql`select id from (${within}) as matches where ${facetConditions(dialect, selection, currentYear)}`;
}
