/**
 * Where pages are prepared: on this thread for small syncs, on a worker thread for large ones (the
 * worker takes a moment to start, and pays off only when there is a lot to tokenise).
 */
import { Worker } from 'node:worker_threads';
import type { DialectName } from '../../../platform/db/dialect.js';
import type { RecordRow } from '../../records/index.js';
import { type PreparedPage, TokenMemory, preparePage } from './prepare-page.js';
import type { PrepareReply, PrepareWorkerData } from './prepare.worker.js';

/** Where the records to index come from. */
export interface RecordSource {
  readonly dialect: DialectName;
  /** Reads records' rows (a worker receives them: rows of strings are cheap to copy across). */
  readonly read: (ids: readonly number[]) => Promise<RecordRow[]>;
}

export interface PagePreparer {
  /** Prepares the records with these ids (those that still exist); pages come back in the order they were asked for. */
  prepare(ids: readonly number[]): Promise<PreparedPage>;
  /** Stops the worker, if one was started (safe to call more than once). */
  close(): Promise<void>;
}

/** `auto`: a worker once a page has at least `WORKER_MIN_ROWS` records to index; `inline`: never; `worker`: always. */
export type Preparation = 'auto' | 'inline' | 'worker';

export const WORKER_MIN_ROWS = 500;

// Tokenising allocates many short-lived strings and arrays; a larger young generation means fewer
// scavenges (as for the records importer's parse worker).
const resourceLimits = { maxYoungGenerationSizeMb: 96 };

function startWorker(dialect: DialectName): Worker {
  const data: PrepareWorkerData = { dialect };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./prepare.worker.js', import.meta.url), { workerData: data, resourceLimits });
  // Running from source under tsx (development, tests, benchmarks): a worker does not inherit tsx's
  // loader, so it registers the loader itself before importing the TypeScript module.
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const url = JSON.stringify(new URL('./prepare.worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then((tsx) => { tsx.register(); return import(${url}); });`, { eval: true, workerData: data, resourceLimits });
}

interface Waiting {
  resolve(page: PreparedPage): void;
  reject(error: Error): void;
}

function workerPreparer(source: RecordSource): PagePreparer {
  const worker = startWorker(source.dialect);
  const waiting: Waiting[] = [];
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const entry of waiting.splice(0)) entry.reject(failure);
  };
  worker.on('message', (reply: PrepareReply) => {
    const entry = waiting.shift();
    if (reply.type === 'page') entry?.resolve(reply.page);
    else entry?.reject(new Error(`preparing index rows failed: ${reply.message}`));
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('the index preparation thread stopped')));
  return {
    async prepare(ids) {
      const rows = await source.read(ids);
      if (failure) throw failure;
      return new Promise<PreparedPage>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(rows);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/** A preparer for one sync; its token memory lasts as long as it does. */
export function createPreparer(source: RecordSource, preparation: Preparation = 'auto'): PagePreparer {
  const memory = new TokenMemory();
  let worker: PagePreparer | undefined = preparation === 'worker' ? workerPreparer(source) : undefined;
  return {
    async prepare(ids) {
      if (!worker && preparation === 'auto' && ids.length >= WORKER_MIN_ROWS) worker = workerPreparer(source);
      if (worker) return worker.prepare(ids);
      return preparePage(source.dialect, await source.read(ids), memory);
    },
    async close() {
      await worker?.close();
    },
  };
}
