/** Renders the expert search page for the request's history, with any problem or message. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { listHistory } from '../history/history.service.js';
import { historyOwner } from './advanced-history.js';
import { type AdvancedPageState, advancedSearchView } from './advanced-search.view.js';

export type HistoryPageState = Omit<AdvancedPageState, 'lines' | 'signedIn'>;

export async function renderHistoryPage(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, status: number, state: HistoryPageState = {}) {
  const owner = await historyOwner(db, request, false);
  const lines = owner ? await listHistory(db, owner) : [];
  const view = advancedSearchView({ ...state, lines, signedIn: request.user !== null, successMessages: request.session.takeFlash('expertSearch') });
  return reply.status(status).view('search/views/advanced.njk', view);
}
