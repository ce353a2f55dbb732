import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { GOOD_PASSWORD, createOrganisation, createUser } from '../../helpers/factories.js';
import { loadRecords } from '../../helpers/search-engine.js';
import { SmtpSink, linkIn } from '../../helpers/smtp.js';
import { runSearchAlerts } from '../../../src/modules/search/alerts/alerts.jobs.js';
import { emptyRecord } from '../../../src/modules/records/index.js';
import { EvidenceSearchPage } from '../pages/evidence-search.page.js';
import { HomePage } from '../pages/home.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { AlertUnsubscribePage, SaveSearchForm, SavedSearchPage, SavedSearchesPage } from '../pages/search-alerts.page.js';
import { searchRecords } from '../support/search-records.js';

const smtp = new SmtpSink();
const EMAIL = 'edith.cavell@alerts-trust.nhs.uk';
const DAY_MS = 86_400_000;

describeInBrowser('saving a search as an email alert', (session) => {
  before(async () => {
    await loadRecords(session.app.db, searchRecords(), new Date(Date.now() - DAY_MS));
    await createUser(session.app.db, { email: EMAIL, fullName: 'Edith Cavell', password: GOOD_PASSWORD, organisationId: await createOrganisation(session.app.db) });
  });

  it('saves the search with its filter, manages it, receives the alert over SMTP and unsubscribes from the email', async () => {
    const { page } = session;
    const signIn = await SignInPage.open(page);
    assert.equal(await signIn.signIn(EMAIL, GOOD_PASSWORD), 303);
    await HomePage.verifyOnPage(page);

    const search = await EvidenceSearchPage.open(page, '/search?q=insulin&la=english');
    assert.ok((await search.titles()).length > 0, 'the search finds records to save it for');
    assert.equal(await new SaveSearchForm(page).save('Insulin in English', 'Daily'), 303);

    const saved = await SavedSearchesPage.verifyOnPage(page);
    assert.deepEqual(await saved.names(), ['Insulin in English']);
    const details = await saved.details('Insulin in English');
    assert.equal(details.Search, 'insulin');
    assert.equal(details.Filters, 'Language: English', 'named as the facet list names it');
    assert.equal(details.Emails, 'Daily');
    assert.equal(details['Last run'], 'Not yet');

    await saved.runNow('Insulin in English');
    const nothingYet = await SavedSearchPage.verifyOnPage(page, 'Insulin in English');
    assert.match(await nothingYet.newCount.innerText(), /^Nothing new/);

    const arrived = await loadRecords(session.app.db, [
      { ...emptyRecord('test', 'alert-1'), title: 'Insulin pumps for teenagers', languages: ['eng'], publicationDate: { year: 2026, month: null, day: null, text: null } },
      { ...emptyRecord('test', 'alert-2'), title: 'Insulin à domicile', languages: ['fre'] },
      { ...emptyRecord('test', 'alert-3'), title: 'Hip protectors in care homes', languages: ['eng'] },
    ]);
    await page.reload();
    const oneNew = await SavedSearchPage.verifyOnPage(page, 'Insulin in English');
    assert.deepEqual(await oneNew.titles(), ['Insulin pumps for teenagers']);

    // The hourly job, at a time the daily alert is certainly due.
    assert.deepEqual(await runSearchAlerts(session.app, new Date(Date.now() + 2 * DAY_MS)), { ran: 1, emailed: 1 });
    const mail = await smtp.waitForMessage({ to: EMAIL, subject: 'New records for your saved search “Insulin in English”' });
    const expectedId = arrived.find((r) => r.sourceId === 'alert-1')?.id;
    assert.equal(linkIn(mail, `/records/${expectedId}`).origin, session.baseUrl);
    assert.doesNotMatch(mail.text, /domicile|Hip protectors/);

    // The link works for someone not signed in, as in a mail client on another device.
    await page.context().clearCookies();
    await page.goto(linkIn(mail, '/search/alerts/unsubscribe').toString());
    const confirm = await AlertUnsubscribePage.verifyOnPage(page, 'Stop this alert?');
    assert.equal(await confirm.stopEmails(), 200);
    await AlertUnsubscribePage.verifyOnPage(page, 'Alert stopped');

    const again = await SignInPage.open(page);
    assert.equal(await again.signIn(EMAIL, GOOD_PASSWORD), 303);
    await HomePage.verifyOnPage(page);
    const after = await SavedSearchesPage.open(page);
    const stopped = await after.details('Insulin in English');
    assert.match(stopped.Emails ?? '', /^Stopped/);
    assert.equal(stopped['New records last time'], '1');

    await page.setViewportSize({ width: 320, height: 640 });
    await SavedSearchesPage.verifyOnPage(page);
    const sideways = Number(await page.evaluate('document.documentElement.scrollWidth')) > Number(await page.evaluate('document.documentElement.clientWidth'));
    assert.equal(sideways, false, 'the manage page fits a 320 px screen');
  });
}, { config: { runJobs: true }, beforeStart: async () => ({ smtpUrl: await smtp.start() }), afterStop: () => smtp.stop() });
