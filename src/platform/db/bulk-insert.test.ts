import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { eachDialect } from '../../../test/helpers/databases.js';
import { type BulkColumn, bulkInsert, encodeRows, insertEncoded } from './bulk-insert.js';
import { dialectOf } from './dialect.js';

const COLUMNS: BulkColumn[] = [
  { name: 'id', pgType: 'bigint' },
  { name: 'word', pgType: 'text' },
  { name: 'rank', pgType: 'integer' },
];

const ROWS = [
  [1, 'plain', 10],
  [2, null, undefined],
  [3, 'quote " and \\ backslash, comma', -4],
  [4, 'Ångström 𝔸 end', 0],
];
const STORED = [
  { id: 1, word: 'plain', rank: 10 },
  { id: 2, word: null, rank: null },
  { id: 3, word: 'quote " and \\ backslash, comma', rank: -4 },
  { id: 4, word: 'Ångström 𝔸 end', rank: 0 },
];

eachDialect('bulk inserts', (getDb) => {
  const stored = async () => {
    const { rows } = await sql<{ id: number | string; word: string | null; rank: number | null }>`select id, word, rank from bulk_test order by id`.execute(getDb());
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  };

  it('inserts rows as bound parameters, returning the columns asked for and appending a suffix', async () => {
    const db = getDb();
    await sql`create table bulk_test (id bigint primary key, word text, rank integer)`.execute(db);
    const returned = await bulkInsert<{ id: number | string }>(db, 'bulk_test', COLUMNS, ROWS, { returning: ['id'] });
    assert.deepEqual(returned.map((row) => Number(row.id)).sort(), [1, 2, 3, 4]);
    assert.deepEqual(await stored(), STORED);
    await bulkInsert(db, 'bulk_test', COLUMNS, [[1, 'again', 1]], { suffix: 'on conflict do nothing' });
    assert.deepEqual(await stored(), STORED);
  });

  it('stores rows encoded ahead of time exactly as bound parameters store them', async () => {
    const db = getDb();
    await sql`delete from bulk_test`.execute(db);
    const encoded = encodeRows(dialectOf(db), COLUMNS.length, ROWS);
    assert.equal('json' in encoded, dialectOf(db) === 'sqlite', 'SQLite reads JSON, PostgreSQL column arrays');
    await insertEncoded(db, 'bulk_test', COLUMNS, encoded);
    assert.deepEqual(await stored(), STORED);
    await insertEncoded(db, 'bulk_test', COLUMNS, encodeRows(dialectOf(db), COLUMNS.length, [[4, 'again', 1], [5, 'new', 5]]), { suffix: 'on conflict do nothing' });
    assert.deepEqual(await stored(), [...STORED, { id: 5, word: 'new', rank: 5 }]);
    await insertEncoded(db, 'bulk_test', COLUMNS, encodeRows(dialectOf(db), COLUMNS.length, []));
    assert.equal((await stored()).length, 5);
  });

  it('stores a lone surrogate in encoded rows as U+FFFD, which both engines read back', async () => {
    const db = getDb();
    await sql`delete from bulk_test`.execute(db);
    await insertEncoded(db, 'bulk_test', COLUMNS, encodeRows(dialectOf(db), COLUMNS.length, [[1, 'broken \ud800 pair', 1]]));
    assert.deepEqual(await stored(), [{ id: 1, word: 'broken \ufffd pair', rank: 1 }]);
  });

  it('refuses rows encoded for the other engine', async () => {
    const db = getDb();
    const other = dialectOf(db) === 'sqlite' ? 'postgres' : 'sqlite';
    await assert.rejects(insertEncoded(db, 'bulk_test', COLUMNS, encodeRows(other, COLUMNS.length, [[9, 'x', 1]])), /were encoded for/);
  });
});
