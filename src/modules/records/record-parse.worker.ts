/**
 * Worker thread entry: parses one records file and posts its items to the importing thread in
 * batches. better-sqlite3 and the parser are both synchronous CPU work; on separate threads the
 * parse of the next batch overlaps the database write of this one (see `record-parse.client.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordFormat } from './importers/detect-format.js';
import { ImportFileError, type ParsedItem } from './importers/parsed-item.js';
import { parserFor } from './importers/record-parsers.js';
import { openRecordFile } from './record-file.reader.js';
import type { ImportItem } from './record-import.run.js';
import { prepareRecord } from './record-mapping.js';

/** What the importing thread gives the worker. */
export interface ParseWorkerData {
  readonly file: string;
  readonly format: RecordFormat;
  readonly source?: string;
  /** Items a message carries. */
  readonly batchItems: number;
  /** Batches the worker may post before the importing thread asks for more: bounds memory. */
  readonly ahead: number;
}

/** Messages from the worker, in order: `items`…, then `end` or `error`. */
export type ParseWorkerMessage =
  | { readonly type: 'items'; readonly items: ImportItem[]; readonly bytesRead: number }
  | { readonly type: 'end'; readonly bytesRead: number }
  | { readonly type: 'error'; readonly message: string; readonly importFileError: boolean };

const port = parentPort;
if (!port) throw new Error('record-parse.worker.ts runs as a worker thread only');
const data = workerData as ParseWorkerData;
let credit = data.ahead;
let wake: (() => void) | undefined;
// Each message from the importing thread is one more batch it is ready for.
port.on('message', () => {
  credit += 1;
  wake?.();
  wake = undefined;
});

async function post(items: ImportItem[], bytesRead: number): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit -= 1;
  port?.postMessage({ type: 'items', items, bytesRead } satisfies ParseWorkerMessage);
}

/** Records are made ready to store here, on the parse thread, rather than on the thread writing them. */
function forImport(item: ParsedItem): ImportItem {
  return item.kind === 'record' ? { kind: 'prepared', record: prepareRecord(item.record), position: item.position } : item;
}

let bytesRead = 0;
let batch: ImportItem[] = [];
try {
  const opened = await openRecordFile(data.file);
  const parse = parserFor(data.format);
  try {
    for await (const item of parse(opened.stream, { file: data.file, ...(data.source ? { source: data.source } : {}) })) {
      batch.push(forImport(item));
      if (batch.length >= data.batchItems) {
        bytesRead = opened.bytesRead();
        await post(batch, bytesRead);
        batch = [];
      }
    }
    bytesRead = opened.bytesRead();
  } finally {
    opened.close();
  }
  if (batch.length > 0) await post(batch, bytesRead);
  port.postMessage({ type: 'end', bytesRead } satisfies ParseWorkerMessage);
} catch (error) {
  // Items read before a break in the file are handed on first, as the parsers do in-thread.
  if (batch.length > 0) await post(batch, bytesRead);
  const message = error instanceof Error ? error.message : String(error);
  port.postMessage({ type: 'error', message, importFileError: error instanceof ImportFileError } satisfies ParseWorkerMessage);
}
