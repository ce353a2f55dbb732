import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * One bibliographic record. Structured parts (authors, MeSH, sections …) are JSON text: a record is
 * written and read whole, and one row per record keeps imports fast; search builds its own indexes.
 */
export interface RecordTable {
  id: Generated<number>;
  source: string;
  source_id: string;
  pmid: string | null;
  doi: string | null;
  pmcid: string | null;
  title: string;
  abstract: string | null;
  /** JSON AbstractSection[] */
  abstract_sections: string;
  /** JSON Author[] */
  authors: string;
  journal_title: string | null;
  journal_iso: string | null;
  issn: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  pub_year: number | null;
  pub_month: number | null;
  pub_day: number | null;
  pub_date_text: string | null;
  /** JSON string[] */
  languages: string;
  /** JSON string[] */
  publication_types: string;
  /** JSON MeshHeading[] */
  mesh: string;
  /** JSON string[] */
  keywords: string;
  /** SHA-256 of the bibliographic content, so a re-import can tell "unchanged" without comparing fields. */
  content_hash: string;
  duplicate_group_id: number | null;
  added_at: string;
  updated_at: string;
}

/** One run of an importer: what it read and what it did, for operators and for resuming. */
export interface ImportRunTable {
  id: Generated<number>;
  /** What was imported: a file path, or `pubmed:<query>`. */
  input: string;
  format: string;
  status: 'running' | 'completed' | 'failed';
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: number;
  /** JSON: the first few skipped records with file, line/record number and reason. */
  problems: string;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** A key two records of the same article share; records sharing any key are one duplicate group. */
export interface RecordMatchKeyTable {
  record_id: number;
  match_key: string;
}

export type RecordRow = Selectable<RecordTable>;
export type NewRecordRow = Insertable<RecordTable>;
export type RecordUpdate = Updateable<RecordTable>;
export type ImportRunRow = Selectable<ImportRunTable>;
