import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { peekAccountToken } from './account-token.service.js';
import { normaliseEmail } from './user.repository.js';
import { PASSWORD_RESET_JOB, forgotPasswordSchema, registerPasswordResetJob, resetPassword, resetPasswordSchema } from './password-reset.service.js';

const tokenQuery = z.object({ token: z.string().max(200).optional().catch(undefined) });

function formModel(values: Record<string, unknown>, errors: FieldError[]) {
  return { values, errors, errorSummaryModel: errorSummary(errors), fieldErrors: errorsByField(errors) };
}

function renderReset(reply: FastifyReply, status: number, token: string, errors: FieldError[] = []) {
  return reply.status(status).view('accounts/views/reset-password.njk', { pageTitle: 'Choose a new password', ...formModel({ token }, errors) });
}

function renderInvalidLink(reply: FastifyReply) {
  return reply.status(400).view('accounts/views/link-invalid.njk', {
    pageTitle: 'This link has expired or has already been used',
    again: { href: '/forgot-password', text: 'Ask for a new password reset link' },
  });
}

export async function passwordResetRoutes(app: FastifyInstance): Promise<void> {
  registerPasswordResetJob(app);

  app.get('/forgot-password', async (_request, reply) =>
    reply.view('accounts/views/forgot-password.njk', { pageTitle: 'Reset your password', ...formModel({}, []) }),
  );

  app.post('/forgot-password', { config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(forgotPasswordSchema, body);
    if (!input.ok) return reply.status(400).view('accounts/views/forgot-password.njk', { pageTitle: 'Reset your password', ...formModel(body, input.errors) });
    await app.jobs.enqueue(PASSWORD_RESET_JOB, { email: normaliseEmail(input.data.email) });
    return reply.view('accounts/views/forgot-password-sent.njk', { pageTitle: 'Check your email', email: input.data.email });
  });

  app.get('/reset-password', async (request, reply) => {
    const { token } = tokenQuery.parse(request.query);
    if (!token || !(await peekAccountToken(app.db, token, 'reset_password'))) return renderInvalidLink(reply);
    return renderReset(reply, 200, token);
  });

  app.post('/reset-password', { config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(resetPasswordSchema, body);
    const token = typeof body.token === 'string' ? body.token : '';
    if (!input.ok) return renderReset(reply, 400, token, input.errors);
    const outcome = await resetPassword(app, input.data.token, input.data.password, request.ip);
    if (!outcome.ok && outcome.reason === 'weak') return renderReset(reply, 400, token, [{ field: 'password', message: outcome.message }]);
    if (!outcome.ok) return renderInvalidLink(reply);
    request.session.set('userId', outcome.userId);
    request.session.rotate();
    request.session.flash('success', 'Your password has been changed. Every other session has been signed out.');
    return reply.redirect('/account', 303);
  });
}
