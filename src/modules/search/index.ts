import type { FastifyInstance } from 'fastify';
import { searchPageRoutes } from './web/search-pages.routes.js';

export * from './query/index.js';

/** Evidence search: the query language, the engine, search histories, and the search pages. */
export default async function searchModule(app: FastifyInstance): Promise<void> {
  await app.register(searchPageRoutes);
  app.addNavigation({ href: '/search', text: 'Search the evidence' });
  app.addStartPoint({ href: '/search', title: 'Search the evidence', description: 'Find research articles by keyword, or with a PubMed or Ovid search, and narrow them by year, type, language, topic or journal.' });
}
export * from './engine/index.js';
export { type AddLineOptions, type HistoryEngine, type HistoryLine, HistoryLineNotFoundError, type LineError, LineInUseError, addLine, clearHistory, deleteLine, editLine, listHistory, runStrategy } from './history/history.service.js';
export { databaseHistoryEngine } from './history/history-engine.js';
export { type RankedPageOptions, type RankedResult, firstRankedPage, searchWords } from './ranking/ranked-page.js';
export type { AbstractFragment, RecordSnippet, Segment } from './ranking/snippets.js';
export { type PageWindow, newestIdsPage, rankedIdsPage, resultsWithSnippets } from './ranking/ranked-pages.js';
