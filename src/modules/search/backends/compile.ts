/**
 * A resolved query as one SQL statement selecting record ids (column `id`). The largest subtrees made
 * only of full-text leaves go into one FTS5 MATCH / one tsquery (a strategy line of fifty ORed words
 * is one index look-up); other leaves are plain SQL, and the two are combined with INTERSECT, UNION
 * and EXCEPT. A member that occurs more than once (a strategy's `#1 AND #2 … #1 AND #3 … #4 OR #5`)
 * is computed once, as a materialised common table expression.
 */
import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../../../platform/db/dialect.js';
import type { ResolvedNode } from '../engine/resolved.js';
import { tsAnd, tsNot, tsOr, tsqueryLeaf } from './postgres.js';
import { leafSql } from './sql-leaves.js';
import { ftsAnd, ftsLeaf, ftsNot, ftsOr } from './sqlite-fts5.js';

/**
 * A compiled subtree. `key` is the same for subtrees that compile to the same statement; `inner` lists
 * the keys of the set-operation members inside it, once for each time they occur.
 */
type Part = ({ readonly text: string } | { readonly sql: RawBuilder<unknown> }) & { readonly key: string; readonly inner: readonly string[] };

const keyOf = (...parts: string[]) => createHash('sha1').update(parts.join('\u0000')).digest('base64');

interface TextSyntax {
  leaf(node: Extract<ResolvedNode, { kind: 'text' | 'near' }>): string;
  and(parts: readonly string[]): string;
  or(parts: readonly string[]): string;
  not(include: string, exclude: string): string;
  select(expression: string): RawBuilder<unknown>;
}

const SYNTAX: Readonly<Record<DialectName, TextSyntax>> = {
  sqlite: {
    leaf: ftsLeaf,
    and: ftsAnd,
    or: ftsOr,
    not: ftsNot,
    select: (expression) => sql`select rowid as id from search_fts where search_fts match ${expression}`,
  },
  postgres: {
    leaf: tsqueryLeaf,
    and: tsAnd,
    or: tsOr,
    not: tsNot,
    // Cast, not to_tsquery(): the lexemes are already tokens and must not be parsed again.
    select: (expression) => sql`select record_id as id from search_document where document @@ ${expression}::tsquery`,
  },
};

class Compiler {
  private aliases = 0;
  /** Members that occur more than once, by key: the name of their common table expression. */
  private readonly shared = new Map<string, string>();
  readonly sharedDefinitions: RawBuilder<unknown>[] = [];

  /** `uses` counts members by key; without it, this compiler is the pass that counts them. */
  constructor(
    private readonly dialect: DialectName,
    private readonly syntax: TextSyntax,
    readonly uses = new Map<string, number>(),
    private readonly counting = true,
  ) {}

  private toSql(part: Part): RawBuilder<unknown> {
    return 'sql' in part ? part.sql : this.syntax.select(part.text);
  }

  private count(part: Part): void {
    const seen = this.uses.get(part.key) ?? 0;
    // A repeated member is computed once, so it does not repeat the members inside it.
    if (seen > 0) for (const key of part.inner) this.uses.set(key, (this.uses.get(key) ?? 1) - 1);
    this.uses.set(part.key, seen + 1);
  }

  private member(part: Part): RawBuilder<unknown> {
    const body = this.toSql(part);
    if (this.counting) this.count(part);
    if (this.counting || (this.uses.get(part.key) ?? 0) < 2) return body;
    let name = this.shared.get(part.key);
    if (!name) {
      name = `shared_${this.shared.size + 1}`;
      this.shared.set(part.key, name);
      this.sharedDefinitions.push(sql`${sql.id(name)} as materialized (${body})`);
    }
    return sql`select id from ${sql.id(name)}`;
  }

  private setOperation(operator: 'intersect' | 'union' | 'except', parts: readonly Part[]): Part {
    // Each operand wrapped as `select id from (…)`: SQLite does not allow brackets around compound members.
    const members = parts.map((part) => sql`select id from (${this.member(part)}) as ${sql.id(`s${++this.aliases}`)}`);
    const inner = parts.flatMap((part) => [part.key, ...part.inner]);
    return { sql: sql.join(members, sql` ${sql.raw(operator)} `), key: keyOf(operator, ...parts.map((p) => p.key)), inner };
  }

  private text(text: string): Part {
    return { text, key: keyOf('text', text), inner: [] };
  }

  compile(node: ResolvedNode): Part {
    switch (node.kind) {
      case 'text':
      case 'near':
        return this.text(this.syntax.leaf(node));
      case 'and':
      case 'or': {
        const parts = node.children.map((c) => this.compile(c));
        const texts = parts.flatMap((p) => ('text' in p ? [p.text] : []));
        const others = parts.filter((p) => 'sql' in p);
        const joined = texts.length === 0 ? [] : [this.text(texts.length === 1 ? (texts[0] as string) : this.syntax[node.kind](texts))];
        if (others.length === 0) return joined[0] ?? this.leaf({ kind: 'none' });
        return this.setOperation(node.kind === 'and' ? 'intersect' : 'union', [...joined, ...others]);
      }
      case 'not': {
        const [include, exclude] = [this.compile(node.include), this.compile(node.exclude)];
        if ('text' in include && 'text' in exclude) return this.text(this.syntax.not(include.text, exclude.text));
        return this.setOperation('except', [include, exclude]);
      }
      default:
        return this.leaf(node);
    }
  }

  private leaf(node: Parameters<typeof leafSql>[1]): Part {
    return { sql: leafSql(this.dialect, node), key: keyOf('leaf', JSON.stringify(node)), inner: [] };
  }
}

/**
 * One statement selecting the ids of the matching records (column `id`, in no order).
 *
 * ### Examples
 * compileQuery('sqlite', { kind: 'text', fields: ['title'], sequences: [[{ kind: 'exact', token: 'heart' }]] })
 * // select rowid as id from search_fts where search_fts match ?   ['{title} : "heart"']
 */
export function compileQuery(dialect: DialectName, node: ResolvedNode): RawBuilder<unknown> {
  const counter = new Compiler(dialect, SYNTAX[dialect]);
  counter.compile(node);
  const compiler = new Compiler(dialect, SYNTAX[dialect], counter.uses, false);
  const part = compiler.compile(node);
  const statement = 'sql' in part ? part.sql : SYNTAX[dialect].select(part.text);
  if (compiler.sharedDefinitions.length === 0) return statement;
  return sql`with ${sql.join(compiler.sharedDefinitions)} select id from (${statement}) as query`;
}
