/**
 * The saved-search pages for signed-in members: save the search on the results page, list and manage
 * them at `/search/alerts`, and run one to see what is new. Another member's search is a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/guards.js';
import { errorSummary, errorsByField, validate } from '../../../platform/forms/validation.js';
import { type FieldError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { FACET_KINDS, FACET_PARAMETERS, type FacetKind } from '../facets/facet-selection.js';
import { requestLineResolver } from '../web/advanced-history.js';
import { alertItems, savedSearchView } from './alerts.view.js';
import { indexWatermark, newRecordsBetween } from './alert-search.js';
import { frequencyInput } from './saved-search.schema.js';
import { changeFrequency, deleteSavedSearch, getSavedSearch, listSavedSearches, saveSearch } from './saved-search.service.js';
import { FREQUENCY_LABELS } from './saved-search.view.js';

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
/** Saving and changing searches: generous for a person, a bound on scripted abuse. */
const FORM_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

function alertId(request: FastifyRequest): number {
  const params = idParams.safeParse(request.params);
  if (!params.success) throw new NotFoundError('not_found', 'You have no saved search with that id.');
  return params.data.id;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

/** The save form's fields (the search page's own names: q, year, pt, la, mh, jn) as the service's input. */
function saveInput(body: Record<string, unknown>) {
  const filters = Object.fromEntries(FACET_KINDS.map((kind: FacetKind) => [kind, asList(body[FACET_PARAMETERS[kind]])]));
  return { name: body.name, query: body.q, filters, frequency: body.frequency };
}

function saveFormView(values: Record<string, unknown>, errors: readonly FieldError[] = []) {
  const filters = FACET_KINDS.flatMap((kind) => asList(values[FACET_PARAMETERS[kind]]).map((value) => ({ name: FACET_PARAMETERS[kind], value })));
  // The search box's field is `q`; the service calls it `query`.
  const named = errors.map((e) => (e.field === 'query' ? { ...e, field: 'q' } : e));
  return { pageTitle: 'Save this search', values, filters, frequencies: FREQUENCY_LABELS, errors: named, errorSummaryModel: errorSummary(named), fieldErrors: errorsByField(named) };
}

function renderSaveForm(reply: FastifyReply, values: Record<string, unknown>, errors: readonly FieldError[] = []) {
  return reply.status(errors.length > 0 ? 400 : 200).view('search/views/alert-new.njk', saveFormView(values, errors));
}

export async function alertPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/search/alerts', async (request, reply) => {
    const user = requireUser(request);
    const now = new Date();
    const searches = await listSavedSearches(app.db, user.id);
    const views = [];
    for (const search of searches) views.push(await savedSearchView(app.db, search, now));
    return reply.view('search/views/alerts.njk', { pageTitle: 'Your saved searches and alerts', searches: views, frequencies: FREQUENCY_LABELS });
  });

  app.get('/search/alerts/new', async (request, reply) => {
    requireUser(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    return renderSaveForm(reply, { ...query, name: query.name ?? query.q, frequency: query.frequency ?? 'weekly' });
  });

  app.post('/search/alerts', { config: FORM_LIMIT }, async (request, reply) => {
    const user = requireUser(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const saved = await saveSearch(app.db, user.id, saveInput(body), new Date(), () => requestLineResolver(app.db, request));
      const writtenOut = saved.query !== String(body.q ?? '').trim() ? ', with your history lines written out so that it runs on its own' : '';
      request.session.flash('success', `Saved “${saved.name}”${writtenOut}`);
    } catch (error) {
      if (error instanceof ValidationError) return renderSaveForm(reply, body, error.fieldErrors);
      throw error;
    }
    return reply.redirect('/search/alerts', 303);
  });

  app.get('/search/alerts/:id', async (request, reply) => {
    const user = requireUser(request);
    const search = await getSavedSearch(app.db, user.id, alertId(request));
    const now = new Date();
    const found = await newRecordsBetween(app.db, search, search.lastAddedAt, await indexWatermark(app.db), now);
    const items = found.kind === 'found' ? await alertItems(app.db, search, found.records) : [];
    return reply.view('search/views/alert.njk', {
      pageTitle: search.name,
      search: await savedSearchView(app.db, search, now),
      found: found.kind === 'found' ? { total: found.total, shown: items.length } : undefined,
      problem: found.kind === 'failed' ? found.message : undefined,
      items,
    });
  });

  app.post('/search/alerts/:id/frequency', { config: FORM_LIMIT }, async (request, reply) => {
    const user = requireUser(request);
    const id = alertId(request);
    const input = validate(frequencyInput, request.body ?? {});
    if (!input.ok) {
      await getSavedSearch(app.db, user.id, id);
      throw new ValidationError(input.errors, 'Choose how often to email new records.');
    }
    const changed = await changeFrequency(app.db, user.id, id, input.data.frequency);
    request.session.flash('success', `“${changed.name}”: ${FREQUENCY_LABELS[changed.frequency].toLowerCase()}`);
    return reply.redirect('/search/alerts', 303);
  });

  app.post('/search/alerts/:id/delete', { config: FORM_LIMIT }, async (request, reply) => {
    const user = requireUser(request);
    const id = alertId(request);
    const search = await getSavedSearch(app.db, user.id, id);
    await deleteSavedSearch(app.db, user.id, id);
    request.session.flash('success', `Deleted “${search.name}”`);
    return reply.redirect('/search/alerts', 303);
  });
}
