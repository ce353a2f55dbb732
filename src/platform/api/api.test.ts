import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> }; responses: Record<string, unknown> }>>;
}

describe('API platform', () => {
  it('describes itself at /api/v1', async (t) => {
    const app = await build(t);
    const body = (await app.inject('/api/v1')).json<{ name: string; links: { openapi: string } }>();
    assert.equal(body.name, 'khub');
    assert.equal(body.links.openapi, '/api/v1/openapi.json');
  });

  it('publishes an OpenAPI 3.1 document with only the versioned API in it', async (t) => {
    const app = await build(t);
    const response = await app.inject('/api/v1/openapi.json');
    assert.equal(response.statusCode, 200);
    const doc = response.json<OpenApiDocument>();
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.title, 'khub API');
    const paths = Object.keys(doc.paths);
    assert.ok(paths.includes('/api/v1/feedback'));
    assert.ok(paths.every((p) => p.startsWith('/api/v1')), `only API paths, got ${paths.join(', ')}`);
    const post = doc.paths['/api/v1/feedback']?.post;
    assert.deepEqual(post?.requestBody?.content['application/json']?.schema.required?.sort(), ['comments', 'rating']);
    assert.ok(post?.responses['201'] && post.responses['400']);
  });

  it('renders a readable, NHS-styled docs page listing every operation and error code', async (t) => {
    const app = await build(t);
    const page = await app.inject('/api/v1/docs');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>khub API<\/h1>/);
    assert.match(page.body, /POST <span class="khub-api-path">\/api\/v1\/feedback<\/span>/);
    assert.match(page.body, /validation_failed/);
    assert.match(page.body, /rate_limited/);
  });

  it('rate-limits clients that send too many requests', async (t) => {
    const app = await build(t);
    let last = 0;
    for (let i = 0; i < 601; i += 1) last = (await app.inject('/api/v1')).statusCode;
    assert.equal(last, 429);
    const limited = await app.inject('/api/v1');
    assert.equal(limited.json<{ error: { code: string } }>().error.code, 'rate_limited');
  });
});
