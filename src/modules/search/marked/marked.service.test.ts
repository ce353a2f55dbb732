import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { searchRecords } from '../../../../test/e2e/support/search-records.js';
import { adoptMarked, clearMarked, countMarked, markRecords, markedAmong, markedIdsPage, streamMarkedIds, unmarkRecords } from './marked.service.js';

const now = new Date('2026-11-22T10:00:00Z');

eachDialect('marked records storage', (getDb) => {
  describe('a list', () => {
    it('keeps marking order, marks each record once, ignores unknown ids, and pages and streams in that order', async () => {
      const db = getDb();
      const ids = (await loadRecords(db, searchRecords(), now, false)).map((r) => r.id);
      const wanted = [ids[5]!, ids[1]!, ids[5]!, 99_999_999, ids[9]!];
      assert.equal(await markRecords(db, 'session:a', wanted, now), 3);
      assert.equal(await markRecords(db, 'session:a', [ids[1]!, ids[2]!], now), 1, 'only the new one counts');
      assert.deepEqual(await markedIdsPage(db, 'session:a', { offset: 0, limit: 10 }), [ids[5], ids[1], ids[9], ids[2]]);
      assert.deepEqual(await markedIdsPage(db, 'session:a', { offset: 1, limit: 2 }), [ids[1], ids[9]]);
      const pages: number[][] = [];
      for await (const page of streamMarkedIds(db, 'session:a', 3)) pages.push(page);
      assert.deepEqual(pages, [[ids[5], ids[1], ids[9]], [ids[2]]]);
      assert.deepEqual([...(await markedAmong(db, 'session:a', [ids[0]!, ids[9]!, ids[2]!]))].sort(), [ids[9], ids[2]].sort());
      assert.equal(await countMarked(db, 'session:b'), 0, 'lists are per owner');
      assert.equal(await unmarkRecords(db, 'session:a', [ids[1]!, ids[0]!]), 1);
      assert.equal(await clearMarked(db, 'session:a'), 3);
      assert.equal(await countMarked(db, 'session:a'), 0);
    });

    it('moves a visitor’s list after the member’s own, once per record', async () => {
      const db = getDb();
      const ids = (await loadRecords(db, searchRecords(), now, false)).map((r) => r.id);
      await markRecords(db, 'user:1', [ids[0]!, ids[1]!], now);
      await markRecords(db, 'session:v', [ids[2]!, ids[1]!, ids[3]!], now);
      assert.equal(await adoptMarked(db, 'session:v', 'user:1'), 2);
      assert.deepEqual(await markedIdsPage(db, 'user:1', { offset: 0, limit: 10 }), [ids[0], ids[1], ids[2], ids[3]]);
      assert.equal(await countMarked(db, 'session:v'), 0);
      assert.equal(await adoptMarked(db, 'session:v', 'user:1'), 0, 'nothing left to move');
    });
  });
});
