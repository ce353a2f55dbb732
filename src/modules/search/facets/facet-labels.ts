/**
 * Names for facet values. The index keeps keys (`randomized controlled trial`, `D001249`,
 * `n engl j med`); people read the names the records spell, so each value is named from one record
 * that has it (facet-counts.ts gives that record's id).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { type StoredRecord, streamRecords } from '../../records/index.js';
import { languageName } from '../text/languages.js';
import { tokenKey } from '../text/tokenize.js';
import type { FacetCount, FacetCounts } from './facet-counts.js';
import { FACET_KINDS, type FacetKind, type FacetSelection, HEADING_NAME_PREFIX, bucketLabel, parseYearBucket } from './facet-selection.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A facet value as a page lists it. */
export interface NamedFacetValue {
  readonly key: string;
  readonly label: string;
  /** Records choosing it would give; 0 for a chosen value the search no longer finds. */
  readonly count: number;
  readonly selected: boolean;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The name a record gives a value of this kind, or undefined when the record does not have it. */
function nameIn(record: StoredRecord | undefined, kind: FacetKind, key: string): string | undefined {
  if (!record) return undefined;
  switch (kind) {
    case 'publicationType':
      return record.publicationTypes.find((type) => tokenKey(type) === key);
    case 'heading': {
      const byName = key.startsWith(HEADING_NAME_PREFIX) ? key.slice(HEADING_NAME_PREFIX.length) : undefined;
      return record.mesh.find((h) => (byName === undefined ? h.ui?.trim().toUpperCase() === key : !h.ui && tokenKey(h.name) === byName))?.name;
    }
    case 'journal':
      return [record.journal.title, record.journal.isoAbbreviation].find((name) => name && tokenKey(name) === key) ?? undefined;
    default:
      return undefined;
  }
}

/** The name of a value when no record names it: the key itself, readable. */
function fallbackName(kind: FacetKind, key: string, currentYear: number): string {
  if (kind === 'year') {
    const bucket = parseYearBucket(key);
    return bucket ? bucketLabel(bucket, currentYear) : key;
  }
  if (kind === 'language') return capitalise(languageName(key) ?? key);
  if (kind === 'heading' && key.startsWith(HEADING_NAME_PREFIX)) return capitalise(key.slice(HEADING_NAME_PREFIX.length));
  return capitalise(key);
}

/**
 * The index keeps a language's code and its English name (`eng`, `english`) as two keys of the same
 * records; the facet lists the name, which also covers records that give only the name.
 */
function isCodeWithName(kind: FacetKind, key: string): boolean {
  return kind === 'language' && languageName(key) !== undefined;
}

/**
 * Every kind's values, named, with chosen values marked (and listed even when the search no longer
 * finds them, so they can still be removed).
 *
 * ### Examples
 * (await nameFacets(db, counts, selection, 2026)).publicationType[0]  // { key: 'randomized controlled trial', label: 'Randomized Controlled Trial', count: 12, selected: false }
 */
export async function nameFacets(db: Db, facets: FacetCounts, selection: FacetSelection, currentYear: number): Promise<Record<FacetKind, NamedFacetValue[]>> {
  // Years and languages are named without looking at a record.
  const namedFromRecords = FACET_KINDS.filter((kind) => kind !== 'year' && kind !== 'language');
  const wanted = namedFromRecords.flatMap((kind) => facets.counts[kind].map((c) => c.sampleRecordId));
  const records = new Map<number, StoredRecord>();
  for await (const record of streamRecords(db, { ids: wanted })) records.set(record.id, record);
  const named = {} as Record<FacetKind, NamedFacetValue[]>;
  for (const kind of FACET_KINDS) {
    const chosen = new Set(selection[kind]);
    const listed: FacetCount[] = facets.counts[kind].filter((c) => !isCodeWithName(kind, c.key) || chosen.has(c.key));
    const values = listed.map((c) => ({
      key: c.key,
      label: nameIn(records.get(c.sampleRecordId), kind, c.key) ?? fallbackName(kind, c.key, currentYear),
      count: c.count,
      selected: chosen.has(c.key),
    }));
    for (const key of chosen) if (!values.some((v) => v.key === key)) values.push({ key, label: fallbackName(kind, key, currentYear), count: 0, selected: true });
    named[kind] = values;
  }
  return named;
}
