import type { Kysely } from 'kysely';
import { countSelectedRecords } from '../modules/records/index.js';
import { syncSearchIndex } from '../modules/search/index.js';
import type { Database } from '../platform/db/database.js';
import type { ProgressReporter } from './progress.js';

/** Shows nothing: for tests and callers without a terminal. */
const quietProgress: ProgressReporter = { update: () => undefined, stop: () => undefined };

const records = (n: number) => `${new Intl.NumberFormat('en-GB').format(n)} record${n === 1 ? '' : 's'}`;

/** The summary line when `--no-index` left the search index as it was. */
export const INDEX_SKIPPED_LINE = 'Search index: not updated (--no-index); `khub search` brings it up to date before its first search\n';

/**
 * Brings the search index level with the records after an import (new, changed and deleted records),
 * with a progress bar, and returns the summary line. Records committed before a failed file are
 * indexed too: they are in the database whatever happened after them.
 *
 * ### Examples
 * await indexAfterImport(db, progress)  // 'Search index: 605 records indexed, 0 records removed\n'
 */
export async function indexAfterImport(db: Kysely<Database>, progress: ProgressReporter): Promise<string> {
  const total = await countSelectedRecords(db);
  try {
    const summary = await syncSearchIndex(db, {
      onProgress: (p) => progress.update('Indexing for search', p.checked, total, 'rows'),
      onIndexProgress: (created, all) => progress.update('Building search indexes', created, all, 'rows'),
    });
    return `Search index: ${records(summary.indexed)} indexed, ${records(summary.deleted)} removed\n`;
  } finally {
    progress.stop();
  }
}

/**
 * Runs `indexAfterImport` unless `--no-index` was given, and writes its line to stdout. Returns false
 * (having said why on stderr) when the index could not be updated: the import itself is kept.
 */
export async function updateIndexAfterImport(
  db: Kysely<Database>,
  index: boolean | undefined,
  output: { readonly stdout: { write(text: string): unknown }; readonly stderr: { write(text: string): unknown }; readonly indexProgress?: ProgressReporter },
): Promise<boolean> {
  if (index === false) {
    output.stdout.write(INDEX_SKIPPED_LINE);
    return true;
  }
  try {
    output.stdout.write(await indexAfterImport(db, output.indexProgress ?? quietProgress));
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    output.stderr.write(`khub: the records are imported, but the search index could not be updated: ${reason}\n`);
    return false;
  }
}
