import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { errorsByField, errorSummary } from '../../platform/forms/validation.js';
import { type FieldError, NotFoundError } from '../../platform/http/errors.js';
import { searchOrganisations } from '../organisations/index.js';
import { REFUSED, fieldErrorsOf } from './library-edit.routes.js';
import { changeOrganisationsServed } from './library-organisations.service.js';
import { libraryIdFrom } from './library-page.view.js';
import { type Library, getLibrary } from './library.service.js';
import { canEditLibrary } from './policies.js';

/** How many organisations a search offers to add; a narrower search finds the rest. */
export const ORGANISATION_CHOICES = 20;

// Junk in the address is ignored rather than refused: it only fills the search box.
const searchQuery = z.object({ q: z.string().trim().max(100).refine((s) => !s.includes('\0')).optional().catch(undefined) });
const odsCode = z.string({ error: 'Select the organisation to add' }).trim().regex(/^[A-Za-z0-9]{2,10}$/, 'Select the organisation to add');
const addBody = z.object({ odsCode });
const removeParams = z.object({ id: z.string(), odsCode });

async function renderPage(app: FastifyInstance, reply: FastifyReply, library: Library, q: string | undefined, errors: FieldError[] = []) {
  const served = new Set(library.organisations.map((o) => o.odsCode));
  const found = q ? await searchOrganisations(app.db, { query: q, limit: ORGANISATION_CHOICES + served.size, offset: 0 }) : undefined;
  const choices = (found?.organisations ?? []).filter((o) => !served.has(o.odsCode)).slice(0, ORGANISATION_CHOICES);
  return reply.status(errors.length > 0 ? 400 : 200).view('directory/views/library-organisations.njk', {
    pageTitle: `Organisations ${library.name} serves`,
    library,
    q: q ?? '',
    searched: q !== undefined,
    more: found !== undefined && found.total - served.size > ORGANISATION_CHOICES,
    choiceItems: choices.map((o) => ({ value: o.odsCode, text: `${o.name} (${o.odsCode})`, hint: o.closedOn ? { text: `Closed on ${o.closedOn}` } : undefined })),
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

/**
 * The organisations a library service serves, changed one at a time: search by name or ODS code, choose
 * one to add; remove any. For the service's managers and librarians and platform admins; the service
 * checks permission again and audits each change.
 */
export async function libraryOrganisationRoutes(app: FastifyInstance): Promise<void> {
  app.get('/libraries/:id/organisations', async (request, reply) => {
    const user = requireUser(request);
    const library = await getLibrary(app.db, libraryIdFrom(request));
    authorize(canEditLibrary(user, library.id), REFUSED);
    return renderPage(app, reply, library, searchQuery.parse(request.query).q);
  });

  app.post('/libraries/:id/organisations', async (request, reply) => {
    const user = requireUser(request);
    const library = await getLibrary(app.db, libraryIdFrom(request));
    authorize(canEditLibrary(user, library.id), REFUSED);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { q } = searchQuery.parse({ q: body.q });
    const input = addBody.safeParse(body);
    if (!input.success) return renderPage(app, reply, library, q, [{ field: 'odsCode', message: 'Select the organisation to add' }]);
    let updated: Library;
    try {
      updated = await changeOrganisationsServed(app.db, user, library.id, { add: input.data.odsCode }, { request });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return renderPage(app, reply, library, q, errors);
    }
    const added = updated.organisations.find((o) => o.odsCode === input.data.odsCode.toUpperCase());
    request.session.flash('success', `${library.name} now serves ${added?.name ?? input.data.odsCode}`);
    return reply.redirect(`/libraries/${library.id}/organisations`, 303);
  });

  app.post('/libraries/:id/organisations/:odsCode/remove', async (request, reply) => {
    const user = requireUser(request);
    const library = await getLibrary(app.db, libraryIdFrom(request));
    authorize(canEditLibrary(user, library.id), REFUSED);
    const params = removeParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError('organisation_not_served', `${library.name} does not serve that organisation.`);
    const removed = library.organisations.find((o) => o.odsCode === params.data.odsCode.toUpperCase());
    await changeOrganisationsServed(app.db, user, library.id, { remove: params.data.odsCode }, { request });
    request.session.flash('success', `${library.name} no longer serves ${removed?.name ?? params.data.odsCode}`);
    return reply.redirect(`/libraries/${library.id}/organisations`, 303);
  });
}
