import { createHash } from 'node:crypto';
import type { BibRecord, StoredRecord } from './bib-record.js';
import { matchKeys } from './match-keys.js';
import type { NewRecordRow, RecordRow } from './record.table.js';

type Content = Omit<NewRecordRow, 'added_at' | 'updated_at' | 'duplicate_group_id' | 'content_hash'>;

function contentColumns(record: BibRecord): Content {
  return {
    source: record.source,
    source_id: record.sourceId,
    pmid: record.pmid,
    doi: record.doi,
    pmcid: record.pmcid,
    title: record.title,
    abstract: record.abstract,
    abstract_sections: JSON.stringify(record.abstractSections),
    authors: JSON.stringify(record.authors),
    journal_title: record.journal.title,
    journal_iso: record.journal.isoAbbreviation,
    issn: record.journal.issn,
    volume: record.volume,
    issue: record.issue,
    pages: record.pages,
    pub_year: record.publicationDate.year,
    pub_month: record.publicationDate.month,
    pub_day: record.publicationDate.day,
    pub_date_text: record.publicationDate.text,
    languages: JSON.stringify(record.languages),
    publication_types: JSON.stringify(record.publicationTypes),
    mesh: JSON.stringify(record.mesh),
    keywords: JSON.stringify(record.keywords),
  };
}

/**
 * The hash that tells a later import whether a record changed: SHA-256 over the content values in
 * `CONTENT_COLUMNS` order, joined by a separator that does not occur in text (null is its own mark).
 * Migration 0012 computes the same for stored rows; change both together, with a new migration.
 */
export function contentHash(values: readonly unknown[]): string {
  return createHash('sha256')
    .update(values.map((value) => (value === null || value === undefined ? '\u0000' : String(value))).join('\u0001'))
    .digest('hex');
}

/** The content columns in the order `PreparedRecord.values` holds them. */
export const CONTENT_COLUMNS = [
  'source', 'source_id', 'pmid', 'doi', 'pmcid', 'title', 'abstract', 'abstract_sections', 'authors', 'journal_title', 'journal_iso', 'issn',
  'volume', 'issue', 'pages', 'pub_year', 'pub_month', 'pub_day', 'pub_date_text', 'languages', 'publication_types', 'mesh', 'keywords',
] as const satisfies readonly (keyof Content)[];

/**
 * A record made ready to store: its column values, content hash and de-duplication keys. A file
 * import prepares records on the parse thread, so the thread writing to the database receives flat
 * values instead of nested records and does none of this work itself.
 */
export interface PreparedRecord {
  readonly source: string;
  readonly sourceId: string;
  readonly contentHash: string;
  /** Values in `CONTENT_COLUMNS` order. */
  readonly values: readonly unknown[];
  readonly matchKeys: readonly string[];
}

export function prepareRecord(record: BibRecord): PreparedRecord {
  const columns = contentColumns(record);
  const values = CONTENT_COLUMNS.map((name) => columns[name]);
  const firstAuthor = record.authors[0];
  const keys = matchKeys({
    pmid: record.pmid,
    doi: record.doi,
    title: record.title,
    year: record.publicationDate.year,
    pages: record.pages,
    firstAuthorFamily: firstAuthor?.family ?? firstAuthor?.collective ?? null,
  });
  return { source: record.source, sourceId: record.sourceId, contentHash: contentHash(values), values, matchKeys: keys };
}

const parse = <T>(json: string): T => JSON.parse(json) as T;

export function rowToRecord(row: RecordRow): StoredRecord {
  return {
    id: row.id,
    source: row.source,
    sourceId: row.source_id,
    pmid: row.pmid,
    doi: row.doi,
    pmcid: row.pmcid,
    title: row.title,
    abstract: row.abstract,
    abstractSections: parse(row.abstract_sections),
    authors: parse(row.authors),
    journal: { title: row.journal_title, isoAbbreviation: row.journal_iso, issn: row.issn },
    volume: row.volume,
    issue: row.issue,
    pages: row.pages,
    publicationDate: { year: row.pub_year, month: row.pub_month, day: row.pub_day, text: row.pub_date_text },
    languages: parse(row.languages),
    publicationTypes: parse(row.publication_types),
    mesh: parse(row.mesh),
    keywords: parse(row.keywords),
    addedAt: row.added_at,
    updatedAt: row.updated_at,
    duplicateGroupId: row.duplicate_group_id,
  };
}

/** An empty record with every field present, for importers and tests to fill in. */
export function emptyRecord(source: string, sourceId: string): BibRecord {
  return {
    source,
    sourceId,
    pmid: null,
    doi: null,
    pmcid: null,
    title: '',
    abstract: null,
    abstractSections: [],
    authors: [],
    journal: { title: null, isoAbbreviation: null, issn: null },
    volume: null,
    issue: null,
    pages: null,
    publicationDate: { year: null, month: null, day: null, text: null },
    languages: [],
    publicationTypes: [],
    mesh: [],
    keywords: [],
  };
}

/** "https://doi.org/10.1000/ABC" → "10.1000/abc"; null for anything that is not a DOI. */
export function normaliseDoi(value: string | null | undefined): string | null {
  const match = /10\.\d{4,9}\/\S+/.exec((value ?? '').trim());
  return match ? match[0].toLowerCase().replace(/[.,;]+$/, '') : null;
}
