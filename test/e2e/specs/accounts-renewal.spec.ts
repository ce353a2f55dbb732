import assert from 'node:assert/strict';
import { it } from 'node:test';
import { EXPIRE_JOB } from '../../../src/modules/accounts/lifecycle.jobs.js';
import { describeInBrowser } from '../../helpers/browser.js';
import { GOOD_PASSWORD, createOrganisation, createUser } from '../../helpers/factories.js';
import { SmtpSink, linkIn } from '../../helpers/smtp.js';
import { AccountPage, khubDate } from '../pages/account.page.js';
import { AccountHeader } from '../pages/account-header.js';
import { HomePage } from '../pages/home.page.js';
import { RenewPage } from '../pages/renew.page.js';
import { RenewedPage } from '../pages/renewed.page.js';
import { SignInPage } from '../pages/sign-in.page.js';

const DAY_MS = 86_400_000;
const smtp = new SmtpSink();

describeInBrowser(
  'renewing an account in a browser',
  (session) => {
    /** The date the person's access now ends, checked to be the organisation's 12 months from today. */
    async function newExpiry(email: string): Promise<string> {
      const { expires_at: expiresAt } = await session.app.db.selectFrom('user_account').select('expires_at').where('email', '=', email).executeTakeFirstOrThrow();
      assert.ok(expiresAt, 'a renewed account has an end date');
      const days = (Date.parse(expiresAt) - Date.now()) / DAY_MS;
      assert.ok(days > 360 && days < 370, `renewing gives the organisation's 12 months from today, not ${days.toFixed(1)} days`);
      return khubDate(expiresAt);
    }

    it('prompts a person whose access ends in 10 days to renew, and shows the new date once they confirm', async () => {
      const { page, app } = session;
      const email = 'mary.seacole@renewals.nhs.uk';
      const endsAt = new Date(Date.now() + 10 * DAY_MS).toISOString();
      const organisationId = await createOrganisation(app.db, { accountExpiryMonths: 12 });
      await createUser(app.db, { email, fullName: 'Mary Seacole', password: GOOD_PASSWORD, organisationId, expiresAt: endsAt });
      const header = new AccountHeader(page);

      const signIn = await SignInPage.open(page);
      assert.equal(await signIn.signIn(email, GOOD_PASSWORD), 303);
      await HomePage.verifyOnPage(page);
      await header.follow('Mary Seacole');
      const account = await AccountPage.verifyOnPage(page);
      assert.equal(await account.accessUntil(), khubDate(endsAt));
      assert.equal(await account.renewPrompt.innerText(), `Your access ends on ${khubDate(endsAt)}. Renew it now by confirming you are still eligible.`);

      await account.followLink('Renew it now');
      const renew = await RenewPage.verifyOnPage(page);
      assert.equal(await renew.introduction.innerText(), `Mary Seacole, your account lasts until ${khubDate(endsAt)}. Confirm you are still eligible to keep using khub.`);
      assert.equal(await renew.confirmAndRenew(), 303);
      const renewed = await RenewedPage.verifyOnPage(page);
      const until = await newExpiry(email);
      assert.equal(await renewed.message(), `Your access now lasts until ${until}.`);
      const confirmation = await smtp.waitForMessage({ to: email, subject: 'Your khub account has been renewed' });
      assert.match(confirmation.text, new RegExp(`now lasts until ${until}\\.`));

      await renewed.followLink('Go to your account');
      const after = await AccountPage.verifyOnPage(page);
      assert.equal(await after.accessUntil(), until);
      assert.equal(await after.renewPrompt.count(), 0, 'no prompt once renewed');
    });

    it('lets a person whose access has expired renew from the emailed link without signing in, then sign in again', async () => {
      const { page, app } = session;
      const email = 'edith.cavell@renewals.nhs.uk';
      const endedAt = new Date(Date.now() - DAY_MS).toISOString();
      const organisationId = await createOrganisation(app.db, { accountExpiryMonths: 12 });
      await createUser(app.db, { email, fullName: 'Edith Cavell', password: GOOD_PASSWORD, organisationId, expiresAt: endedAt });

      // What the daily 06:00 run does: suspend accounts whose access has ended and email each a renewal link.
      await app.jobs.enqueue(EXPIRE_JOB, {});
      const expired = await smtp.waitForMessage({ to: email, subject: 'Your khub account has expired' });
      const suspended = await app.db.selectFrom('user_account').select(['status', 'status_reason']).where('email', '=', email).executeTakeFirstOrThrow();
      assert.deepEqual(suspended, { status: 'suspended', status_reason: 'expired' });

      await page.goto(linkIn(expired, '/account/renew').href);
      const renew = await RenewPage.verifyOnPage(page);
      assert.match(await renew.introduction.innerText(), new RegExp(`^Edith Cavell, your account expired on ${khubDate(endedAt)}\\.`));
      assert.equal(await renew.confirmAndRenew(), 303);
      const renewed = await RenewedPage.verifyOnPage(page);
      const until = await newExpiry(email);
      assert.equal(await renewed.message(), `Your access now lasts until ${until}.`);

      await renewed.followLink('Sign in to khub');
      const signIn = await SignInPage.verifyOnPage(page);
      assert.equal(await signIn.signIn(email, GOOD_PASSWORD), 303);
      await HomePage.verifyOnPage(page);
      const account = await AccountPage.open(page);
      assert.equal(await account.status(), 'Active');
      assert.equal(await account.accessUntil(), until);
    });
  },
  { config: { runJobs: true }, beforeStart: async () => ({ smtpUrl: await smtp.start() }), afterStop: () => smtp.stop() },
);
