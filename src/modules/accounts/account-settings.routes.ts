import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { ownAccountUser } from './account-self.routes.js';
import { accountDetailsSchema, changePasswordSchema } from './account-self.schema.js';
import { changeOwnPassword, getOwnAccountRow, updateOwnDetails } from './account-self.service.js';
import { SENSITIVE_FORM_LIMIT, keptValues } from './registration.routes.js';
import { STAFF_GROUPS } from './staff-groups.js';

function formModel(values: Record<string, string>, errors: FieldError[]) {
  return { values, errors, errorSummaryModel: errorSummary(errors), fieldErrors: errorsByField(errors) };
}

function renderPassword(reply: FastifyReply, status: number, errors: FieldError[] = []) {
  // Passwords are never sent back to the browser, even when the form is shown again.
  return reply.status(status).view('accounts/views/account-password.njk', { pageTitle: 'Change your password', ...formModel({}, errors) });
}

function renderDetails(reply: FastifyReply, status: number, values: Record<string, string>, errors: FieldError[] = []) {
  const staffGroupItems = STAFF_GROUPS.map((g) => ({ value: g.value, text: g.text, checked: g.value === values.staffGroup }));
  return reply.status(status).view('accounts/views/account-details.njk', { pageTitle: 'Change your details', staffGroupItems, ...formModel(values, errors) });
}

/** Changing one's own password and details. */
export async function accountSettingsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account/password', async (request, reply) => {
    ownAccountUser(request);
    return renderPassword(reply, 200);
  });

  // Limited like the forms that send email: each attempt is also a guess at the current password.
  app.post('/account/password', { config: SENSITIVE_FORM_LIMIT }, async (request, reply) => {
    const user = ownAccountUser(request);
    const input = validate(changePasswordSchema, request.body ?? {});
    const errors = input.ok ? await changeOwnPassword(app, user, input.data, request) : input.errors;
    if (errors.length > 0) return renderPassword(reply, 400, errors);
    // Every session was ended, this one included; a new id keeps this browser signed in.
    request.session.rotate();
    request.session.flash('account', 'Your password has been changed. You have been signed out on every other device');
    return reply.redirect('/account', 303);
  });

  app.get('/account/details', async (request, reply) => {
    const row = await getOwnAccountRow(app.db, ownAccountUser(request).id);
    return renderDetails(reply, 200, { fullName: row.full_name, jobTitle: row.job_title, staffGroup: row.staff_group });
  });

  app.post('/account/details', async (request, reply) => {
    const user = ownAccountUser(request);
    const input = validate(accountDetailsSchema, request.body ?? {});
    if (!input.ok) return renderDetails(reply, 400, keptValues(request.body, ['fullName', 'jobTitle', 'staffGroup']), input.errors);
    await updateOwnDetails(app, user, input.data, request);
    request.session.flash('account', 'Your details have been updated');
    return reply.redirect('/account', 303);
  });
}
