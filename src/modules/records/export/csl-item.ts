/**
 * Records as CSL-JSON items, the data format of citation processors (citeproc-js, citation-js, Zotero,
 * Pandoc). CSL has no place for affiliations, MeSH headings, publication types or a second language;
 * keywords travel as one comma-separated `keyword` string, as Zotero writes them.
 */
import type { Author, BibRecord } from '../bib-record.js';
import { abstractText, recordUrl } from './export-fields.js';
import { languageTag } from './language-codes.js';

/** A CSL name: a person's family and given names, or a group's literal name. */
export type CslName = { family: string; given?: string } | { literal: string };

/** A CSL date: `date-parts` [[year, month?, day?]], and the date as printed in `raw` when it is not plain. */
export interface CslDate {
  'date-parts': [number[]];
  raw?: string;
}

/** The CSL-JSON fields khub writes (all optional except id, type and title). */
export interface CslItem {
  id: string;
  type: 'article-journal';
  title: string;
  author?: CslName[];
  'container-title'?: string;
  'container-title-short'?: string;
  ISSN?: string;
  volume?: string;
  issue?: string;
  page?: string;
  issued?: CslDate;
  DOI?: string;
  PMID?: string;
  PMCID?: string;
  abstract?: string;
  language?: string;
  keyword?: string;
  URL?: string;
}

function cslName(author: Author): CslName | null {
  if (author.collective) return { literal: author.collective };
  if (author.family) return author.given ? { family: author.family, given: author.given } : { family: author.family };
  return author.given ? { literal: author.given } : null;
}

function cslDate(record: BibRecord): CslDate | undefined {
  const { year, month, day, text } = record.publicationDate;
  if (year === null) return undefined;
  const parts = month === null ? [year] : day === null ? [year, month] : [year, month, day];
  return text ? { 'date-parts': [parts], raw: text } : { 'date-parts': [parts] };
}

/** Drops the keys whose value is undefined, so the JSON carries only what the record has. */
function compact<T extends object>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as T; // same keys minus the undefined ones
}

const orUndefined = (value: string | null): string | undefined => (value === null || value === '' ? undefined : value);

/** The record as a CSL item; `id` defaults to "source:sourceId", unique across khub. */
export function toCslItem(record: BibRecord, id = `${record.source}:${record.sourceId}`): CslItem {
  const authors = record.authors.map(cslName).filter((name): name is CslName => name !== null);
  const language = record.languages[0];
  return compact<CslItem>({
    id,
    type: 'article-journal',
    title: record.title,
    author: authors.length > 0 ? authors : undefined,
    'container-title': orUndefined(record.journal.title),
    'container-title-short': orUndefined(record.journal.isoAbbreviation),
    ISSN: orUndefined(record.journal.issn),
    volume: orUndefined(record.volume),
    issue: orUndefined(record.issue),
    page: orUndefined(record.pages),
    issued: cslDate(record),
    DOI: orUndefined(record.doi),
    PMID: orUndefined(record.pmid),
    PMCID: orUndefined(record.pmcid),
    abstract: orUndefined(abstractText(record)),
    language: language === undefined ? undefined : languageTag(language),
    keyword: record.keywords.length > 0 ? record.keywords.join(', ') : undefined,
    URL: orUndefined(recordUrl(record)),
  });
}
