/** The search engine's public surface (wired into the module's index.ts by its owner). */
export { countMatches, matchingIds, type PageOptions } from './search.js';
export { type HeadingCache, type ResolveOptions, headingCache, resolveQuery } from './resolve.js';
export type { Matcher, ResolvedNode, Sequence } from './resolved.js';
export type { LineResolver } from './lines.js';
export {
  LineCycleError,
  QueryResolutionError,
  SearchProblem,
  UnknownHeadingError,
  UnknownLineError,
  UnsupportedQueryError,
  WildcardLimitError,
} from './errors.js';
export { compileQuery } from '../backends/compile.js';
export { evaluateReference, referenceCorpus, WILDCARD_LIMIT, type ReferenceCorpus, type ReferenceOptions, type ReferenceThesaurus } from '../backends/reference.js';
export { rebuildSearchIndex, syncSearchIndex, countIndexed, type SyncOptions, type SyncProgress, type SyncSummary } from '../index/sync.js';
export { tokenize } from '../text/tokenize.js';
