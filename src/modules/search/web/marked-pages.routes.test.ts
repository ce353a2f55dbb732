import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../../test/helpers/agent.js';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { createUser } from '../../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { searchRecords } from '../../../../test/e2e/support/search-records.js';
import type { StoredRecord } from '../../records/index.js';
import { safeReturnTo } from './marked-pages.routes.js';

/** Record ids of the results, in page order. */
const resultIds = (html: string) => [...normaliseHtml(html).matchAll(/<h3[^>]*><a href="\/records\/(\d+)">/g)].map((m) => Number(m[1]));
/** Ids whose checkbox the page offers (each belongs to the mark form by its form attribute). */
const checkboxIds = (html: string) => [...html.matchAll(/<input class="nhsuk-checkboxes__input" id="mark-(\d+)" name="id" type="checkbox" value="\d+" form="marked-form">/g)].map((m) => Number(m[1]));
/** Ids the page tags "Marked": the tag follows the record's checkbox. */
const taggedIds = (html: string) => [...normaliseHtml(html).matchAll(/id="mark-(\d+)"[\s\S]*?<\/div>\s*<\/div>\s*(<p[^>]*><strong[^>]*data-testid="marked-tag")?/g)].filter((m) => m[2]).map((m) => Number(m[1]));
const markedCount = (html: string) => Number(/Marked \(([\d,]+)\)/.exec(html)?.[1]?.replace(/,/g, ''));
const listedIds = (html: string) => {
  const list = /data-testid="marked-list"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<h2[^>]*><a href="\/records\/(\d+)">/g)].map((m) => Number(m[1]));
};

async function markApp(t: Parameters<typeof build>[0], dialect: 'sqlite' | 'postgres'): Promise<{ app: FastifyInstance; stored: StoredRecord[] }> {
  const app = await build(t, { dialect });
  return { app, stored: await loadRecords(app.db, searchRecords()) };
}

/** Marks (or unmarks) ids through the results page's form, as a browser submits it. */
async function submitMarks(agent: TestAgent, action: 'mark' | 'unmark', ids: readonly number[], returnTo: string) {
  const payload = new URLSearchParams({ _csrf: agent.csrfToken ?? '', returnTo, action });
  for (const id of ids) payload.append('id', String(id));
  return agent.request({ method: 'POST', url: '/search/marked', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: payload.toString() });
}

describe('safeReturnTo', () => {
  it('keeps search and record pages on this site and sends anything else to the marked list', () => {
    assert.equal(safeReturnTo('/search?q=asthma&page=2'), '/search?q=asthma&page=2');
    assert.equal(safeReturnTo('/search/marked?page=3'), '/search/marked?page=3');
    assert.equal(safeReturnTo('/records/42'), '/records/42');
    for (const bad of ['https://evil.example/search', '//evil.example/search', '/\\evil.example', '/searchx', '/records/42/../../x', '/account', '/search\n', undefined]) {
      assert.equal(safeReturnTo(bad), '/search/marked', String(bad));
    }
  });
});

for (const dialect of testDialects()) {
  describe(`marked records pages [${dialect}]`, () => {
    it('marks from two result pages and a record page, keeps the list across searches, lists, removes and clears it', async (t) => {
      const { app } = await markApp(t, dialect);
      const agent = new TestAgent(app);
      const first = await agent.get('/search?q=diabetes');
      assert.equal(first.statusCode, 200);
      const pageOne = resultIds(first.body);
      assert.deepEqual(checkboxIds(first.body), pageOne, 'every result has a select box');
      assert.equal(markedCount(first.body), 0);

      const marked = await submitMarks(agent, 'mark', [pageOne[3]!, pageOne[0]!], '/search?q=diabetes');
      assert.equal(marked.statusCode, 303);
      assert.equal(marked.headers.location, '/search?q=diabetes');
      const again = await agent.get('/search?q=diabetes');
      assert.equal(markedCount(again.body), 2);
      assert.deepEqual(taggedIds(again.body).sort(), [pageOne[0], pageOne[3]].sort());
      assert.match(again.body, /2 records marked\. You have 2 records marked\./);

      const second = await agent.get('/search?q=diabetes&page=2');
      const pageTwo = resultIds(second.body);
      assert.ok(pageTwo.length > 0 && pageTwo.every((id) => !pageOne.includes(id)));
      assert.equal((await submitMarks(agent, 'mark', [pageTwo[0]!, pageOne[0]!], '/search?q=diabetes&page=2')).headers.location, '/search?q=diabetes&page=2');
      assert.match((await agent.get('/search?q=diabetes&page=2')).body, /1 record marked \(1 record already on your list\)/);

      const other = await agent.get('/search?q=infarction');
      assert.equal(markedCount(other.body), 3, 'a new search shows the same list');
      const list = await agent.get('/search/marked');
      assert.equal(list.statusCode, 200);
      assert.deepEqual(listedIds(list.body), [pageOne[3], pageOne[0], pageTwo[0]], 'in the order marked');
      assert.match(list.body, /You have 3 marked records/);

      const record = await agent.get(`/records/${pageTwo[1]}`);
      assert.match(record.body, /data-testid="mark-record"/);
      assert.match(record.body, /value="mark"[^>]*>Mark<span/);
      assert.equal((await submitMarks(agent, 'mark', [pageTwo[1]!], `/records/${pageTwo[1]}`)).headers.location, `/records/${pageTwo[1]}`);
      assert.match((await agent.get(`/records/${pageTwo[1]}`)).body, /value="unmark"[^>]*>Unmark<span/);

      assert.equal((await submitMarks(agent, 'unmark', [pageOne[0]!], '/search/marked')).headers.location, '/search/marked');
      assert.deepEqual(listedIds((await agent.get('/search/marked')).body), [pageOne[3], pageTwo[0], pageTwo[1]]);

      const confirm = await agent.get('/search/marked/clear');
      assert.match(confirm.body, /This removes all 3 of your marked records/);
      const cleared = await agent.submit('/search/marked/clear', {});
      assert.deepEqual([cleared.statusCode, cleared.headers.location], [303, '/search/marked']);
      const empty = await agent.get('/search/marked');
      assert.deepEqual(listedIds(empty.body), []);
      assert.match(empty.body, /You have no marked records/);
      assert.match(empty.body, /3 records removed/);
    });

    it('pages a long marked list', async (t) => {
      const { app, stored } = await markApp(t, dialect);
      const agent = new TestAgent(app);
      await agent.get('/search?q=diabetes');
      const ids = stored.slice(0, 25).map((r) => r.id);
      await submitMarks(agent, 'mark', ids, '/search/marked');
      const one = await agent.get('/search/marked');
      assert.deepEqual(listedIds(one.body), ids.slice(0, 20));
      const two = await agent.get('/search/marked?page=2');
      assert.deepEqual(listedIds(two.body), ids.slice(20));
      assert.match(two.body, /<ol class="nhsuk-list" data-testid="marked-list" start="21">/);
    });

    it('refuses a form without its CSRF token, one with nothing ticked, and never redirects off the site', async (t) => {
      const { app, stored } = await markApp(t, dialect);
      const agent = new TestAgent(app);
      await agent.get('/search?q=diabetes');
      const id = String(stored[0]!.id);
      const forged = await agent.submit('/search/marked', { action: 'mark', id, returnTo: '/search' }, { csrf: false });
      assert.equal(forged.statusCode, 403);
      assert.equal(markedCount((await agent.get('/search?q=diabetes')).body), 0);

      const nothing = await agent.submit('/search/marked', { action: 'mark', returnTo: '/search?q=diabetes' });
      assert.equal(nothing.statusCode, 400);
      assert.match(nothing.body, /There is a problem/);
      assert.match(normaliseHtml(nothing.body), /<a href="#return-link">Select at least one record: tick the box beside it\.\s*<\/a>/);
      assert.match(nothing.body, /<a id="return-link" href="\/search\?q=diabetes">/);

      const away = await agent.submit('/search/marked', { action: 'mark', id, returnTo: 'https://evil.example/search' });
      assert.deepEqual([away.statusCode, away.headers.location], [303, '/search/marked']);
      const unknown = await agent.submit('/search/marked', { action: 'mark', id: '99999999', returnTo: '/search/marked' });
      assert.equal(unknown.statusCode, 303);
      assert.deepEqual(listedIds((await agent.get('/search/marked')).body), [Number(id)], 'an id that names no record is ignored');
    });

    it('joins a visitor’s marked records to the member’s when they sign in', async (t) => {
      const { app, stored } = await markApp(t, dialect);
      const [a, b, c] = stored.map((r) => r.id);
      const userId = await createUser(app.db, { email: 'marker@test-trust.nhs.uk', password: 'a long and unusual passphrase 42' });
      const before = new TestAgent(app);
      await before.get('/sign-in');
      assert.equal((await before.submit('/sign-in', { email: 'marker@test-trust.nhs.uk', password: 'a long and unusual passphrase 42' })).statusCode, 303);
      await before.get('/search?q=diabetes');
      await submitMarks(before, 'mark', [a!, b!], '/search/marked');

      const visitor = new TestAgent(app);
      await visitor.get('/search?q=diabetes');
      await submitMarks(visitor, 'mark', [c!, b!], '/search/marked');
      assert.deepEqual(listedIds((await visitor.get('/search/marked')).body), [c, b]);
      await visitor.get('/sign-in');
      assert.equal((await visitor.submit('/sign-in', { email: 'marker@test-trust.nhs.uk', password: 'a long and unusual passphrase 42' })).statusCode, 303);
      const joined = await visitor.get('/search/marked');
      assert.deepEqual(listedIds(joined.body), [a, b, c], 'the member’s first, then the visitor’s new ones');
      const rows = await app.db.selectFrom('marked_record').select(['owner']).execute();
      assert.deepEqual([...new Set(rows.map((r) => r.owner))], [`user:${userId}`], 'nothing is left under the session');
    });
  });
}
