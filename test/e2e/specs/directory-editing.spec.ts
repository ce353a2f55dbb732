import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { seedDirectory } from '../../helpers/directory/seed.js';
import { GOOD_PASSWORD, createOrganisation, createUser } from '../../helpers/factories.js';
import { SmtpSink } from '../../helpers/smtp.js';
import { AccountHeader } from '../pages/account-header.js';
import { LibraryAdminPage } from '../pages/library-admin.page.js';
import { LibraryCorrectionPage, LibraryCorrectionSentPage } from '../pages/library-correction.page.js';
import { LibraryEditPage } from '../pages/library-edit.page.js';
import { LibraryFinderPage } from '../pages/library-finder.page.js';
import { LibraryCorrectionsPage, LibraryOrganisationsServedPage, LibrarySiteRemovePage } from '../pages/library-manage.page.js';
import { LibraryRefusedPage } from '../pages/library-refused.page.js';
import { LibrarySiteEditPage } from '../pages/library-site-edit.page.js';
import { LibraryPage } from '../pages/library.page.js';
import { SignInPage } from '../pages/sign-in.page.js';

const SERVICE = 'Bodleian Health Care Libraries';
const MANAGER = 'ada.manager@ouh.nhs.uk';
const OTHER_MANAGER = 'cam.manager@cuh.nhs.uk';
const ADMIN = 'pat.admin@khub.example';
const smtp = new SmtpSink();

describeInBrowser(
  'keeping a library entry current in a browser',
  (session) => {
    before(async () => {
      const { app } = session;
      await seedDirectory(app.db);
      const organisationId = await createOrganisation(app.db);
      await createUser(app.db, { email: MANAGER, fullName: 'Ada Manager', password: GOOD_PASSWORD, organisationId, roles: [{ role: 'service_manager', scopeId: 1 }] });
      await createUser(app.db, { email: OTHER_MANAGER, fullName: 'Cam Manager', password: GOOD_PASSWORD, organisationId, roles: [{ role: 'service_manager', scopeId: 2 }] });
      await createUser(app.db, { email: ADMIN, fullName: 'Pat Admin', password: GOOD_PASSWORD, organisationId, roles: [{ role: 'platform_admin' }] });
    });

    /** Opens the library page, signs in from the header and comes back to it. */
    async function signInOnLibraryPage(email: string): Promise<LibraryPage> {
      const { page } = session;
      await page.goto('/libraries/1');
      await LibraryPage.verifyOnPage(page, SERVICE);
      await new AccountHeader(page).follow('Sign in');
      const signIn = await SignInPage.verifyOnPage(page);
      assert.equal(await signIn.signIn(email, GOOD_PASSWORD), 303);
      return LibraryPage.verifyOnPage(page, SERVICE);
    }

    it('lets the service’s manager change a site’s opening hours and see them on the page', async () => {
      const { page } = session;
      const library = await signInOnLibraryPage(MANAGER);
      assert.ok(await library.manageEntry.isVisible(), 'the manager sees what they can change');
      await library.followLink('Change Horton Library: address and opening hours');
      const form = await LibrarySiteEditPage.verifyOnPage(page, SERVICE, 'Horton Library');
      await form.setHours('Wednesday', '9-5');
      assert.equal(await form.save(), 400);
      const refused = await LibrarySiteEditPage.verifyOnPage(page, SERVICE, 'Horton Library');
      assert.deepEqual(await refused.expectErrors(), ['Wednesday: "9" is not a time: use the 24-hour clock, like 08:30 or 17:00']);

      await refused.setHours('Monday', '08:00-12:30, 13:30-18:00');
      await refused.setHours('Wednesday', '09:00-17:00');
      await refused.setHours('Saturday', '10:00-13:00');
      assert.equal(await refused.save(), 303);
      const updated = await LibraryPage.verifyOnPage(page, SERVICE);
      assert.match(await updated.flash.innerText(), /Your changes to Horton Library have been saved/);
      const hours = await updated.hours('Horton Library');
      assert.deepEqual([hours.Monday, hours.Wednesday, hours.Saturday, hours.Sunday], ['08:00 to 12:30, 13:30 to 18:00', '09:00 to 17:00', '10:00 to 13:00', 'Closed']);
    });

    it('lets the service’s manager add a site, remove it after confirming, and change the organisations it serves', async () => {
      const { page } = session;
      const library = await signInOnLibraryPage(MANAGER);
      await library.followLink('Add a site');
      const form = await LibrarySiteEditPage.verifyAddPage(page, SERVICE);
      assert.equal(await form.save('Add site'), 400);
      const empty = await LibrarySiteEditPage.verifyAddPage(page, SERVICE);
      assert.deepEqual(await empty.expectErrors(), ['Enter the name of the site']);
      await empty.fill('Site name', 'Churchill Library');
      await empty.fill('Postcode (optional)', 'OX3 9DU');
      await empty.setHours('Tuesday', '09:00-17:00');
      assert.equal(await empty.save('Add site'), 303);
      const withSite = await LibraryPage.verifyOnPage(page, SERVICE);
      assert.match(await withSite.flash.innerText(), /Churchill Library has been added/);
      assert.equal((await withSite.hours('Churchill Library')).Tuesday, '09:00 to 17:00');

      await withSite.followLink('Change Churchill Library: address and opening hours');
      const edit = await LibrarySiteEditPage.verifyOnPage(page, SERVICE, 'Churchill Library');
      await edit.followLink('Remove this site (Churchill Library)');
      const confirm = await LibrarySiteRemovePage.verifyOnPage(page, SERVICE, 'Churchill Library');
      assert.equal(await confirm.confirm(), 303);
      const withoutSite = await LibraryPage.verifyOnPage(page, SERVICE);
      assert.match(await withoutSite.flash.innerText(), /Churchill Library has been removed/);
      assert.equal(await page.getByRole('region', { name: 'Churchill Library' }).count(), 0);

      await withoutSite.followLink('Change the organisations it serves');
      const served = await LibraryOrganisationsServedPage.verifyOnPage(page, SERVICE);
      assert.deepEqual(await served.servedNames(), ['Oxford University Hospitals']);
      await served.search('cambridge');
      const found = await LibraryOrganisationsServedPage.verifyOnPage(page, SERVICE);
      assert.equal(await found.add(), 400);
      const unchosen = await LibraryOrganisationsServedPage.verifyOnPage(page, SERVICE);
      assert.deepEqual(await unchosen.expectErrors(), ['Select the organisation to add']);
      assert.equal(await unchosen.add('Cambridge University Hospitals (RGT)'), 303);
      const added = await LibraryOrganisationsServedPage.verifyOnPage(page, SERVICE);
      assert.deepEqual(await added.servedNames(), ['Cambridge University Hospitals', 'Oxford University Hospitals']);
      assert.equal(await added.remove('Cambridge University Hospitals'), 303);
      const removed = await LibraryOrganisationsServedPage.verifyOnPage(page, SERVICE);
      assert.deepEqual(await removed.servedNames(), ['Oxford University Hospitals']);
    });

    it('refuses a manager of another service with the NHS.UK permission page', async () => {
      const { page } = session;
      const library = await signInOnLibraryPage(OTHER_MANAGER);
      assert.equal(await library.manageEntry.count(), 0, 'no actions offered on someone else’s entry');
      for (const url of ['/libraries/1/edit', '/libraries/1/sites/new', '/libraries/1/organisations', '/libraries/1/corrections']) {
        const response = await page.goto(url);
        assert.equal(response?.status(), 403, url);
        await LibraryRefusedPage.verifyOnPage(page);
      }
    });

    it('lets a platform admin change an entry’s services and reach the directory’s admin pages from the finder', async () => {
      const { page } = session;
      const library = await signInOnLibraryPage(ADMIN);
      await library.followLink('Change the service’s details and contacts');
      const form = await LibraryEditPage.verifyOnPage(page, SERVICE);
      await form.setOffered('Training in finding and appraising evidence', true);
      assert.equal(await form.save(), 303);
      const saved = await LibraryPage.verifyOnPage(page, SERVICE);
      assert.match((await saved.summaryList())['Services offered'] ?? '', /Training in finding and appraising evidence/);

      await page.goto('/libraries');
      const finder = await LibraryFinderPage.verifyOnPage(page);
      await finder.followLink('entries needing verification');
      const report = await LibraryAdminPage.verifyOnPage(page, LibraryAdminPage.unverified);
      assert.deepEqual(await report.firstColumn(), ['Manchester Library and Knowledge Service', 'Virtual Knowledge Service', 'Cambridge University Medical Library']);
      await page.goto('/admin/libraries/services');
      const services = await LibraryAdminPage.verifyOnPage(page, LibraryAdminPage.services);
      assert.equal((await services.firstColumn())[0], 'Literature searching');
    });

    it('sends a visitor’s correction to the service manager by email', async () => {
      const { page } = session;
      await page.goto('/libraries/1');
      const library = await LibraryPage.verifyOnPage(page, SERVICE);
      await library.followLink('Report a correction to this entry');
      const form = await LibraryCorrectionPage.verifyOnPage(page, SERVICE);
      assert.equal(await form.send(), 400);
      const empty = await LibraryCorrectionPage.verifyOnPage(page, SERVICE);
      assert.deepEqual(await empty.expectErrors(), ['Enter what is wrong with the entry']);
      await empty.fillIn({ details: 'The Cairns Library phone number is now 01865 000000.', email: 'reader@example.org' });
      assert.equal(await empty.send(), 303);
      await LibraryCorrectionSentPage.verifyOnPage(page);
      const mail = await smtp.waitForMessage({ to: MANAGER, subject: `Correction reported for ${SERVICE}` });
      assert.match(mail.text, /> The Cairns Library phone number is now 01865 000000\./);
      assert.match(mail.text, /reply: reader@example\.org/);

      // The manager finds it kept in khub too, and marks it resolved once dealt with.
      const managerView = await signInOnLibraryPage(MANAGER);
      await managerView.followLink('Corrections reported: 1 open');
      const corrections = await LibraryCorrectionsPage.verifyOnPage(page, SERVICE);
      assert.deepEqual(await corrections.openTexts(), ['The Cairns Library phone number is now 01865 000000.']);
      assert.equal(await corrections.resolveFirst(), 303);
      const resolved = await LibraryCorrectionsPage.verifyOnPage(page, SERVICE);
      assert.deepEqual(await resolved.openTexts(), []);
      assert.match(await resolved.flash.innerText(), /The correction is marked as resolved/);
    });
  },
  {
    config: { runJobs: true },
    beforeStart: async () => ({ smtpUrl: await smtp.start() }),
    afterStop: () => smtp.stop(),
  },
);
