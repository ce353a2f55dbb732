import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { GOOD_PASSWORD, createOrganisation, createUser } from '../../helpers/factories.js';
import { SmtpSink, linkIn } from '../../helpers/smtp.js';
import { AccountPage, khubDate } from '../pages/account.page.js';
import { AccountHeader } from '../pages/account-header.js';
import { AdminPage } from '../pages/admin.page.js';
import { CheckEmailPage } from '../pages/check-email.page.js';
import { HomePage } from '../pages/home.page.js';
import { JoinRequestPage } from '../pages/join-request.page.js';
import { JoinRequestsPage } from '../pages/join-requests.page.js';
import { RegisterPage } from '../pages/register.page.js';
import { RequestSentPage } from '../pages/request-sent.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { SignedOutPage } from '../pages/signed-out.page.js';
import { VerifyEmailPage } from '../pages/verify-email.page.js';

const ORGANISATION = 'Northgate Community Healthcare NHS Trust';
const ADMIN = 'ada.lovelace@northgate.nhs.uk';
const PERSON = 'sam.okafor@example.org';
const smtp = new SmtpSink();

describeInBrowser(
  'joining an organisation with an address it does not recognise, in a browser',
  (session) => {
    it("waits for the organisation admin's approval, then emails the person, who signs in with an active account", async () => {
      const { page, app } = session;
      const organisationId = await createOrganisation(app.db, { name: ORGANISATION, odsCode: 'RNG', domains: ['northgate.nhs.uk'] });
      await createUser(app.db, { email: ADMIN, fullName: 'Ada Lovelace', password: GOOD_PASSWORD, organisationId, roles: [{ role: 'org_admin', scopeId: organisationId }] });
      const header = new AccountHeader(page);

      // The person registers with a personal address, so the organisation's admins must check them.
      await page.goto('/register');
      const form = await RegisterPage.verifyOnPage(page);
      await form.fillIn({ fullName: 'Sam Okafor', email: PERSON, organisation: `${ORGANISATION} (RNG)`, staffGroup: 'Student on placement', jobTitle: 'Student nurse', password: GOOD_PASSWORD });
      assert.equal(await form.register(), 303);
      await CheckEmailPage.verifyOnPage(page);
      const verification = await smtp.waitForMessage({ to: PERSON, subject: 'Confirm your email address for khub' });
      await page.goto(linkIn(verification, '/verify-email').href);
      assert.equal(await (await VerifyEmailPage.verifyOnPage(page)).confirm(), 303);
      const sent = await RequestSentPage.verifyOnPage(page);
      await sent.followLink('your account page');
      const pending = await AccountPage.verifyOnPage(page);
      assert.equal(await pending.status(), 'Waiting for approval');
      assert.match(await pending.statusMessage.innerText(), new RegExp(`Your request to join ${ORGANISATION} is waiting for its account administrators`));
      assert.equal(await pending.accessUntil(), 'Not set until your account is approved');
      await header.signOut();
      const signedOut = await SignedOutPage.verifyOnPage(page);

      // The admin is emailed, signs in and approves the request from the queue.
      const waiting = await smtp.waitForMessage({ to: ADMIN, subject: `A request to join ${ORGANISATION} is waiting for a decision` });
      const requestLink = linkIn(waiting, /^\/admin\/join-requests\/\d+$/);
      await signedOut.followLink('Sign in again');
      const adminSignIn = await SignInPage.verifyOnPage(page);
      assert.equal(await adminSignIn.signIn(ADMIN, GOOD_PASSWORD), 303);
      await HomePage.verifyOnPage(page);
      await header.follow('Admin');
      const admin = await AdminPage.verifyOnPage(page);
      await admin.followLink('Join requests');
      const queue = await JoinRequestsPage.verifyOnPage(page);
      await queue.followLink('Sam Okafor');
      const request = await JoinRequestPage.verifyOnPage(page, 'Sam Okafor');
      assert.equal(page.url(), requestLink.href, "the admin's email links to this request");
      const details = await request.summaryList();
      assert.deepEqual([details['Email address'], details['Email domain'], details['Staff group']], [PERSON, 'example.org', 'Student on placement']);
      assert.equal(await request.approve(), 303);
      const decided = await JoinRequestsPage.verifyOnPage(page, ORGANISATION);
      assert.match(await decided.notice.innerText(), /Sam Okafor's request has been approved/);
      assert.ok(await decided.empty.isVisible(), 'nothing is left waiting');
      await header.signOut();
      await SignedOutPage.verifyOnPage(page);

      // The person is told, and signs in from the email's link to an active account.
      const { expires_at: expiresAt } = await app.db.selectFrom('user_account').select('expires_at').where('email', '=', PERSON).executeTakeFirstOrThrow();
      assert.ok(expiresAt, 'approval sets the date access ends');
      const approved = await smtp.waitForMessage({ to: PERSON, subject: 'Your khub account has been approved' });
      assert.match(approved.text, new RegExp(`Your access lasts until ${khubDate(expiresAt)}\\.`));
      await page.goto(linkIn(approved, '/sign-in').href);
      const signIn = await SignInPage.verifyOnPage(page);
      assert.equal(await signIn.signIn(PERSON, GOOD_PASSWORD), 303);
      await HomePage.verifyOnPage(page);
      await header.follow('Sam Okafor');
      const active = await AccountPage.verifyOnPage(page);
      assert.equal(await active.status(), 'Active');
      assert.equal(await active.accessUntil(), khubDate(expiresAt));
      assert.equal(await active.statusMessage.count(), 0, 'no "waiting" message any more');
    });
  },
  { config: { runJobs: true }, beforeStart: async () => ({ smtpUrl: await smtp.start() }), afterStop: () => smtp.stop() },
);
