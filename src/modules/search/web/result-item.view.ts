/**
 * A search result as the page shows it. Title and abstract stay lists of segments (marked or not):
 * the template wraps marked ones in `<mark>` and escapes every segment, so a record's text can never
 * become markup.
 */
import type { Author, StoredRecord } from '../../records/index.js';
import type { RankedResult } from '../ranking/ranked-page.js';
import type { Segment } from '../ranking/snippets.js';

/** Authors a result names before "et al.". */
export const AUTHORS_SHOWN = 3;

/** "O'Byrne PM" for a person, the group's name for a group. */
export function authorName(author: Author): string {
  if (author.collective && !author.family) return author.collective;
  const initials = author.initials ?? (author.given ?? '').split(/[\s.-]+/).map((name) => name.charAt(0)).join('');
  return [author.family, initials].filter(Boolean).join(' ');
}

/**
 * The first three authors, then "et al." when there are more.
 *
 * ### Examples
 * authorList(record)  // "O'Byrne PM, FitzGerald JM, Bateman ED, et al."
 */
export function authorList(authors: readonly Author[]): string {
  const names = authors.slice(0, AUTHORS_SHOWN).map(authorName).filter((name) => name !== '');
  if (names.length === 0) return '';
  return authors.length > AUTHORS_SHOWN ? `${names.join(', ')}, et al.` : names.join(', ');
}

/** The journal's name as a result shows it: the ISO abbreviation when there is one, as PubMed does. */
export function journalName(record: StoredRecord): string {
  return record.journal.isoAbbreviation ?? record.journal.title ?? '';
}

export interface ResultItem {
  readonly id: number;
  readonly href: string;
  readonly title: readonly Segment[];
  readonly authors: string;
  readonly journal: string;
  readonly year: number | null;
  readonly publicationTypes: readonly string[];
  readonly abstract: { readonly label: string | null; readonly segments: readonly Segment[]; readonly before: boolean; readonly after: boolean } | null;
}

/** A title with nothing in it still needs link text. */
const UNTITLED: readonly Segment[] = [{ text: '[No title]', match: false }];

export function resultItem({ record, snippet }: RankedResult): ResultItem {
  return {
    id: record.id,
    href: `/records/${record.id}`,
    title: snippet.title.length > 0 ? snippet.title : UNTITLED,
    authors: authorList(record.authors),
    journal: journalName(record),
    year: record.publicationDate.year,
    // "Journal Article" is on nearly every record: it says nothing.
    publicationTypes: record.publicationTypes.filter((type) => type !== 'Journal Article'),
    abstract: snippet.abstract && {
      label: snippet.abstract.label,
      segments: snippet.abstract.segments,
      before: snippet.abstract.omittedBefore,
      after: snippet.abstract.omittedAfter,
    },
  };
}
