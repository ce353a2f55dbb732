import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import type { Environment } from '../../config.js';

async function buildIn(t: TestContext, env: Environment) {
  const outboxDir = await mkdtemp(join(tmpdir(), 'khub-outbox-'));
  t.after(() => rm(outboxDir, { recursive: true, force: true }));
  return build(t, { config: { env, runJobs: false, smtpUrl: '', outboxDir } });
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('development outbox pages', () => {
  it('lists queued messages newest first with accessible headers and links', async (t) => {
    const app = await buildIn(t, 'development');
    await app.mail.queue({ to: 'first@example.com', subject: 'First message', text: 'one' });
    const second = await app.mail.queue({ to: 'second@example.com', subject: 'Second <message>', text: 'two' });
    const response = await app.inject({ method: 'GET', url: '/dev/outbox' });

    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.equal(count(html, /<h1[\s>]/g), 1);
    assert.match(html, /<th[^>]*scope="col"[^>]*>\s*To\s*<\/th>/);
    assert.ok(html.indexOf('Second &lt;message&gt;') < html.indexOf('First message'), 'newest first');
    assert.match(html, new RegExp(`href="/dev/outbox/${second}">View<span class="nhsuk-u-visually-hidden"> message ${second}: Second &lt;message&gt;</span>`));
    assert.match(html, /Queued/);
  });

  it('says so when the outbox is empty', async (t) => {
    const app = await buildIn(t, 'development');
    const response = await app.inject({ method: 'GET', url: '/dev/outbox' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /data-testid="outbox-empty"/);
  });

  it('shows one message’s headers and text, and its HTML only as escaped source', async (t) => {
    const app = await buildIn(t, 'development');
    const id = await app.mail.queue({
      to: 'reader@example.com',
      subject: 'Welcome to khub',
      text: 'Your account is ready.',
      html: '<p onclick="alert(1)">Your account is <script>alert(2)</script>ready.</p>',
      headers: { 'List-Unsubscribe': '<https://khub.example/unsubscribe?a=1&b=2>' },
    });
    await app.jobs.runDue();
    const response = await app.inject({ method: 'GET', url: `/dev/outbox/${id}` });

    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.equal(count(html, /<h1[\s>]/g), 1);
    assert.match(html, /<h1>Welcome to khub<\/h1>/);
    assert.match(html, /reader@example\.com/);
    assert.match(html, /no-reply@khub\.localhost/, 'the sender');
    assert.match(html, /Sent/);
    assert.match(normaliseHtml(html), /<dt class="nhsuk-summary-list__key">\s*List-Unsubscribe\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*&lt;https:\/\/khub\.example\/unsubscribe\?a=1&amp;b=2&gt;\s*<\/dd>/, 'extra headers, escaped');
    assert.match(html, /data-testid="outbox-text">Your account is ready\.<\/pre>/);
    assert.match(html, /&lt;p onclick=&quot;alert\(1\)&quot;&gt;Your account is &lt;script&gt;alert\(2\)&lt;\/script&gt;ready\.&lt;\/p&gt;/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<p onclick/);
  });

  it('answers 404 for a message that does not exist', async (t) => {
    const app = await buildIn(t, 'development');
    const missing = await app.inject({ method: 'GET', url: '/dev/outbox/999' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /<h1>Page not found<\/h1>/);
    assert.equal((await app.inject({ method: 'GET', url: '/dev/outbox/abc' })).statusCode, 404);
  });

  for (const env of ['test', 'production'] as const) {
    it(`does not exist in ${env}`, async (t) => {
      const app = await buildIn(t, env);
      const id = await app.mail.queue({ to: 'reader@example.com', subject: 'Hidden', text: 'x' });
      assert.equal((await app.inject({ method: 'GET', url: '/dev/outbox' })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: `/dev/outbox/${id}` })).statusCode, 404);
    });
  }
});
