/**
 * Mapping words to MeSH for the expert search: find a heading (by its name or an entry term), read
 * its scope note and places in the tree, walk the tree, and add the heading to the history as a
 * PubMed line (`"Asthma"[mh]`, `[mh:noexp]`, `[majr]`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validate } from '../../../platform/forms/validation.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { findDescriptor, suggest, treePositions } from '../../thesaurus/index.js';
import { databaseHistoryEngine } from '../history/history-engine.js';
import { addLine } from '../history/history.service.js';
import { historyOwner } from './advanced-history.js';
import { errorMessage } from './advanced-search.view.js';

const SUGGESTIONS = 10;
const descriptorUi = z.string().trim().regex(/^[Dd]\d{6,9}$/);
const lookupQuery = z.object({ term: z.string().max(200).optional().catch(undefined).transform((s) => s?.replaceAll('\0', '').trim() || undefined) });
const addForm = z.object({
  ui: descriptorUi,
  explode: z.literal('yes').optional(),
  major: z.literal('yes').optional(),
});

/** The heading as a PubMed line: exploded unless told not to, as a major topic when asked. */
export function headingLine(name: string, explode: boolean, major: boolean): string {
  const tag = major ? 'majr' : 'mh';
  return `"${name}"[${tag}${explode ? '' : ':noexp'}]`;
}

export async function advancedThesaurusRoutes(app: FastifyInstance): Promise<void> {
  app.get('/search/advanced/mesh', async (request, reply) => {
    const { term } = lookupQuery.parse(request.query);
    const found = term ? await suggest(app.db, term, SUGGESTIONS) : [];
    const headings = [];
    for (const suggestion of found) {
      const descriptor = await findDescriptor(app.db, suggestion.ui);
      headings.push({ ...suggestion, scopeNote: descriptor?.scopeNote ?? null, viaEntryTerm: suggestion.term.toLowerCase() !== suggestion.name.toLowerCase() });
    }
    return reply.view('search/views/thesaurus-search.njk', { pageTitle: term ? `${term} – Find a MeSH heading` : 'Find a MeSH heading', term, headings });
  });

  app.get('/search/advanced/mesh/:ui', async (request, reply) => {
    const ui = descriptorUi.safeParse((request.params as { ui?: unknown }).ui);
    const descriptor = ui.success ? await findDescriptor(app.db, ui.data) : undefined;
    if (!descriptor) throw new NotFoundError('mesh_descriptor_not_found', 'There is no such MeSH heading.');
    const positions = await treePositions(app.db, descriptor.ui);
    return reply.view('search/views/thesaurus-tree.njk', { pageTitle: `${descriptor.name} – MeSH tree`, descriptor, positions });
  });

  app.post('/search/advanced/mesh', async (request, reply) => {
    const input = validate(addForm, request.body ?? {});
    const descriptor = input.ok ? await findDescriptor(app.db, input.data.ui) : undefined;
    if (!input.ok || !descriptor) throw new NotFoundError('mesh_descriptor_not_found', 'There is no such MeSH heading.');
    const owner = (await historyOwner(app.db, request, true)) as string;
    const line = await addLine(app.db, owner, headingLine(descriptor.name, input.data.explode === 'yes', input.data.major === 'yes'), databaseHistoryEngine(app.db));
    const outcome = line.error ? `has an error: ${errorMessage(line.error)}` : `found ${line.hits?.toLocaleString('en-GB')} records`;
    request.session.flash('expertSearch', `Line ${line.number} (${line.text}) ${outcome}`);
    return reply.redirect('/search/advanced', 303);
  });
}
