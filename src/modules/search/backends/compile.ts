/**
 * A resolved query as one SQL statement selecting record ids (column `id`). The largest subtrees made
 * only of full-text leaves go into one FTS5 MATCH / one tsquery (a strategy line of fifty ORed words
 * is one index look-up); other leaves are plain SQL, and the two are combined with INTERSECT, UNION
 * and EXCEPT.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../../../platform/db/dialect.js';
import type { ResolvedNode } from '../engine/resolved.js';
import { tsAnd, tsNot, tsOr, tsqueryLeaf } from './postgres.js';
import { leafSql } from './sql-leaves.js';
import { ftsAnd, ftsLeaf, ftsNot, ftsOr } from './sqlite-fts5.js';

type Part = { readonly text: string } | { readonly sql: RawBuilder<unknown> };

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

  constructor(
    private readonly dialect: DialectName,
    private readonly syntax: TextSyntax,
  ) {}

  private toSql(part: Part): RawBuilder<unknown> {
    return 'sql' in part ? part.sql : this.syntax.select(part.text);
  }

  private setOperation(operator: 'intersect' | 'union' | 'except', parts: readonly Part[]): RawBuilder<unknown> {
    // Each operand wrapped as `select id from (…)`: SQLite does not allow brackets around compound members.
    const members = parts.map((part) => sql`select id from (${this.toSql(part)}) as ${sql.id(`s${++this.aliases}`)}`);
    return sql.join(members, sql` ${sql.raw(operator)} `);
  }

  compile(node: ResolvedNode): Part {
    switch (node.kind) {
      case 'text':
      case 'near':
        return { text: this.syntax.leaf(node) };
      case 'and':
      case 'or': {
        const parts = node.children.map((c) => this.compile(c));
        const texts = parts.flatMap((p) => ('text' in p ? [p.text] : []));
        const others = parts.filter((p) => 'sql' in p);
        const joined = texts.length === 0 ? [] : [{ text: texts.length === 1 ? (texts[0] as string) : this.syntax[node.kind](texts) }];
        if (others.length === 0) return joined[0] ?? { sql: leafSql(this.dialect, { kind: 'none' }) };
        return { sql: this.setOperation(node.kind === 'and' ? 'intersect' : 'union', [...joined, ...others]) };
      }
      case 'not': {
        const [include, exclude] = [this.compile(node.include), this.compile(node.exclude)];
        if ('text' in include && 'text' in exclude) return { text: this.syntax.not(include.text, exclude.text) };
        return { sql: this.setOperation('except', [include, exclude]) };
      }
      default:
        return { sql: leafSql(this.dialect, node) };
    }
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
  const compiler = new Compiler(dialect, SYNTAX[dialect]);
  const part = compiler.compile(node);
  return 'sql' in part ? part.sql : SYNTAX[dialect].select(part.text);
}
