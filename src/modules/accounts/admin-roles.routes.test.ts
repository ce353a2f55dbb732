import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { ConflictError } from '../../platform/http/errors.js';
import { removeRole } from './admin-roles.service.js';
import { loadCurrentUser } from './current-user.js';

/** A signed-in agent holding a CSRF token (any page with a form gives one). */
async function adminAgent(app: FastifyInstance, userId: number): Promise<TestAgent> {
  const agent = await signedInAgent(app, userId);
  await agent.get('/feedback');
  return agent;
}

const account = (app: FastifyInstance, id: number) => app.db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const roles = (app: FastifyInstance, id: number) => app.db.selectFrom('role_assignment').select(['role', 'scope_id']).where('user_id', '=', id).orderBy('id').execute();
const audits = (app: FastifyInstance, action: string) => app.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute();
const mailTo = (app: FastifyInstance, to: string) => app.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).execute();

for (const dialect of testDialects()) {
  describe(`account administration: roles [${dialect}]`, () => {
    it('lets an org admin make a colleague an org admin of their own organisation, and nothing more', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const admin = await createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
      const colleague = await createUser(app.db, { organisationId: org, email: 'colleague@mine.nhs.uk' });
      const agent = await signedInAgent(app, admin);
      assert.equal((await agent.get(`/admin/accounts/${colleague}/roles`)).statusCode, 200);
      const granted = await agent.submit(`/admin/accounts/${colleague}/roles`, { role: 'org_admin', scope: '' });
      assert.equal(granted.statusCode, 303);
      assert.deepEqual(await roles(app, colleague), [{ role: 'org_admin', scope_id: String(org) }]);
      assert.equal((await audits(app, 'account.role_grant')).length, 1);
      assert.match((await mailTo(app, 'colleague@mine.nhs.uk'))[0]?.subject ?? '', /Organisation administrator/);
      await agent.get(`/admin/accounts/${colleague}/roles`);
      assert.equal((await agent.submit(`/admin/accounts/${colleague}/roles`, { role: 'platform_admin', scope: '' })).statusCode, 403);
      assert.equal((await agent.submit(`/admin/accounts/${colleague}/roles`, { role: 'librarian', scope: '5' })).statusCode, 403);
    });

    it('grants scoped roles as a platform admin and refuses scopes that do not exist or are malformed', async (t) => {
      const app = await build(t, { dialect });
      const admin = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      const person = await createUser(app.db);
      const agent = await signedInAgent(app, admin);
      await agent.get(`/admin/accounts/${person}/roles`);
      for (const [fields, message] of [
        [{ role: 'regional_lead', scope: 'Y99' }, /href="#scope">Enter one of the region codes/],
        [{ role: 'regional_lead', scope: 'London' }, /href="#scope">Enter the region code, like Y56/],
        [{ role: 'librarian', scope: 'abc' }, /href="#scope">Enter the library service’s id number/],
        [{ role: 'org_admin', scope: '' }, /This person has no organisation/],
        [{ role: '', scope: '' }, /href="#role">Select a role</],
      ] as const) {
        const response = await agent.submit(`/admin/accounts/${person}/roles`, fields);
        assert.equal(response.statusCode, 400, JSON.stringify(fields));
        assert.match(normaliseHtml(response.body), message);
      }
      assert.equal((await agent.submit(`/admin/accounts/${person}/roles`, { role: 'regional_lead', scope: 'y56' })).statusCode, 303);
      assert.equal((await agent.submit(`/admin/accounts/${person}/roles`, { role: 'service_manager', scope: '12' })).statusCode, 303);
      const again = await agent.submit(`/admin/accounts/${person}/roles`, { role: 'service_manager', scope: '12' });
      assert.match(normaliseHtml(again.body), /They already have this role/);
      assert.deepEqual(await roles(app, person), [{ role: 'regional_lead', scope_id: 'Y56' }, { role: 'service_manager', scope_id: '12' }]);
      const removed = await agent.submit(`/admin/accounts/${person}/roles/remove`, { role: 'regional_lead', scopeId: 'Y56' });
      assert.equal(removed.statusCode, 303);
      assert.deepEqual(await roles(app, person), [{ role: 'service_manager', scope_id: '12' }]);
      assert.equal(JSON.parse((await audits(app, 'account.role_remove'))[0]?.details ?? '{}').before.scopeId, 'Y56');
    });

    it('never lets anyone change their own roles or suspend themselves', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const admin = await createUser(app.db, { organisationId: org, roles: [{ role: 'platform_admin' }, { role: 'org_admin', scopeId: org }] });
      await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      const agent = await adminAgent(app, admin);
      assert.equal((await agent.get(`/admin/accounts/${admin}/roles`)).statusCode, 403);
      assert.equal((await agent.submit(`/admin/accounts/${admin}/roles`, { role: 'regional_lead', scope: 'Y56' })).statusCode, 403);
      assert.equal((await agent.submit(`/admin/accounts/${admin}/roles/remove`, { role: 'platform_admin', scopeId: '' })).statusCode, 403);
      assert.equal((await agent.submit(`/admin/accounts/${admin}/suspend`, { reason: 'Testing' })).statusCode, 403);
      assert.equal((await roles(app, admin)).length, 2);
      assert.equal((await account(app, admin)).status, 'active');
    });

    it('keeps organisation admins away from platform admins, and protects the last one from losing the role', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const onlyPlatformAdmin = await createUser(app.db, { organisationId: org, roles: [{ role: 'platform_admin' }] });
      const orgAdmin = await createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
      const agent = await adminAgent(app, orgAdmin);
      const response = await agent.submit(`/admin/accounts/${onlyPlatformAdmin}/suspend`, { reason: 'Testing' });
      assert.equal(response.statusCode, 403, 'only a platform admin may act on a platform admin, even in the same organisation');
      assert.equal((await account(app, onlyPlatformAdmin)).status, 'active');

      // A second platform admin who is suspended does not count: removing the only active one's role is refused.
      const actor = await loadCurrentUser(app.db, onlyPlatformAdmin);
      assert.ok(actor);
      const target = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      await app.db.updateTable('user_account').set({ status: 'suspended' }).where('id', '=', onlyPlatformAdmin).execute();
      const pretendActor = { ...actor, status: 'active' as const };
      await assert.rejects(removeRole(app, pretendActor, target, { role: 'platform_admin', scopeId: '' }), ConflictError);
      assert.equal((await roles(app, target)).length, 1);
    });
  });
}
