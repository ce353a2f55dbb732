/**
 * Authors and their affiliations in RIS records. `AU` and `A1` are the authors (`A2`–`A4` are editors,
 * series editors and translators, so they are left out). Affiliations come linked to their author where
 * the vendor links them:
 *
 * - Ovid writes one `M2` per author: "White, Julian. Toxinology Dept., …";
 * - Embase writes "(Behan, Rubbo, Lucas) NIHR Southampton …" naming the authors' family names.
 *
 * Other `AD` lines (EndNote, Scopus, Embase.com's corresponding address) say nothing of whose they are;
 * they are kept on the first author, as MEDLINE itself did before 2014, so they stay searchable.
 */
import type { Author } from '../bib-record.js';
import { parseAuthorName } from './author-names.js';
import { type TaggedRecord, valuesOf } from './tagged-record.js';

type Draft = Author & { affiliations: string[] };

/** "(Behan, Rubbo) Somewhere" → families ["Behan", "Rubbo"], text "Somewhere". */
function namedGroup(value: string): { families: string[]; text: string } | null {
  const match = /^\(([^()]+)\)\s*(.+)$/.exec(value.trim());
  if (!match?.[1] || !match[2]) return null;
  return { families: match[1].split(',').map((name) => name.trim().toLowerCase()), text: match[2].trim() };
}

/** Ovid's "Family, Given. Affiliation": the affiliation when the value starts with this author's name. */
function ownAffiliation(author: Author, value: string): string | null {
  if (!author.family || !author.given) return null;
  const prefix = `${author.family}, ${author.given}. `;
  return value.startsWith(prefix) ? value.slice(prefix.length).trim() : null;
}

/** Gives one affiliation line to the authors it names; false when it names none of them. */
function linkAffiliation(authors: Draft[], value: string): boolean {
  const group = namedGroup(value);
  if (group) {
    const named = authors.filter((author) => author.family && group.families.includes(author.family.toLowerCase()));
    named.forEach((author) => author.affiliations.push(group.text));
    return named.length > 0;
  }
  const owner = authors.find((author) => ownAffiliation(author, value) !== null);
  const text = owner ? ownAffiliation(owner, value) : null;
  if (!owner || !text) return false;
  owner.affiliations.push(text);
  return true;
}

/**
 * The record's authors in order, each with the affiliations that can be given to them.
 *
 * ### Examples
 * AU  - White, Julian / M2  - White, Julian. Toxinology Dept., Adelaide.
 *   → [{ family: 'White', given: 'Julian', initials: 'J', affiliations: ['Toxinology Dept., Adelaide.'], … }]
 */
export function risAuthors(record: TaggedRecord): Author[] {
  // A few exports put every author in one field, separated by semicolons.
  const names = valuesOf(record, 'AU', 'A1').flatMap((value) => value.split(/\s*;\s*/));
  const authors: Draft[] = names.map(parseAuthorName).filter((author) => author !== null).map((author) => ({ ...author, affiliations: [] }));
  // Ovid's M2 holds affiliations only in the "Family, Given. …" form; elsewhere M2 is a note, left alone.
  valuesOf(record, 'M2').forEach((value) => linkAffiliation(authors, value));
  const unlinked = valuesOf(record, 'AD').filter((value) => !linkAffiliation(authors, value));
  const [first] = authors;
  if (first) first.affiliations.push(...unlinked.filter((value) => !first.affiliations.includes(value)));
  return authors;
}
