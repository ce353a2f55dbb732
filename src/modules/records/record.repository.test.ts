import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../test/helpers/databases.js';
import { up as recomputeContentHashes } from '../../platform/db/migrations/2026_11_21_0012_records_content_hash.js';
import type { BibRecord } from './bib-record.js';
import { emptyRecord, rowToRecord } from './record-mapping.js';
import { countRecordsBySource, deleteRecordsBySourceId, findRecordRowBySourceId, upsertRecords } from './record.repository.js';

function pubmed(pmid: string, title: string): BibRecord {
  return {
    ...emptyRecord('pubmed', pmid),
    pmid,
    title,
    authors: [{ family: 'Smith', given: 'Jane A', initials: 'JA', collective: null, affiliations: ['Oxford'] }],
    mesh: [{ ui: 'D003920', name: 'Diabetes Mellitus', major: true, qualifiers: [{ ui: 'Q000188', name: 'drug therapy', major: false }] }],
    publicationDate: { year: 2020, month: 3, day: null, text: null },
    languages: ['eng'],
  };
}

eachDialect('record storage', (getDb) => {
  it('adds, then leaves identical records alone, then updates changed ones, keyed by source id', async () => {
    const db = getDb();
    const t0 = new Date('2026-01-01T00:00:00Z');
    const first = await upsertRecords(db, [pubmed('1', 'A'), pubmed('2', 'B')], t0);
    assert.deepEqual([first.added, first.updated, first.unchanged, first.changedIds.length], [2, 0, 0, 2]);
    const t1 = new Date('2026-02-01T00:00:00Z');
    const second = await upsertRecords(db, [pubmed('1', 'A'), pubmed('2', 'B changed'), pubmed('3', 'C')], t1);
    assert.deepEqual([second.added, second.updated, second.unchanged, second.changedIds.length], [1, 1, 1, 2]);
    const one = await findRecordRowBySourceId(db, 'pubmed', '1');
    const two = await findRecordRowBySourceId(db, 'pubmed', '2');
    assert.equal(one?.updated_at, t0.toISOString(), 'an unchanged record keeps its updated date');
    assert.equal(two?.updated_at, t1.toISOString());
    assert.equal(two?.added_at, t0.toISOString());
    assert.deepEqual(await countRecordsBySource(db), [{ source: 'pubmed', count: 3 }]);
  });

  it('keeps the last of repeated source ids in one batch and round-trips every field', async () => {
    const db = getDb();
    await upsertRecords(db, [pubmed('10', 'first'), pubmed('10', 'second')]);
    const row = await findRecordRowBySourceId(db, 'pubmed', '10');
    assert.ok(row);
    const stored = rowToRecord(row);
    assert.equal(stored.title, 'second');
    assert.deepEqual(stored.mesh, pubmed('10', 'second').mesh);
    assert.deepEqual(stored.authors, pubmed('10', 'second').authors);
    assert.deepEqual(stored.publicationDate, { year: 2020, month: 3, day: null, text: null });
  });

  it('deletes by source id and counts only what existed', async () => {
    const db = getDb();
    await upsertRecords(db, [pubmed('20', 'x'), pubmed('21', 'y')]);
    assert.equal(await deleteRecordsBySourceId(db, 'pubmed', ['20', '999']), 1);
    assert.equal(await findRecordRowBySourceId(db, 'pubmed', '20'), undefined);
  });

  it('stores large batches in chunks', async () => {
    const db = getDb();
    const many = Array.from({ length: 1234 }, (_, i) => pubmed(String(100_000 + i), `T${i}`));
    assert.equal((await upsertRecords(db, many)).added, 1234);
  });
});

eachDialect('record content hash migration', (getDb) => {
  it('recomputes stored hashes exactly as imports compute them, so a re-import finds nothing changed', async () => {
    const db = getDb();
    const records = [pubmed('30', 'Thirty'), { ...pubmed('31', 'Thirty-one'), abstract: 'Text with "quotes", a tab\tand ünïcode.', pages: '12-9' }];
    await upsertRecords(db, records);
    // What an older formula left behind: every stored hash differs from today's.
    await db.updateTable('record').set({ content_hash: 'stale' }).execute();
    await recomputeContentHashes(db as never);
    const again = await upsertRecords(db, records);
    assert.deepEqual([again.added, again.updated, again.unchanged], [0, 0, 2]);
  });
});
