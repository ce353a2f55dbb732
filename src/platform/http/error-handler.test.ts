import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers/build-app.js';
import { ConflictError } from './errors.js';

function faultyRoutes(app: FastifyInstance): void {
  app.get('/test/crash', async () => {
    throw new Error('database password is hunter2');
  });
  app.get('/api/v1/test/crash', async () => {
    throw new Error('secret detail');
  });
  app.get('/api/v1/test/conflict', async () => {
    throw new ConflictError('library_exists', 'A library with that name exists.');
  });
}

describe('error pages', () => {
  it('renders an NHS-style 404 page for an unknown page', async (t) => {
    const app = await build(t);
    const response = await app.inject('/no/such/page');
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(response.body, /<h1>Page not found<\/h1>/);
    assert.match(response.body, /nhsuk-header/);
  });

  it('answers an unknown API path with JSON', async (t) => {
    const app = await build(t);
    const response = await app.inject('/api/v1/nothing-here');
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), {
      error: { code: 'not_found', message: 'No page or resource at GET /api/v1/nothing-here', details: null },
    });
  });

  it('renders the 500 page without internals in production', async (t) => {
    const app = await build(t, { config: { env: 'production' }, routes: faultyRoutes });
    const response = await app.inject('/test/crash');
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Sorry, there is a problem with the service/);
    assert.doesNotMatch(response.body, /hunter2/);
  });

  it('shows the stack on the 500 page in development only', async (t) => {
    const app = await build(t, { config: { env: 'development' }, routes: faultyRoutes });
    assert.match((await app.inject('/test/crash')).body, /hunter2/);
  });

  it('answers an API fault with internal_error and no detail', async (t) => {
    const app = await build(t, { routes: faultyRoutes });
    const response = await app.inject('/api/v1/test/crash');
    assert.equal(response.statusCode, 500);
    assert.deepEqual(response.json(), { error: { code: 'internal_error', message: 'Something went wrong on our side.', details: null } });
  });

  it('shows a conflict page with what already happened', async (t) => {
    const app = await build(t, {
      routes: (a) => {
        a.get('/test/conflict', async () => {
          throw new ConflictError('conflict', 'This request was already approved.');
        });
      },
    });
    const response = await app.inject('/test/conflict');
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /This cannot be done now/);
    assert.match(response.body, /This request was already approved\./);
  });

  it('maps an AppError to its status and stable code', async (t) => {
    const app = await build(t, { routes: faultyRoutes });
    const response = await app.inject('/api/v1/test/conflict');
    assert.equal(response.statusCode, 409);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'library_exists');
  });
});

describe('security headers', () => {
  it('sends a strict content security policy with no inline script allowed', async (t) => {
    const app = await build(t);
    const response = await app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.doesNotMatch(response.body, /<script>|<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script element on the page');
  });

  it('sends HSTS in production only', async (t) => {
    const dev = await build(t);
    assert.equal((await dev.inject('/')).headers['strict-transport-security'], undefined);
    const prod = await build(t, { config: { env: 'production' } });
    assert.match(String((await prod.inject('/')).headers['strict-transport-security']), /max-age=31536000/);
  });
});
