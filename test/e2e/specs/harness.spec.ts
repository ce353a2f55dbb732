import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser, expectAccessible } from '../../helpers/browser.js';
import { PageWatch } from '../support/page-watch.js';

// The journeys trust the harness to notice broken pages. These tests break a page on purpose (in
// the browser only; the app is untouched) and check the harness says so, so a Chromium upgrade
// that changes how it reports things cannot quietly turn the checks off.
describeInBrowser('the browser test harness', (session) => {
  async function watchedPage(path: string) {
    const page = await session.page.context().newPage();
    const watch = new PageWatch(page, session.baseUrl);
    await page.goto(path);
    return { page, watch };
  }

  it('tolerates the NHS font host that the CSP blocks on purpose', async () => {
    const { page, watch } = await watchedPage('/accessibility');
    await expectAccessible(page);
    await watch.assertClean();
    assert.ok(
      watch.expectedBlocks.some((url) => url.startsWith('https://assets.nhs.uk/fonts/')),
      'the page did ask for the NHS font, and the CSP blocked it',
    );
  });

  it('fails on an inline script, a broken request to our origin, a script from another host and a JavaScript error', async () => {
    const { page, watch } = await watchedPage('/accessibility');
    await page.evaluate(`{
      const inline = document.createElement('script'); inline.textContent = '1'; document.body.append(inline);
      const img = document.createElement('img'); img.src = '/assets/no-such-image.png'; img.alt = ''; document.body.append(img);
      const cdn = document.createElement('script'); cdn.src = 'https://cdn.example.com/x.js'; document.body.append(cdn);
      setTimeout(() => { throw new Error('deliberate'); });
    }`);
    await page.waitForTimeout(200);
    await expectAccessible(page);
    await assert.rejects(watch.assertClean(), (error: Error) => {
      assert.match(error.message, /CSP blocked inline \(script-src-elem\)/);
      assert.match(error.message, /404 for GET \/assets\/no-such-image\.png/);
      assert.match(error.message, /script from another host failed \(csp\): https:\/\/cdn\.example\.com\/x\.js/);
      assert.match(error.message, /JavaScript error: deliberate/);
      return true;
    });
  });

  it('fails on a page visited without an accessibility check, and lists axe violations readably', async () => {
    const { page, watch } = await watchedPage('/accessibility');
    await assert.rejects(watch.assertClean(), /\/accessibility was visited without an accessibility check/);

    await page.evaluate(`document.querySelector('h1').after(Object.assign(document.createElement('img'), { src: '/assets/images/favicon.svg' }))`);
    await assert.rejects(expectAccessible(page), (error: Error) => {
      assert.match(error.message, /1 accessibility violation\(s\):\n {2}image-alt \(critical\): Images must have alternative text/);
      assert.match(error.message, /- img\n/);
      return true;
    });
  });
});
