import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountStatus, CurrentUser, Role } from '../../platform/auth/roles.js';
import { ROLE_SCOPES } from '../../platform/auth/roles.js';
import {
  canAddOrganisation,
  canEditAccountExpiry,
  canEditDomains,
  canEditOrganisation,
  canManageSharedDomains,
  canViewOrganisation,
  organisationListScope,
} from './policies.js';

function user(roles: [Role, string][], status: AccountStatus = 'active'): CurrentUser {
  return {
    id: 1,
    email: 'someone@example.nhs.uk',
    fullName: 'Someone',
    organisationId: 7,
    regionCode: 'Y59',
    status,
    roles: roles.map(([role, scopeId]) => ({ role, scopeType: ROLE_SCOPES[role], scopeId })),
  };
}

const own = { id: 7, regionCode: 'Y59' };
const elsewhere = { id: 8, regionCode: 'Y62' };
const platformAdmin = user([['platform_admin', '']]);
const orgAdmin = user([['org_admin', '7']]);
const lead = user([['regional_lead', 'Y59']]);
const member = user([]);
const suspendedAdmin = user([['platform_admin', '']], 'suspended');

describe('organisation policies', () => {
  const cases: [string, boolean, boolean][] = [
    ['platform admin adds organisations', canAddOrganisation(platformAdmin), true],
    ['org admin cannot add organisations', canAddOrganisation(orgAdmin), false],
    ['suspended platform admin cannot add organisations', canAddOrganisation(suspendedAdmin), false],
    ['visitor cannot add organisations', canAddOrganisation(null), false],
    ['platform admin edits any organisation', canEditOrganisation(platformAdmin), true],
    ['org admin cannot edit ODS code, name or type, even of their own', canEditOrganisation(orgAdmin), false],
    ['org admin edits their own domains', canEditDomains(orgAdmin, own), true],
    ['org admin cannot edit another organisation’s domains', canEditDomains(orgAdmin, elsewhere), false],
    ['regional lead cannot edit domains', canEditDomains(lead, own), false],
    ['org admin sets their own account expiry', canEditAccountExpiry(orgAdmin, own), true],
    ['org admin cannot set another organisation’s account expiry', canEditAccountExpiry(orgAdmin, elsewhere), false],
    ['regional lead views organisations in their region', canViewOrganisation(lead, own), true],
    ['regional lead cannot view organisations elsewhere', canViewOrganisation(lead, elsewhere), false],
    ['member cannot view the admin page of their own organisation', canViewOrganisation(member, own), false],
    ['only platform admins manage shared domains', canManageSharedDomains(platformAdmin) && !canManageSharedDomains(orgAdmin), true],
  ];
  for (const [name, actual, expected] of cases) {
    it(name, () => assert.equal(actual, expected));
  }

  it('scopes the admin list: everything, regions led and organisations administered, or nothing', () => {
    assert.deepEqual(organisationListScope(platformAdmin), { all: true });
    assert.deepEqual(organisationListScope(user([['regional_lead', 'Y59'], ['org_admin', '9']])), { all: false, regionCodes: ['Y59'], organisationIds: [9] });
    assert.equal(organisationListScope(member), undefined);
    assert.equal(organisationListScope(null), undefined);
  });
});
