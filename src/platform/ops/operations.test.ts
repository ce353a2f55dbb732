import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';

for (const dialect of testDialects()) {
  describe(`operations endpoints [${dialect}]`, () => {
    it('reports alive on /healthz and ready on /readyz when the database answers', async (t) => {
      const app = await build(t, { dialect });
      assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready', checks: { database: 'ok' } });
    });
  });
}

describe('operations endpoints without a database', () => {
  it('answers /readyz with 503 and stays up when the database is unreachable', async (t) => {
    // Nothing listens on port 1: every connection attempt is refused.
    const app = await buildApp(testConfig({ databaseUrl: 'postgres://khub@127.0.0.1:1/khub' }), { migrate: false });
    t.after(() => app.close());
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(ready.json(), { status: 'unavailable', checks: { database: 'unreachable' } });
    assert.equal((await app.inject('/healthz')).statusCode, 200);
    assert.equal((await app.inject('/readyz')).statusCode, 503, 'the process keeps answering after the failure');
  });
});

describe('/metrics', () => {
  it('serves Prometheus text with request counts by route pattern', async (t) => {
    const app = await build(t);
    await app.inject('/healthz');
    await app.inject('/no-such-page');
    const metrics = await app.inject('/metrics');
    assert.equal(metrics.statusCode, 200);
    assert.match(String(metrics.headers['content-type']), /^text\/plain/);
    assert.match(metrics.body, /khub_http_requests_total\{method="GET",route="\/healthz",status_code="200"\} 1/);
    assert.match(metrics.body, /khub_http_requests_total\{method="GET",route="not_found",status_code="404"\} 1/);
    assert.match(metrics.body, /# TYPE khub_process_cpu_seconds_total counter/);
  });
});

describe('request ids', () => {
  it('keeps a sane incoming x-request-id and shows it on error pages', async (t) => {
    const app = await build(t);
    const response = await app.inject({ url: '/no-such-page', headers: { 'x-request-id': 'abc-123' } });
    assert.match(response.body, /data-testid="request-id">abc-123</);
  });

  it('replaces an unsafe incoming x-request-id with a fresh one', async (t) => {
    const app = await build(t);
    const response = await app.inject({ url: '/no-such-page', headers: { 'x-request-id': '<script>' } });
    assert.doesNotMatch(response.body, /&lt;script&gt;|<script>/);
    assert.match(response.body, /data-testid="request-id">[0-9a-f-]{36}</);
  });
});
