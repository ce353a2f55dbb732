import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import { type FieldError, NotFoundError } from '../../platform/http/errors.js';
import { actorOf } from './admin-account.service.js';
import { createApiToken, listApiTokensForUser, revokeApiToken } from './api-token.service.js';
import { canManageApiTokens } from './policies.js';

const LIFETIMES = [
  { value: '30', text: '30 days' },
  { value: '90', text: '90 days' },
  { value: '365', text: '1 year' },
  { value: 'never', text: 'No expiry (until revoked)' },
] as const;
const DAY_MS = 86_400_000;

const newTokenSchema = z.object({
  name: z.string({ error: 'Enter a name for the token' }).trim().min(1, 'Enter a name for the token').max(100, 'The name must be 100 characters or fewer'),
  lifetime: z.enum(['30', '90', '365', 'never'], { error: 'Select how long the token lasts' }),
});
const tokenParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The signed-in person, if they may hold API tokens (platform and organisation admins). */
function tokenHolder(request: FastifyRequest) {
  const user = requireUser(request);
  authorize(canManageApiTokens(user));
  return user;
}

async function renderTokens(app: FastifyInstance, reply: FastifyReply, userId: number, request: FastifyRequest, values: Record<string, unknown> = {}, errors: FieldError[] = []) {
  return reply.status(errors.length > 0 ? 400 : 200).view('accounts/views/api-tokens.njk', {
    pageTitle: 'API tokens',
    tokens: await listApiTokensForUser(app.db, userId),
    lifetimeItems: LIFETIMES.map((l) => ({ ...l, checked: l.value === (values.lifetime ?? '90') })),
    values,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
    success: request.session.takeFlash('success'),
  });
}

/** API tokens for one's own account: list, create (the secret is shown once, never stored) and revoke; both changes audited. */
export async function apiTokenRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account/api-tokens', async (request, reply) => renderTokens(app, reply, tokenHolder(request).id, request));

  // The secret is shown in the answer to the POST rather than after a redirect, so it is never written to the session table.
  app.post('/account/api-tokens', async (request, reply) => {
    const user = tokenHolder(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(newTokenSchema, body);
    if (!input.ok) return renderTokens(app, reply, user.id, request, body, input.errors);
    const now = new Date();
    const expiresAt = input.data.lifetime === 'never' ? undefined : new Date(now.getTime() + Number(input.data.lifetime) * DAY_MS);
    const created = await app.db.transaction().execute(async (trx) => {
      const token = await createApiToken(trx, user.id, input.data.name, { expiresAt, now });
      await recordAudit(trx, { actor: actorOf(user), action: 'api_token.create', targetType: 'api_token', targetId: token.id, details: { after: { name: input.data.name, expiresAt: expiresAt?.toISOString() ?? null } }, request });
      return token;
    });
    reply.header('cache-control', 'no-store');
    return reply.view('accounts/views/api-token-created.njk', { pageTitle: 'Your new API token', name: input.data.name, token: created.token, expiresAt: expiresAt?.toISOString() });
  });

  app.post('/account/api-tokens/:id/revoke', async (request, reply) => {
    const user = tokenHolder(request);
    const parsed = tokenParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const revoked = await app.db.transaction().execute(async (trx) => {
      if (!(await revokeApiToken(trx, user.id, parsed.data.id))) return false;
      await recordAudit(trx, { actor: actorOf(user), action: 'api_token.revoke', targetType: 'api_token', targetId: parsed.data.id, request });
      return true;
    });
    if (!revoked) throw new NotFoundError('not_found', 'You have no active token with that id.');
    request.session.flash('success', 'The token has been revoked. Systems using it can no longer reach the API.');
    return reply.redirect('/account/api-tokens', 303);
  });
}
