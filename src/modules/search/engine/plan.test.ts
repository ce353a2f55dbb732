import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { executeSearch } from './plan.js';

const seqscanSetting = sql<{ setting: string }>`select current_setting('enable_seqscan') || ' ' || current_setting('jit') as setting`;

eachDialect('search statements planned for the indexes', (getDb, dialect) => {
  it('runs the statement and returns its rows', async () => {
    const { rows } = await executeSearch(getDb(), sql<{ n: number | string }>`select count(*) as n from search_document`);
    assert.equal(Number(rows[0]?.n), 0);
  });

  if (dialect !== 'postgres') return;

  it('switches sequential scans and JIT off for the search statement only', async () => {
    const before = await seqscanSetting.execute(getDb());
    const { rows } = await executeSearch(getDb(), seqscanSetting);
    assert.equal(rows[0]?.setting, 'off off');
    const after = await seqscanSetting.execute(getDb());
    assert.equal(after.rows[0]?.setting, before.rows[0]?.setting);
    assert.notEqual(after.rows[0]?.setting, 'off off');
  });

  it("puts the caller's setting back inside the caller's transaction", async () => {
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await sql`set local jit = off`.execute(trx);
        const before = await seqscanSetting.execute(trx);
        const during = await executeSearch(trx, seqscanSetting);
        assert.equal(during.rows[0]?.setting, 'off off');
        const after = await seqscanSetting.execute(trx);
        assert.equal(after.rows[0]?.setting, before.rows[0]?.setting);
        assert.notEqual(after.rows[0]?.setting, 'off off');
      });
  });

  it('leaves the transaction failed, with the database error, when the statement fails', async () => {
    await assert.rejects(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await executeSearch(trx, sql`select no_such_column from search_document`);
        }),
      /no_such_column/,
    );
  });
});
