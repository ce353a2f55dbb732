import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { deleteOwnAccount, isLastPlatformAdmin } from './account-delete.service.js';
import { ownAccountUser } from './account-self.routes.js';
import { deleteAccountSchema } from './account-self.schema.js';
import { SENSITIVE_FORM_LIMIT } from './registration.routes.js';

function renderDelete(reply: FastifyReply, status: number, blocked: boolean, errors: FieldError[] = []) {
  return reply.status(status).view('accounts/views/account-delete.njk', {
    pageTitle: 'Delete your account',
    blocked,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

/** Deleting one's own account: a confirmation page with the password, then a page that says it is done. */
export async function accountDeleteRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account/delete', async (request, reply) => {
    const user = ownAccountUser(request);
    return renderDelete(reply, 200, await isLastPlatformAdmin(app.db, user));
  });

  app.post('/account/delete', { config: SENSITIVE_FORM_LIMIT }, async (request, reply) => {
    const user = ownAccountUser(request);
    // An installation without a platform admin could only be recovered from the database.
    if (await isLastPlatformAdmin(app.db, user)) return renderDelete(reply, 409, true);
    const input = validate(deleteAccountSchema, request.body ?? {});
    const errors = input.ok ? await deleteOwnAccount(app, user, input.data.password, request) : input.errors;
    if (errors.length > 0) return renderDelete(reply, 400, false, errors);
    request.session.destroy();
    return reply.redirect('/account/deleted', 303);
  });

  app.get('/account/deleted', async (_request, reply) => reply.view('accounts/views/account-deleted.njk', { pageTitle: 'Your account has been deleted' }));
}
