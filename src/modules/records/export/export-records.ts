/**
 * The export pipeline: selected records from the database, through a format's writer, to any writable
 * stream, with backpressure so a slow disk or pipe never makes the text pile up in memory.
 */
import { once } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import type { StoredRecord } from '../bib-record.js';
import type { ExportFormat } from './export-format.js';
import { DEFAULT_PAGE_SIZE, type RecordSelection, streamRecords } from './record-stream.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What to export and how: a selection of records and the format to write them in. */
export interface ExportOptions extends RecordSelection {
  readonly format: ExportFormat;
  /** Rows read per query (default 500). */
  readonly pageSize?: number;
  /** Called after each record is handed to the writer, with the count so far (for a progress bar). */
  readonly onRecord?: (exported: number) => void;
}

async function* counted(records: AsyncIterable<StoredRecord>, onRecord?: (exported: number) => void): AsyncGenerator<StoredRecord> {
  let exported = 0;
  for await (const record of records) {
    yield record;
    exported += 1;
    onRecord?.(exported);
  }
}

/** The export's text, chunk by chunk, reading records only as fast as the chunks are consumed. */
export function exportRecords(db: Db, options: ExportOptions): AsyncIterable<string> {
  const records = streamRecords(db, { ids: options.ids, source: options.source }, options.pageSize ?? DEFAULT_PAGE_SIZE);
  return options.format.write(counted(records, options.onRecord));
}

/** Writes every chunk to the stream, waiting for `drain` whenever its buffer is full; a stream error rejects. */
export async function writeChunks(chunks: AsyncIterable<string>, output: NodeJS.WritableStream): Promise<void> {
  // A write can fail later (a closed pipe, a full disk); without a listener that error would crash the process.
  let failure: unknown;
  const onError = (error: unknown): void => {
    failure ??= error;
  };
  output.on('error', onError);
  try {
    for await (const chunk of chunks) {
      if (failure !== undefined) throw failure;
      if (!output.write(chunk)) await once(output, 'drain');
    }
    if (failure !== undefined) throw failure;
  } finally {
    output.off('error', onError);
  }
}
