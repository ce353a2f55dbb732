/**
 * The contract every importer's parser writes to: a pure streaming function from a byte stream to
 * records, deletions and per-record problems. The import pipeline is the only consumer.
 */
import type { BibRecord } from '../bib-record.js';

/** One thing a parser found in a file, in file order. */
export type ParsedItem =
  | { kind: 'record'; record: BibRecord; position: string } // position: "line 120" or "record 37"
  | { kind: 'delete'; source: string; sourceIds: string[]; position: string }
  | { kind: 'problem'; position: string; reason: string }; // a malformed record: reported and skipped

/** A format's parser: streams the input and yields items as each record closes. */
export type RecordParser = (input: NodeJS.ReadableStream, options: { source?: string; file: string }) => AsyncIterable<ParsedItem>;

/** A malformed FILE (broken XML, truncated gzip): the parser throws this and the import of that file stops. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}
