import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { peekAccountToken } from './account-token.service.js';
import { createFirstAdmin, platformAdminExists, setupSchema } from './setup.service.js';

const tokenQuery = z.object({ token: z.string().max(200).optional().catch(undefined) });

function renderSetup(reply: FastifyReply, status: number, values: Record<string, unknown>, errors: FieldError[] = []) {
  return reply.status(status).view('accounts/views/setup.njk', {
    pageTitle: 'Create the first administrator',
    values: { token: values.token, fullName: values.fullName, email: values.email },
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

function renderInvalid(reply: FastifyReply) {
  return reply.status(400).view('accounts/views/link-invalid.njk', { pageTitle: 'This setup link cannot be used' });
}

/** The one-time link printed at first start, which creates the first platform administrator. */
export async function setupRoutes(app: FastifyInstance): Promise<void> {
  app.get('/setup', async (request, reply) => {
    const { token } = tokenQuery.parse(request.query);
    if (!token || (await platformAdminExists(app.db)) || !(await peekAccountToken(app.db, token, 'setup_admin'))) return renderInvalid(reply);
    return renderSetup(reply, 200, { token });
  });

  app.post('/setup', { config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(setupSchema, body);
    if (!input.ok) return renderSetup(reply, 400, body, input.errors);
    const outcome = await createFirstAdmin(app.db, input.data);
    if (!outcome.ok && 'reason' in outcome) return renderInvalid(reply);
    if (!outcome.ok) return renderSetup(reply, 400, body, [{ field: outcome.field, message: outcome.message }]);
    request.session.set('userId', outcome.userId);
    request.session.rotate();
    request.session.flash('success', 'Your administrator account is ready. Next, import or add organisations.');
    return reply.redirect('/admin', 303);
  });
}
