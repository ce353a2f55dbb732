/**
 * "Simple" strategy lines — one term, one phrase, or an OR of them, in title/abstract/keywords/MeSH
 * words, with at most a trailing truncation — and the raw query a person would write by hand for
 * each: one FTS5 MATCH on SQLite, one tsquery on PostgreSQL. Those raw queries are the floor the
 * engine's own count is compared with. Written here independently of the engine's compilers on
 * purpose; only the tokenizer is shared, because it defines what the index holds.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import { type QueryNode, type TextField, type WordPattern, tokenize } from '../../src/modules/search/index.js';
import type { Database } from '../../src/platform/db/database.js';

type Db = Kysely<Database> | Transaction<Database>;

type SimpleField = 'title' | 'abstract' | 'keywords' | 'meshWords';

/** One leaf: tokens at consecutive positions, the last possibly truncated. */
export interface SimpleLeaf {
  readonly fields: readonly SimpleField[];
  readonly tokens: readonly string[];
  readonly truncated: boolean;
}

export interface SimpleLine {
  /** Any of these (a single term or phrase is a list of one). */
  readonly leaves: readonly SimpleLeaf[];
}

const SIMPLE_FIELDS: readonly SimpleField[] = ['title', 'abstract', 'keywords', 'meshWords'];
const FTS_COLUMN: Record<SimpleField, string> = { title: 'title', abstract: 'abstract', keywords: 'keywords', meshWords: 'mesh' };
const LEXEME_PREFIX: Record<SimpleField, string> = { title: 'ti', abstract: 'ab', keywords: 'kw', meshWords: 'mh' };

function simpleFields(fields: readonly TextField[] | null): SimpleField[] | null {
  const list = fields ?? SIMPLE_FIELDS;
  return list.every((f): f is SimpleField => (SIMPLE_FIELDS as readonly string[]).includes(f)) ? [...new Set(list)] : null;
}

/** A word's tokens, or null when it has a wildcard other than a trailing `*`. */
function wordTokens(word: WordPattern): { tokens: string[]; truncated: boolean } | null {
  const parts = word.parts;
  const last = parts.at(-1);
  const truncated = last?.kind === 'any' && last.max === null;
  const literals = truncated ? parts.slice(0, -1) : parts;
  if (!literals.every((p) => p.kind === 'literal')) return null;
  const text = literals.map((p) => (p.kind === 'literal' ? p.text : '')).join('');
  // `heart-*`: the truncation touches no letter, and the engine drops it.
  const tokens = tokenize(text);
  return { tokens, truncated: truncated && /[\p{L}\p{N}]$/u.test(text) };
}

function leafOf(node: QueryNode): SimpleLeaf | null {
  if (node.kind !== 'term' && node.kind !== 'phrase') return null;
  const fields = simpleFields(node.fields);
  const words = (node.kind === 'term' ? [node.word] : node.words).map(wordTokens);
  if (!fields || words.some((w) => w === null)) return null;
  const present = words.filter((w): w is { tokens: string[]; truncated: boolean } => w !== null && w.tokens.length > 0);
  // A truncated word that is not the last of its phrase is not a plain prefix search.
  if (present.length === 0 || present.slice(0, -1).some((w) => w.truncated)) return null;
  return { fields, tokens: present.flatMap((w) => w.tokens), truncated: present.at(-1)?.truncated ?? false };
}

/** The line as a SimpleLine, or null when it is not one. */
export function simpleLine(root: QueryNode): SimpleLine | null {
  const nodes = root.kind === 'or' ? root.children : [root];
  const leaves = nodes.map(leafOf);
  return leaves.every((l): l is SimpleLeaf => l !== null) ? { leaves } : null;
}

/** The FTS5 MATCH by hand: `{title abstract} : ("heart" + "att"*)` per leaf, ORed. */
export function rawFtsMatch(line: SimpleLine): string {
  return line.leaves
    .map((leaf) => {
      const phrase = leaf.tokens.map((t, i) => `"${t}"${leaf.truncated && i === leaf.tokens.length - 1 ? '*' : ''}`).join(' + ');
      return `{${leaf.fields.map((f) => FTS_COLUMN[f]).join(' ')}} : (${phrase})`;
    })
    .join(' OR ');
}

/** The tsquery by hand over khub's field-prefixed lexemes: `('ti:heart' <-> 'ti:att':*) | …`. */
export function rawTsquery(line: SimpleLine): string {
  return line.leaves
    .flatMap((leaf) =>
      leaf.fields.map((f) => `(${leaf.tokens.map((t, i) => `'${LEXEME_PREFIX[f]}:${t}'${leaf.truncated && i === leaf.tokens.length - 1 ? ':*' : ''}`).join(' <-> ')})`),
    )
    .join(' | ');
}

/** Hit count of the raw query. */
export async function rawCount(db: Db, dialect: 'sqlite' | 'postgres', line: SimpleLine): Promise<number> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match ${rawFtsMatch(line)}`.execute(db)
      : await sql<{ n: string }>`select count(*) as n from search_document where document @@ ${rawTsquery(line)}::tsquery`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
