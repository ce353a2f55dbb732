/**
 * What a searcher has chosen to narrow a result set by: values of five facet kinds, as they travel in
 * the URL (`year=last5&pt=review&la=english&mh=D001249&jn=lancet`). Values of one kind are ORed, kinds
 * are ANDed. Values are the index's own keys (token keys, MeSH ids), so a filter is one index look-up.
 */

export const FACET_KINDS = ['year', 'publicationType', 'language', 'heading', 'journal'] as const;
export type FacetKind = (typeof FACET_KINDS)[number];

/** Each kind's query-string parameter. */
export const FACET_PARAMETERS: Readonly<Record<FacetKind, string>> = {
  year: 'year',
  publicationType: 'pt',
  language: 'la',
  heading: 'mh',
  journal: 'jn',
};

export type FacetSelection = Readonly<Record<FacetKind, readonly string[]>>;

export const NO_FACETS: FacetSelection = { year: [], publicationType: [], language: [], heading: [], journal: [] };

/** Whether anything is selected. */
export function hasFacets(selection: FacetSelection): boolean {
  return FACET_KINDS.some((kind) => selection[kind].length > 0);
}

/** A heading facet value for a heading known only by its name (RIS records carry no MeSH id). */
export const HEADING_NAME_PREFIX = 'name:';

/**
 * A year facet value: the last 5 or 10 years (this year included), or a decade (`2010s`). A record
 * counts in the bucket its publication date starts in.
 */
export type YearBucket = { readonly kind: 'recent'; readonly years: 5 | 10 } | { readonly kind: 'decade'; readonly decade: number };

export function parseYearBucket(value: string): YearBucket | undefined {
  if (value === 'last5') return { kind: 'recent', years: 5 };
  if (value === 'last10') return { kind: 'recent', years: 10 };
  const decade = /^(\d{3}0)s$/.exec(value);
  return decade ? { kind: 'decade', decade: Number(decade[1]) } : undefined;
}

/** The first and last publication year a bucket holds, given the current year. */
export function bucketYears(bucket: YearBucket, currentYear: number): { from: number; to: number } {
  if (bucket.kind === 'decade') return { from: bucket.decade, to: bucket.decade + 9 };
  return { from: currentYear - bucket.years + 1, to: currentYear };
}

/** "Last 5 years (2022 to 2026)", "2010 to 2019". */
export function bucketLabel(bucket: YearBucket, currentYear: number): string {
  const { from, to } = bucketYears(bucket, currentYear);
  return bucket.kind === 'recent' ? `Last ${bucket.years} years (${from} to ${to})` : `${from} to ${to}`;
}

/** Whether a value is one the kind can hold (anything else in a shared link is dropped, not refused). */
export function isFacetValue(kind: FacetKind, value: string): boolean {
  if (value.trim() === '' || value.length > 200 || value.includes('\0')) return false;
  if (kind === 'year') return parseYearBucket(value) !== undefined;
  return true;
}
