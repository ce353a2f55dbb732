import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import { ConflictError, type FieldError, ValidationError } from '../../platform/http/errors.js';
import { type LoadedAccount, describeRole, loadAccount, roleItems } from './admin-account.service.js';
import { accountIdFrom, grantRoleSchema, removeRoleSchema } from './admin-accounts.schema.js';
import { organisationsByIds } from './admin-organisations.js';
import { grantRole, removeRole } from './admin-roles.service.js';
import { canAssignRole } from './policies.js';
import { listRolesForUser } from './user.repository.js';

/** Loads the account; the page is for those who may change at least its organisation-admin role (platform admins, its organisation's admins). */
async function roleManageable(app: FastifyInstance, request: FastifyRequest) {
  const user = requireUser(request);
  const account = await loadAccount(app.db, accountIdFrom(request.params));
  authorize(canAssignRole(user, account.subject, 'org_admin', String(account.subject.organisationId ?? '')));
  return { user, account };
}

async function renderRoles(app: FastifyInstance, reply: FastifyReply, user: CurrentUser, account: LoadedAccount, values: Record<string, unknown> = {}, errors: FieldError[] = [], status = 200) {
  const roles = await listRolesForUser(app.db, account.row.id);
  const organisations = await organisationsByIds(app.db, roles.filter((r) => r.role === 'org_admin').map((r) => Number(r.scope_id)));
  return reply.status(status).view('accounts/views/admin-account-roles.njk', {
    pageTitle: `Roles of ${account.row.full_name}`,
    account: { id: account.row.id, fullName: account.row.full_name, organisationOds: account.organisation?.odsCode ?? '' },
    roles: roles.map((r) => ({ role: r.role, scopeId: r.scope_id, text: describeRole(r, organisations), removable: canAssignRole(user, account.subject, r.role, r.scope_id) })),
    roleItems: [{ value: '', text: 'Choose a role' }, ...roleItems().map((item) => ({ ...item, selected: item.value === values.role }))],
    values,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

/** An account's roles: the page, granting one, removing one. */
export async function adminRolesRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/accounts/:id/roles', async (request, reply) => {
    const { user, account } = await roleManageable(app, request);
    return renderRoles(app, reply, user, account);
  });

  app.post('/admin/accounts/:id/roles', async (request, reply) => {
    const { user, account } = await roleManageable(app, request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(grantRoleSchema, body);
    if (!input.ok) return renderRoles(app, reply, user, account, body, input.errors, 400);
    const result = await grantRole(app, user, account.row.id, input.data, request);
    if (!result.ok) return renderRoles(app, reply, user, account, body, result.errors, 400);
    request.session.flash('success', 'The role has been granted. We have emailed the person.');
    return reply.redirect(`/admin/accounts/${account.row.id}`, 303);
  });

  app.post('/admin/accounts/:id/roles/remove', async (request, reply) => {
    const user = requireUser(request);
    const id = accountIdFrom(request.params);
    const input = validate(removeRoleSchema, request.body ?? {});
    if (!input.ok) throw new ValidationError(input.errors);
    try {
      await removeRole(app, user, id, input.data, request);
      request.session.flash('success', 'The role has been removed. We have emailed the person.');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      request.session.flash('error', error.message);
    }
    return reply.redirect(`/admin/accounts/${id}`, 303);
  });
}
