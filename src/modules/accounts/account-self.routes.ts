import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { findOrganisationById } from '../organisations/index.js';
import { exportOwnData, loadOwnAccount, signOutEverywhere } from './account-self.service.js';
import { ACCOUNT_STATUS_LABELS } from './account.js';
import { answerSchema } from './join-request.schema.js';
import { answerJoinRequest, findQueriedJoinRequest, listOwnJoinRequests } from './join-request.service.js';
import { canAnswerJoinRequest, canManageOwnAccount } from './policies.js';
import { keptValues } from './registration.routes.js';
import { staffGroupLabel } from './staff-groups.js';

/** The signed-in person, allowed to manage their own account (401 for visitors, 403 for closed accounts). */
export function ownAccountUser(request: FastifyRequest): CurrentUser {
  const user = requireUser(request);
  authorize(canManageOwnAccount(user));
  return user;
}

async function renderAccount(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, status: number, form: { values?: Record<string, string>; errors?: FieldError[] } = {}) {
  const user = ownAccountUser(request);
  const { account, organisationName, roles } = await loadOwnAccount(app.db, user);
  const undecided = (await listOwnJoinRequests(app.db, user.id)).find((r) => r.status === 'open' || r.status === 'queried');
  const requestOrganisation = undecided ? await findOrganisationById(app.db, undecided.organisationId) : undefined;
  const errors = form.errors ?? [];
  // Prompt to renew from the first expiry warning (28 days) onwards.
  const RENEW_PROMPT_MS = 28 * 86_400_000;
  return reply.status(status).view('accounts/views/account.njk', {
    pageTitle: 'Your account',
    account,
    organisationName,
    statusLabel: ACCOUNT_STATUS_LABELS[account.status],
    staffGroup: staffGroupLabel(account.staffGroup),
    roles,
    joinRequest: undecided,
    renewSoon: account.status === 'active' && account.expiresAt !== null && Date.parse(account.expiresAt) - Date.now() < RENEW_PROMPT_MS,
    requestOrganisationName: requestOrganisation?.name ?? organisationName,
    notices: request.session.takeFlash('account'),
    values: form.values ?? {},
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

/** "Your account": the summary, answering an admin's question, download my data, and sign out everywhere. */
export async function accountSelfRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account', async (request, reply) => renderAccount(app, request, reply, 200));

  app.post('/account/answer', async (request, reply) => {
    const user = ownAccountUser(request);
    const joinRequest = await findQueriedJoinRequest(app.db, user.id);
    // Already answered (a second tab, a double click): nothing waits for an answer any more.
    if (!joinRequest) return reply.redirect('/account', 303);
    authorize(canAnswerJoinRequest(user, joinRequest));
    const input = validate(answerSchema, request.body ?? {});
    if (!input.ok) return renderAccount(app, request, reply, 400, { values: keptValues(request.body, ['answer']), errors: input.errors });
    await answerJoinRequest(app, joinRequest, input.data.answer, { actor: user, fullName: user.fullName, request });
    request.session.flash('account', 'Your answer has been sent to the account administrators');
    return reply.redirect('/account', 303);
  });

  app.get('/account/download', async (request, reply) => {
    const user = ownAccountUser(request);
    const data = await exportOwnData(app.db, user);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="khub-account-${user.id}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/account/sign-out-everywhere', async (request, reply) => {
    const user = ownAccountUser(request);
    await signOutEverywhere(app, user, request);
    request.session.destroy();
    return reply.redirect('/account/signed-out-everywhere', 303);
  });

  app.get('/account/signed-out-everywhere', async (_request, reply) =>
    reply.view('accounts/views/account-signed-out-everywhere.njk', { pageTitle: 'You have been signed out everywhere' }),
  );
}
