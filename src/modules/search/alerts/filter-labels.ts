/**
 * A saved search's filters as people read them: the names the facet list beside the results gives
 * (`Language: English`, `Major MeSH topic: Diabetes Mellitus`), not the index keys the search keeps
 * (`english`, `D003920`). The facet list names a value from one record that has it; here each chosen
 * value's record is found with one index look-up per kind, and MeSH ids are named by the thesaurus.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { findDescriptor } from '../../thesaurus/index.js';
import type { FacetCount, FacetCounts } from '../facets/facet-counts.js';
import { nameFacets } from '../facets/facet-labels.js';
import { FACET_KINDS, type FacetKind, type FacetSelection, HEADING_NAME_PREFIX } from '../facets/facet-selection.js';

type Db = Kysely<Database> | Transaction<Database>;

const FILTER_TITLES: Readonly<Record<FacetKind, string>> = {
  year: 'Publication year',
  publicationType: 'Publication type',
  language: 'Language',
  heading: 'Major MeSH topic',
  journal: 'Journal',
};

/** One kind of filter a saved search has: its title and the names of the values chosen (any of them matches). */
export interface FilterLabel {
  readonly kind: FacetKind;
  readonly title: string;
  readonly values: readonly string[];
}

const sampleRows = (rows: readonly { key: string | null; sample: number | string | null }[]): FacetCount[] =>
  rows.flatMap((row) => (row.key === null || row.sample === null ? [] : [{ key: row.key, count: 0, sampleRecordId: Number(row.sample) }]));

/** For each chosen value of a kind named from records, one record that has it (values no record has are left out). */
async function samples(db: Db, kind: FacetKind, values: readonly string[]): Promise<FacetCount[]> {
  if (values.length === 0) return [];
  if (kind === 'publicationType' || kind === 'journal') {
    const rows = await db
      .selectFrom('search_value')
      .select((eb) => ['value_key as key', eb.fn.min('record_id').as('sample')])
      .where('kind', '=', kind)
      .where('value_key', 'in', values)
      .groupBy('value_key')
      .execute();
    return sampleRows(rows);
  }
  if (kind !== 'heading') return [];
  const names = values.filter((v) => v.startsWith(HEADING_NAME_PREFIX)).map((v) => v.slice(HEADING_NAME_PREFIX.length));
  const uis = values.filter((v) => !v.startsWith(HEADING_NAME_PREFIX));
  const byUi = uis.length === 0 ? [] : await db.selectFrom('search_heading').select((eb) => ['descriptor_ui as key', eb.fn.min('record_id').as('sample')]).where('descriptor_ui', 'in', uis).groupBy('descriptor_ui').execute();
  const byName =
    names.length === 0
      ? []
      : await db.selectFrom('search_heading').select((eb) => ['name_key', eb.fn.min('record_id').as('sample')]).where('descriptor_ui', 'is', null).where('name_key', 'in', names).groupBy('name_key').execute();
  return [...sampleRows(byUi), ...sampleRows(byName.map((row) => ({ key: `${HEADING_NAME_PREFIX}${row.name_key}`, sample: row.sample })))];
}

/** MeSH names for the chosen heading ids the loaded thesaurus knows. */
async function headingNames(db: Db, values: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const ui of values.filter((v) => !v.startsWith(HEADING_NAME_PREFIX))) {
    const descriptor = await findDescriptor(db, ui);
    if (descriptor) names.set(ui, descriptor.name);
  }
  return names;
}

/**
 * The filters of a saved search, each kind with its values named as the facet list names them, in the
 * order they were chosen; kinds without a choice are left out.
 *
 * ### Examples
 * await labelFilters(db, { ...NO_FACETS, language: ['english'], heading: ['D003920'] }, new Date())
 * // [{ kind: 'language', title: 'Language', values: ['English'] }, { kind: 'heading', title: 'Major MeSH topic', values: ['Diabetes Mellitus'] }]
 */
export async function labelFilters(db: Db, filters: FacetSelection, now: Date): Promise<FilterLabel[]> {
  const chosen = FACET_KINDS.filter((kind) => filters[kind].length > 0);
  if (chosen.length === 0) return [];
  const counts = {} as Record<FacetKind, FacetCount[]>;
  for (const kind of FACET_KINDS) counts[kind] = await samples(db, kind, filters[kind]);
  const named = await nameFacets(db, { total: 0, counts } satisfies FacetCounts, filters, now.getUTCFullYear());
  const meshNames = await headingNames(db, filters.heading);
  return chosen.map((kind) => {
    const labels = new Map(named[kind].map((value) => [value.key, value.label]));
    const values = filters[kind].map((key) => (kind === 'heading' ? meshNames.get(key) : undefined) ?? labels.get(key) ?? key);
    return { kind, title: FILTER_TITLES[kind], values };
  });
}

/** "Language: English; Publication type: Review or Meta-Analysis", or '' without filters. */
export function filtersText(labels: readonly FilterLabel[]): string {
  return labels.map((label) => `${label.title}: ${label.values.join(' or ')}`).join('; ');
}
