import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { testDialects } from '../../../test/helpers/databases.js';

const valid = { rating: 'satisfied', comments: 'Found the form easily.', email: '' };

for (const dialect of testDialects()) {
  describe(`feedback [${dialect}]`, () => {
    it('shows the form with a CSRF token and the page it came from', async (t) => {
      const agent = new TestAgent(await build(t, { dialect }));
      const page = await agent.get('/feedback?from=/accessibility');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Give feedback about khub<\/h1>/);
      assert.match(page.body, /name="page" value="\/accessibility"/);
      assert.ok(agent.csrfToken, 'the form carries a CSRF token');
      assert.ok(agent.cookies.has('khub_session'), 'a session is started for the token');
    });

    it('stores valid feedback and redirects to the thank-you page', async (t) => {
      const app = await build(t, { dialect });
      const agent = new TestAgent(app);
      await agent.get('/feedback?from=/');
      const response = await agent.submit('/feedback', { ...valid, page: '/' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/feedback/thank-you');
      const rows = await app.db.selectFrom('feedback').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.comments, 'Found the form easily.');
      assert.equal(rows[0]?.email, null);
      assert.equal(rows[0]?.page, '/');
      assert.match((await agent.get('/feedback/thank-you')).body, /Thank you for your feedback/);
    });

    it('re-shows the form with an error summary, keeps the input and writes nothing when fields are missing or wrong', async (t) => {
      const app = await build(t, { dialect });
      const agent = new TestAgent(app);
      await agent.get('/feedback');
      const response = await agent.submit('/feedback', { comments: '   ', email: 'not-an-email' });
      assert.equal(response.statusCode, 400);
      const html = normaliseHtml(response.body);
      assert.match(html, /<title>Error: /);
      assert.match(html, /There is a problem/);
      assert.match(html, /href="#rating">Select how satisfied you are with khub</);
      assert.match(html, /href="#comments">Enter your feedback</);
      assert.match(html, /href="#email">Enter an email address in the correct format/);
      assert.match(html, /id="rating" name="rating" type="radio"/, 'the summary link target exists');
      assert.match(html, /value="not-an-email"/);
      assert.equal((await app.db.selectFrom('feedback').selectAll().execute()).length, 0);
    });

    it('refuses a form without a valid CSRF token and writes nothing', async (t) => {
      const app = await build(t, { dialect });
      const agent = new TestAgent(app);
      await agent.get('/feedback');
      const noToken = await agent.submit('/feedback', valid, { csrf: false });
      assert.equal(noToken.statusCode, 403);
      assert.match(noToken.body, /This form has expired/);
      const forged = await agent.submit('/feedback', { ...valid, _csrf: 'forged' }, { csrf: false });
      assert.equal(forged.statusCode, 403);
      const stranger = await new TestAgent(app).submit('/feedback', valid, { csrf: false });
      assert.equal(stranger.statusCode, 403);
      assert.equal((await app.db.selectFrom('feedback').selectAll().execute()).length, 0);
    });

    it('accepts feedback as JSON from the API', async (t) => {
      const app = await build(t, { dialect });
      const response = await app.inject({ method: 'POST', url: '/api/v1/feedback', payload: { rating: 'dissatisfied', comments: 'Slow search.' } });
      assert.equal(response.statusCode, 201);
      const { id } = response.json<{ id: number }>();
      const row = await app.db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
      assert.equal(row?.rating, 'dissatisfied');
    });

    it('answers invalid API input with field errors and writes nothing', async (t) => {
      const app = await build(t, { dialect });
      const response = await app.inject({ method: 'POST', url: '/api/v1/feedback', payload: { rating: 'meh', email: 'x' } });
      assert.equal(response.statusCode, 400);
      const { error } = response.json<{ error: { code: string; details: { field: string; message: string }[] } }>();
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.details.map((d) => d.field).sort(), ['comments', 'email', 'rating']);
      assert.equal((await app.db.selectFrom('feedback').selectAll().execute()).length, 0);
    });
  });
}

describe('feedback API input faults', () => {
  it('answers malformed JSON with invalid_json', async (t) => {
    const app = await build(t);
    const response = await app.inject({ method: 'POST', url: '/api/v1/feedback', headers: { 'content-type': 'application/json' }, payload: '{"rating": "satisfied",' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'invalid_json');
  });

  it('answers a body over the limit with 413 and writes nothing', async (t) => {
    const app = await build(t);
    const payload = JSON.stringify({ rating: 'satisfied', comments: 'x'.repeat(2 * 1024 * 1024) });
    const response = await app.inject({ method: 'POST', url: '/api/v1/feedback', headers: { 'content-type': 'application/json' }, payload });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'payload_too_large');
    assert.equal((await app.db.selectFrom('feedback').selectAll().execute()).length, 0);
  });

  it('requires a CSRF token when an API call carries a session cookie', async (t) => {
    const app = await build(t);
    const agent = new TestAgent(app);
    await agent.get('/feedback');
    const response = await agent.request({ method: 'POST', url: '/api/v1/feedback', payload: { rating: 'satisfied', comments: 'hi' } });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'csrf_token_invalid');
    const withHeader = await agent.request({
      method: 'POST',
      url: '/api/v1/feedback',
      headers: { 'x-csrf-token': agent.csrfToken ?? '' },
      payload: { rating: 'satisfied', comments: 'hi' },
    });
    assert.equal(withHeader.statusCode, 201);
  });
});
