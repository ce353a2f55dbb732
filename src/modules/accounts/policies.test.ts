import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CurrentUser, Role } from '../../platform/auth/roles.js';
import { ROLE_SCOPES } from '../../platform/auth/roles.js';
import { type AccountSubject, canAssignRole, canDecideJoinRequest, canManageAccount, canViewAccount } from './policies.js';

function person(id: number, roles: [Role, string][] = [], status: CurrentUser['status'] = 'active'): CurrentUser {
  return {
    id,
    email: `p${id}@x.nhs.uk`,
    fullName: `P ${id}`,
    organisationId: 1,
    regionCode: 'Y59',
    status,
    roles: roles.map(([role, scopeId]) => ({ role, scopeType: ROLE_SCOPES[role], scopeId })),
  };
}

const platformAdmin = person(1, [['platform_admin', '']]);
const orgAdmin = person(2, [['org_admin', '10']]);
const otherOrgAdmin = person(3, [['org_admin', '20']]);
const regionalLead = person(4, [['regional_lead', 'Y59']]);
const member = person(5);
const suspendedAdmin = person(6, [['platform_admin', '']], 'suspended');

const staff: AccountSubject = { id: 100, organisationId: 10, regionCode: 'Y59' };
const adminInOrg: AccountSubject = { id: 101, organisationId: 10, regionCode: 'Y59', isPlatformAdmin: true };

describe('account policies', () => {
  const cases: [string, boolean, boolean][] = [
    ['platform admin manages any account', canManageAccount(platformAdmin, staff), true],
    ["org admin manages their organisation's staff", canManageAccount(orgAdmin, staff), true],
    ["another organisation's admin cannot", canManageAccount(otherOrgAdmin, staff), false],
    ['regional lead cannot manage, only view', canManageAccount(regionalLead, staff), false],
    ['regional lead views accounts in the region', canViewAccount(regionalLead, staff), true],
    ['member cannot view others', canViewAccount(member, staff), false],
    ['a suspended admin can do nothing', canManageAccount(suspendedAdmin, staff), false],
    ['nobody manages their own account', canManageAccount(orgAdmin, { ...staff, id: orgAdmin.id }), false],
    ["an org admin cannot suspend a platform admin in their organisation", canManageAccount(orgAdmin, adminInOrg), false],
    ['a platform admin can manage another platform admin', canManageAccount(platformAdmin, adminInOrg), true],
    ['org admin decides their join requests', canDecideJoinRequest(orgAdmin, 10), true],
    ["org admin cannot decide another organisation's", canDecideJoinRequest(otherOrgAdmin, 10), false],
    ['org admin grants org_admin for their own organisation', canAssignRole(orgAdmin, staff, 'org_admin', '10'), true],
    ['org admin cannot grant platform_admin', canAssignRole(orgAdmin, staff, 'platform_admin', ''), false],
    ['org admin cannot grant org_admin of another organisation', canAssignRole(orgAdmin, staff, 'org_admin', '20'), false],
    ['nobody changes their own roles', canAssignRole(platformAdmin, { ...staff, id: platformAdmin.id }, 'librarian', '3'), false],
  ];
  for (const [rule, actual, expected] of cases) {
    it(rule, () => assert.equal(actual, expected));
  }
});
