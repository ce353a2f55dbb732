import type { Dialect, ParsedQuery, QueryNode } from './ast.js';
import { applyPostfix } from './apply-postfix.js';
import { type DialectDetection, detectDialect } from './dialect.js';
import { QuerySyntaxError } from './errors.js';
import { lex } from './lexer.js';
import { parseLimits } from './limits.js';
import { classify } from './tokens.js';
import { type Item, type UnitContext, groupUnits } from './units.js';

/** Brackets nested deeper than this are refused (with a clear error) rather than risk the stack. */
export const MAX_BRACKET_DEPTH = 200;
/** Operators nested deeper than this (PubMed `a AND b OR c AND d …` nests one level per operator) are refused too. */
export const MAX_OPERATOR_DEPTH = 500;

export interface ParseOptions {
  /** Read the line as this dialect whatever its markers say. */
  readonly dialect?: Dialect;
}

/** @internal */
export interface ParseContextOptions extends ParseOptions {
  /** The dialect for a line without markers of its own (a strategy's other lines decide). */
  readonly fallbackDialect?: Dialect;
}

const WORD: Record<string, string> = { and: 'AND', or: 'OR', not: 'NOT' };
const describe = (item: Item): string => (item.type === 'op' ? WORD[item.op] ?? item.op : item.type === 'prox' ? 'the proximity operator' : item.type);

class Parser {
  private pos = 0;
  private brackets = 0;
  private readonly depth = new WeakMap<QueryNode, number>();
  private readonly owned = new WeakSet<readonly QueryNode[]>();

  constructor(
    private readonly ctx: UnitContext,
    private readonly items: readonly Item[],
  ) {}

  parse(): QueryNode {
    if (this.items.length === 0) throw QuerySyntaxError.at(this.ctx.source, 0, 'The query is empty', 'Type a word, a phrase in quotes or a field-tagged search such as asthma[mh].');
    const node = this.expression();
    const left = this.items[this.pos];
    if (left?.type === 'rparen') throw this.error(left.start, `Unmatched ) at column ${this.column(left.start)}`, 'Remove it, or add the ( it closes.');
    if (left) throw this.error(left.start, `Unexpected ${describe(left)}`, null);
    return node;
  }

  private column(offset: number): number {
    return QuerySyntaxError.at(this.ctx.source, offset, '').column;
  }

  private error(offset: number, message: string, hint: string | null): QuerySyntaxError {
    return QuerySyntaxError.at(this.ctx.source, offset, message, hint);
  }

  private peek(): Item | undefined {
    return this.items[this.pos];
  }

  private startsOperand(item: Item | undefined): boolean {
    return item !== undefined && (item.type === 'lparen' || item.type === 'node' || item.type === 'limit');
  }

  private expression(): QueryNode {
    return this.ctx.dialect === 'pubmed' ? this.leftToRight() : this.level(0);
  }

  /** PubMed: AND, OR and NOT in the order written, with no precedence. */
  private leftToRight(): QueryNode {
    let left = this.proximity();
    for (;;) {
      const next = this.peek();
      if (next?.type === 'op') {
        this.pos += 1;
        left = this.combine(next.op, left, this.operandAfter(next));
      } else if (this.startsOperand(next)) left = this.combine('and', left, this.proximity());
      else return left;
    }
  }

  /** Ovid and khub: OR (level 0) binds loosest, then NOT, then AND (with adjacent searches ANDed). */
  private level(level: 0 | 1 | 2): QueryNode {
    const op = (['or', 'not', 'and'] as const)[level];
    const lower = () => (level === 2 ? this.proximity() : this.level((level + 1) as 1 | 2));
    let left = lower();
    for (;;) {
      const next = this.peek();
      if (next?.type === 'op' && next.op === op) {
        this.pos += 1;
        left = this.combine(op, left, this.operandAfter(next, lower));
      } else if (level === 2 && this.startsOperand(next)) left = this.combine('and', left, lower());
      else return left;
    }
  }

  private operandAfter(operator: Item, read: () => QueryNode = () => this.proximity()): QueryNode {
    const next = this.peek();
    const name = describe(operator);
    if (next === undefined || next.type === 'rparen') throw this.error(operator.start, `Nothing after ${name}`, `Add a search after ${name}, or remove it.`);
    if (next.type === 'op' || next.type === 'prox') throw this.error(next.start, `Nothing between ${name} and ${describe(next)}`, 'Remove one of the operators, or put a search between them.');
    return read();
  }

  private combine(kind: 'and' | 'or' | 'not', left: QueryNode, right: QueryNode): QueryNode {
    const span = { start: left.span.start, end: right.span.end };
    const flattens = kind !== 'not' && left.kind === kind;
    const depth = flattens ? Math.max(this.depthOf(left), this.depthOf(right) + 1) : Math.max(this.depthOf(left), this.depthOf(right)) + 1;
    if (depth > MAX_OPERATOR_DEPTH) {
      throw this.error(right.span.start, `The search nests more than ${MAX_OPERATOR_DEPTH} operators deep`, 'Split it into numbered lines and combine them, like #1 AND #2.');
    }
    let node: QueryNode;
    if (kind === 'not') node = { kind, include: left, exclude: right, span };
    else {
      // Nested ANDs (and ORs) are flattened into a list this parser owns and extends in place:
      // copying the list at each step would make a long line quadratic.
      let children: QueryNode[] = [left];
      if (left.kind === kind) children = this.owned.has(left.children) ? (left.children as QueryNode[]) : [...left.children];
      if (right.kind === kind) for (const child of right.children) children.push(child);
      else children.push(right);
      this.owned.add(children);
      node = { kind, children, span };
    }
    this.depth.set(node, depth);
    return node;
  }

  private depthOf(node: QueryNode): number {
    return this.depth.get(node) ?? 1;
  }

  private keepDepth(from: QueryNode, to: QueryNode): QueryNode {
    this.depth.set(to, this.depthOf(from));
    return to;
  }

  /** `a adj3 b adj3 c` is one proximity with three operands; a different distance starts a new one around it. */
  private proximity(): QueryNode {
    let left = this.postfixed();
    // The operand list belongs to the chain being built alone, so it grows in place (copying it would be quadratic).
    let operands: QueryNode[] | null = null;
    let distance = -1;
    for (let next = this.peek(); next?.type === 'prox'; next = this.peek()) {
      this.pos += 1;
      const right = this.operandAfter(next, () => this.postfixed());
      this.checkProximityOperand(left);
      this.checkProximityOperand(right);
      if (operands !== null && distance === next.maxBetween) operands.push(right);
      else {
        operands = [left, right];
        distance = next.maxBetween;
      }
      const chain: QueryNode = { kind: 'proximity', operands, maxBetween: distance, fields: null, span: { start: left.span.start, end: right.span.end } };
      this.depth.set(chain, Math.max(this.depthOf(left), this.depthOf(right)) + 1);
      if (this.depthOf(chain) > MAX_OPERATOR_DEPTH) throw this.error(right.span.start, `The search nests more than ${MAX_OPERATOR_DEPTH} operators deep`, 'Split it into numbered lines.');
      left = chain;
    }
    return left;
  }

  private checkProximityOperand(node: QueryNode): void {
    const ok = (n: QueryNode): boolean =>
      n.kind === 'or' ? n.children.every(ok) : (n.kind === 'term' || n.kind === 'phrase' || n.kind === 'proximity') && n.fields === null;
    if (!ok(node)) {
      throw this.error(node.span.start, 'Proximity operators join words, phrases or bracketed ORs of them, without fields', 'Put the field after the whole group: (pain adj3 back).ti,ab. or (pain NEAR/2 back)[fields:title].');
    }
  }

  private postfixed(): QueryNode {
    let node = this.primary();
    for (let next = this.peek(); next?.type === 'postfix'; next = this.peek()) {
      this.pos += 1;
      const applied = applyPostfix(this.ctx, node, next.postfix, next);
      node = this.keepDepth(node, { ...applied, span: { start: node.span.start, end: next.end } });
    }
    return node;
  }

  private primary(): QueryNode {
    const item = this.peek();
    if (item === undefined) throw this.error(this.ctx.source.length, 'The query ends too soon', null);
    this.pos += 1;
    switch (item.type) {
      case 'node':
        return item.node;
      case 'lparen':
        return this.bracketed(item);
      case 'limit':
        return this.limit(item);
      case 'op':
        throw this.error(item.start, `${describe(item)} has nothing before it`, `Put a search before ${describe(item)}, or remove it.`);
      case 'rparen':
        throw this.error(item.start, `Unmatched ) at column ${this.column(item.start)}`, 'Remove it, or add the ( it closes.');
      case 'prox':
        throw this.error(item.start, 'A proximity operator has nothing before it', 'Write it between two words: pain adj3 back.');
      case 'postfix':
        throw this.error(item.start, 'A field tag or suffix with nothing before it', 'Put the word, phrase or bracketed search before the tag.');
      default:
        throw this.error(item.start, `Unexpected ${describe(item)}`, null);
    }
  }

  private bracketed(open: Item): QueryNode {
    if (this.brackets >= MAX_BRACKET_DEPTH) throw this.error(open.start, `Brackets are nested more than ${MAX_BRACKET_DEPTH} deep`, 'Split the search into numbered lines and combine them.');
    if (this.peek()?.type === 'rparen') throw this.error(open.start, 'Empty brackets', 'Put a search between ( and ), or remove them.');
    this.brackets += 1;
    const inner = this.expression();
    this.brackets -= 1;
    const close = this.peek();
    if (close?.type !== 'rparen') throw this.error(open.start, `Unclosed bracket opened at column ${this.column(open.start)}`, 'Add a ) to close it.');
    this.pos += 1;
    return this.keepDepth(inner, { ...inner, span: { start: open.start, end: close.end } });
  }

  private limit(keyword: Item): QueryNode {
    const found = this.primary();
    // `limit 6 to …` names line 6 whatever the dialect; a quoted or bracketed number stays a search.
    const written = this.ctx.source.slice(found.span.start, found.span.end);
    const target: QueryNode = found.kind === 'term' && /^\d+$/.test(written) ? { kind: 'lineRef', label: written, span: found.span } : found;
    const to = this.items[this.pos];
    const limits = this.items[this.pos + 1];
    if (to?.type !== 'to' || limits?.type !== 'limits') throw this.error(keyword.start, 'A limit needs "to" and what to limit to', 'Write: limit 6 to (english language and humans).');
    this.pos += 2;
    return { kind: 'limit', target, limits: parseLimits(this.ctx.source, limits.items), span: { start: keyword.start, end: limits.end } };
  }
}

/** @internal */
export function parseWithContext(text: string, options: ParseContextOptions = {}): ParsedQuery & { detection: DialectDetection } {
  const tokens = classify(text, lex(text));
  const detection = detectDialect(tokens);
  const dialect = options.dialect ?? (detection.strength === 'strong' ? detection.dialect : (options.fallbackDialect ?? detection.dialect));
  const ctx: UnitContext = { source: text, dialect, combinationOnly: detection.combinationOnly };
  const root = new Parser(ctx, groupUnits(ctx, tokens)).parse();
  return { dialect, root, detection };
}

/**
 * Parses one search line written in PubMed, Ovid or khub syntax. Throws QuerySyntaxError.
 *
 * ### Examples
 * `parseQuery('asthma[mh] AND therap*[tiab]')` → `{ dialect: 'pubmed', root: { kind: 'and', children: [heading, term] } }`
 * `parseQuery('(pain adj3 back).ti,ab.')` → `{ dialect: 'ovid', root: { kind: 'proximity', maxBetween: 2, fields: ['title', 'abstract'] } }`
 */
export function parseQuery(text: string, options: ParseOptions = {}): ParsedQuery {
  const { dialect, root } = parseWithContext(text, options);
  return { dialect, root };
}
