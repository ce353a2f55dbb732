import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eachDialect } from '../../../test/helpers/databases.js';
import type { BibRecord } from './bib-record.js';
import { assignDuplicateGroups } from './dedup.service.js';
import { listDuplicateGroups, rebuildDuplicateGroups } from './duplicate-groups.service.js';
import { matchKeys, normaliseTitle } from './match-keys.js';
import { emptyRecord } from './record-mapping.js';
import { upsertRecords } from './record.repository.js';
import * as matchKeyTableRebuild from '../../platform/db/migrations/2026_11_21_0013_records_match_key_without_rowid.js';

const TITLE = 'Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.';

function record(source: string, sourceId: string, overrides: Partial<BibRecord> = {}): BibRecord {
  return {
    ...emptyRecord(source, sourceId),
    title: TITLE,
    pages: '1865-1876',
    publicationDate: { year: 2018, month: 5, day: 17, text: null },
    authors: [{ family: 'O’Byrne', given: 'Paul M', initials: 'PM', collective: null, affiliations: [] }],
    ...overrides,
  };
}

describe('match keys', () => {
  it('normalises titles for comparison', () => {
    assert.equal(normaliseTitle('Étude: A [Randomised] Trial.'), 'etude a randomised trial');
  });
  it('keys on PMID, DOI and title + year + first page', () => {
    assert.deepEqual(matchKeys({ pmid: '29768149', doi: '10.1056/NEJMoa1715274', title: TITLE, year: 2018, pages: '1865-76', firstAuthorFamily: 'O’Byrne' }), [
      'pmid:29768149',
      'doi:10.1056/nejmoa1715274',
      'tyf:inhaled combined budesonide formoterol as needed in mild asthma|2018|1865',
    ]);
  });
  it('never matches short titles on title alone, and falls back to the first author without pages', () => {
    assert.deepEqual(matchKeys({ pmid: null, doi: null, title: 'Editorial.', year: 2018, pages: '1', firstAuthorFamily: 'Smith' }), []);
    assert.deepEqual(matchKeys({ pmid: null, doi: null, title: TITLE, year: 2018, pages: null, firstAuthorFamily: 'Smith' }), [
      'tyf:inhaled combined budesonide formoterol as needed in mild asthma|2018|smith',
    ]);
  });
});

eachDialect('duplicate groups', (getDb) => {
  async function importAndGroup(records: BibRecord[]) {
    const db = getDb();
    await upsertRecords(db, records);
    const ids = (await db.selectFrom('record').select('id').execute()).map((r) => r.id);
    await assignDuplicateGroups(db, ids);
  }

  it('groups one article from PubMed, an Embase RIS export (by DOI) and a citation without ids (by title, year, page)', async () => {
    const db = getDb();
    await importAndGroup([
      record('pubmed', '29768149', { pmid: '29768149', doi: '10.1056/nejmoa1715274' }),
      record('embase', 'L621991234', { doi: '10.1056/nejmoa1715274', title: 'Inhaled combined budesonide–formoterol as needed in mild asthma' }),
      record('ris', 'abc', { title: 'INHALED COMBINED BUDESONIDE-FORMOTEROL AS NEEDED IN MILD ASTHMA', pages: '1865-76' }),
      record('pubmed', '1', { pmid: '1', title: 'A completely different article about hip fractures', pages: '10-20' }),
    ]);
    const groups = await listDuplicateGroups(db);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]?.records.map((r) => r.source).sort(), ['embase', 'pubmed', 'ris']);
    const loner = await db.selectFrom('record').select('duplicate_group_id').where('source_id', '=', '1').executeTakeFirstOrThrow();
    assert.equal(loner.duplicate_group_id, null);
  });

  it('joins two existing groups when a new record bridges them, and rebuilds the same answer from scratch', async () => {
    const db = getDb();
    await db.deleteFrom('record').execute();
    await importAndGroup([
      record('a', '1', { pmid: '500', title: 'First copy of a long enough title here', doi: null }),
      record('b', '2', { pmid: '500', title: 'First copy of a long enough title here', doi: null }),
      record('c', '3', { doi: '10.1/x', title: 'Another copy with a different long title', pages: '5' }),
      record('d', '4', { doi: '10.1/x', title: 'Another copy with a different long title', pages: '5' }),
    ]);
    assert.equal((await listDuplicateGroups(db)).length, 2);
    await importAndGroup([record('e', '5', { pmid: '500', doi: '10.1/x' })]);
    const groups = await listDuplicateGroups(db);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.records.length, 5);
    const rebuilt = await rebuildDuplicateGroups(db);
    assert.equal(rebuilt.groups, 1);
    assert.equal((await listDuplicateGroups(db))[0]?.records.length, 5);
  });

  it('keeps every match key through the SQLite table rebuild of migration 0013, down and up again', async () => {
    const db = getDb();
    await db.deleteFrom('record').execute();
    await importAndGroup([record('a', '1', { pmid: '700' }), record('b', '2', { pmid: '700' })]);
    const keysBefore = await db.selectFrom('record_match_key').select(['record_id', 'match_key']).orderBy('match_key').orderBy('record_id').execute();
    await matchKeyTableRebuild.down(db as never);
    await matchKeyTableRebuild.up(db as never);
    const keysAfter = await db.selectFrom('record_match_key').select(['record_id', 'match_key']).orderBy('match_key').orderBy('record_id').execute();
    assert.ok(keysBefore.length >= 4);
    assert.deepEqual(keysAfter, keysBefore);
    // The cascade still holds: deleting a record deletes its keys.
    await db.deleteFrom('record').where('source', '=', 'a').execute();
    assert.equal((await db.selectFrom('record_match_key').select('record_id').execute()).length, keysBefore.length / 2);
  });
});
