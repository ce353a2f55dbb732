import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireUser } from '../../platform/auth/guards.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { findOrganisationById, listOrganisationsForSelect } from '../organisations/index.js';
import { DECLARATION_TEXT, registrationSchema } from './registration.schema.js';
import { checkRegistrationOrganisation, registerAccount } from './registration.service.js';
import { STAFF_GROUPS } from './staff-groups.js';

/** Forms that send email to whatever address is typed, or check a password, are limited per client address. */
export const SENSITIVE_FORM_LIMIT = { rateLimit: { max: 10, timeWindow: '15 minutes' } };

const FORM_FIELDS = ['fullName', 'email', 'organisationId', 'staffGroup', 'jobTitle', 'declaration'] as const;

/** What the person typed, as text, for re-showing the form; never the password. */
export function keptValues(body: unknown, fields: readonly string[]): Record<string, string> {
  const source = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f, typeof source[f] === 'string' ? source[f] : '']));
}

async function renderRegister(app: FastifyInstance, reply: FastifyReply, status: number, values: Record<string, string>, errors: FieldError[] = []) {
  const organisations = await listOrganisationsForSelect(app.db);
  const organisationItems = organisations.map((o) => ({ value: String(o.id), text: `${o.name} (${o.odsCode})`, selected: String(o.id) === values.organisationId }));
  return reply.status(status).view('accounts/views/register.njk', {
    pageTitle: 'Register for a khub account',
    values,
    organisationItems: [{ value: '', text: 'Select your organisation' }, ...organisationItems],
    staffGroupItems: STAFF_GROUPS.map((g) => ({ value: g.value, text: g.text, checked: g.value === values.staffGroup })),
    declarationText: DECLARATION_TEXT,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

/** The registration form, the "check your email" page, and the page that follows verification. */
export async function registrationRoutes(app: FastifyInstance): Promise<void> {
  app.get('/register', async (request, reply) => {
    if (request.user) return reply.redirect('/account', 303);
    return renderRegister(app, reply, 200, keptValues({}, FORM_FIELDS));
  });

  app.post('/register', { config: SENSITIVE_FORM_LIMIT }, async (request, reply) => {
    if (request.user) return reply.redirect('/account', 303);
    const values = keptValues(request.body, FORM_FIELDS);
    const input = validate(registrationSchema, request.body ?? {});
    const errors = input.ok ? await checkRegistrationOrganisation(app.db, input.data.organisationId) : input.errors;
    if (!input.ok || errors.length > 0) return renderRegister(app, reply, 400, values, errors);
    await registerAccount(app, input.data, request);
    request.session.flash('checkEmail', input.data.email);
    return reply.redirect('/register/check-email', 303);
  });

  app.get('/register/check-email', async (request, reply) => {
    const [email] = request.session.takeFlash('checkEmail');
    return reply.view('accounts/views/register-check-email.njk', { pageTitle: 'Check your email', email });
  });

  app.get('/register/complete', async (request, reply) => {
    const user = requireUser(request);
    const organisation = user.organisationId === null ? undefined : await findOrganisationById(app.db, user.organisationId);
    const pageTitle = user.status === 'active' ? 'Your khub account is ready' : 'Your request has been sent';
    return reply.view('accounts/views/register-complete.njk', { pageTitle, status: user.status, organisationName: organisation?.name ?? 'your organisation' });
  });
}
