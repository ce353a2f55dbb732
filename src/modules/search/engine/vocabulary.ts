/** Wildcard expansion from the index's vocabulary (`search_term`). */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import type { Span } from '../query/ast.js';
import type { TokenPattern } from '../text/pattern.js';
import { prefixEnd } from '../text/tokenize.js';
import { WildcardLimitError } from './errors.js';

type Db = Kysely<Database> | Transaction<Database>;

const PAGE = 10_000;

/**
 * The indexed tokens a wildcard pattern matches, in byte order. Scans the tokens starting with the
 * pattern's literal prefix (all of them when it starts with a wildcard) and tests each with the pattern.
 */
export async function expandWildcard(db: Db, pattern: Extract<TokenPattern, { kind: 'wildcard' }>, limit: number, span: Span): Promise<string[]> {
  const found: string[] = [];
  const end = pattern.literalPrefix === '' ? null : prefixEnd(pattern.literalPrefix);
  for (let after = pattern.literalPrefix, first = true; ; first = false) {
    const upper = end === null ? sql`` : sql`and token < ${end}`;
    const lower = first ? sql`token >= ${after}` : sql`token > ${after}`;
    const { rows } = await sql<{ token: string }>`select token from search_term where ${lower} ${upper} order by token limit ${PAGE}`.execute(db);
    for (const { token } of rows) {
      if (!pattern.regex.test(token)) continue;
      found.push(token);
      if (found.length > limit) throw new WildcardLimitError(pattern.text, span, limit);
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return found;
    after = last.token;
  }
}
