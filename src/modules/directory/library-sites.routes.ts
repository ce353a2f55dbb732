import type { FastifyInstance } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { REFUSED, fieldErrorsOf, renderSiteForm } from './library-edit.routes.js';
import { readSiteForm } from './library-edit.form.js';
import { libraryIdFrom, siteIdsFrom } from './library-page.view.js';
import { siteOf } from './library-site-update.service.js';
import { addLibrarySite, removeLibrarySite } from './library-sites.service.js';
import { getLibrary } from './library.service.js';
import { canEditLibrary } from './policies.js';

/**
 * Adding a site to a library service and removing one (after a confirmation page), for the service's
 * managers and librarians and platform admins; the services check permission again and audit the change.
 */
export async function librarySiteRoutes(app: FastifyInstance): Promise<void> {
  const addPage = (id: number) => ({ heading: 'Add a site', action: `/libraries/${id}/sites/new`, submitText: 'Add site' });

  app.get('/libraries/:id/sites/new', async (request, reply) => {
    const user = requireUser(request);
    const library = await getLibrary(app.db, libraryIdFrom(request));
    authorize(canEditLibrary(user, library.id), REFUSED);
    return renderSiteForm(app, reply, library, undefined, addPage(library.id));
  });

  app.post('/libraries/:id/sites/new', async (request, reply) => {
    const user = requireUser(request);
    const library = await getLibrary(app.db, libraryIdFrom(request));
    authorize(canEditLibrary(user, library.id), REFUSED);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = readSiteForm(body);
    if (!form.ok) return renderSiteForm(app, reply, library, undefined, addPage(library.id), body, form.errors);
    let added: Awaited<ReturnType<typeof addLibrarySite>>;
    try {
      added = await addLibrarySite(app.db, user, library.id, { ...form.data, name: form.data.name ?? '' }, { request });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return renderSiteForm(app, reply, library, undefined, addPage(library.id), body, errors);
    }
    const site = siteOf(added.library, added.siteId);
    request.session.flash('success', `${site.name} has been added`);
    return reply.redirect(`/libraries/${library.id}#site-${site.key}`, 303);
  });

  app.get('/libraries/:id/sites/:siteId/remove', async (request, reply) => {
    const user = requireUser(request);
    const { id, siteId } = siteIdsFrom(request);
    const library = await getLibrary(app.db, id);
    authorize(canEditLibrary(user, library.id), REFUSED);
    const site = siteOf(library, siteId);
    return reply.view('directory/views/site-remove.njk', { pageTitle: `Remove ${site.name}`, library, site, addressLines: [site.address, site.postcode].filter(Boolean) });
  });

  app.post('/libraries/:id/sites/:siteId/remove', async (request, reply) => {
    const user = requireUser(request);
    const { id, siteId } = siteIdsFrom(request);
    const library = await getLibrary(app.db, id);
    authorize(canEditLibrary(user, library.id), REFUSED);
    const site = siteOf(library, siteId);
    await removeLibrarySite(app.db, user, library.id, siteId, { request });
    request.session.flash('success', `${site.name} has been removed`);
    return reply.redirect(`/libraries/${library.id}`, 303);
  });
}
