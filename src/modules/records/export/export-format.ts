/**
 * The contract every export format writes to: a streaming function from records to text chunks, so an
 * export of any size holds one page of records at a time, never the whole result set.
 */
import type { BibRecord, StoredRecord } from '../bib-record.js';

/** What a writer reads: a stored record (with khub's id and dates) or a record not yet stored. */
export type ExportRecord = StoredRecord | BibRecord;

/** Consumes records lazily and yields the file's text in order; the chunks joined are the whole file. */
export type RecordWriter = (records: AsyncIterable<ExportRecord>) => AsyncIterable<string>;

/** One export format as the command line and the pages offer it. */
export interface ExportFormat {
  /** The `--format` value, e.g. `ris`, `vancouver-html`. */
  readonly id: string;
  /** Shown to people, e.g. "RIS (EndNote, Zotero, Mendeley)". */
  readonly label: string;
  /** The HTTP Content-Type of a download, with its charset. */
  readonly contentType: string;
  /** The file extension without the dot, e.g. `ris`. */
  readonly extension: string;
  readonly write: RecordWriter;
}

/** True for a record read from the database (it has khub's id and dates). */
export function isStoredRecord(record: ExportRecord): record is StoredRecord {
  return 'id' in record && typeof record.id === 'number';
}
