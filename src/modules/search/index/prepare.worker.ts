/**
 * Worker thread entry: prepares pages of records for the index (see `prepare-page.ts`), one reply per
 * request, in order. Tokenising is about half of indexing's CPU time; on its own thread it overlaps
 * the database writes of the previous page instead of adding to them. (Letting the worker read the
 * rows itself from a SQLite file, rather than receive them, was tried: it saved nothing measurable.)
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DialectName } from '../../../platform/db/dialect.js';
import type { RecordRow } from '../../records/index.js';
import { type PreparedPage, TokenMemory, preparePage } from './prepare-page.js';

export interface PrepareWorkerData {
  readonly dialect: DialectName;
}

export type PrepareReply = { readonly type: 'page'; readonly page: PreparedPage } | { readonly type: 'error'; readonly message: string };

const port = parentPort;
if (!port) throw new Error('prepare.worker.ts runs as a worker thread only');
const { dialect } = workerData as PrepareWorkerData;
const memory = new TokenMemory();

port.on('message', (rows: RecordRow[]) => {
  let reply: PrepareReply;
  try {
    reply = { type: 'page', page: preparePage(dialect, rows, memory) };
  } catch (error) {
    reply = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
