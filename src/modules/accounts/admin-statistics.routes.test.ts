import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { accountStatistics, totalFigures } from './admin-statistics.service.js';
import { loadCurrentUser } from './current-user.js';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** Trust A (WTE 1,000): 3 accounts, 2 active, 1 signed in recently. Trust B (WTE unknown): 1 active, 1 closed. */
async function craft(app: FastifyInstance) {
  const a = await createOrganisation(app.db, { name: 'A Trust', odsCode: 'RAA', staffWte: 1000, regionCode: 'Y56' });
  const b = await createOrganisation(app.db, { name: 'B Trust', odsCode: 'RBB', regionCode: 'Y62' });
  const recent = await createUser(app.db, { organisationId: a });
  const longAgo = await createUser(app.db, { organisationId: a });
  await createUser(app.db, { organisationId: a, status: 'suspended' });
  await createUser(app.db, { organisationId: b });
  await createUser(app.db, { organisationId: b, status: 'closed' });
  await app.db.updateTable('user_account').set({ last_sign_in_at: daysAgo(10) }).where('id', '=', recent).execute();
  await app.db.updateTable('user_account').set({ last_sign_in_at: daysAgo(100) }).where('id', '=', longAgo).execute();
  return { a, b };
}

for (const dialect of testDialects()) {
  describe(`account statistics and the audit log [${dialect}]`, () => {
    it('computes each organisation’s figures from crafted data', async (t) => {
      const app = await build(t, { dialect });
      const { a, b } = await craft(app);
      const admin = await loadCurrentUser(app.db, await createUser(app.db, { organisationId: a, roles: [{ role: 'org_admin', scopeId: a }, { role: 'regional_lead', scopeId: 'Y62' }] }));
      const { organisations, totals } = await accountStatistics(app.db, admin);
      const [rowA, rowB] = organisations;
      assert.equal(organisations.length, 2);
      assert.equal(rowA?.organisationId, a);
      // A: the admin makes 4 accounts, 3 active; 1 of them (the 10-day sign-in) active in the last 90 days.
      assert.deepEqual(
        { accounts: rowA?.accounts, active: rowA?.active, activeLast90Days: rowA?.activeLast90Days, staffWte: rowA?.staffWte, per1000: rowA?.accountsPer1000Wte, share: rowA?.shareOfWte },
        { accounts: 4, active: 3, activeLast90Days: 1, staffWte: 1000, per1000: 3, share: 0.003 },
      );
      assert.equal(rowA?.approvedShare, 3 / 4);
      assert.equal(rowB?.organisationId, b);
      assert.deepEqual([rowB?.accounts, rowB?.active, rowB?.approvedShare, rowB?.accountsPer1000Wte, rowB?.shareOfWte], [2, 1, 1, null, null]);
      assert.deepEqual([totals.accounts, totals.active, totals.approvedShare, totals.staffWte, totals.accountsPer1000Wte], [6, 4, 4 / 5, 1000, 3]);
    });

    it('gives 2.0 active accounts per 1,000 WTE for 3 accounts of which 2 are active and WTE 1,000', () => {
      const totals = totalFigures([{ total: 3, active: 2, closed: 0, recent: 1, staffWte: 1000 }]);
      assert.equal(totals.accountsPer1000Wte, 2);
      assert.equal(totals.shareOfWte, 0.002);
      assert.equal(totals.approvedShare, 2 / 3);
      assert.deepEqual(totalFigures([{ total: 1, active: 1, closed: 1, recent: 0, staffWte: null }]), {
        accounts: 1, active: 1, approvedShare: null, activeLast90Days: 0, staffWte: null, accountsPer1000Wte: null, shareOfWte: null,
      });
    });

    it('shows a platform admin every organisation with totals, formatted for reading', async (t) => {
      const app = await build(t, { dialect });
      await craft(app);
      const admin = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      const response = await (await signedInAgent(app, admin)).get('/admin/statistics');
      assert.equal(response.statusCode, 200);
      const html = normaliseHtml(response.body);
      assert.match(html, /A Trust \(RAA\)<\/th><td[^>]*>3<\/td><td[^>]*>2<\/td><td[^>]*>66\.7%<\/td><td[^>]*>1<\/td><td[^>]*>1,000<\/td><td[^>]*>2\.0<\/td><td[^>]*>0\.2%<\/td>/);
      assert.match(html, /B Trust \(RBB\)<\/th><td[^>]*>2<\/td><td[^>]*>1<\/td><td[^>]*>100\.0%<\/td><td[^>]*>0<\/td><td[^>]*>Not known<\/td><td[^>]*>Not known<\/td><td[^>]*>Not known<\/td>/);
      assert.match(html, /No organisation<\/th><td[^>]*>1<\/td>/);
      assert.match(html, /data-testid="totals"><th scope="row" class="nhsuk-table__header">Total<\/th><td[^>]*><strong>6<\/strong>/);
    });

    it('limits org admins to their organisation and regional leads to their region, and refuses members', async (t) => {
      const app = await build(t, { dialect });
      const { a } = await craft(app);
      const orgAdmin = await createUser(app.db, { organisationId: a, roles: [{ role: 'org_admin', scopeId: a }] });
      const lead = await createUser(app.db, { roles: [{ role: 'regional_lead', scopeId: 'Y62' }] });
      const orgPage = normaliseHtml((await (await signedInAgent(app, orgAdmin)).get('/admin/statistics')).body);
      assert.match(orgPage, /A Trust/);
      assert.doesNotMatch(orgPage, /B Trust|No organisation/);
      const leadPage = normaliseHtml((await (await signedInAgent(app, lead)).get('/admin/statistics')).body);
      assert.match(leadPage, /B Trust/);
      assert.doesNotMatch(leadPage, /A Trust|No organisation/);
      assert.equal((await (await signedInAgent(app, await createUser(app.db, { organisationId: a }))).get('/admin/statistics')).statusCode, 403);
    });

    it('lists audit events, filtered by action prefix and target, for platform admins only', async (t) => {
      const app = await build(t, { dialect });
      const admin = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      await recordAudit(app.db, { actor: 'system', action: 'account.expire', targetType: 'user_account', targetId: 7, details: { reason: 'expired' } });
      await recordAudit(app.db, { actor: 'cli', action: 'organisation.update', targetType: 'organisation', targetId: 3 });
      const agent = await signedInAgent(app, admin);
      const all = normaliseHtml((await agent.get('/admin/audit')).body);
      assert.match(all, /<code>account\.expire<\/code>/);
      assert.match(all, /<code>organisation\.update<\/code>/);
      assert.match(all, /href="\/admin\/accounts\/7">user_account 7</);
      const filtered = normaliseHtml((await agent.get('/admin/audit?action=account.&targetType=user_account&targetId=7')).body);
      assert.match(filtered, /account\.expire/);
      assert.doesNotMatch(filtered, /organisation\.update/);
      const org = await createOrganisation(app.db);
      const orgAdmin = await createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
      assert.equal((await (await signedInAgent(app, orgAdmin)).get('/admin/audit')).statusCode, 403);
    });
  });
}
