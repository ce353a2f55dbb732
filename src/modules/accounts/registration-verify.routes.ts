import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { SENSITIVE_FORM_LIMIT, keptValues } from './registration.routes.js';
import { resendSchema, tokenSchema } from './registration.schema.js';
import { peekVerification, resendVerification, verifyEmail } from './registration.service.js';

const linkQuery = z.object({ token: z.string().trim().max(200).catch('') });

function renderInvalidLink(reply: FastifyReply) {
  return reply.status(400).view('accounts/views/register-link-invalid.njk', { pageTitle: 'This link has expired or has already been used' });
}

function renderResend(reply: FastifyReply, status: number, values: Record<string, string>, errors: FieldError[] = []) {
  return reply.status(status).view('accounts/views/register-resend.njk', {
    pageTitle: 'Get a new link to confirm your email address',
    values,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

/**
 * Email verification. The emailed link only shows a button: mail scanners follow links, so the token is
 * used by the POST the person makes, never by the GET.
 */
export async function registrationVerifyRoutes(app: FastifyInstance): Promise<void> {
  app.get('/verify-email', async (request, reply) => {
    const { token } = linkQuery.parse(request.query ?? {});
    const registration = token ? await peekVerification(app.db, token) : undefined;
    if (!registration) return renderInvalidLink(reply);
    return reply.view('accounts/views/register-verify.njk', { pageTitle: 'Confirm your email address', token, registration });
  });

  app.post('/verify-email', async (request, reply) => {
    const input = validate(tokenSchema, request.body ?? {});
    const outcome = input.ok ? await verifyEmail(app, input.data.token, request) : { ok: false as const };
    if (!outcome.ok) return renderInvalidLink(reply);
    request.session.set('userId', outcome.userId);
    // Verifying signs the person in: a new session id, so one planted before is worthless.
    request.session.rotate();
    return reply.redirect('/register/complete', 303);
  });

  app.get('/verify-email/resend', async (_request, reply) => renderResend(reply, 200, { email: '' }));

  app.post('/verify-email/resend', { config: SENSITIVE_FORM_LIMIT }, async (request, reply) => {
    const input = validate(resendSchema, request.body ?? {});
    if (!input.ok) return renderResend(reply, 400, keptValues(request.body, ['email']), input.errors);
    await resendVerification(app, input.data.email);
    request.session.flash('checkEmail', input.data.email);
    return reply.redirect('/register/check-email', 303);
  });
}
