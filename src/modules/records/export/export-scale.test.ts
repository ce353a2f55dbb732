import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../../test/helpers/databases.js';
import { sygmaTrial } from '../../../../test/helpers/record-fixtures.js';
import type { BibRecord } from '../bib-record.js';
import { upsertRecords } from '../record.repository.js';
import { csvFormat } from './csv.writer.js';
import { exportRecords, writeChunks } from './export-records.js';
import { DEFAULT_PAGE_SIZE } from './record-stream.js';

const TOTAL = 100_000;
const INSERT_BATCH = 5_000;

/** A typical-size record (the SYGMA trial's fields, three authors, five headings, one section) under a new PMID. */
function syntheticRecord(n: number): BibRecord {
  const pmid = String(10_000_000 + n);
  return {
    ...sygmaTrial,
    sourceId: pmid,
    pmid,
    doi: `10.9999/synthetic.${n}`,
    title: `${sygmaTrial.title} (${n})`,
    abstract: sygmaTrial.abstractSections[1]?.text ?? null,
    abstractSections: sygmaTrial.abstractSections.slice(1, 2),
    authors: sygmaTrial.authors.slice(0, 3).map((author) => ({ ...author, affiliations: ['McMaster University, Hamilton, ON, Canada.'] })),
    mesh: sygmaTrial.mesh.slice(2, 7),
  };
}

/** Counts CSV rows as they arrive and keeps none of the text, as a file on disk would. */
class RowCounter extends Writable {
  rows = 0;
  lastLine = '';
  /** The most pages the reader had fetched ahead of the rows written so far. */
  maxPagesAhead = 0;

  constructor(private readonly queries: () => number) {
    super({ decodeStrings: false });
  }

  override _write(chunk: string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.rows += chunk.split('\r\n').length - 1;
    this.lastLine = chunk;
    this.maxPagesAhead = Math.max(this.maxPagesAhead, this.queries() - Math.floor(this.rows / DEFAULT_PAGE_SIZE));
    callback();
  }
}

describe('export at scale [sqlite]', () => {
  let testDb: TestDatabase | undefined;
  before(async () => {
    testDb = await openTestDatabase('sqlite');
    const db = testDb.db;
    for (let start = 0; start < TOTAL; start += INSERT_BATCH) {
      const batch = Array.from({ length: INSERT_BATCH }, (_, i) => syntheticRecord(start + i));
      await db.transaction().execute((trx) => upsertRecords(trx, batch));
    }
  });
  after(() => testDb?.close());

  it('streams 100,000 records to CSV a page at a time: every row written, never more than a page read ahead', async () => {
    if (!testDb) throw new Error('database not open');
    let queries = 0;
    let largestResult = 0;
    const observer: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        queries += 1;
        largestResult = Math.max(largestResult, args.result.rows.length);
        return args.result;
      },
    };
    const counter = new RowCounter(() => queries);
    let exported = 0;
    const chunks = exportRecords(testDb.db.withPlugin(observer), { format: csvFormat, onRecord: (n) => (exported = n) });
    await writeChunks(chunks, counter);
    assert.equal(counter.rows, TOTAL + 1, 'a header and one row per record');
    assert.equal(exported, TOTAL);
    assert.match(counter.lastLine, /^100000,pubmed,10099999,/);
    assert.equal(largestResult, DEFAULT_PAGE_SIZE, 'no query returned more than one page');
    assert.equal(queries, TOTAL / DEFAULT_PAGE_SIZE + 1, 'one query a page, and one that finds the end');
    assert.ok(counter.maxPagesAhead <= 2, `the reader ran ${counter.maxPagesAhead} pages ahead of the writer`);
  });
});
