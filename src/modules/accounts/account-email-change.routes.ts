import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { confirmEmailChange, peekEmailChange, requestEmailChange } from './account-email-change.service.js';
import { ownAccountUser } from './account-self.routes.js';
import { changeEmailSchema } from './account-self.schema.js';
import { SENSITIVE_FORM_LIMIT, keptValues } from './registration.routes.js';
import { tokenSchema } from './registration.schema.js';

const linkQuery = z.object({ token: z.string().trim().max(200).catch('') });

function renderChangeEmail(reply: FastifyReply, status: number, values: Record<string, string>, errors: FieldError[] = []) {
  return reply.status(status).view('accounts/views/account-email.njk', {
    pageTitle: 'Change your email address',
    values,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

function renderLinkProblem(reply: FastifyReply, reason: 'invalid' | 'taken') {
  if (reason === 'taken') {
    return reply.status(409).view('accounts/views/account-email-problem.njk', { pageTitle: 'This email address cannot be used', taken: true });
  }
  return reply.status(400).view('accounts/views/account-email-problem.njk', { pageTitle: 'This link has expired or has already been used', taken: false });
}

function changedMessage(accessSuspended: boolean): string {
  if (!accessSuspended) return 'Your email address has been changed';
  return 'Your email address has been changed. It is not one we recognise for your organisation, so your access is paused until an account administrator approves it';
}

/** Changing one's email address: the request (password required) and the link sent to the new address. */
export async function accountEmailChangeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account/email', async (request, reply) => {
    ownAccountUser(request);
    return renderChangeEmail(reply, 200, { newEmail: '' });
  });

  app.post('/account/email', { config: SENSITIVE_FORM_LIMIT }, async (request, reply) => {
    const user = ownAccountUser(request);
    const input = validate(changeEmailSchema, request.body ?? {});
    const errors = input.ok ? await requestEmailChange(app, user, input.data, request) : input.errors;
    if (!input.ok || errors.length > 0) return renderChangeEmail(reply, 400, keptValues(request.body, ['newEmail']), errors);
    request.session.flash('account', `We have sent a link to ${input.data.newEmail}. Your email address changes when you use it`);
    return reply.redirect('/account', 303);
  });

  // The link in the email shows a button; only the POST uses the token (mail scanners follow links).
  app.get('/account/confirm-email', async (request, reply) => {
    const { token } = linkQuery.parse(request.query ?? {});
    const newEmail = token ? await peekEmailChange(app.db, token) : undefined;
    if (!newEmail) return renderLinkProblem(reply, 'invalid');
    return reply.view('accounts/views/account-email-confirm.njk', { pageTitle: 'Confirm your new email address', token, newEmail });
  });

  app.post('/account/confirm-email', async (request, reply) => {
    const input = validate(tokenSchema, request.body ?? {});
    const outcome = input.ok ? await confirmEmailChange(app, input.data.token, request) : { ok: false as const, reason: 'invalid' as const };
    if (!outcome.ok) return renderLinkProblem(reply, outcome.reason);
    // The link may be opened in a browser that is not signed in: then the message goes on a page of its own.
    const signedIn = request.user?.id === outcome.userId;
    request.session.flash(signedIn ? 'account' : 'emailChanged', changedMessage(outcome.accessSuspended));
    return reply.redirect(signedIn ? '/account' : '/account/email/changed', 303);
  });

  app.get('/account/email/changed', async (request, reply) => {
    const [message] = request.session.takeFlash('emailChanged');
    return reply.view('accounts/views/account-email-changed.njk', { pageTitle: 'Your email address has been changed', message });
  });
}
