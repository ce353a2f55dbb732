/** A record as the rows the search index stores, for either engine (see document.ts for the text model). */
import { normaliseDoi, type StoredRecord } from '../../records/index.js';
import { TEXT_FIELDS, type TextField } from '../query/ast.js';
import { type IndexedDocument, documentTokens, indexedDocument } from '../text/document.js';
import { entryDay, hasAbstract, headingFacts, publicationSpan, recordValues } from '../text/record-facts.js';

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

export interface IndexRows {
  readonly recordId: number;
  readonly document: readonly unknown[];
  readonly text: IndexedDocument;
  readonly headings: readonly (readonly unknown[])[];
  readonly values: readonly (readonly unknown[])[];
  readonly tokens: ReadonlySet<string>;
}

export function indexRows(record: StoredRecord): IndexRows {
  const span = publicationSpan(record);
  const doi = record.doi ? (normaliseDoi(record.doi) ?? record.doi.trim().toLowerCase()) : null;
  const text = indexedDocument(record);
  return {
    recordId: record.id,
    document: [record.id, record.updatedAt, span?.start ?? null, span?.end ?? null, entryDay(record), hasAbstract(record) ? 1 : 0, record.pmid?.trim() || null, doi],
    text,
    headings: headingFacts(record).map((h) => [record.id, h.ui, h.nameKey, h.major ? 1 : 0, h.qualifier, h.qualifierMajor ? 1 : 0]),
    values: recordValues(record).map((v) => [record.id, v.kind, v.ordinal, v.key]),
    tokens: documentTokens(text),
  };
}

/** The text of each FTS5 column: tokens joined by spaces, the no-match token where a position is blank. */
export function ftsColumns(text: IndexedDocument): string[] {
  return TEXT_FIELDS.map((field) => text[field].map((token) => token ?? NO_MATCH_TOKEN).join(' '));
}

/** The tsvector literal: `'ti:heart':1 'ab:heart':4,9`; blank positions are simply absent (positions are 1-based). */
export function tsvectorLiteral(text: IndexedDocument): string {
  const lexemes: string[] = [];
  for (const field of TEXT_FIELDS) {
    const positions = new Map<string, number[]>();
    text[field].forEach((token, i) => {
      if (token === null) return;
      const list = positions.get(token) ?? [];
      list.push(i + 1);
      positions.set(token, list);
    });
    // Tokens hold only letters and digits, so quoting needs no escapes.
    for (const [token, list] of positions) lexemes.push(`'${LEXEME_PREFIXES[field]}:${token}':${list.join(',')}`);
  }
  return lexemes.join(' ');
}
