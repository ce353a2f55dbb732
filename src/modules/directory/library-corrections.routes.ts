import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { REFUSED } from './library-edit.routes.js';
import { type LibraryCorrection, RESOLVED_SHOWN, listCorrections, resolveCorrection } from './library-corrections.service.js';
import { libraryIdFrom } from './library-page.view.js';
import { getLibrary } from './library.service.js';
import { canEditLibrary } from './policies.js';

const correctionParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER), correctionId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const shown = (c: LibraryCorrection) => ({ ...c, lines: c.details.split(/\r?\n/) });

/**
 * The corrections people reported about an entry, for the people who may change it: the open ones with
 * "Mark as resolved" (audited), and the latest resolved ones below.
 */
export async function libraryCorrectionListRoutes(app: FastifyInstance): Promise<void> {
  app.get('/libraries/:id/corrections', async (request, reply) => {
    const user = requireUser(request);
    const library = await getLibrary(app.db, libraryIdFrom(request));
    authorize(canEditLibrary(user, library.id), REFUSED);
    const { open, resolved } = await listCorrections(app.db, library.id);
    return reply.view('directory/views/corrections.njk', { pageTitle: `Corrections reported: ${library.name}`, library, open: open.map(shown), resolved: resolved.map(shown), resolvedShown: RESOLVED_SHOWN });
  });

  app.post('/libraries/:id/corrections/:correctionId/resolve', async (request, reply) => {
    const user = requireUser(request);
    const params = correctionParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError('correction_not_open', 'There is no open correction with that id.');
    const library = await getLibrary(app.db, params.data.id);
    await resolveCorrection(app.db, user, library.id, params.data.correctionId, { request });
    request.session.flash('success', 'The correction is marked as resolved');
    return reply.redirect(`/libraries/${library.id}/corrections`, 303);
  });
}
