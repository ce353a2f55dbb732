import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { FeedbackPage } from '../pages/feedback.page.js';
import { HomePage } from '../pages/home.page.js';
import { ThankYouPage } from '../pages/thank-you.page.js';

describeInBrowser('giving feedback in a browser', (session) => {
  it('goes from the home page through the error summary to the thank-you page', async () => {
    const { page } = session;
    const home = await HomePage.open(page);
    await home.followStartPoint('Give feedback about khub');
    const form = await FeedbackPage.verifyOnPage(page);

    assert.equal(await form.send(), 400, 'an empty form is refused');
    const withErrors = await FeedbackPage.verifyShowingErrors(page);
    assert.ok(await withErrors.isFocused(withErrors.errorSummary), 'the error summary takes focus so it is read out first');
    assert.deepEqual(await withErrors.errorLinks(), [
      { text: 'Select how satisfied you are with khub', href: '#rating' },
      { text: 'Enter your feedback', href: '#comments' },
    ]);

    await withErrors.followErrorLink('Enter your feedback');
    assert.equal(await withErrors.focusedId(), 'comments', 'the link puts the cursor in the comments box');
    assert.equal(await withErrors.fieldError('comments'), 'Error: Enter your feedback');
    await withErrors.followErrorLink('Select how satisfied you are with khub');
    assert.equal(await withErrors.focusedId(), 'rating', 'the link focuses the first rating option');
    await withErrors.expectAccessible();

    await withErrors.fillIn({ rating: 'Very satisfied', comments: 'Found the evidence I needed quickly.' });
    assert.equal(await withErrors.send(), 303, 'a valid form redirects after saving');
    await ThankYouPage.verifyOnPage(page);
    assert.equal(new URL(page.url()).pathname, '/feedback/thank-you');
  });

  it('keeps the answers and links to the email field when the address is wrong', async () => {
    const { page } = session;
    await page.goto('/feedback');
    const form = await FeedbackPage.verifyOnPage(page);
    await form.fillIn({ rating: 'Dissatisfied', comments: 'The search was slow.', email: 'not-an-address' });

    assert.equal(await form.send(), 400);
    const withErrors = await FeedbackPage.verifyShowingErrors(page);
    const [emailError] = await withErrors.errorLinks();
    assert.equal(emailError?.href, '#email');
    assert.equal(await withErrors.comments.inputValue(), 'The search was slow.', 'comments are kept');
    assert.ok(await page.getByRole('radio', { name: 'Dissatisfied', exact: true }).isChecked(), 'the rating is kept');

    await withErrors.followErrorLink(emailError?.text ?? '');
    assert.equal(await withErrors.focusedId(), 'email');
  });
});
