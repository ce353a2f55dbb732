/**
 * The first page of a Boolean search, best first: the matching records ranked by the search's own
 * words (BM25 on SQLite), then — for records matched without any of those words, e.g. by a heading
 * alone — in id order. The set is always exactly the Boolean answer; ranking only orders it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { compileQuery } from '../backends/compile.js';
import { type ResolveOptions, resolveQuery } from '../engine/resolve.js';
import { matchingIds } from '../engine/search.js';
import type { QueryNode, WordPattern } from '../query/ast.js';
import { rankRecords } from './rank-index.js';

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

export async function firstRankedPage(db: Kysely<Database>, node: QueryNode, limit: number, options: ResolveOptions = {}): Promise<number[]> {
  const resolved = await resolveQuery(db, node, options);
  const ranked = await rankRecords(db, searchWords(node).join(' '), { limit, within: compileQuery(dialectOf(db), resolved) });
  const ids = ranked.map((hit) => hit.recordId);
  if (ids.length < limit) {
    const seen = new Set(ids);
    for (const id of await matchingIds(db, node, { ...options, limit: limit + ids.length })) {
      if (ids.length >= limit) break;
      if (!seen.has(id)) ids.push(id);
    }
  }
  return ids;
}
