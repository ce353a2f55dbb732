/**
 * The first page of a Boolean search, best first: the matching records ranked by the search's own
 * words (BM25 on SQLite), then — for records matched without any of those words, e.g. by a heading
 * alone — in id order. The set is always exactly the Boolean answer; ranking only orders it.
 * Each result comes with its highlighted snippet (snippets.ts).
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { type StoredRecord, streamRecords } from '../../records/index.js';
import { compileQuery } from '../backends/compile.js';
import { substituteLines } from '../engine/lines.js';
import { executeSearch } from '../engine/plan.js';
import { type ResolveOptions, resolveQuery } from '../engine/resolve.js';
import type { QueryNode, WordPattern } from '../query/ast.js';
import { rankRecords } from './rank-index.js';
import { type RecordSnippet, highlightTerms, recordSnippet } from './snippets.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The literal words a search contains (wildcards and operators left out), for ranking. */
export function searchWords(node: QueryNode): string[] {
  const words: string[] = [];
  const word = (pattern: WordPattern) => words.push(pattern.parts.map((part) => (part.kind === 'literal' ? part.text : ' ')).join('').trim());
  const visit = (n: QueryNode): void => {
    if (n.kind === 'term') word(n.word);
    else if (n.kind === 'phrase') n.words.forEach(word);
    else if (n.kind === 'heading') words.push(n.heading);
    else if (n.kind === 'and' || n.kind === 'or') n.children.forEach(visit);
    else if (n.kind === 'not') visit(n.include);
    else if (n.kind === 'limit') visit(n.target);
    else if (n.kind === 'proximity') n.operands.forEach(visit);
  };
  visit(node);
  return words;
}

/** One record of a ranked page, with its snippet. */
export interface RankedResult {
  readonly record: StoredRecord;
  readonly snippet: RecordSnippet;
}

export interface RankedPageOptions extends ResolveOptions {
  /**
   * The search's hit count, when the caller has it (a history line always does): a search with no
   * hits then costs nothing, and one whose hits all contain its words skips the id-order top-up.
   */
  readonly hits?: number;
}

/**
 * The best `limit` records of a search, with snippets. Line references (`#1 AND #2`) are ranked by
 * the words of the lines they name.
 *
 * ### Examples
 * const page = await firstRankedPage(db, parseQuery('hip fracture* NOT dogs').root, 20);
 * page[0].record.title; page[0].snippet.abstract?.segments  // [{ text: '… ', match: false }, { text: 'hip fractures', match: true }, …]
 */
export async function firstRankedPage(db: Db, node: QueryNode, limit: number, options: RankedPageOptions = {}): Promise<RankedResult[]> {
  if (options.hits === 0) return [];
  const resolved = await resolveQuery(db, node, options);
  const within = compileQuery(dialectOf(db), resolved);
  // Problems with line references were reported by resolveQuery already; here they cannot occur.
  const words = searchWords(substituteLines(node, options.resolveLine, []));
  const ranked = await rankRecords(db, words.join(' '), { limit, within });
  const ids = ranked.map((hit) => hit.recordId);
  if (ids.length < limit && ids.length !== options.hits) {
    const seen = new Set(ids);
    const { rows } = await executeSearch(db, sql<{ id: number | string }>`select id from (${within}) as matches order by id limit ${limit + ids.length}`);
    for (const row of rows) {
      if (ids.length >= limit) break;
      if (!seen.has(Number(row.id))) ids.push(Number(row.id));
    }
  }
  const highlight = highlightTerms(resolved);
  const page: RankedResult[] = [];
  for await (const record of streamRecords(db, { ids })) page.push({ record, snippet: recordSnippet(record, highlight) });
  return page;
}
