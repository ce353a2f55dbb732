/**
 * Turns a query tree into a ResolvedNode (see resolved.ts), collecting every problem on the way
 * (unknown headings with suggestions, unknown or circular line references, wildcards that match too
 * much, filters khub cannot run) and throwing them together as one QueryResolutionError.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { normaliseDoi } from '../../records/index.js';
import { type DescriptorRef, descendants, findDescriptorByTerm, suggest } from '../../thesaurus/index.js';
import type { HeadingNode, Limit, QueryNode, ValueNode } from '../query/ast.js';
import { WILDCARD_LIMIT } from '../backends/reference.js';
import type { TokenPattern } from '../text/pattern.js';
import { fieldsOf, operandSequences, sequenceOf, type TokenSequence } from '../text/query-text.js';
import { qualifierKey } from '../text/qualifiers.js';
import { dateSpan } from '../text/record-facts.js';
import { tokenKey } from '../text/tokenize.js';
import { QueryResolutionError, SearchProblem, UnknownHeadingError, UnsupportedQueryError } from './errors.js';
import { type LineResolver, substituteLines } from './lines.js';
import { type Matcher, NONE, type ResolvedNode, type Sequence, combine, exclude } from './resolved.js';
import { expandWildcard } from './vocabulary.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Thesaurus answers shared by several searches, so that a history's combination lines (`#1 OR #2 …`)
 * do not look up again every heading of the lines they name. Keep one only as long as the vocabulary
 * cannot change under it: one strategy run, one request.
 */
export interface HeadingCache {
  readonly found: Map<string, Promise<DescriptorRef | undefined>>;
  readonly below: Map<string, Promise<DescriptorRef[]>>;
}

export const headingCache = (): HeadingCache => ({ found: new Map(), below: new Map() });

export interface ResolveOptions {
  /** The query of another line by its label (the history layer provides it). */
  readonly resolveLine?: LineResolver;
  /** The most distinct indexed words one wildcard may expand to (default 2,000). */
  readonly wildcardLimit?: number;
  /** Thesaurus answers to reuse; by default each search looks its headings up once. */
  readonly headings?: HeadingCache;
}

class Resolver {
  readonly problems: SearchProblem[] = [];

  constructor(
    private readonly db: Db,
    private readonly wildcardLimit: number,
    private readonly headings: HeadingCache,
  ) {}

  /** Runs a step, turning a problem it throws into a collected problem and a node that matches nothing. */
  private async guard(step: () => Promise<ResolvedNode>): Promise<ResolvedNode> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof SearchProblem)) throw error;
      this.problems.push(error);
      return NONE;
    }
  }

  private async matcher(pattern: TokenPattern, span: QueryNode['span']): Promise<Matcher | null> {
    if (pattern.kind !== 'wildcard') return pattern;
    const tokens = await expandWildcard(this.db, pattern, this.wildcardLimit, span);
    return tokens.length === 0 ? null : { kind: 'set', tokens };
  }

  /** A sequence with its wildcards expanded; null when one of them matches no indexed word. */
  private async sequence(patterns: TokenSequence, span: QueryNode['span']): Promise<Sequence | null> {
    const matchers: Matcher[] = [];
    let empty = false;
    // Every wildcard is expanded, even after an empty one, so each too-broad one is reported.
    for (const pattern of patterns) {
      const matcher = await this.matcher(pattern, span);
      if (matcher) matchers.push(matcher);
      else empty = true;
    }
    return empty || matchers.length === 0 ? null : matchers;
  }

  private async sequences(list: readonly TokenSequence[], span: QueryNode['span']): Promise<Sequence[]> {
    const resolved: Sequence[] = [];
    for (const patterns of list) {
      const sequence = await this.sequence(patterns, span);
      if (sequence) resolved.push(sequence);
    }
    return resolved;
  }

  async resolve(node: QueryNode): Promise<ResolvedNode> {
    switch (node.kind) {
      case 'term':
      case 'phrase':
        return this.guard(async () => {
          const sequences = await this.sequences([sequenceOf(node)], node.span);
          return sequences.length === 0 ? NONE : { kind: 'text', fields: fieldsOf(node), sequences };
        });
      case 'proximity':
        return this.guard(async () => {
          const operands = [];
          for (const operand of node.operands) operands.push(await this.sequences(operandSequences(operand), node.span));
          if (operands.some((o) => o.length === 0)) return NONE;
          return { kind: 'near', fields: fieldsOf(node), operands, maxBetween: Math.max(0, Math.trunc(node.maxBetween)) };
        });
      case 'heading':
        return this.guard(() => this.heading(node));
      case 'value':
        return resolveValue(node);
      case 'dateRange':
        return { kind: 'date', field: node.field, from: dateSpan(node.from).start, to: dateSpan(node.to).end };
      case 'lineRef':
        return NONE;
      case 'and':
      case 'or':
        return combine(node.kind, await this.all(node.children));
      case 'not':
        return exclude(await this.resolve(node.include), await this.resolve(node.exclude));
      case 'limit': {
        const target = await this.resolve(node.target);
        const limits = node.limits.map((limit) => this.limit(limit, node.span));
        return combine('and', [target, ...limits]);
      }
    }
  }

  private async all(nodes: readonly QueryNode[]): Promise<ResolvedNode[]> {
    const resolved: ResolvedNode[] = [];
    for (const node of nodes) resolved.push(await this.resolve(node));
    return resolved;
  }

  private findHeading(term: string): Promise<DescriptorRef | undefined> {
    let found = this.headings.found.get(term);
    if (!found) {
      found = findDescriptorByTerm(this.db, term);
      this.headings.found.set(term, found);
    }
    return found;
  }

  private below(ui: string): Promise<DescriptorRef[]> {
    let list = this.headings.below.get(ui);
    if (!list) {
      list = descendants(this.db, ui);
      this.headings.below.set(ui, list);
    }
    return list;
  }

  private async heading(node: HeadingNode): Promise<ResolvedNode> {
    const found = await this.findHeading(node.heading);
    if (!found) {
      const suggestions = await suggest(this.db, node.heading, 5);
      throw new UnknownHeadingError(node.heading, node.span, suggestions.map((s) => ({ ui: s.ui, name: s.name, term: s.term })));
    }
    const list = node.explode ? await this.below(found.ui) : [found];
    const uis = [...new Set(list.map((d) => d.ui))];
    const names = [...new Set(list.map((d) => tokenKey(d.name)))];
    return { kind: 'heading', uis, names, major: node.major, qualifiers: [...new Set(node.qualifiers.map(qualifierKey))] };
  }

  private limit(limit: Limit, span: QueryNode['span']): ResolvedNode {
    const year = (y: number, end: boolean) => dateSpan({ year: y, month: null, day: null })[end ? 'end' : 'start'];
    switch (limit.kind) {
      case 'language':
        return keyed('language', limit.language, false, false);
      case 'humans':
        return { kind: 'heading', uis: ['D006801'], names: ['humans'], major: false, qualifiers: [] };
      case 'animals':
        return { kind: 'heading', uis: ['D000818'], names: ['animals'], major: false, qualifiers: [] };
      case 'ageGroup':
        return tokenKey(limit.group) === '' ? NONE : { kind: 'headingName', name: tokenKey(limit.group) };
      case 'publicationType':
        return keyed('publicationType', limit.publicationType, false, false);
      case 'years':
        return { kind: 'date', field: 'publication', from: year(limit.from, false), to: year(limit.to, true) };
      case 'entryDate':
        return { kind: 'date', field: 'entry', from: dateSpan(limit.from).start, to: dateSpan(limit.to).end };
      case 'hasAbstract':
        return { kind: 'hasAbstract' };
      case 'filter':
        this.problems.push(new UnsupportedQueryError(`khub cannot run the filter “${limit.name}”.`, span));
        return NONE;
    }
  }
}

function keyed(value: 'author' | 'journal' | 'language' | 'publicationType', text: string, truncated: boolean, firstOnly: boolean): ResolvedNode {
  const key = tokenKey(text);
  return key === '' ? NONE : { kind: 'value', value, key, truncated, firstOnly };
}

function resolveValue(node: ValueNode): ResolvedNode {
  switch (node.field) {
    case 'pmid':
      return node.value.trim() === '' ? NONE : { kind: 'identifier', field: 'pmid', value: node.value.trim() };
    case 'doi': {
      const doi = normaliseDoi(node.value) ?? node.value.trim().toLowerCase();
      return doi === '' ? NONE : { kind: 'identifier', field: 'doi', value: doi };
    }
    case 'subheading': {
      const qualifier = qualifierKey(node.value);
      return qualifier === '' ? NONE : { kind: 'subheading', qualifier, truncated: node.truncated };
    }
    case 'firstAuthor':
      return keyed('author', node.value, node.truncated, true);
    default:
      return keyed(node.field, node.value, node.truncated, false);
  }
}

/**
 * The query ready to compile: lines substituted, headings looked up, wildcards expanded.
 * Throws QueryResolutionError listing every problem found.
 */
export async function resolveQuery(db: Db, node: QueryNode, options: ResolveOptions = {}): Promise<ResolvedNode> {
  const problems: SearchProblem[] = [];
  const substituted = substituteLines(node, options.resolveLine, problems);
  const resolver = new Resolver(db, options.wildcardLimit ?? WILDCARD_LIMIT, options.headings ?? headingCache());
  const resolved = await resolver.resolve(substituted);
  problems.push(...resolver.problems);
  if (problems.length > 0) throw new QueryResolutionError(problems);
  return resolved;
}
