import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { startEutilsStandIn, syntheticPubmedXml } from '../../../../test/helpers/eutils-stand-in.js';
import { importFromPubmed } from './pubmed-import.service.js';

const instantClock = { now: () => Date.now(), sleep: async () => undefined };

eachDialect('importing from PubMed', (getDb) => {
  it('imports every record a search finds, batch by batch, as one run, and updates on a second run', async (t) => {
    const db = getDb();
    const standIn = await startEutilsStandIn({ count: 1200, efetch: (start, size) => syntheticPubmedXml(5_000_000 + start, size) });
    t.after(() => standIn.close());
    const first = await importFromPubmed(db, { query: 'asthma[mh]', baseUrl: standIn.url, batchSize: 500, clock: instantClock });
    assert.equal(first.status, 'completed');
    assert.equal(first.added, 1200);
    const run = await db.selectFrom('import_run').selectAll().where('id', '=', first.runId).executeTakeFirstOrThrow();
    assert.equal(run.input, 'pubmed:asthma[mh]');
    assert.equal(run.added, 1200);
    const again = await importFromPubmed(db, { query: 'asthma[mh]', baseUrl: standIn.url, clock: instantClock });
    assert.deepEqual([again.added, again.unchanged], [0, 1200]);
    const count = await db.selectFrom('record').select((eb) => eb.fn.countAll<number | string>().as('n')).where('source', '=', 'pubmed').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1200);
  });

  it('keeps what was committed and marks the run failed when PubMed stops answering', async (t) => {
    const db = getDb();
    await db.deleteFrom('record').execute();
    let fetches = 0;
    const standIn = await startEutilsStandIn({
      count: 900,
      efetch: (start, size) => {
        fetches += 1;
        // The second batch is cut off mid-document, as a dropped connection would leave it.
        return fetches === 2 ? syntheticPubmedXml(7_000_000 + start, size).slice(0, 500) : syntheticPubmedXml(7_000_000 + start, size);
      },
    });
    t.after(() => standIn.close());
    const result = await importFromPubmed(db, { query: 'x', baseUrl: standIn.url, batchSize: 300, clock: instantClock });
    assert.equal(result.status, 'failed');
    assert.match(result.error ?? '', /efetch 301-600/);
    const count = await db.selectFrom('record').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 300, 'the first batch stays committed; nothing from the broken one');
  });
});
