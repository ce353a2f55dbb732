import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { GOOD_PASSWORD, createOrganisation } from '../../helpers/factories.js';
import { SmtpSink, linkIn } from '../../helpers/smtp.js';
import { AccountPage, khubDate } from '../pages/account.page.js';
import { AccountHeader } from '../pages/account-header.js';
import { AccountReadyPage } from '../pages/account-ready.page.js';
import { CheckEmailPage } from '../pages/check-email.page.js';
import { HomePage } from '../pages/home.page.js';
import { RegisterPage } from '../pages/register.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { VerifyEmailPage } from '../pages/verify-email.page.js';

const DAY_MS = 86_400_000;
const smtp = new SmtpSink();

describeInBrowser(
  'registering with a work email address in a browser',
  (session) => {
    it('approves at once an address of the chosen organisation, confirmed from the emailed link', async () => {
      const { page, app } = session;
      await createOrganisation(app.db, { name: 'Riverside Hospitals NHS Foundation Trust', odsCode: 'RRV', domains: ['riverside.nhs.uk'], accountExpiryMonths: 24 });
      const header = new AccountHeader(page);

      await HomePage.open(page);
      await header.follow('Sign in');
      const signIn = await SignInPage.verifyOnPage(page);
      await signIn.followLink('Register for a khub account');
      const form = await RegisterPage.verifyOnPage(page);
      await form.fillIn({
        fullName: 'Grace Hopper',
        email: 'Grace.Hopper@Riverside.nhs.uk',
        organisation: 'Riverside Hospitals NHS Foundation Trust (RRV)',
        staffGroup: 'Medical and dental',
        jobTitle: 'Registrar',
        password: GOOD_PASSWORD,
      });
      assert.equal(await form.register(), 303);
      const checkEmail = await CheckEmailPage.verifyOnPage(page);
      assert.equal(await checkEmail.sentTo(), 'grace.hopper@riverside.nhs.uk', 'the address as stored, lower case');

      const mail = await smtp.waitForMessage({ to: 'grace.hopper@riverside.nhs.uk', subject: 'Confirm your email address for khub' });
      const link = linkIn(mail, '/verify-email');
      assert.equal(link.origin, session.baseUrl, 'the link opens this khub');
      await page.goto(link.href);
      const confirm = await VerifyEmailPage.verifyOnPage(page);
      assert.deepEqual(await confirm.summaryList(), { Name: 'Grace Hopper', Organisation: 'Riverside Hospitals NHS Foundation Trust' });
      assert.equal(await confirm.confirm(), 303);

      const ready = await AccountReadyPage.verifyOnPage(page);
      assert.equal(await header.signedInAs(), 'Grace Hopper', 'confirming signed the person in');
      await ready.followLink('See your account');
      const account = await AccountPage.verifyOnPage(page);
      assert.equal(await account.status(), 'Active');
      const { expires_at: expiresAt } = await app.db.selectFrom('user_account').select('expires_at').where('email', '=', 'grace.hopper@riverside.nhs.uk').executeTakeFirstOrThrow();
      assert.ok(expiresAt, 'an active account has an end date');
      const days = (Date.parse(expiresAt) - Date.now()) / DAY_MS;
      assert.ok(days > 725 && days < 735, `access lasts the organisation's 24 months, not ${days.toFixed(1)} days`);
      assert.equal(await account.accessUntil(), khubDate(expiresAt));
    });
  },
  { config: { runJobs: true }, beforeStart: async () => ({ smtpUrl: await smtp.start() }), afterStop: () => smtp.stop() },
);
