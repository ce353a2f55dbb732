import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import { ConflictError, type FieldError } from '../../platform/http/errors.js';
import { moveAccount, reactivateAccount, suspendAccount } from './admin-account-actions.service.js';
import { type LoadedAccount, loadAccount } from './admin-account.service.js';
import { accountIdFrom, moveSchema, suspendSchema } from './admin-accounts.schema.js';
import { canManageAccount } from './policies.js';

type Form = 'suspend' | 'move';
const TITLES: Record<Form, string> = { suspend: 'Suspend this account', move: 'Move this account to another organisation' };

function renderForm(reply: FastifyReply, form: Form, account: LoadedAccount, values: Record<string, unknown> = {}, errors: FieldError[] = [], status = 200) {
  return reply.status(status).view(`accounts/views/admin-account-${form}.njk`, {
    pageTitle: TITLES[form],
    account: { id: account.row.id, fullName: account.row.full_name, email: account.row.email, organisationName: account.organisation?.name ?? null },
    values,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

/** Loads the account and checks the person may manage it, before showing or accepting a form. */
async function manageable(app: FastifyInstance, request: FastifyRequest) {
  const user = requireUser(request);
  const account = await loadAccount(app.db, accountIdFrom(request.params));
  authorize(canManageAccount(user, account.subject));
  return { user, account };
}

/** A conflict (already suspended, the last platform admin) is explained on the account page rather than as an error page. */
async function backToAccount(request: FastifyRequest, reply: FastifyReply, id: number, action: () => Promise<string>) {
  try {
    request.session.flash('success', await action());
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    request.session.flash('error', error.message);
  }
  return reply.redirect(`/admin/accounts/${id}`, 303);
}

/** Suspend, reactivate and move an account: a form page (GET) and its POST for each, policy-checked on both. */
export async function adminAccountActionsRoutes(app: FastifyInstance): Promise<void> {
  for (const form of ['suspend', 'move'] as const) {
    app.get(`/admin/accounts/:id/${form}`, async (request, reply) => {
      const { account } = await manageable(app, request);
      return renderForm(reply, form, account);
    });
  }

  app.post('/admin/accounts/:id/suspend', async (request, reply) => {
    const { user, account } = await manageable(app, request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(suspendSchema, body);
    if (!input.ok) return renderForm(reply, 'suspend', account, body, input.errors, 400);
    return backToAccount(request, reply, account.row.id, async () => {
      await suspendAccount(app, user, account.row.id, input.data.reason, request);
      return 'The account has been suspended and its sessions ended. We have emailed the person to tell them why.';
    });
  });

  app.post('/admin/accounts/:id/reactivate', async (request, reply) => {
    const { user, account } = await manageable(app, request);
    return backToAccount(request, reply, account.row.id, async () => {
      await reactivateAccount(app, user, account.row.id, request);
      return 'The account is active again. We have emailed the person.';
    });
  });

  app.post('/admin/accounts/:id/move', async (request, reply) => {
    const { user, account } = await manageable(app, request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(moveSchema, body);
    if (!input.ok) return renderForm(reply, 'move', account, body, input.errors, 400);
    const result = await moveAccount(app, user, account.row.id, input.data.odsCode, request);
    if (!result.ok) return renderForm(reply, 'move', account, body, result.errors, 400);
    request.session.flash('success', 'The account has moved to the new organisation. We have emailed the person.');
    return reply.redirect(`/admin/accounts/${account.row.id}`, 303);
  });
}
