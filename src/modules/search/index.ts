import type { FastifyInstance } from 'fastify';

export * from './query/index.js';

/** Evidence search. So far only the query language, which has no routes; the plugin is not yet registered. */
export default async function searchModule(_app: FastifyInstance): Promise<void> {}
export * from './engine/index.js';
export { type AddLineOptions, type HistoryEngine, type HistoryLine, HistoryLineNotFoundError, type LineError, LineInUseError, addLine, clearHistory, deleteLine, editLine, listHistory, runStrategy } from './history/history.service.js';
export { databaseHistoryEngine } from './history/history-engine.js';
export { type RankedPageOptions, type RankedResult, firstRankedPage, searchWords } from './ranking/ranked-page.js';
export type { AbstractFragment, RecordSnippet, Segment } from './ranking/snippets.js';
