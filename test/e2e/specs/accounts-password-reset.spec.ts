import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { GOOD_PASSWORD, createOrganisation, createUser } from '../../helpers/factories.js';
import { SmtpSink, linkIn } from '../../helpers/smtp.js';
import { AccountPage } from '../pages/account.page.js';
import { AccountHeader } from '../pages/account-header.js';
import { CheckEmailPage } from '../pages/check-email.page.js';
import { ForgotPasswordPage } from '../pages/forgot-password.page.js';
import { HomePage } from '../pages/home.page.js';
import { ResetPasswordPage } from '../pages/reset-password.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { SignedOutPage } from '../pages/signed-out.page.js';

const EMAIL = 'rosalind.franklin@kingsway.nhs.uk';
const NEW_PASSWORD = 'copper-lantern-meadow-82';
const smtp = new SmtpSink();

describeInBrowser(
  'resetting a forgotten password in a browser',
  (session) => {
    it('emails a link, refuses a weak password with an error summary, and then only the new password signs in', async () => {
      const { page, app } = session;
      const organisationId = await createOrganisation(app.db, { domains: ['kingsway.nhs.uk'] });
      await createUser(app.db, { email: EMAIL, fullName: 'Rosalind Franklin', password: GOOD_PASSWORD, organisationId });
      const header = new AccountHeader(page);

      const signIn = await SignInPage.open(page);
      await signIn.followLink('Forgotten your password?');
      const forgot = await ForgotPasswordPage.verifyOnPage(page);
      assert.equal(await forgot.requestLink(EMAIL), 200);
      const checkEmail = await CheckEmailPage.verifyOnPage(page);
      assert.equal(await checkEmail.sentTo(), EMAIL);

      const mail = await smtp.waitForMessage({ to: EMAIL, subject: 'Reset your khub password' });
      await page.goto(linkIn(mail, '/reset-password').href);
      const reset = await ResetPasswordPage.verifyOnPage(page);
      assert.equal(await reset.choose('password123'), 400, 'a common password is refused');
      const weak = await ResetPasswordPage.verifyOnPage(page);
      const [problem, ...others] = await weak.expectErrors();
      assert.match(problem ?? '', /Choose a password that is harder to guess/);
      assert.deepEqual(others, []);
      assert.match(await weak.fieldError('password'), /^Error: .*Choose a password that is harder to guess/);

      assert.equal(await weak.choose(NEW_PASSWORD), 303, 'the same link still works after a refused password');
      const account = await AccountPage.verifyOnPage(page);
      assert.match(await account.successBanner.innerText(), /Your password has been changed/);
      assert.equal(await header.signedInAs(), 'Rosalind Franklin', 'choosing the password signed the person in');
      await smtp.waitForMessage({ to: EMAIL, subject: 'Your khub password has been changed' });

      await header.signOut();
      const signedOut = await SignedOutPage.verifyOnPage(page);
      await signedOut.followLink('Sign in again');
      const withOld = await SignInPage.verifyOnPage(page);
      assert.equal(await withOld.signIn(EMAIL, GOOD_PASSWORD), 400, 'the old password no longer works');
      const refused = await SignInPage.verifyOnPage(page);
      assert.deepEqual(await refused.expectErrors(), ['Enter a correct email address and password'], 'the same message as for an unknown address');
      assert.equal(await refused.signIn(EMAIL, NEW_PASSWORD), 303);
      await HomePage.verifyOnPage(page);
      assert.equal(await header.signedInAs(), 'Rosalind Franklin');
    });
  },
  { config: { runJobs: true }, beforeStart: async () => ({ smtpUrl: await smtp.start() }), afterStop: () => smtp.stop() },
);
