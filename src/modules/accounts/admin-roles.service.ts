import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import { type CurrentUser, ROLE_LABELS, ROLE_SCOPES } from '../../platform/auth/roles.js';
import { ConflictError, type FieldError } from '../../platform/http/errors.js';
import { findOrganisationByOdsCode, listRegions } from '../organisations/index.js';
import type { ActionResult } from './admin-account-actions.service.js';
import { type LoadedAccount, actorOf, loadAccount } from './admin-account.service.js';
import { listActivePlatformAdminIds } from './admin-accounts.repository.js';
import type { GrantRoleInput, RemoveRoleInput } from './admin-accounts.schema.js';
import { roleChangedEmail } from './admin-emails.js';
import { canAssignRole } from './policies.js';
import { deleteRole, insertRole, listRolesForUser } from './user.repository.js';

type ScopeResult = { ok: true; scopeId: string } | { ok: false; errors: FieldError[] };
const scopeError = (message: string): ScopeResult => ({ ok: false, errors: [{ field: 'scope', message }] });

/** Turns the scope an admin typed into the stored scope id: an ODS code becomes the organisation's id; a region code must exist. */
async function resolveScope(app: FastifyInstance, account: LoadedAccount, input: GrantRoleInput): Promise<ScopeResult> {
  if (input.role === 'platform_admin') return { ok: true, scopeId: '' };
  if (input.role === 'org_admin') {
    if (input.scope === '') {
      return account.row.organisation_id === null ? scopeError('This person has no organisation: enter the ODS code of the organisation they will administer') : { ok: true, scopeId: String(account.row.organisation_id) };
    }
    const organisation = await findOrganisationByOdsCode(app.db, input.scope);
    return organisation ? { ok: true, scopeId: String(organisation.id) } : scopeError('There is no organisation with that ODS code');
  }
  if (input.role === 'regional_lead') {
    const regions = await listRegions(app.db);
    return regions.some((r) => r.code === input.scope) ? { ok: true, scopeId: input.scope } : scopeError(`Enter one of the region codes: ${regions.map((r) => `${r.code} (${r.name})`).join(', ')}`);
  }
  return { ok: true, scopeId: input.scope };
}

/** Grants a role within a scope, if the policy allows it for this actor, person and scope; audited, and the person told. */
export async function grantRole(app: FastifyInstance, actor: CurrentUser, accountId: number, input: GrantRoleInput, request?: FastifyRequest): Promise<ActionResult> {
  const account = await loadAccount(app.db, accountId);
  const scope = await resolveScope(app, account, input);
  if (!scope.ok) return scope;
  authorize(canAssignRole(actor, account.subject, input.role, scope.scopeId));
  const held = await listRolesForUser(app.db, accountId);
  if (held.some((r) => r.role === input.role && r.scope_id === scope.scopeId)) return { ok: false, errors: [{ field: 'role', message: 'They already have this role' }] };
  const grant = { role: input.role, scopeType: ROLE_SCOPES[input.role], scopeId: scope.scopeId };
  await app.db.transaction().execute(async (trx) => {
    await insertRole(trx, { user_id: accountId, role: grant.role, scope_type: grant.scopeType, scope_id: grant.scopeId, granted_by: actor.id, created_at: new Date().toISOString() });
    await recordAudit(trx, { actor: actorOf(actor), action: 'account.role_grant', targetType: 'user_account', targetId: accountId, details: { before: null, after: grant }, request });
    await app.mail.queue(roleChangedEmail(account.row.email, 'granted', ROLE_LABELS[grant.role]), { db: trx });
  });
  return { ok: true };
}

/** Removes a role; the last active platform administrator keeps theirs, so someone can always run the installation. */
export async function removeRole(app: FastifyInstance, actor: CurrentUser, accountId: number, input: RemoveRoleInput, request?: FastifyRequest): Promise<void> {
  const account = await loadAccount(app.db, accountId);
  authorize(canAssignRole(actor, account.subject, input.role, input.scopeId));
  const grant = { role: input.role, scopeType: ROLE_SCOPES[input.role], scopeId: input.scopeId };
  await app.db.transaction().execute(async (trx) => {
    if (grant.role === 'platform_admin') {
      const admins = await listActivePlatformAdminIds(trx);
      if (admins.includes(accountId) && admins.length <= 1) throw new ConflictError('conflict', 'This is the last active platform administrator, so the role cannot be removed.');
    }
    const removed = await deleteRole(trx, accountId, grant.role, grant.scopeType, grant.scopeId);
    if (removed === 0) throw new ConflictError('conflict', 'They do not have that role.');
    await recordAudit(trx, { actor: actorOf(actor), action: 'account.role_remove', targetType: 'user_account', targetId: accountId, details: { before: grant, after: null }, request });
    await app.mail.queue(roleChangedEmail(account.row.email, 'removed', ROLE_LABELS[grant.role]), { db: trx });
  });
}
