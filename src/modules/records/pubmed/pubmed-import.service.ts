import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import type { ParsedItem } from '../importers/parsed-item.js';
import { parsePubmedXml } from '../importers/pubmed-xml.parser.js';
import { type InputImportResult, RecordImportRun } from '../record-import.run.js';
import { EutilsClient, type EutilsOptions } from './eutils-client.js';

export interface PubmedImportOptions extends EutilsOptions {
  readonly query: string;
  /** At most this many records (PubMed's history server serves 10,000 at most). */
  readonly max?: number;
  readonly batchSize?: number;
  readonly now?: () => Date;
  /** Called after each efetch batch is read: records so far and the total expected. */
  readonly onProgress?: (read: number, total: number) => void;
}

/**
 * Imports the records a PubMed search finds, through E-utilities, as one import run (`pubmed:<query>`).
 * Each efetch batch streams straight into the XML importer and commits as it goes; if PubMed stops
 * answering, what was committed stays and the run is marked failed.
 */
export async function importFromPubmed(db: Kysely<Database>, options: PubmedImportOptions): Promise<InputImportResult> {
  const client = new EutilsClient(options);
  const run = await RecordImportRun.start(db, `pubmed:${options.query}`, 'pubmed-xml', {
    batchSize: options.batchSize ?? 500,
    now: options.now ?? (() => new Date()),
    actor: 'cli',
  });
  async function* items(): AsyncGenerator<ParsedItem> {
    let read = 0;
    for await (const batch of client.fetchAll(options.query, { max: options.max })) {
      for await (const item of parsePubmedXml(batch.xml, { file: `pubmed efetch ${batch.start + 1}-${batch.start + batch.size}` })) {
        read += 1;
        yield item;
      }
      options.onProgress?.(read, batch.total);
    }
  }
  try {
    return await run.consume(items());
  } catch (error) {
    return run.fail(error instanceof Error ? error.message : String(error));
  }
}
