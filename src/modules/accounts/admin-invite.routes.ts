import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { activateInvitedAccount, activateSchema, findInvitation } from './admin-invite.service.js';
import { DECLARATION_TEXT } from './registration.schema.js';

const tokenQuery = z.object({ token: z.string().max(200).optional().catch(undefined) });

function renderActivate(reply: FastifyReply, status: number, values: { token: string; fullName: string; organisation: string; declaration?: unknown }, errors: FieldError[] = []) {
  return reply.status(status).view('accounts/views/admin-activate.njk', {
    pageTitle: 'Set up your khub account',
    values,
    declarationText: DECLARATION_TEXT,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

function renderInvalidLink(reply: FastifyReply) {
  return reply.status(400).view('accounts/views/link-invalid.njk', {
    pageTitle: 'This invitation link has expired or has already been used',
    again: { href: '/forgot-password', text: 'Set a password with the “forgotten password” page instead' },
  });
}

/** The page an emailed invitation (from a bulk upload) opens: confirm eligibility, choose a password, and be signed in. */
export async function adminInviteRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account/activate', async (request, reply) => {
    const { token } = tokenQuery.parse(request.query);
    const invitation = token ? await findInvitation(app, token) : undefined;
    if (!token || !invitation) return renderInvalidLink(reply);
    return renderActivate(reply, 200, { token, fullName: invitation.owner.full_name, organisation: invitation.organisation?.name ?? '' });
  });

  app.post('/account/activate', { config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token.slice(0, 200) : '';
    const invitation = token ? await findInvitation(app, token) : undefined;
    if (!invitation) return renderInvalidLink(reply);
    const values = { token, fullName: invitation.owner.full_name, organisation: invitation.organisation?.name ?? '', declaration: body.declaration };
    const input = validate(activateSchema, body);
    if (!input.ok) return renderActivate(reply, 400, values, input.errors);
    const outcome = await activateInvitedAccount(app, input.data, request);
    if (!outcome.ok && outcome.reason === 'weak') return renderActivate(reply, 400, values, [{ field: 'password', message: outcome.message }]);
    if (!outcome.ok) return renderInvalidLink(reply);
    request.session.set('userId', outcome.userId);
    // A new session id at sign-in: an id planted before is worthless afterwards.
    request.session.rotate();
    request.session.flash('success', 'Your account is ready and you are signed in.');
    return reply.redirect('/account', 303);
  });
}
