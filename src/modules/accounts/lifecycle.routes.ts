import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guards.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { listOrganisationsForSelect } from '../organisations/index.js';
import { findRenewalOwner, isRenewable, renewAccount, renewSchema } from './lifecycle.service.js';
import { DECLARATION_TEXT } from './registration.schema.js';
import { findUserById } from './user.repository.js';
import type { UserAccountRow } from './user.table.js';

const tokenQuery = z.object({ token: z.string().max(200).optional().catch(undefined) });
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** Whose account is being renewed: the emailed link's owner, or else the signed-in person (401 → sign in). */
async function renewalOwner(app: FastifyInstance, request: FastifyRequest, token: string | undefined): Promise<UserAccountRow | undefined> {
  if (token) return findRenewalOwner(app.db, token);
  return findUserById(app.db, requireUser(request).id);
}

async function renderRenew(app: FastifyInstance, reply: FastifyReply, status: number, owner: UserAccountRow, values: Record<string, unknown>, errors: FieldError[] = []) {
  const organisations = await listOrganisationsForSelect(app.db);
  const selected = String(values.organisationId ?? '');
  return reply.status(status).view('accounts/views/renew.njk', {
    pageTitle: 'Renew your khub account',
    fullName: owner.full_name,
    expiresAt: owner.expires_at,
    suspended: owner.status === 'suspended',
    declarationText: DECLARATION_TEXT,
    organisationItems: [{ value: '', text: 'Select your organisation' }, ...organisations.map((o) => ({ value: String(o.id), text: `${o.name} (${o.odsCode})`, selected: String(o.id) === selected }))],
    values,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

function renderInvalidLink(reply: FastifyReply) {
  return reply.status(400).view('accounts/views/link-invalid.njk', {
    pageTitle: 'This renewal link has expired or has already been used',
    again: { href: '/sign-in?returnTo=%2Faccount%2Frenew', text: 'Sign in to renew your account' },
  });
}

function renderBlocked(reply: FastifyReply) {
  return reply.status(409).view('accounts/views/renew-blocked.njk', { pageTitle: 'Your account cannot be renewed online' });
}

/** Renewal: re-confirm eligibility, from the emailed link or signed in; it also lifts a suspension caused by expiry. */
export async function lifecycleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account/renew', async (request, reply) => {
    const { token } = tokenQuery.parse(request.query);
    const owner = await renewalOwner(app, request, token);
    if (!owner) return renderInvalidLink(reply);
    if (!isRenewable(owner)) return renderBlocked(reply);
    return renderRenew(app, reply, 200, owner, { token: token ?? '', jobTitle: owner.job_title, organisationId: owner.organisation_id });
  });

  app.post('/account/renew', { config: { rateLimit: { max: 20, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' && body.token !== '' ? body.token.slice(0, 200) : undefined;
    const owner = await renewalOwner(app, request, token);
    if (!owner) return renderInvalidLink(reply);
    const input = validate(renewSchema, body);
    if (!input.ok) return renderRenew(app, reply, 400, owner, body, input.errors);
    const outcome = await renewAccount(app, owner.id, input.data, request);
    if (!outcome.ok && outcome.reason === 'invalid') return renderRenew(app, reply, 400, owner, body, outcome.errors);
    if (!outcome.ok) return outcome.reason === 'not_renewable' ? renderBlocked(reply) : renderInvalidLink(reply);
    request.session.flash('renewed', dateFormat.format(outcome.expiresAt));
    return reply.redirect('/account/renewed', 303);
  });

  app.get('/account/renewed', async (request, reply) => {
    const [until] = request.session.takeFlash('renewed');
    return reply.view('accounts/views/renewed.njk', { pageTitle: 'Your account has been renewed', until, signedIn: request.user !== null });
  });
}
