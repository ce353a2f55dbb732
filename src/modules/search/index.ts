import type { FastifyInstance } from 'fastify';
import { searchPageRoutes } from './web/search-pages.routes.js';
import { advancedSearchRoutes } from './web/advanced-search.routes.js';
import { markedExportRoutes } from './web/marked-export.plugin.js';
import { alertsPlugin } from './alerts/alerts.plugin.js';
import { enableFacetColumns } from './facets/facet-column-cache.js';
import { facetColumnMetrics } from './facets/facet-column-metrics.js';

export * from './query/index.js';

/** Evidence search: the query language, the engine, search histories, and the search pages. */
export default async function searchModule(app: FastifyInstance): Promise<void> {
  await app.register(searchPageRoutes);
  await app.register(advancedSearchRoutes);
  await app.register(markedExportRoutes);
  await app.register(alertsPlugin);
  // Facet counts read an in-memory copy of the index's facet values once it is loaded and current.
  const facetColumns = enableFacetColumns(app.db, { log: app.log });
  app.addHook('onReady', async () => facetColumns.startLoad());
  app.addHook('preClose', async () => facetColumns.close());
  facetColumnMetrics(app.metrics, facetColumns);
  app.addNavigation({ href: '/search', text: 'Search the evidence' });
  app.addStartPoint({ href: '/search', title: 'Search the evidence', description: 'Find research articles by keyword, or with a PubMed or Ovid search, and narrow them by year, type, language, topic or journal.' });
}
export * from './engine/index.js';
export { type AddLineOptions, type HistoryEngine, type HistoryLine, HistoryLineNotFoundError, type LineError, LineInUseError, addLine, clearHistory, deleteLine, editLine, listHistory, runStrategy } from './history/history.service.js';
export { databaseHistoryEngine } from './history/history-engine.js';
export { type RankedPageOptions, type RankedResult, firstRankedPage, searchWords } from './ranking/ranked-page.js';
export type { AbstractFragment, RecordSnippet, Segment } from './ranking/snippets.js';
export { type PageWindow, newestIdsPage, rankedIdsPage, resultsWithSnippets } from './ranking/ranked-pages.js';
export { type SavedSearch, saveSearch } from './alerts/saved-search.service.js';
export type { SavedSearchInput } from './alerts/saved-search.schema.js';
