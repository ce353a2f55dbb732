import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { returnToSchema, signInSchema } from './sign-in.schema.js';
import { attemptSignIn, describeWait, landingPath } from './sign-in.service.js';

const signInQuery = z.object({ returnTo: returnToSchema });
const INVALID: FieldError = { field: 'email', message: 'Enter a correct email address and password' };

function renderSignIn(reply: FastifyReply, status: number, values: Record<string, unknown>, errors: FieldError[] = []) {
  return reply.status(status).view('accounts/views/sign-in.njk', {
    pageTitle: 'Sign in',
    values: { email: values.email, returnTo: values.returnTo },
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

export async function signInRoutes(app: FastifyInstance): Promise<void> {
  app.get('/sign-in', async (request, reply) => {
    const { returnTo } = signInQuery.parse(request.query);
    if (request.user) return reply.redirect(landingPath(request.user.status, returnTo), 303);
    return renderSignIn(reply, 200, { returnTo });
  });

  app.post('/sign-in', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(signInSchema, body);
    if (!input.ok) return renderSignIn(reply, 400, body, input.errors);
    const result = await attemptSignIn(app.db, input.data.email, input.data.password, request.ip);
    if (!result.ok && result.reason === 'throttled') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      const message = `Too many attempts to sign in. Wait ${describeWait(result.retryAfterSeconds)} and try again, or reset your password`;
      return renderSignIn(reply, 429, body, [{ field: 'email', message }]);
    }
    if (!result.ok) return renderSignIn(reply, 400, body, [INVALID]);
    request.session.set('userId', result.userId);
    // A new session id at sign-in: an id planted before sign-in is worthless afterwards.
    request.session.rotate();
    return reply.redirect(landingPath(result.status, input.data.returnTo), 303);
  });

  // The header's sign-out button cannot carry a hidden field, so this one route also reads the token from the query.
  app.post('/sign-out', { config: { csrfFromQuery: true } }, async (request, reply) => {
    request.session.destroy();
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', async (_request, reply) => reply.view('accounts/views/signed-out.njk', { pageTitle: 'You have signed out' }));
}
