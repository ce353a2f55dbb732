/**
 * The keys that say two records are the same article: the same PMID, the same DOI, or the same
 * normalised title with the same year and the same first page (or, without pages, first author).
 * Titles under 20 characters ("Editorial", "Correction") never match on title alone.
 */
export interface MatchFields {
  readonly pmid: string | null;
  readonly doi: string | null;
  readonly title: string;
  readonly year: number | null;
  readonly pages: string | null;
  readonly firstAuthorFamily: string | null;
}

const MIN_TITLE_LENGTH = 20;

/** Lower case, no accents, punctuation or brackets, single spaces: "Étude: A [Trial]." → "etude a trial". */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function firstPage(pages: string | null): string | null {
  const match = /^[a-z]*\d+/i.exec((pages ?? '').trim());
  return match ? match[0].toLowerCase() : null;
}

export function matchKeys(fields: MatchFields): string[] {
  const keys: string[] = [];
  if (fields.pmid) keys.push(`pmid:${fields.pmid.trim()}`);
  if (fields.doi) keys.push(`doi:${fields.doi.trim().toLowerCase()}`);
  const title = normaliseTitle(fields.title);
  const tiebreak = firstPage(fields.pages) ?? (fields.firstAuthorFamily ? normaliseTitle(fields.firstAuthorFamily) : null);
  if (title.length >= MIN_TITLE_LENGTH && fields.year !== null && tiebreak) keys.push(`tyf:${title}|${fields.year}|${tiebreak}`);
  return keys;
}
