import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { errorsByField, errorSummary } from '../../platform/forms/validation.js';
import { type FieldError, ValidationError } from '../../platform/http/errors.js';
import { listCounties } from '../organisations/index.js';
import { readServiceForm, readSiteForm, serviceFormValues, siteFormValues } from './library-edit.form.js';
import { libraryIdFrom, siteIdsFrom } from './library-page.view.js';
import { siteOf, updateLibrarySite } from './library-site-update.service.js';
import { updateLibrary } from './library-update.service.js';
import { type Library, type LibrarySite, getLibrary, listServicesOffered } from './library.service.js';
import { WEEKDAYS } from './opening-hours.js';
import { canEditLibrary } from './policies.js';

export const REFUSED = 'Only this library service’s managers and librarians can change its entry.';

const formErrors = (errors: readonly FieldError[]) => ({ errors, errorSummaryModel: errorSummary(errors), fieldErrors: errorsByField(errors) });

async function renderServiceForm(app: FastifyInstance, reply: FastifyReply, library: Library, body?: Record<string, unknown>, errors: FieldError[] = []) {
  const { values, servicesOffered, contacts } = serviceFormValues(library, body);
  const had = new Set(library.servicesOffered.map((s) => s.code));
  // Retired services are offered only to entries that already have them, so history is kept but not spread.
  const offered = (await listServicesOffered(app.db)).filter((o) => !o.retired || had.has(o.code));
  return reply.status(errors.length > 0 ? 400 : 200).view('directory/views/library-edit.njk', {
    pageTitle: `Change ${library.name}`,
    library,
    values,
    contacts,
    serviceItems: offered.map((o) => ({ value: o.code, text: o.label, hint: o.retired ? { text: 'Retired: it stays on this entry until you untick it' } : undefined, checked: servicesOffered.includes(o.code) })),
    ...formErrors(errors),
  });
}

/** What differs between the form that changes a site and the one that adds one. */
interface SitePage {
  readonly heading: string;
  readonly action: string;
  readonly submitText: string;
  readonly removeHref?: string;
}

/** The site form (one site's details and hours) for a site, or for a new one when `site` is undefined. */
export async function renderSiteForm(app: FastifyInstance, reply: FastifyReply, library: Library, site: LibrarySite | undefined, page: SitePage, body?: Record<string, unknown>, errors: FieldError[] = []) {
  const counties = await listCounties(app.db);
  const selected = body ? String(body.county ?? '') : String(counties.find((c) => c.name === site?.county)?.id ?? '');
  return reply.status(errors.length > 0 ? 400 : 200).view('directory/views/site-edit.njk', {
    pageTitle: page.heading,
    ...page,
    library,
    site,
    values: siteFormValues(site, body),
    days: WEEKDAYS.map((d) => ({ id: `hours-${d.short.toLowerCase()}`, label: d.long })),
    countyItems: [{ value: '', text: 'Not known' }, ...counties.map((c) => ({ value: String(c.id), text: c.name, selected: String(c.id) === selected }))],
    ...formErrors(errors),
  });
}

function changeSitePage(library: Library, siteId: number): { site: LibrarySite; page: SitePage } {
  const site = siteOf(library, siteId);
  const base = `/libraries/${library.id}/sites/${site.id}`;
  return { site, page: { heading: `Change ${site.name}`, action: `${base}/edit`, submitText: 'Save changes', removeHref: `${base}/remove` } };
}

/** Problems the update services find (an unknown service offered, a county) shown on the form like the form's own. */
export function fieldErrorsOf(error: unknown): FieldError[] | undefined {
  return error instanceof ValidationError ? [...error.fieldErrors] : undefined;
}

/**
 * Editing an entry, for its service managers and librarians and platform admins (403 for anyone else):
 * the service's details and contacts, each site's details and opening hours, and "mark as verified".
 * The update services check permission again and audit every change.
 */
export async function libraryEditRoutes(app: FastifyInstance): Promise<void> {
  app.get('/libraries/:id/edit', async (request, reply) => {
    const user = requireUser(request);
    const library = await getLibrary(app.db, libraryIdFrom(request));
    authorize(canEditLibrary(user, library.id), REFUSED);
    return renderServiceForm(app, reply, library);
  });

  app.post('/libraries/:id/edit', async (request, reply) => {
    const user = requireUser(request);
    const library = await getLibrary(app.db, libraryIdFrom(request));
    authorize(canEditLibrary(user, library.id), REFUSED);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = readServiceForm(body);
    if (!form.ok) return renderServiceForm(app, reply, library, body, form.errors);
    try {
      await updateLibrary(app.db, user, library.id, form.data, { request });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return renderServiceForm(app, reply, library, body, errors);
    }
    request.session.flash('success', `Your changes to ${form.data.name ?? library.name} have been saved`);
    return reply.redirect(`/libraries/${library.id}`, 303);
  });

  app.get('/libraries/:id/sites/:siteId/edit', async (request, reply) => {
    const user = requireUser(request);
    const { id, siteId } = siteIdsFrom(request);
    const library = await getLibrary(app.db, id);
    authorize(canEditLibrary(user, library.id), REFUSED);
    const { site, page } = changeSitePage(library, siteId);
    return renderSiteForm(app, reply, library, site, page);
  });

  app.post('/libraries/:id/sites/:siteId/edit', async (request, reply) => {
    const user = requireUser(request);
    const { id, siteId } = siteIdsFrom(request);
    const library = await getLibrary(app.db, id);
    authorize(canEditLibrary(user, library.id), REFUSED);
    const { site, page } = changeSitePage(library, siteId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = readSiteForm(body);
    if (!form.ok) return renderSiteForm(app, reply, library, site, page, body, form.errors);
    try {
      await updateLibrarySite(app.db, user, library.id, siteId, form.data, { request });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return renderSiteForm(app, reply, library, site, page, body, errors);
    }
    request.session.flash('success', `Your changes to ${form.data.name ?? 'the site'} have been saved`);
    return reply.redirect(`/libraries/${library.id}#site-${library.sites.find((s) => s.id === siteId)?.key ?? ''}`, 303);
  });

  app.post('/libraries/:id/verify', async (request, reply) => {
    const user = requireUser(request);
    const id = libraryIdFrom(request);
    const library = await updateLibrary(app.db, user, id, { verified: true }, { request });
    request.session.flash('success', `${library.name} is marked as verified today`);
    return reply.redirect(`/libraries/${id}`, 303);
  });
}
