import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser, expectAccessible } from '../../helpers/browser.js';
import { HomePage } from '../pages/home.page.js';

describeInBrowser('home page with a keyboard and on a small screen', (session) => {
  it('makes the skip link the first Tab stop, and Enter on it moves focus to the main content', async () => {
    const { page } = session;
    const home = await HomePage.open(page);

    await page.keyboard.press('Tab');
    assert.ok(await home.isFocused(home.skipLink), 'the first Tab focuses "Skip to main content"');
    assert.ok(await home.skipLink.isVisible(), 'the skip link shows when it has focus');
    await expectAccessible(page);

    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#maincontent');
    assert.equal(await home.focusedId(), 'maincontent', 'focus is on <main>, so the next Tab is inside it');
  });

  it('fits a 320 pixel wide screen without scrolling sideways (WCAG 1.4.10 reflow)', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 320, height: 640 });
    const home = await HomePage.open(page);

    const widths = await home.documentWidths();
    assert.ok(widths.scrollWidth <= widths.clientWidth, `content is ${widths.scrollWidth}px wide in a ${widths.clientWidth}px viewport`);
    assert.ok(await home.startPoints.isVisible(), 'the start points are still shown');
  });
});
