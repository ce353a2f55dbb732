/**
 * One MEDLINE tagged record's fields → a `BibRecord`, with the same choices the PubMed XML importer
 * makes, so a record imported from `.nbib` and later from XML changes only where the formats differ.
 */
import type { Author, BibRecord } from '../bib-record.js';
import { emptyRecord, normaliseDoi } from '../record-mapping.js';
import { abstractSections } from './abstract-sections.js';
import { collectiveAuthor, initialsOf, parseAuthorName } from './author-names.js';
import { languageCodes } from './language-codes.js';
import { parseMeshHeading } from './mesh-heading.js';
import type { ParsedItem } from './parsed-item.js';
import { parsePublicationDate } from './publication-date.js';
import { type TaggedRecord, firstOf, valuesOf } from './tagged-record.js';

const PUBMED_SOURCE = 'pubmed';

type MutableAuthor = { -readonly [K in keyof Author]: Author[K] } & { affiliations: string[] };

/** ORCID as NLM prints it in `AUID` ("ORCID: 0000-0002-1825-0097", sometimes as a URL), bare. */
function orcidOf(value: string): string | null {
  if (!/^ORCID/i.test(value)) return null;
  return /\d{4}-\d{4}-\d{4}-\d{3}[\dX]/i.exec(value)?.[0].toUpperCase() ?? null;
}

/**
 * Authors in file order: `FAU` (full name) followed by its `AU` (initials), or `AU` alone in older
 * records; `CN` a group; `AD` and `AUID` belong to the author before them. An `AD` before any author is
 * MEDLINE's pre-2014 article affiliation and belongs to the first author, as in the XML importer.
 */
export function medlineAuthors(record: TaggedRecord): Author[] {
  const authors: MutableAuthor[] = [];
  const early: string[] = [];
  let awaitingInitials = false;
  for (const { tag, value } of record.fields) {
    const current = authors[authors.length - 1];
    if (tag === 'FAU' || tag === 'CN' || (tag === 'AU' && !awaitingInitials)) {
      const parsed = tag === 'CN' ? collectiveAuthor(value) : parseAuthorName(value);
      if (parsed) authors.push({ ...parsed, affiliations: [] });
      awaitingInitials = tag === 'FAU' && parsed !== null;
    } else if (tag === 'AU' && current) {
      // "Lu Y" after "Lu, Yin": what follows the family name is the initials NLM gives this author.
      const rest = current.family && value.startsWith(`${current.family} `) ? value.slice(current.family.length + 1).trim() : null;
      current.initials = rest || (parseAuthorName(value)?.initials ?? current.initials);
      awaitingInitials = false;
    } else if (tag === 'AD') {
      (current ? current.affiliations : early).push(value);
    } else if (tag === 'AUID' && current) {
      const orcid = orcidOf(value);
      if (orcid) current.orcid = orcid;
    }
  }
  const [first] = authors;
  if (first && first.affiliations.length === 0) first.affiliations.push(...early);
  return authors.map((author) => ({ ...author, initials: author.initials ?? initialsOf(author.given) }));
}

/** `LID`/`AID` values are "10.1371/journal.pone.0173548 [doi]", "S0140-6736(17)30001-1 [pii]" … */
function doiOf(record: TaggedRecord): string | null {
  const ids = valuesOf(record, 'LID', 'AID').filter((value) => /\[doi\]\s*$/i.test(value));
  return normaliseDoi(ids[0]?.replace(/\[doi\]\s*$/i, ''));
}

/**
 * The journal's ISSN: the first `IS` that is not the linking ISSN (that is the journal's own ISSN, XML's
 * `Journal/ISSN`), else the linking one (XML's `ISSNLinking`), without its "(Print)" note.
 */
function issnOf(record: TaggedRecord): string | null {
  const values = valuesOf(record, 'IS');
  const chosen = values.find((value) => !/\(Linking\)/i.test(value)) ?? values[0];
  return chosen ? (/\d{4}-?\d{3}[\dXx]/.exec(chosen)?.[0].toUpperCase() ?? chosen.replace(/\s*\(.*\)\s*$/, '')) : null;
}

function medlineRecord(record: TaggedRecord, pmid: string, title: string): BibRecord {
  const abstract = firstOf(record, 'AB');
  const pmc = firstOf(record, 'PMC');
  // A book chapter's "journal" is its book (BTI), as the XML importer has it.
  const book = firstOf(record, 'TI') ? firstOf(record, 'BTI') : null;
  return {
    ...emptyRecord(PUBMED_SOURCE, pmid),
    pmid,
    doi: doiOf(record),
    pmcid: pmc ? (/PMC\d+/.exec(pmc)?.[0] ?? null) : null,
    title,
    abstract,
    abstractSections: abstractSections(abstract),
    authors: medlineAuthors(record),
    journal: { title: firstOf(record, 'JT') ?? book, isoAbbreviation: firstOf(record, 'TA'), issn: issnOf(record) },
    volume: firstOf(record, 'VI'),
    issue: firstOf(record, 'IP'),
    pages: firstOf(record, 'PG'),
    publicationDate: parsePublicationDate(firstOf(record, 'DP')),
    languages: languageCodes(valuesOf(record, 'LA')),
    publicationTypes: valuesOf(record, 'PT'),
    mesh: valuesOf(record, 'MH').map(parseMeshHeading).filter((heading) => heading !== null),
    keywords: [...new Set(valuesOf(record, 'OT'))],
  };
}

/**
 * The parsed item for one MEDLINE record: the record, or a problem when it has no usable PMID or no
 * title (`TI`; for a whole book `BTI`; for an article with only a title in its own language `TT`).
 */
export function medlineRecordToItem(record: TaggedRecord): ParsedItem {
  const position = `line ${record.line}`;
  const pmid = firstOf(record, 'PMID');
  if (!pmid) return { kind: 'problem', position, reason: 'no PMID (a MEDLINE record starts with "PMID- ")' };
  if (!/^\d{1,9}$/.test(pmid)) return { kind: 'problem', position, reason: `PMID "${pmid}" is not a number` };
  const title = firstOf(record, 'TI', 'BTI', 'TT');
  if (!title) return { kind: 'problem', position, reason: `PMID ${pmid} has no title (TI)` };
  return { kind: 'record', record: medlineRecord(record, pmid, title), position };
}
