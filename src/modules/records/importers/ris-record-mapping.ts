/**
 * One RIS record's fields → a `BibRecord`, reading each field from the tags the main exporters use:
 *
 * | Field | Tags, in order of preference |
 * | --- | --- |
 * | title | `TI`, `T1` (Ovid, EndNote), `CT`, `BT` (a book's title) |
 * | abstract | `AB`, `N2` (Ovid, Embase) — EBSCOhost's "[ABSTRACT FROM AUTHOR] Copyright of …" trailer removed |
 * | journal | `JF` (Ovid), `T2` (Scopus, EndNote, Zotero, EBSCOhost), `JO`; abbreviation `JA`, `J2` |
 * | volume, issue | `VL`; `IS` (an Ovid journal-code list that Zotero moved into `IS` is ignored) |
 * | pages | `SP` ("123-130" in EndNote) and `EP`; Scopus's article number `C7` when there are no pages |
 * | date | `PY`, `Y1`, `DA` (see publication-date.ts) |
 * | languages | `LA` (names or codes) |
 * | types | `M3` (Scopus, Embase, EBSCOhost: "Article", "Review"), `PT` |
 * | MeSH | `MH` (Ovid) |
 * | keywords | `KW` (one per line, or several separated by semicolons) |
 */
import type { BibRecord } from '../bib-record.js';
import { emptyRecord } from '../record-mapping.js';
import { abstractSections } from './abstract-sections.js';
import { languageCodes } from './language-codes.js';
import { parseMeshHeading } from './mesh-heading.js';
import type { ParsedItem } from './parsed-item.js';
import { risPublicationDate } from './publication-date.js';
import { risAuthors } from './ris-authors.js';
import { risIdentifiers, risSourceId } from './ris-identifiers.js';
import { type TaggedRecord, firstOf, valuesOf } from './tagged-record.js';

const DEFAULT_SOURCE = 'ris';

/** EBSCOhost appends a provenance note and the copyright holder's licence text to every abstract it did not write. */
function cleanAbstract(value: string | null): string | null {
  if (!value) return null;
  const text = value
    .replace(/\s*Copyright of .*?\(Copyright applies to all Abstracts\.\)\s*$/s, '')
    .replace(/\s*\[ABSTRACT FROM [A-Z ]+\]\s*$/, '')
    .trim();
  return text || null;
}

/** Ovid's journal codes ("eag, 7805975", "101676033") end up in `IS` after a trip through Zotero; no issue has 7 digits. */
function issueOf(record: TaggedRecord): string | null {
  const issue = firstOf(record, 'IS');
  return issue && !/\b\d{7,9}\b/.test(issue) ? issue : null;
}

function pagesOf(record: TaggedRecord): string | null {
  const start = firstOf(record, 'SP')?.replace(/\s*[–—]\s*/g, '-') ?? null;
  const end = firstOf(record, 'EP');
  if (!start) return firstOf(record, 'C7');
  if (start.includes('-') || !end || end === start) return start;
  return `${start}-${end}`;
}

/**
 * Publication types as the database states them. `TY` is the reference manager's type of reference
 * (JOUR, BOOK), not a publication type, so nothing is made up from it.
 */
function publicationTypesOf(record: TaggedRecord): string[] {
  const stated = valuesOf(record, 'M3', 'PT')
    .flatMap((value) => value.split(/\s*;\s*/))
    .filter((value) => value !== '' && !/^(?:doi:\s*)?10\.\d{4,9}\//i.test(value));
  return [...new Set(stated)];
}

function journalOf(record: TaggedRecord, title: string | null): BibRecord['journal'] {
  const jo = firstOf(record, 'JO');
  // Zotero reads JO as the abbreviation when a full title is also given; so do we.
  const abbreviation = firstOf(record, 'JA', 'J2') ?? (jo && title !== jo ? jo : null);
  const issn = valuesOf(record, 'SN').flatMap((value) => value.match(/\b\d{4}-?\d{3}[\dXx]\b/g) ?? [])[0];
  return { title, isoAbbreviation: abbreviation, issn: issn ? `${issn.slice(0, 4)}-${issn.slice(-4)}`.toUpperCase() : null };
}

function risRecord(record: TaggedRecord, title: string, source: string): BibRecord {
  const ids = risIdentifiers(record);
  const authors = risAuthors(record);
  const abstract = cleanAbstract(firstOf(record, 'AB', 'N2'));
  const publicationDate = risPublicationDate({ py: firstOf(record, 'PY'), y1: firstOf(record, 'Y1'), da: firstOf(record, 'DA') });
  const firstAuthor = authors[0]?.family ?? authors[0]?.collective ?? null;
  // A vendor's copy of a MEDLINE record stays under its own source: filed under `pubmed` it would
  // overwrite PubMed's fuller record. De-duplication groups the copies by PMID instead.
  const sourceId = ids.pmid ? `pmid:${ids.pmid}` : risSourceId(record, ids.doi, { title, year: publicationDate.year, firstAuthor });
  return {
    ...emptyRecord(source, sourceId),
    ...ids,
    title,
    abstract,
    abstractSections: abstractSections(abstract),
    authors,
    journal: journalOf(record, firstOf(record, 'JF', 'T2', 'JO')),
    volume: firstOf(record, 'VL'),
    issue: issueOf(record),
    pages: pagesOf(record),
    publicationDate,
    languages: languageCodes(valuesOf(record, 'LA')),
    publicationTypes: publicationTypesOf(record),
    mesh: valuesOf(record, 'MH').map(parseMeshHeading).filter((heading) => heading !== null),
    keywords: [...new Set(valuesOf(record, 'KW').flatMap((value) => value.split(/\s*;\s*/)).filter(Boolean))],
  };
}

/**
 * The parsed item for one RIS record (`TY` to `ER`), stored under `source` (default `ris`): a record with a
 * PMID gets the id `pmid:<PMID>` (and its `pmid` field, which groups it with PubMed's copy), any other
 * the id `risSourceId` gives it.
 */
export function risRecordToItem(record: TaggedRecord, options: { source?: string }): ParsedItem {
  const position = `line ${record.line}`;
  const title = firstOf(record, 'TI', 'T1', 'CT', 'BT');
  if (!title) return { kind: 'problem', position, reason: 'no title (TI or T1)' };
  return { kind: 'record', record: risRecord(record, title, options.source ?? DEFAULT_SOURCE), position };
}
