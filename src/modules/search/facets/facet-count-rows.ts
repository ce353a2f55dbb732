/** Facet counts as both counting paths give them: the rows, and the counts assembled from them. */
import type { FacetKind } from './facet-selection.js';

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

/** One row of the counting statement: a kind's value with its count and lowest record id. */
export interface CountRow {
  facet: string;
  facet_key: string;
  n: number | string;
  sample: number | string | null;
}

/** The counts from the statement's rows (or the facet columns' equivalent), each kind in its order. */
export function assembleCounts(rows: readonly CountRow[]): FacetCounts {
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
