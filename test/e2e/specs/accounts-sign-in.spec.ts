import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { GOOD_PASSWORD, createOrganisation, createUser } from '../../helpers/factories.js';
import { AccountPage } from '../pages/account.page.js';
import { AccountHeader } from '../pages/account-header.js';
import { HomePage } from '../pages/home.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { SignedOutPage } from '../pages/signed-out.page.js';

const EMAIL = 'florence.nightingale@scutari.nhs.uk';

describeInBrowser('signing in and out in a browser', (session) => {
  it('explains an empty form and a wrong password accessibly, then signs in', async () => {
    const { page, app } = session;
    await createUser(app.db, { email: EMAIL, fullName: 'Florence Nightingale', password: GOOD_PASSWORD, organisationId: await createOrganisation(app.db) });
    const header = new AccountHeader(page);

    await HomePage.open(page);
    await header.follow('Sign in');
    const form = await SignInPage.verifyOnPage(page);
    assert.equal(await form.signIn('', ''), 400);
    const empty = await SignInPage.verifyOnPage(page);
    assert.deepEqual(await empty.expectErrors(), ['Enter your email address', 'Enter your password']);
    assert.equal(await empty.fieldError('password'), 'Error: Enter your password');

    assert.equal(await empty.signIn(EMAIL, 'not-my-password-at-all'), 400);
    const wrong = await SignInPage.verifyOnPage(page);
    assert.deepEqual(await wrong.expectErrors(), ['Enter a correct email address and password']);
    assert.equal(await wrong.email.inputValue(), EMAIL, 'the address is kept');
    assert.equal(await wrong.password.inputValue(), '', 'the password is never sent back');

    assert.equal(await wrong.signIn(EMAIL, GOOD_PASSWORD), 303);
    await HomePage.verifyOnPage(page);
    assert.equal(await header.signedInAs(), 'Florence Nightingale');
  });

  it('signs out from the header, after which the account page asks to sign in and returns there', async () => {
    const { page, app } = session;
    await createUser(app.db, { email: 'mary.seacole@spanishtown.nhs.uk', fullName: 'Mary Seacole', password: GOOD_PASSWORD, organisationId: await createOrganisation(app.db) });
    const header = new AccountHeader(page);
    const form = await SignInPage.open(page);
    assert.equal(await form.signIn('mary.seacole@spanishtown.nhs.uk', GOOD_PASSWORD), 303);
    await HomePage.verifyOnPage(page);

    await header.signOut();
    await SignedOutPage.verifyOnPage(page);
    assert.equal(await header.signedInAs(), undefined, 'the header no longer names anyone');
    await page.goto('/account');
    const signIn = await SignInPage.verifyOnPage(page);
    assert.equal(new URL(page.url()).searchParams.get('returnTo'), '/account', 'the session really ended');
    assert.equal(await signIn.signIn('mary.seacole@spanishtown.nhs.uk', GOOD_PASSWORD), 303);
    await AccountPage.verifyOnPage(page);
  });
});
