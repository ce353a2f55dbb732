import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../../test/helpers/agent.js';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { createUser, signedInAgent } from '../../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { searchRecords } from '../../../../test/e2e/support/search-records.js';
import { createApiToken } from '../../accounts/api-token.service.js';
import { emptyRecord } from '../../records/index.js';

const savedCards = (html: string) => [...normaliseHtml(html).matchAll(/<div class="nhsuk-card" data-testid="saved-search">([\s\S]*?)<\/form>\s*<\/div>\s*<\/div>/g)].map((m) => m[1] ?? '');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const alertIdOf = async (app: FastifyInstance, name: string) => Number((await app.db.selectFrom('saved_search').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);

async function searchApp(t: Parameters<typeof build>[0], dialect: 'sqlite' | 'postgres') {
  const app = await build(t, { dialect });
  await loadRecords(app.db, searchRecords(), new Date('2026-01-01T00:00:00Z'));
  return app;
}

for (const dialect of testDialects()) {
  describe(`saved search pages [${dialect}]`, () => {
    it('saves the search from the results page with its filters, then lists, runs, changes and deletes it', async (t) => {
      const app = await searchApp(t, dialect);
      const agent = await signedInAgent(app, await createUser(app.db));
      const results = normaliseHtml((await agent.get('/search?q=diabetes&pt=review')).body);
      const form = /<form method="post" action="\/search\/alerts"[^>]*data-testid="save-search-form">([\s\S]*?)<\/form>/.exec(results)?.[1] ?? '';
      assert.match(form, /<input type="hidden" name="q" value="diabetes">/);
      assert.match(form, /<input type="hidden" name="pt" value="review">/);

      const refused = await agent.submit('/search/alerts', { q: 'diabetes', pt: 'review', name: '', frequency: 'fortnightly' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /There is a problem/);
      assert.match(refused.body, /<a href="#name">\s*Enter a name for the search/);
      assert.match(refused.body, /<a href="#frequency">\s*Choose how often/);
      assert.match(normaliseHtml(refused.body), /<input type="hidden" name="pt" value="review">/, 'the filters are kept for the next try');
      const badSearch = await agent.submit('/search/alerts', { q: 'diabetes AND (', name: 'Broken', frequency: 'daily' });
      assert.equal(badSearch.statusCode, 400);
      assert.match(badSearch.body, /<a href="#q">\s*The query ends too soon/);

      const saved = await agent.submit('/search/alerts', { q: 'diabetes', pt: 'review', name: 'Diabetes reviews', frequency: 'weekly' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/search/alerts');
      const list = await agent.get('/search/alerts');
      assert.match(list.body, /Saved “Diabetes reviews”/, 'a success banner');
      const [card] = savedCards(list.body);
      assert.ok(card);
      assert.match(text(card), /Diabetes reviews Search diabetes Filters Publication type: Review Emails Weekly Last run Not yet New records last time Not run yet/);
      const id = await alertIdOf(app, 'Diabetes reviews');

      const nothingNew = await agent.get(`/search/alerts/${id}`);
      assert.equal(nothingNew.statusCode, 200);
      assert.match(text(nothingNew.body), /Nothing new since you saved it/);
      const added = await loadRecords(app.db, [
        { ...emptyRecord('test', 'new-review'), title: 'Diabetes in pregnancy: a review', publicationTypes: ['Review'] },
        { ...emptyRecord('test', 'new-letter'), title: 'Diabetes letter', publicationTypes: ['Letter'] },
      ]);
      const run = await agent.get(`/search/alerts/${id}`);
      assert.match(text(run.body), /1 new record since you saved it/);
      const reviewId = added.find((r) => r.sourceId === 'new-review')?.id;
      assert.deepEqual([...normaliseHtml(run.body).matchAll(/<h3[^>]*><a href="\/records\/(\d+)">/g)].map((m) => Number(m[1])), [reviewId]);

      assert.equal((await agent.submit(`/search/alerts/${id}/frequency`, { frequency: 'daily' })).statusCode, 303);
      assert.match(text(savedCards((await agent.get('/search/alerts')).body)[0] ?? ''), /Emails Daily/);
      assert.equal((await agent.submit(`/search/alerts/${id}/frequency`, { frequency: 'hourly' })).statusCode, 400);

      assert.equal((await agent.submit(`/search/alerts/${id}/delete`, {})).statusCode, 303);
      const empty = await agent.get('/search/alerts');
      assert.equal(savedCards(empty.body).length, 0);
      assert.match(empty.body, /data-testid="no-saved-searches"/);
    });

    it('shows another member’s saved search to nobody else, needs sign-in, and checks CSRF', async (t) => {
      const app = await searchApp(t, dialect);
      const owner = await signedInAgent(app, await createUser(app.db));
      await owner.get('/search?q=insulin');
      assert.equal((await owner.submit('/search/alerts', { q: 'insulin', name: 'Insulin', frequency: 'monthly' })).statusCode, 303);
      const id = await alertIdOf(app, 'Insulin');

      const other = await signedInAgent(app, await createUser(app.db));
      await other.get('/search?q=insulin');
      assert.equal(savedCards((await other.get('/search/alerts')).body).length, 0);
      assert.equal((await other.get(`/search/alerts/${id}`)).statusCode, 404);
      assert.equal((await other.submit(`/search/alerts/${id}/frequency`, { frequency: 'daily' })).statusCode, 404);
      assert.equal((await other.submit(`/search/alerts/${id}/delete`, {})).statusCode, 404);
      assert.equal((await other.get('/search/alerts/not-a-number')).statusCode, 404);
      assert.equal((await owner.submit(`/search/alerts/${id}/delete`, {}, { csrf: false })).statusCode, 403);
      const row = await app.db.selectFrom('saved_search').select('frequency').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.frequency, 'monthly', 'nothing changed');

      const visitor = new TestAgent(app);
      const page = await visitor.get('/search?q=insulin');
      assert.doesNotMatch(page.body, /save-search-form/);
      assert.match(page.body, /<a href="\/sign-in\?returnTo=%2Fsearch%3Fq%3Dinsulin">Sign in<\/a> to save this search/, 'and come back to the search');
      const manage = await visitor.get('/search/alerts');
      assert.ok([302, 303].includes(manage.statusCode), `status ${manage.statusCode}`);
      assert.match(String(manage.headers.location), /^\/sign-in/);
    });
  });

  describe(`saved searches API [${dialect}]`, () => {
    it('lists, creates and deletes the caller’s saved searches with stable error codes', async (t) => {
      const app = await searchApp(t, dialect);
      const userId = await createUser(app.db);
      const auth = { authorization: `Bearer ${(await createApiToken(app.db, userId, 'tests')).token}` };
      const otherAuth = { authorization: `Bearer ${(await createApiToken(app.db, await createUser(app.db), 'tests')).token}` };

      const anonymous = await app.inject({ url: '/api/v1/saved-searches' });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, 'unauthenticated');

      const created = await app.inject({ method: 'POST', url: '/api/v1/saved-searches', headers: auth, payload: { name: 'Insulin pumps', query: 'insulin pump*', filters: { language: ['english'] }, frequency: 'daily' } });
      assert.equal(created.statusCode, 201);
      const body = created.json();
      assert.equal(created.headers.location, `/api/v1/saved-searches/${body.id}`);
      assert.deepEqual({ name: body.name, query: body.query, frequency: body.frequency, active: body.active, language: body.filters.language, lastRunAt: body.lastRunAt }, { name: 'Insulin pumps', query: 'insulin pump*', frequency: 'daily', active: true, language: ['english'], lastRunAt: null });
      assert.equal(body.links.search, 'http://localhost:3000/search?q=insulin+pump*&la=english');

      const invalid = await app.inject({ method: 'POST', url: '/api/v1/saved-searches', headers: auth, payload: { name: 'x', query: 'insulin AND (', frequency: 'yearly' } });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json().error.code, 'validation_failed');
      assert.deepEqual(invalid.json().error.details.map((d: { field: string }) => d.field), ['frequency']);
      const badQuery = await app.inject({ method: 'POST', url: '/api/v1/saved-searches', headers: auth, payload: { name: 'x', query: 'insulin AND (', frequency: 'none' } });
      assert.deepEqual(badQuery.json().error.details.map((d: { field: string }) => d.field), ['query']);
      const noSuchLine = await app.inject({ method: 'POST', url: '/api/v1/saved-searches', headers: auth, payload: { name: 'x', query: '#2 AND insulin', frequency: 'none' } });
      assert.deepEqual(noSuchLine.json().error.details, [{ field: 'query', message: 'There is no line #2 in your search history.' }]);

      const list = await app.inject({ url: '/api/v1/saved-searches', headers: auth });
      assert.deepEqual(list.json().items.map((s: { id: number }) => s.id), [body.id]);
      assert.deepEqual((await app.inject({ url: '/api/v1/saved-searches', headers: otherAuth })).json().items, []);
      assert.equal((await app.inject({ url: `/api/v1/saved-searches/${body.id}`, headers: auth })).json().name, 'Insulin pumps');
      const notYours = await app.inject({ method: 'DELETE', url: `/api/v1/saved-searches/${body.id}`, headers: otherAuth });
      assert.equal(notYours.statusCode, 404);
      assert.equal(notYours.json().error.code, 'not_found');

      assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/saved-searches/${body.id}`, headers: auth })).statusCode, 204);
      assert.equal((await app.inject({ url: `/api/v1/saved-searches/${body.id}`, headers: auth })).statusCode, 404);
    });

    it('needs a CSRF token when called with a session cookie, and is in the OpenAPI document', async (t) => {
      const app = await searchApp(t, dialect);
      const agent = await signedInAgent(app, await createUser(app.db));
      const payload = JSON.stringify({ name: 'Asthma', query: 'asthma', frequency: 'weekly' });
      const headers = { 'content-type': 'application/json' };
      const forged = await agent.request({ method: 'POST', url: '/api/v1/saved-searches', headers, payload });
      assert.equal(forged.statusCode, 403);
      assert.equal(forged.json().error.code, 'csrf_token_invalid');
      await agent.get('/search?q=asthma');
      const made = await agent.request({ method: 'POST', url: '/api/v1/saved-searches', headers: { ...headers, 'x-csrf-token': agent.csrfToken ?? '' }, payload });
      assert.equal(made.statusCode, 201);

      const openapi = (await app.inject('/api/v1/openapi.json')).json();
      assert.deepEqual(Object.keys(openapi.paths['/api/v1/saved-searches']).sort(), ['get', 'post']);
      assert.deepEqual(Object.keys(openapi.paths['/api/v1/saved-searches/{id}']).sort(), ['delete', 'get']);
      assert.ok(openapi.paths['/api/v1/saved-searches'].post.requestBody.content['application/json'].schema.properties.frequency);
    });
  });
}
