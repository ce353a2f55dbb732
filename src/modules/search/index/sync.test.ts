import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { emptyRecord } from '../../records/index.js';
import type { QueryNode } from '../query/ast.js';
import { countMatches } from '../engine/index.js';
import { deleteRecords, loadRecords } from '../../../../test/helpers/search-engine.js';
import { countIndexed, rebuildSearchIndex, syncSearchIndex } from './sync.js';

const span = { start: 0, end: 1 };
const title = (word: string): QueryNode => ({ kind: 'term', word: { parts: [{ kind: 'literal', text: word }] }, fields: ['title'], span });
const record = (id: string, text: string) => ({ ...emptyRecord('test', id), title: text });

eachDialect('search index sync', (getDb) => {
  it('indexes new records, re-indexes changed ones and drops deleted ones, page by page', async () => {
    const db = getDb();
    await loadRecords(db, Array.from({ length: 25 }, (_, i) => record(`r${i}`, i % 2 === 0 ? 'asthma in children' : 'hip fracture')));
    assert.equal(await countIndexed(db), 25);
    assert.equal(await countMatches(db, title('asthma')), 13);

    const later = new Date(Date.now() + 60_000);
    await loadRecords(db, [record('r0', 'hip fracture'), record('r99', 'asthma again')], later, false);
    await deleteRecords(db, ['r2', 'r3']);
    const progress: number[] = [];
    const summary = await syncSearchIndex(db, { pageSize: 10, onProgress: (p) => progress.push(p.checked) });
    assert.deepEqual(summary, { checked: 24, indexed: 2, deleted: 2 });
    assert.deepEqual(progress, [10, 20, 24]);
    assert.equal(await countIndexed(db), 24);
    assert.equal(await countMatches(db, title('asthma')), 13 - 1 - 1 + 1);
    assert.equal(await countMatches(db, title('again')), 1);

    assert.deepEqual(await syncSearchIndex(db), { checked: 24, indexed: 0, deleted: 0 });
    assert.deepEqual(await rebuildSearchIndex(db), { checked: 24, indexed: 24, deleted: 0 });
    assert.equal(await countMatches(db, title('fracture')), 12);
  });
});
