import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../../platform/http/errors.js';
import { listRegions } from '../organisations/index.js';
import { PostcodeError, type LibrarySearchResult, findLibraries } from './finder.service.js';
import { finderQuery, finderView, searchOf } from './library-finder.view.js';
import { parsePostcode } from './geo.js';
import { libraryIdFrom, libraryPageView } from './library-page.view.js';
import { countOpenCorrections } from './library-corrections.service.js';
import { getLibrary } from './library.service.js';
import { canEditLibrary, canManageDirectory } from './policies.js';

/** The finder's words for a postcode it cannot use, in the NHS.UK error message style. */
function postcodeProblem(error: PostcodeError, near: string): FieldError {
  if (error.code === 'postcode_invalid') return { field: 'near', message: 'Enter a full postcode or the first part of one, like OX3 9DU or OX3' };
  const parsed = parsePostcode(near);
  const label = parsed.kind === 'postcode' ? parsed.postcode : near.trim().toUpperCase();
  return { field: 'near', message: `We cannot find ${label}. Check the postcode, or enter only its first part, like OX3` };
}

/** The public pages of the directory: the finder and each library service's page. */
export async function libraryPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/libraries', async (request, reply) => {
    const query = finderQuery.parse(request.query);
    let result: LibrarySearchResult | undefined;
    const errors: FieldError[] = [];
    try {
      result = await findLibraries(app.db, searchOf(query));
    } catch (error) {
      if (!(error instanceof PostcodeError)) throw error;
      errors.push(postcodeProblem(error, query.near ?? ''));
    }
    const view = await finderView(app.db, query, result, errors);
    return reply.status(errors.length > 0 ? 400 : 200).view('directory/views/finder.njk', { ...view, canManage: canManageDirectory(request.user) });
  });

  app.get('/libraries/:id', async (request, reply) => {
    const now = new Date();
    const library = await getLibrary(app.db, libraryIdFrom(request), now);
    const regionName = new Map((await listRegions(app.db)).map((r) => [r.code, r.name]));
    const canEdit = canEditLibrary(request.user, library.id);
    const view = libraryPageView(library, { pageUrl: `${app.config.baseUrl}/libraries/${library.id}`, canEdit, regionName, now });
    return reply.view('directory/views/library.njk', { ...view, openCorrections: canEdit ? await countOpenCorrections(app.db, library.id) : 0 });
  });
}
