import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { validate } from '../../platform/forms/validation.js';
import { type FieldError, NotFoundError } from '../../platform/http/errors.js';
import { addDomain, addSharedDomain, listDomains, listSharedDomains, removeDomain, removeSharedDomain } from './organisation-domain.service.js';
import { domainFormSchema, sharedDomainFormSchema } from './organisation.schema.js';
import { type Organisation, getOrganisationById } from './organisation.service.js';
import { formErrors, organisationIdFrom } from './organisation-view.js';
import { canEditDomains, canManageSharedDomains } from './policies.js';

const domainParam = z.object({ domain: z.string().min(1).max(253) });

function domainFrom(request: FastifyRequest): string {
  const parsed = domainParam.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('not_found', 'There is no such domain.');
  return parsed.data.domain.toLowerCase();
}

async function renderDomains(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, organisation: Organisation, values: Record<string, unknown> = {}, errors: FieldError[] = []) {
  return reply.status(errors.length > 0 ? 400 : 200).view('organisations/views/domains.njk', {
    pageTitle: `Email domains of ${organisation.name}`,
    organisation,
    domains: await listDomains(app.db, organisation.id),
    successMessages: request.session.takeFlash('success'),
    values,
    ...formErrors(errors),
  });
}

async function renderShared(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, errors: FieldError[] = []) {
  return reply.status(errors.length > 0 ? 400 : 200).view('organisations/views/shared-domains.njk', {
    pageTitle: 'Shared email domains',
    domains: await listSharedDomains(app.db),
    successMessages: request.session.takeFlash('success'),
    values,
    ...formErrors(errors),
  });
}

/** The email domains that prove membership of an organisation (its own admins and platform admins). */
export async function organisationDomainRoutes(app: FastifyInstance): Promise<void> {
  async function editableOrganisation(request: FastifyRequest) {
    const user = requireUser(request);
    const organisation = await getOrganisationById(app.db, organisationIdFrom(request));
    authorize(canEditDomains(user, organisation));
    return { user, organisation };
  }

  app.get('/admin/organisations/:id/domains', async (request, reply) => {
    const { organisation } = await editableOrganisation(request);
    return renderDomains(app, request, reply, organisation);
  });

  app.post('/admin/organisations/:id/domains', async (request, reply) => {
    const { user, organisation } = await editableOrganisation(request);
    const values = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(domainFormSchema, values);
    if (!input.ok) return renderDomains(app, request, reply, organisation, values, input.errors);
    const added = await addDomain(app.db, organisation.id, input.data.domain, { actor: user, request });
    if (!added.ok) return renderDomains(app, request, reply, organisation, values, added.errors);
    request.session.flash('success', `${input.data.domain} has been added`);
    return reply.redirect(`/admin/organisations/${organisation.id}/domains`, 303);
  });

  app.post('/admin/organisations/:id/domains/:domain/delete', async (request, reply) => {
    const { user, organisation } = await editableOrganisation(request);
    const domain = domainFrom(request);
    if (!(await removeDomain(app.db, organisation.id, domain, { actor: user, request }))) throw new NotFoundError('not_found', 'That domain is not one of this organisation’s.');
    request.session.flash('success', `${domain} has been removed`);
    return reply.redirect(`/admin/organisations/${organisation.id}/domains`, 303);
  });
}

/** The shared domains (nhs.net, personal mail) that never prove membership: platform admins only. */
export async function sharedDomainRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/shared-email-domains', async (request, reply) => {
    authorize(canManageSharedDomains(requireUser(request)));
    return renderShared(app, request, reply);
  });

  app.post('/admin/shared-email-domains', async (request, reply) => {
    const user = requireUser(request);
    authorize(canManageSharedDomains(user));
    const values = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(sharedDomainFormSchema, values);
    if (!input.ok) return renderShared(app, request, reply, values, input.errors);
    const added = await addSharedDomain(app.db, input.data, { actor: user, request });
    if (!added.ok) return renderShared(app, request, reply, values, added.errors);
    request.session.flash('success', `${input.data.domain} is now treated as shared`);
    return reply.redirect('/admin/shared-email-domains', 303);
  });

  app.post('/admin/shared-email-domains/:domain/delete', async (request, reply) => {
    const user = requireUser(request);
    authorize(canManageSharedDomains(user));
    const domain = domainFrom(request);
    if (!(await removeSharedDomain(app.db, domain, { actor: user, request }))) throw new NotFoundError('not_found', 'That domain is not a shared domain.');
    request.session.flash('success', `${domain} is no longer treated as shared`);
    return reply.redirect('/admin/shared-email-domains', 303);
  });
}
