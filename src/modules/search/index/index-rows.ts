/** A record as the rows the search index stores, for either engine (see document.ts for the text model). */
import type { BulkColumn } from '../../../platform/db/bulk-insert.js';
import { normaliseDoi, type StoredRecord } from '../../records/index.js';
import { TEXT_FIELDS, type TextField } from '../query/ast.js';
import { type IndexedDocument, indexedDocument } from '../text/document.js';
import { entryDay, headingFacts, publicationSpan, recordValues } from '../text/record-facts.js';

/** FTS5 columns, in table order, and the field each holds. */
export const FTS_COLUMNS: Readonly<Record<TextField, string>> = {
  title: 'title',
  abstract: 'abstract',
  keywords: 'keywords',
  meshWords: 'mesh',
  publicationTypes: 'pubtype',
  authors: 'authors',
  journal: 'journal',
  language: 'language',
};

/** The PostgreSQL lexeme prefix of each field: `ti:heart` is *heart* in a title. */
export const LEXEME_PREFIXES: Readonly<Record<TextField, string>> = {
  title: 'ti',
  abstract: 'ab',
  keywords: 'kw',
  meshWords: 'mh',
  publicationTypes: 'pt',
  authors: 'au',
  journal: 'jn',
  language: 'la',
};

/**
 * Stands at a position nothing can match (between two values, or an occurrence past the limits): a
 * private-use character, which FTS5 keeps as a token and khub's tokenizer never produces.
 */
export const NO_MATCH_TOKEN = '\uE000';

/** Columns of the rows `indexRows` builds, in row order. */
export const DOCUMENT_COLUMNS: readonly BulkColumn[] = [
  { name: 'record_id', pgType: 'bigint' },
  { name: 'record_updated_at', pgType: 'text' },
  { name: 'pub_start', pgType: 'integer' },
  { name: 'pub_end', pgType: 'integer' },
  { name: 'added_day', pgType: 'integer' },
  { name: 'has_abstract', pgType: 'integer' },
  { name: 'pmid', pgType: 'text' },
  { name: 'doi', pgType: 'text' },
];
/** PostgreSQL's document rows end with the tsvector. */
export const POSTGRES_DOCUMENT_COLUMNS: readonly BulkColumn[] = [...DOCUMENT_COLUMNS, { name: 'document', pgType: 'tsvector' }];
export const HEADING_COLUMNS: readonly BulkColumn[] = [
  { name: 'record_id', pgType: 'bigint' },
  { name: 'descriptor_ui', pgType: 'text' },
  { name: 'name_key', pgType: 'text' },
  { name: 'major', pgType: 'integer' },
  { name: 'qualifier', pgType: 'text' },
  { name: 'qualifier_major', pgType: 'integer' },
];
export const VALUE_COLUMNS: readonly BulkColumn[] = [
  { name: 'record_id', pgType: 'bigint' },
  { name: 'kind', pgType: 'text' },
  { name: 'ordinal', pgType: 'integer' },
  { name: 'value_key', pgType: 'text' },
];
export const TERM_COLUMNS: readonly BulkColumn[] = [{ name: 'token', pgType: 'text' }];
/** SQLite's FTS5 rows: the rowid (the record id), then one column per field. */
export const FTS_INSERT_COLUMNS: readonly BulkColumn[] = [{ name: 'rowid', pgType: 'bigint' }, ...TEXT_FIELDS.map((f) => ({ name: FTS_COLUMNS[f], pgType: 'text' as const }))];

export interface IndexRows {
  readonly recordId: number;
  readonly document: readonly unknown[];
  readonly text: IndexedDocument;
  readonly headings: readonly (readonly unknown[])[];
  readonly values: readonly (readonly unknown[])[];
}

export function indexRows(record: StoredRecord): IndexRows {
  const span = publicationSpan(record);
  const doi = record.doi ? (normaliseDoi(record.doi) ?? record.doi.trim().toLowerCase()) : null;
  const text = indexedDocument(record);
  // `hasAbstract` (record-facts.ts) in a form that reuses the tokens: an abstract has a position exactly when it has a token.
  const withAbstract = text.abstract.length > 0;
  return {
    recordId: record.id,
    document: [record.id, record.updatedAt, span?.start ?? null, span?.end ?? null, entryDay(record), withAbstract ? 1 : 0, record.pmid?.trim() || null, doi],
    text,
    headings: headingFacts(record).map((h) => [record.id, h.ui, h.nameKey, h.major ? 1 : 0, h.qualifier, h.qualifierMajor ? 1 : 0]),
    values: recordValues(record).map((v) => [record.id, v.kind, v.ordinal, v.key]),
  };
}

/** Adds the document's tokens to `vocabulary` (the tokens wildcards expand from). */
export function addTokens(text: IndexedDocument, vocabulary: Set<string>): void {
  for (const field of TEXT_FIELDS) for (const token of text[field]) if (token !== null) vocabulary.add(token);
}

/** The text of each FTS5 column: tokens joined by spaces, the no-match token where a position is blank. */
export function ftsColumns(text: IndexedDocument): string[] {
  return TEXT_FIELDS.map((field) => text[field].map((token) => token ?? NO_MATCH_TOKEN).join(' '));
}

/** The tsvector literal: `'ti:heart':1 'ab:heart':4,9`; blank positions are simply absent (positions are 1-based). */
export function tsvectorLiteral(text: IndexedDocument): string {
  const lexemes: string[] = [];
  for (const field of TEXT_FIELDS) {
    // Positions grouped by token, as a string per token: one map lookup and one append per position.
    const positions = new Map<string, string>();
    const tokens = text[field];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token == null) continue;
      const list = positions.get(token);
      positions.set(token, list === undefined ? String(i + 1) : `${list},${i + 1}`);
    }
    // Tokens hold only letters and digits, so quoting needs no escapes.
    const prefix = LEXEME_PREFIXES[field];
    for (const [token, list] of positions) lexemes.push(`'${prefix}:${token}':${list}`);
  }
  return lexemes.join(' ');
}
