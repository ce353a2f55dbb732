/**
 * Turns a page of stored record rows into everything the index writes for them, already encoded for
 * the database (see `encodeRows`). This is the CPU-heavy half of indexing (tokenising, building rows,
 * JSON); it runs on a worker thread during large syncs, so the thread writing to the database does
 * little more than hand the results over.
 */
import { type EncodedRows, encodeRows } from '../../../platform/db/bulk-insert.js';
import type { DialectName } from '../../../platform/db/dialect.js';
import { type RecordRow, rowToRecord } from '../../records/index.js';
import { encodeRankRows, rankDocumentFor, rankRow } from '../ranking/rank-index.js';
import { DOCUMENT_COLUMNS, FTS_INSERT_COLUMNS, HEADING_COLUMNS, POSTGRES_DOCUMENT_COLUMNS, VALUE_COLUMNS, addTokens, ftsColumns, indexRows, tsvectorLiteral } from './index-rows.js';

/** What the index writes for one page of records. */
export interface PreparedPage {
  /** The records prepared, ascending. */
  readonly recordIds: readonly number[];
  readonly documents: EncodedRows;
  /** SQLite only: the FTS5 rows (PostgreSQL's text is the documents' tsvector). */
  readonly fullText: EncodedRows | null;
  readonly headings: EncodedRows;
  readonly values: EncodedRows;
  /** Vocabulary tokens this sync has not written before. */
  readonly terms: EncodedRows;
  readonly rank: EncodedRows;
}

/**
 * The vocabulary tokens one sync has already written, so each is sent once rather than once per
 * record (the database would ignore the repeats, but still look each one up). Bounded: a large
 * collection has millions of distinct tokens; past the limit, new ones are simply always sent.
 */
export class TokenMemory {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 1_000_000) {}

  /** The distinct tokens not met before, sorted (neighbouring keys make cheaper index inserts). */
  unseen(tokens: ReadonlySet<string>): string[] {
    const fresh: string[] = [];
    for (const token of tokens) {
      if (this.seen.has(token)) continue;
      fresh.push(token);
      if (this.seen.size < this.limit) this.seen.add(token);
    }
    return fresh.sort();
  }
}

/**
 * Builds the index rows of a page of records.
 *
 * ### Examples
 * preparePage('sqlite', await listRecordRows(db, [1, 2]), new TokenMemory())  // { recordIds: [1, 2], documents: { json: '[[1,…]]', count: 2 }, … }
 */
export function preparePage(dialect: DialectName, page: readonly RecordRow[], memory: TokenMemory): PreparedPage {
  const recordIds: number[] = [];
  const documents: unknown[][] = [];
  const fullText: unknown[][] = [];
  const headings: (readonly unknown[])[] = [];
  const values: (readonly unknown[])[] = [];
  const tokens = new Set<string>();
  const rank: unknown[][] = [];
  for (const row of page) {
    // The index never reads the abstract's sections; leaving their JSON unparsed saves a third of the parse.
    const record = rowToRecord({ ...row, abstract_sections: '[]' });
    const rows = indexRows(record);
    recordIds.push(rows.recordId);
    if (dialect === 'sqlite') {
      documents.push([...rows.document]);
      fullText.push([rows.recordId, ...ftsColumns(rows.text)]);
    } else {
      documents.push([...rows.document, tsvectorLiteral(rows.text)]);
    }
    for (const heading of rows.headings) headings.push(heading);
    for (const value of rows.values) values.push(value);
    addTokens(rows.text, tokens);
    rank.push(rankRow(dialect, rankDocumentFor(record)));
  }
  const documentWidth = (dialect === 'sqlite' ? DOCUMENT_COLUMNS : POSTGRES_DOCUMENT_COLUMNS).length;
  return {
    recordIds,
    documents: encodeRows(dialect, documentWidth, documents),
    fullText: dialect === 'sqlite' ? encodeRows(dialect, FTS_INSERT_COLUMNS.length, fullText) : null,
    headings: encodeRows(dialect, HEADING_COLUMNS.length, headings),
    values: encodeRows(dialect, VALUE_COLUMNS.length, values),
    terms: encodeRows(
      dialect,
      1,
      memory.unseen(tokens).map((token) => [token]),
    ),
    rank: encodeRankRows(dialect, rank),
  };
}
