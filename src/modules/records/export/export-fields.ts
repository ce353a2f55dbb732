/**
 * Field renderings several export formats share, so RIS, MEDLINE, BibTeX, CSV and CSL agree on what a
 * heading, a page range or a link looks like.
 */
import type { Author, BibRecord, MeshHeading } from '../bib-record.js';

/** "Jan" … "Dec", as PubMed prints months. */
export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A MeSH heading in PubMed's MEDLINE notation: a star marks a major topic, on the descriptor or on a
 * qualifier. `{ Asthma, qualifiers: [drug therapy (major)] }` → "Asthma/*drug therapy".
 */
export function meshHeadingText(heading: MeshHeading): string {
  const descriptor = `${heading.major ? '*' : ''}${heading.name}`;
  return [descriptor, ...heading.qualifiers.map((q) => `${q.major ? '*' : ''}${q.name}`)].join('/');
}

/** First and last page; the last page written in full ("35918-28" → 35918, 35928), as RIS and CSL expect. */
export interface PageRange {
  readonly start: string;
  readonly end: string | null;
}

const RANGE = /^([A-Za-z]*)(\d+)\s*[-\u2010-\u2015]\s*([A-Za-z]*)(\d+)$/;

/**
 * Splits printed pages into first and last page where the text is one plain range; anything else
 * ("e1002", "1-5, 7") is kept whole as the first page, so nothing is lost.
 */
export function splitPages(pages: string | null): PageRange | null {
  const text = (pages ?? '').trim();
  if (text === '') return null;
  const match = RANGE.exec(text);
  if (!match) return { start: text, end: null };
  const [, startPrefix = '', startDigits = '', endPrefix = '', endDigits = ''] = match;
  // MEDLINE abbreviates the last page to the digits that change: 1865-76 is 1865-1876.
  const fullEnd = endDigits.length < startDigits.length ? startDigits.slice(0, startDigits.length - endDigits.length) + endDigits : endDigits;
  return { start: `${startPrefix}${startDigits}`, end: `${endPrefix || startPrefix}${fullEnd}` };
}

/** The abstract as one text; a structured abstract without the joined text gets "LABEL: text" parts. */
export function abstractText(record: BibRecord): string | null {
  if (record.abstract !== null && record.abstract.trim() !== '') return record.abstract;
  if (record.abstractSections.length === 0) return null;
  return record.abstractSections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join(' ');
}

/** Where a reader finds the article: its DOI, else PubMed Central, else PubMed; null when khub knows none. */
export function recordUrl(record: BibRecord): string | null {
  if (record.doi) return `https://doi.org/${record.doi}`;
  if (record.pmcid) return `https://www.ncbi.nlm.nih.gov/pmc/articles/${record.pmcid}/`;
  if (record.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`;
  return null;
}

/** "Family, Given" for a person, the group's name for a collective author, null for an empty entry. */
export function invertedName(author: Author): string | null {
  if (author.collective) return author.collective;
  if (!author.family) return author.given;
  return author.given ? `${author.family}, ${author.given}` : author.family;
}

/** The author's initials as PubMed gives them ("PM"), or made from the given names ("Jean-Paul" → "JP"). */
export function authorInitials(author: Author): string {
  if (author.initials) return author.initials;
  return (author.given ?? '')
    .split(/[\s.-]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}

/**
 * Line breaks, tabs and runs of spaces collapsed, for formats that hold one field on one line. Only ASCII
 * white space: PubMed text carries no-break and thin spaces ("260\u202F000") that are part of the value.
 */
export function oneLine(text: string): string {
  return text.replace(/[\t\n\v\f\r ]+/g, ' ').replace(/^ | $/g, '');
}

/** Every author's affiliations, each once, in the order they first appear. */
export function allAffiliations(record: BibRecord): string[] {
  return [...new Set(record.authors.flatMap((a) => a.affiliations))];
}
