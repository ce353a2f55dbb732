import { Worker } from 'node:worker_threads';
import type { RecordFormat } from './importers/detect-format.js';
import { ImportFileError } from './importers/parsed-item.js';
import type { ImportItem } from './record-import.run.js';
import type { ParseWorkerData, ParseWorkerMessage } from './record-parse.worker.js';

/** A file being parsed on a worker thread. */
export interface ParsedFile {
  /** The file's items in file order; a malformed file ends it with `ImportFileError`, as in-thread parsing does. */
  readonly items: AsyncIterable<ImportItem>;
  /** Bytes of the file (as stored) the worker has read, for the progress bar. */
  bytesRead(): number;
  /** Stops the worker (safe to call at any time, and more than once). */
  close(): Promise<void>;
}

// 250 items a message keeps each structured clone small; 4 ahead lets the worker parse a full
// default batch (1,000) while the importing thread writes the previous one, and no more.
const BATCH_ITEMS = 250;
const AHEAD = 4;

// Parsing allocates many short-lived strings; a larger young generation means fewer scavenges (they
// were an eighth of the parse thread's time with the default 16 MB semi-spaces).
const resourceLimits = { maxYoungGenerationSizeMb: 96 };

function startWorker(data: ParseWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./record-parse.worker.js', import.meta.url), { workerData: data, resourceLimits });
  // Running from source under tsx (development, tests, benchmarks): a worker does not inherit tsx's
  // loader, so it registers the loader itself before importing the TypeScript module.
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const url = JSON.stringify(new URL('./record-parse.worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then((tsx) => { tsx.register(); return import(${url}); });`, { eval: true, workerData: data, resourceLimits });
}

/**
 * Parses a records file of a known format on a worker thread. Parsing is about half of an import's
 * CPU time; on its own thread it overlaps the database writes instead of adding to them.
 */
export function parseInWorker(file: string, format: RecordFormat, source?: string): ParsedFile {
  const data: ParseWorkerData = { file, format, batchItems: BATCH_ITEMS, ahead: AHEAD, ...(source ? { source } : {}) };
  const worker = startWorker(data);
  const queue: ParseWorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let notify: (() => void) | undefined;
  let bytesRead = 0;
  const wakeUp = () => {
    notify?.();
    notify = undefined;
  };
  worker.on('message', (message: ParseWorkerMessage) => {
    queue.push(message);
    wakeUp();
  });
  worker.on('error', (error) => {
    failure = error;
    wakeUp();
  });
  worker.on('exit', () => {
    exited = true;
    wakeUp();
  });

  async function* items(): AsyncGenerator<ImportItem> {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (failure) throw failure;
        if (exited) throw new Error(`${file}: the parser thread stopped before the end of the file`);
        await new Promise<void>((resolve) => (notify = resolve));
        continue;
      }
      if (message.type === 'end') return;
      if (message.type === 'error') throw message.importFileError ? new ImportFileError(file, message.message) : new Error(message.message);
      bytesRead = message.bytesRead;
      // Ask for the next batch before handing these on, so parsing overlaps the write.
      worker.postMessage(null);
      yield* message.items;
    }
  }

  return {
    items: items(),
    bytesRead: () => bytesRead,
    close: async () => {
      await worker.terminate();
    },
  };
}
