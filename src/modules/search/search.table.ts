/**
 * The Boolean search index (migration 0018), derived from records by `syncSearchIndex` and never
 * edited by hand. The full text lives beside these tables: an FTS5 table `search_fts` on SQLite, the
 * `document` tsvector column of `search_document` on PostgreSQL. Flags are 0/1 integers on both engines.
 */

/** One indexed record, with the facts dates and limits are matched on. */
export interface SearchDocumentTable {
  record_id: number;
  /** The record's `updated_at` when it was indexed: a different value means it must be indexed again. */
  record_updated_at: string;
  /** First and last day the publication date covers (yyyymmdd); null without a year. */
  pub_start: number | null;
  pub_end: number | null;
  /** The day the record was added (yyyymmdd, UTC). */
  added_day: number;
  has_abstract: number;
  pmid: string | null;
  /** Lower-cased, without a resolver prefix. */
  doi: string | null;
}

/** A record's MeSH heading (qualifier '') or heading/qualifier pair; names as token keys. */
export interface SearchHeadingTable {
  record_id: number;
  descriptor_ui: string | null;
  name_key: string;
  major: number;
  qualifier: string;
  qualifier_major: number;
}

/** Author, journal, language and publication type values as token keys (`smith ja`). */
export interface SearchValueTable {
  record_id: number;
  kind: string;
  /** The author's place in the list (0 = first author); 0 for other values. */
  ordinal: number;
  value_key: string;
}

/** Every token indexed, for expanding wildcards; tokens of deleted records stay until a rebuild. */
export interface SearchTermTable {
  token: string;
}

/** One row (id 1): raised by every write to the index tables, in the same transaction (migration 0029). */
export interface SearchIndexVersionTable {
  id: number;
  version: number | string;
}
