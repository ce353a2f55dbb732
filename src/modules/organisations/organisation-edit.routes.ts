import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { renderOrganisationForm } from './organisation-admin.routes.js';
import { parentOdsCodeOf } from './organisation-detail.service.js';
import { updateAccountExpiry, updateOrganisation } from './organisation-edit.service.js';
import { accountExpirySchema, organisationFormSchema } from './organisation.schema.js';
import { type Organisation, getOrganisationById } from './organisation.service.js';
import { formErrors, formValuesFromBody, formValuesOf, organisationIdFrom } from './organisation-view.js';
import { canEditAccountExpiry, canEditOrganisation } from './policies.js';

function editPage(organisation: Organisation, values: Record<string, unknown>) {
  const href = `/admin/organisations/${organisation.id}`;
  return { title: `Edit ${organisation.name}`, action: `${href}/edit`, values, cancelHref: href };
}

function renderExpiry(reply: FastifyReply, organisation: Organisation, values: Record<string, unknown>, errors: FieldError[] = []) {
  return reply.status(errors.length > 0 ? 400 : 200).view('organisations/views/account-expiry.njk', {
    pageTitle: `How long accounts last at ${organisation.name}`,
    organisation,
    values,
    ...formErrors(errors),
  });
}

/** Changing an organisation: every field (platform admins), and account expiry (also its own admins). */
export async function organisationEditRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/organisations/:id/edit', async (request, reply) => {
    authorize(canEditOrganisation(requireUser(request)));
    const organisation = await getOrganisationById(app.db, organisationIdFrom(request));
    const values = formValuesOf(organisation, await parentOdsCodeOf(app.db, organisation));
    return renderOrganisationForm(app, reply, editPage(organisation, values));
  });

  app.post('/admin/organisations/:id/edit', async (request, reply) => {
    const user = requireUser(request);
    authorize(canEditOrganisation(user));
    const organisation = await getOrganisationById(app.db, organisationIdFrom(request));
    const values = formValuesFromBody(request.body);
    const input = validate(organisationFormSchema, values);
    if (!input.ok) return renderOrganisationForm(app, reply, editPage(organisation, values), input.errors);
    const updated = await updateOrganisation(app.db, organisation.id, input.data, { actor: user, request });
    if (!updated.ok) return renderOrganisationForm(app, reply, editPage(organisation, values), updated.errors);
    request.session.flash('success', 'The organisation’s details have been saved');
    return reply.redirect(`/admin/organisations/${organisation.id}`, 303);
  });

  app.get('/admin/organisations/:id/account-expiry', async (request, reply) => {
    const user = requireUser(request);
    const organisation = await getOrganisationById(app.db, organisationIdFrom(request));
    authorize(canEditAccountExpiry(user, organisation));
    return renderExpiry(reply, organisation, { accountExpiryMonths: String(organisation.accountExpiryMonths) });
  });

  app.post('/admin/organisations/:id/account-expiry', async (request, reply) => {
    const user = requireUser(request);
    const organisation = await getOrganisationById(app.db, organisationIdFrom(request));
    authorize(canEditAccountExpiry(user, organisation));
    const values = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(accountExpirySchema, values);
    if (!input.ok) return renderExpiry(reply, organisation, values, input.errors);
    await updateAccountExpiry(app.db, organisation.id, input.data.accountExpiryMonths, { actor: user, request });
    request.session.flash('success', `Accounts now last ${input.data.accountExpiryMonths} months before people must confirm they are still eligible`);
    return reply.redirect(`/admin/organisations/${organisation.id}`, 303);
  });
}
