import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { normaliseHtml } from '../../../test/helpers/html.js';

describe('home page', () => {
  it('starts people on their way with links only to pages that exist', async (t) => {
    const app = await build(t);
    const response = await app.inject('/');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<h1>Evidence and library services for health and care staff<\/h1>/);
    const section = /data-testid="start-points">([\s\S]*?)<\/ul>/.exec(response.body)?.[1] ?? '';
    const links = [...section.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
    assert.ok(links.length >= 2, 'at least two start points');
    for (const href of links) assert.equal((await app.inject(href)).statusCode, 200, `${href} exists`);
  });

  it('has the NHS.UK header, a skip link to the main content and a footer', async (t) => {
    const app = await build(t);
    const body = normaliseHtml((await app.inject('/')).body);
    assert.match(body, /<a class="nhsuk-skip-link"[^>]*href="#maincontent"/);
    assert.match(body, /id="maincontent"/);
    assert.match(body, /class="nhsuk-header/);
    assert.match(body, /class="nhsuk-footer/);
    assert.match(body, /<html lang="en-GB">/);
  });

  it('links every footer link to a page that exists', async (t) => {
    const app = await build(t);
    const footer = /<footer[\s\S]*<\/footer>/.exec((await app.inject('/')).body)?.[0] ?? '';
    const links = [...footer.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1] ?? '');
    assert.ok(links.length >= 3);
    for (const href of links) assert.equal((await app.inject(href)).statusCode, 200, `${href} exists`);
  });

  it('serves the NHS.UK assets from our own origin', async (t) => {
    const app = await build(t);
    for (const path of ['/assets/nhsuk-frontend.min.css', '/assets/nhsuk-frontend.min.js', '/assets/khub.js', '/assets/khub.css', '/assets/images/favicon.svg', '/favicon.ico', '/assets/manifest.json']) {
      assert.equal((await app.inject(path)).statusCode, 200, path);
    }
  });
});
