import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { headingCache } from '../engine/resolve.js';
import { countMatches } from '../engine/search.js';
import { parseQuery } from '../query/parser.js';
import { parseStrategy } from '../query/strategy.js';
import type { HistoryEngine } from './history.service.js';

/**
 * The history's engine on a database: the query language and the search engine, for real. It keeps
 * the thesaurus answers it has had, so make one per strategy run or request, not one for good.
 */
export function databaseHistoryEngine(db: Kysely<Database>): HistoryEngine {
  const headings = headingCache();
  return {
    parse: (text) => parseQuery(text),
    parseStrategy,
    count: (node, resolveLine) => countMatches(db, node, { resolveLine, headings }),
  };
}
