import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { listLibrariesServing } from '../directory/index.js';
import { loadOrganisationDetail } from './organisation-detail.service.js';
import { createOrganisation } from './organisation-edit.service.js';
import { organisationFormSchema, organisationListQuerySchema } from './organisation.schema.js';
import { getOrganisationById, listCounties, listRegions, searchOrganisations } from './organisation.service.js';
import {
  PAGE_SIZE,
  auditEventRow,
  countyItems,
  formErrors,
  formValuesFromBody,
  organisationIdFrom,
  paginationModel,
  regionItems,
  staffWteText,
  typeItems,
  typeLabel,
} from './organisation-view.js';
import {
  canAddOrganisation,
  canEditAccountExpiry,
  canEditDomains,
  canEditOrganisation,
  canViewOrganisation,
  organisationListScope,
} from './policies.js';

const FORM_VIEW = 'organisations/views/organisation-form.njk';

/** Renders the add/edit form with its choices, the person's input and any errors. */
export async function renderOrganisationForm(
  app: FastifyInstance,
  reply: FastifyReply,
  page: { title: string; action: string; values: Record<string, unknown>; cancelHref: string },
  errors: FieldError[] = [],
) {
  const [regions, counties] = [await listRegions(app.db), await listCounties(app.db)];
  return reply.status(errors.length > 0 ? 400 : 200).view(FORM_VIEW, {
    pageTitle: page.title,
    action: page.action,
    cancelHref: page.cancelHref,
    values: page.values,
    typeItems: typeItems(page.values.type),
    regionItems: regionItems(regions, page.values.regionCode, 'Not known'),
    countyItems: countyItems(counties, page.values.countyId),
    ...formErrors(errors),
  });
}

async function listPage(app: FastifyInstance, user: CurrentUser, rawQuery: unknown) {
  const scope = organisationListScope(user);
  authorize(scope !== undefined);
  const query = organisationListQuerySchema.parse(rawQuery);
  const page = query.page ?? 1;
  const search = { query: query.q, regionCode: query.region, type: query.type, scope };
  const { organisations, total } = await searchOrganisations(app.db, { ...search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const regions = await listRegions(app.db);
  const hrefFor = (n: number) => `/admin/organisations?${new URLSearchParams({ q: query.q ?? '', region: query.region ?? '', type: query.type ?? '', page: String(n) }).toString()}`;
  return {
    pageTitle: 'Organisations',
    query,
    total,
    rows: organisations.map((o) => ({ ...o, typeText: typeLabel(o.type), regionName: regions.find((r) => r.code === o.regionCode)?.name })),
    regionItems: regionItems(regions, query.region, 'Any region'),
    typeItems: typeItems(query.type, 'Any type'),
    paginationModel: paginationModel(page, total, hrefFor),
    canAdd: canAddOrganisation(user),
  };
}

/** Admin pages to find, view and add organisations. */
export async function organisationAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/organisations', async (request, reply) => {
    const user = requireUser(request);
    return reply.view('organisations/views/organisations.njk', await listPage(app, user, request.query));
  });

  app.get('/admin/organisations/new', async (request, reply) => {
    authorize(canAddOrganisation(requireUser(request)));
    const values = { type: 'nhs_trust', accountExpiryMonths: '24', closedOn: {} };
    return renderOrganisationForm(app, reply, { title: 'Add an organisation', action: '/admin/organisations', values, cancelHref: '/admin/organisations' });
  });

  app.post('/admin/organisations', async (request, reply) => {
    const user = requireUser(request);
    authorize(canAddOrganisation(user));
    const values = formValuesFromBody(request.body);
    const page = { title: 'Add an organisation', action: '/admin/organisations', values, cancelHref: '/admin/organisations' };
    const input = validate(organisationFormSchema, values);
    if (!input.ok) return renderOrganisationForm(app, reply, page, input.errors);
    const created = await createOrganisation(app.db, input.data, { actor: user, request });
    if (!created.ok) return renderOrganisationForm(app, reply, page, created.errors);
    request.session.flash('success', `${input.data.name} has been added`);
    return reply.redirect(`/admin/organisations/${created.data}`, 303);
  });

  app.get('/admin/organisations/:id', async (request, reply) => {
    const user = requireUser(request);
    const organisation = await getOrganisationById(app.db, organisationIdFrom(request));
    authorize(canViewOrganisation(user, organisation));
    const detail = await loadOrganisationDetail(app.db, organisation);
    return reply.view('organisations/views/organisation.njk', {
      pageTitle: organisation.name,
      ...detail,
      auditRows: detail.auditEvents.map(auditEventRow),
      staffText: staffWteText(organisation),
      typeText: typeLabel(organisation.type),
      successMessages: request.session.takeFlash('success'),
      libraries: await listLibrariesServing(app.db, organisation.id),
      can: { edit: canEditOrganisation(user), editDomains: canEditDomains(user, organisation), editExpiry: canEditAccountExpiry(user, organisation) },
    });
  });
}
