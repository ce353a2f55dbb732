import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { collectText, sygmaTrial } from '../../../../test/helpers/record-fixtures.js';
import type { BibRecord } from '../bib-record.js';
import { emptyRecord } from '../record-mapping.js';
import { upsertRecords } from '../record.repository.js';
import { csvFormat } from './csv.writer.js';
import { exportRecords, writeChunks } from './export-records.js';
import { countSelectedRecords, findMissingRecordIds, streamRecords } from './record-stream.js';

const PUBMED_COUNT = 1234;

function synthetic(source: string, n: number): BibRecord {
  return { ...emptyRecord(source, String(n)), pmid: source === 'pubmed' ? String(n) : null, title: `Record ${n}`, publicationDate: { year: 2000 + (n % 25), month: null, day: null, text: null } };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

eachDialect('export: reading records a page at a time', (getDb) => {
  let pubmedIds: number[] = [];
  let scifactIds: number[] = [];
  before(async () => {
    const db = getDb();
    await upsertRecords(db, Array.from({ length: PUBMED_COUNT }, (_, i) => synthetic('pubmed', 1000 + i)));
    await upsertRecords(db, [synthetic('beir-scifact', 1), synthetic('beir-scifact', 2), sygmaTrial]);
    const rows = await db.selectFrom('record').select(['id', 'source']).orderBy('id').execute();
    pubmedIds = rows.filter((r) => r.source === 'pubmed').map((r) => r.id);
    scifactIds = rows.filter((r) => r.source === 'beir-scifact').map((r) => r.id);
  });

  it('walks the whole table in id order across many pages, each record once', async () => {
    const records = await all(streamRecords(getDb(), {}, 100));
    assert.equal(records.length, PUBMED_COUNT + 3);
    const ids = records.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('reads a page that is exactly full and then stops', async () => {
    const records = await all(streamRecords(getDb(), { source: 'beir-scifact' }, 2));
    assert.deepEqual(records.map((r) => r.title), ['Record 1', 'Record 2']);
  });

  it('reads stored records whole, with khub id and dates', async () => {
    const [stored] = await all(streamRecords(getDb(), { ids: [pubmedIds.at(-1) ?? 0] }));
    assert.equal(stored?.source, 'pubmed');
    assert.deepEqual(stored?.mesh, sygmaTrial.mesh);
    assert.deepEqual(stored?.authors, sygmaTrial.authors);
    assert.match(stored?.addedAt ?? '', /^\d{4}-\d\d-\d\dT/);
  });

  it('keeps the order of given ids, writes repeats once and skips ids that name no record', async () => {
    const [first = 0, second = 0, third = 0] = pubmedIds;
    const wanted = [third, 999_999, first, third, second];
    const records = await all(streamRecords(getDb(), { ids: wanted }, 2));
    assert.deepEqual(records.map((r) => r.id), [third, first, second]);
    assert.equal(await countSelectedRecords(getDb(), { ids: wanted }), 3);
    assert.deepEqual(await findMissingRecordIds(getDb(), { ids: wanted }), [999_999]);
  });

  it('combines ids with a source', async () => {
    const mixed = [pubmedIds[0] ?? 0, scifactIds[0] ?? 0];
    const records = await all(streamRecords(getDb(), { ids: mixed, source: 'beir-scifact' }));
    assert.deepEqual(records.map((r) => r.id), [scifactIds[0]]);
    assert.deepEqual(await findMissingRecordIds(getDb(), { ids: mixed, source: 'beir-scifact' }), [pubmedIds[0]]);
  });

  it('counts a selection for the progress bar', async () => {
    assert.equal(await countSelectedRecords(getDb()), PUBMED_COUNT + 3);
    assert.equal(await countSelectedRecords(getDb(), { source: 'pubmed' }), PUBMED_COUNT + 1);
    assert.equal(await countSelectedRecords(getDb(), { source: 'nowhere' }), 0);
  });

  it('exports a selection through a format, reporting each record as it goes', async () => {
    const seen: number[] = [];
    const text = await collectText(exportRecords(getDb(), { format: csvFormat, source: 'beir-scifact', pageSize: 1, onRecord: (n) => seen.push(n) }));
    const lines = text.trimEnd().split('\r\n');
    assert.equal(lines.length, 3);
    assert.deepEqual(lines.slice(1).map((line) => Number(line.split(',')[0])), scifactIds);
    assert.deepEqual(seen, [1, 2]);
  });

  it('refuses a page size that is not a positive whole number', () => {
    assert.throws(() => streamRecords(getDb(), {}, 0), /page size must be a positive integer/);
  });
});

describe('writing chunks to a stream', () => {
  it('waits for a slow stream to drain and delivers every chunk in order', async () => {
    const received: string[] = [];
    let waits = 0;
    const slow = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString());
        setImmediate(callback);
      },
    });
    slow.on('drain', () => (waits += 1));
    async function* chunks() {
      for (let i = 0; i < 50; i += 1) yield `chunk ${i};`;
    }
    await writeChunks(chunks(), slow);
    assert.equal(received.join(''), Array.from({ length: 50 }, (_, i) => `chunk ${i};`).join(''));
    assert.ok(waits > 0, 'the writer waited for drain');
  });

  it('rejects with the stream error instead of crashing the process', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    async function* chunks() {
      for (;;) yield 'x'.repeat(1024);
    }
    await assert.rejects(writeChunks(chunks(), broken), /EPIPE/);
  });
});
