import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { text } from 'node:stream/consumers';
import { EutilsClient, EutilsError } from './eutils-client.js';
import { startEutilsStandIn, syntheticPubmedXml } from '../../../../test/helpers/eutils-stand-in.js';
import { RateLimiter } from './rate-limiter.js';

/** A clock that moves only when someone sleeps, so rate limits and backoff are checked without waiting. */
function fakeClock() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms: number) => { sleeps.push(ms); now += ms; } };
}

describe('NCBI rate limiter', () => {
  it('spaces request starts 334 ms apart without a key and 100 ms apart with one', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(3, clock);
    for (let i = 0; i < 4; i += 1) await limiter.acquire();
    assert.deepEqual(clock.sleeps, [334, 334, 334]);
    const keyed = fakeClock();
    const fast = new RateLimiter(10, keyed);
    for (let i = 0; i < 3; i += 1) await fast.acquire();
    assert.deepEqual(keyed.sleeps, [100, 100]);
  });
});

describe('E-utilities client against a local stand-in', () => {
  it('searches with the history server and fetches every batch in order, identifying itself', async (t) => {
    const standIn = await startEutilsStandIn({ count: 1200, efetch: (start, size) => syntheticPubmedXml(1000 + start, size) });
    t.after(() => standIn.close());
    const client = new EutilsClient({ baseUrl: standIn.url, batchSize: 500, email: 'library@example.nhs.uk', clock: fakeClock() });
    const batches = [];
    for await (const batch of client.fetchAll('asthma[mh]')) batches.push({ start: batch.start, size: batch.size, xml: await text(batch.xml) });
    assert.deepEqual(batches.map((b) => [b.start, b.size]), [[0, 500], [500, 500], [1000, 200]]);
    assert.match(batches[2]?.xml ?? '', /<PMID Version="1">2000<\/PMID>/);
    const [search, ...fetches] = standIn.requests;
    assert.equal(search?.utility, 'esearch');
    assert.equal(search?.params.get('term'), 'asthma[mh]');
    assert.equal(search?.params.get('usehistory'), 'y');
    assert.equal(search?.params.get('tool'), 'khub');
    assert.equal(search?.params.get('email'), 'library@example.nhs.uk');
    assert.ok(fetches.every((f) => f.params.get('WebEnv') === 'MCID_test' && f.params.get('query_key') === '1'));
  });

  it('stops at --max and at the history server limit of 10,000', async (t) => {
    const standIn = await startEutilsStandIn({ count: 50_000, efetch: (start, size) => syntheticPubmedXml(start, size) });
    t.after(() => standIn.close());
    const client = new EutilsClient({ baseUrl: standIn.url, clock: fakeClock() });
    let fetched = 0;
    for await (const batch of client.fetchAll('cancer', { max: 750 })) fetched += batch.size;
    assert.equal(fetched, 750);
    let all = 0;
    for await (const batch of client.fetchAll('cancer')) {
      all += batch.size;
      batch.xml.resume();
    }
    assert.equal(all, 10_000);
  });

  it('retries transient failures with backoff, honouring Retry-After, and sends the API key', async (t) => {
    const standIn = await startEutilsStandIn({ count: 3, efetch: (start, size) => syntheticPubmedXml(1, size), failures: { esearch: [503], efetch: [429, 502] } });
    t.after(() => standIn.close());
    const clock = fakeClock();
    const client = new EutilsClient({ baseUrl: standIn.url, apiKey: 'k123', clock });
    const batches = [];
    for await (const batch of client.fetchAll('x')) batches.push(await text(batch.xml));
    assert.equal(batches.length, 1);
    assert.equal(standIn.requests.length, 5, 'two searches and three fetches');
    assert.ok(clock.sleeps.includes(1000), 'waited the Retry-After second');
    assert.ok(standIn.requests.every((r) => r.params.get('api_key') === 'k123'));
  });

  it('gives up with a clear error after repeated failures, and does not retry a 400', async (t) => {
    const standIn = await startEutilsStandIn({ count: 1, efetch: () => '', failures: { esearch: [503, 503, 503] } });
    t.after(() => standIn.close());
    const client = new EutilsClient({ baseUrl: standIn.url, attempts: 3, clock: fakeClock() });
    await assert.rejects(client.search('x'), (error: unknown) => error instanceof EutilsError && /gave up after 3 attempts/.test(error.message));
    const bad = await startEutilsStandIn({ count: 1, efetch: () => '', failures: { esearch: [400] } });
    t.after(() => bad.close());
    await assert.rejects(new EutilsClient({ baseUrl: bad.url, clock: fakeClock() }).search('x'), /NCBI answered 400/);
    assert.equal(bad.requests.length, 1);
  });
});
