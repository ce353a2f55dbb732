import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestAgent } from '../../../../test/helpers/agent.js';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { createUser } from '../../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { SAMPLE_MESH, loadRecords } from '../../../../test/helpers/search-engine.js';
import { searchRecords } from '../../../../test/e2e/support/search-records.js';
import { createApiToken } from '../../accounts/api-token.service.js';
import { importMesh } from '../../thesaurus/index.js';
import { addLine } from '../history/history.service.js';
import { databaseHistoryEngine } from '../history/history-engine.js';

type Segment = { text: string; match: boolean };
type Results = {
  total: number;
  page: number;
  limit: number;
  readAs: string;
  items: { id: number; title: string; titleSegments: Segment[]; authors: string[]; journal: string | null; year: number | null; snippet: { segments: Segment[] } | null }[];
  facets?: Record<string, { key: string; label: string; count: number; selected: boolean }[]>;
};
type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> | null } };

const pageIds = (html: string) => [...normaliseHtml(html).matchAll(/<h3[^>]*><a href="\/records\/(\d+)">/g)].map((m) => Number(m[1]));
const pageCount = (html: string) => Number(/data-testid="result-count"[^>]*>\s*([\d,]+)/.exec(html)?.[1]?.replace(/,/g, ''));

for (const dialect of testDialects()) {
  describe(`search API [${dialect}]`, () => {
    it('searches as the pages do: the same total, order and marked words, paged by the client, with facet counts on request', async (t) => {
      const app = await build(t, { dialect });
      await importMesh(app.db, [SAMPLE_MESH], { year: 2024 });
      const stored = await loadRecords(app.db, searchRecords());
      const page = await app.inject('/search?q=diabetes&sort=date&page=2');
      const response = await app.inject('/api/v1/search?q=diabetes&sort=date&page=2&limit=20');
      assert.equal(response.statusCode, 200);
      const body = response.json<Results>();
      assert.equal(body.total, pageCount(page.body));
      assert.deepEqual(body.items.map((i) => i.id), pageIds(page.body));
      const first = body.items[0]!;
      const record = stored.find((r) => r.id === first.id)!;
      assert.equal(first.title, record.title);
      assert.equal(first.titleSegments.map((s) => s.text).join(''), record.title);
      assert.ok(first.titleSegments.some((s) => s.match && /diabetes/i.test(s.text)), 'the matched word is marked');
      assert.equal(first.year, record.publicationDate.year);
      assert.equal(body.facets, undefined);

      const small = (await app.inject('/api/v1/search?q=diabetes&sort=date&limit=7&page=3')).json<Results>();
      const all = (await app.inject('/api/v1/search?q=diabetes&sort=date&limit=100')).json<Results>();
      assert.deepEqual(small.items.map((i) => i.id), all.items.slice(14, 21).map((i) => i.id));

      const faceted = (await app.inject('/api/v1/search?q=diabetes&facets=true&pt=review')).json<Results>();
      const reviews = faceted.facets?.publicationType?.find((v) => v.key === 'review');
      assert.ok(reviews?.selected);
      assert.equal(faceted.total, reviews?.count);
      assert.ok(faceted.total < body.total);
    });

    it('gives stable error codes with where a search went wrong', async (t) => {
      const app = await build(t, { dialect });
      await importMesh(app.db, [SAMPLE_MESH], { year: 2024 });
      await loadRecords(app.db, searchRecords());
      const syntax = await app.inject('/api/v1/search?q=' + encodeURIComponent('asthma AND\n(heart OR'));
      assert.equal(syntax.statusCode, 400);
      const error = syntax.json<ErrorBody>().error;
      assert.equal(error.code, 'query_syntax_error');
      assert.equal(error.details?.line, 2);
      assert.equal(typeof error.details?.column, 'number');
      assert.equal(typeof error.details?.offset, 'number');
      const unknown = (await app.inject('/api/v1/search?q=' + encodeURIComponent('Diabetis Melitus[mh]'))).json<ErrorBody>();
      assert.equal(unknown.error.code, 'query_resolution_failed');
      assert.equal((await app.inject('/api/v1/search')).json<ErrorBody>().error.code, 'validation_failed');
      assert.equal((await app.inject('/api/v1/search?q=x&limit=500')).json<ErrorBody>().error.code, 'validation_failed');
      const missing = await app.inject('/api/v1/records/99999999');
      assert.deepEqual([missing.statusCode, missing.json<ErrorBody>().error.code], [404, 'record_not_found']);
      const exportBroken = await app.inject('/api/v1/search/export?q=(diabetes');
      assert.deepEqual([exportBroken.statusCode, exportBroken.json<ErrorBody>().error.code], [400, 'query_syntax_error']);
    });

    it('returns one record, exports the whole set streamed, and lists the marked records', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadRecords(app.db, searchRecords());
      const full = stored.find((r) => r.pmid === '31000001')!;
      const one = (await app.inject(`/api/v1/records/${full.id}`)).json<{ id: number; title: string; doi: string; authors: { name: string }[]; mesh: unknown[] }>();
      assert.deepEqual([one.id, one.title, one.doi], [full.id, full.title, full.doi]);
      assert.deepEqual(one.authors.map((a) => a.name), ['Okafor C', 'Patel AR', 'KHUB Study Group']);

      const total = (await app.inject('/api/v1/search?q=diabetes')).json<Results>().total;
      const ris = await app.inject('/api/v1/search/export?q=diabetes&format=ris');
      assert.equal(ris.statusCode, 200);
      assert.match(String(ris.headers['content-disposition']), /filename="khub-search-[\d-]+\.ris"/);
      assert.equal(ris.headers['content-length'], undefined, 'streamed, not sized up front');
      assert.equal(ris.body.match(/^ER {2}- $/gm)?.length, total);
      const json = await app.inject('/api/v1/search/export?q=diabetes&format=csl-json&scope=page&limit=5&page=2');
      const items = JSON.parse(json.body) as { title: string }[];
      const second = (await app.inject('/api/v1/search?q=diabetes&limit=5&page=2')).json<Results>();
      assert.deepEqual(items.map((i) => i.title.replace(/\.$/, '')), second.items.map((i) => i.title.replace(/\.$/, '')));

      const agent = new TestAgent(app);
      await agent.get('/search?q=diabetes');
      const payload = new URLSearchParams({ _csrf: agent.csrfToken ?? '', action: 'mark', returnTo: '/search' });
      for (const id of [stored[4]!.id, stored[2]!.id]) payload.append('id', String(id));
      await agent.request({ method: 'POST', url: '/search/marked', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: payload.toString() });
      const marked = (await agent.get('/api/v1/marked')).json<{ total: number; items: { id: number; title: string }[] }>();
      assert.equal(marked.total, 2);
      assert.deepEqual(marked.items.map((i) => i.id), [stored[4]!.id, stored[2]!.id]);
      assert.deepEqual((await app.inject('/api/v1/marked')).json<{ total: number }>().total, 0, 'no session, no list');
    });

    it('lists the signed-in member’s search history by token, and refuses without one', async (t) => {
      const app = await build(t, { dialect });
      await loadRecords(app.db, searchRecords());
      const userId = await createUser(app.db);
      await addLine(app.db, `user:${userId}`, 'diabetes', databaseHistoryEngine(app.db));
      await addLine(app.db, `user:${userId}`, '#1 AND insulin', databaseHistoryEngine(app.db));
      await addLine(app.db, 'user:999', 'somebody else', databaseHistoryEngine(app.db));
      const { token } = await createApiToken(app.db, userId, 'tests');
      const history = await app.inject({ url: '/api/v1/search/history', headers: { authorization: `Bearer ${token}` } });
      assert.equal(history.statusCode, 200);
      const lines = history.json<{ items: { number: number; text: string; hits: number | null }[] }>().items;
      assert.deepEqual(lines.map((l) => [l.number, l.text]), [[1, 'diabetes'], [2, '#1 AND insulin']]);
      assert.ok((lines[0]?.hits ?? 0) > 0);
      const anonymous = await app.inject('/api/v1/search/history');
      assert.deepEqual([anonymous.statusCode, anonymous.json<ErrorBody>().error.code], [401, 'unauthenticated']);
    });

    it('describes every operation in the OpenAPI document with its error codes', async (t) => {
      const app = await build(t, { dialect });
      const doc = (await app.inject('/api/v1/openapi.json')).json<{ paths: Record<string, { get?: { responses: Record<string, { description?: string }> } }> }>();
      for (const path of ['/api/v1/search', '/api/v1/records/{id}', '/api/v1/search/export', '/api/v1/search/history', '/api/v1/marked']) {
        const operation = doc.paths[path]?.get;
        assert.ok(operation, `${path} is documented`);
        assert.ok(operation.responses['429'], `${path} documents its rate limit`);
      }
      assert.match(doc.paths['/api/v1/search']?.get?.responses['400']?.description ?? '', /query_syntax_error/);
      assert.match(doc.paths['/api/v1/search/history']?.get?.responses['401']?.description ?? '', /unauthenticated/);
    });
  });
}
