/**
 * The reference evaluator: the definition of what every query means, as a naive scan over in-memory
 * records (narrowed first to the records holding a word's first token or a heading, which skips only
 * records that cannot match). The SQLite and PostgreSQL backends are tested against it; where they
 * differ, they are wrong.
 * See docs/search-engine.md for the rules in prose.
 */
import type { DescriptorRef } from '../../thesaurus/index.js';
import type { HeadingNode, LineRefNode, ProximityNode, QueryNode } from '../query/ast.js';
import { LineCycleError, type SearchProblem, UnknownHeadingError, UnknownLineError, UnsupportedQueryError, WildcardLimitError } from '../engine/errors.js';
import { type LineResolver, substituteLines } from '../engine/lines.js';
import type { FieldPositions } from '../text/document.js';
import { tokenMatches } from '../text/pattern.js';
import { fieldsOf, operandSequences, sequenceOf, type TokenSequence } from '../text/query-text.js';
import { qualifierKey } from '../text/qualifiers.js';
import { tokenKey } from '../text/tokenize.js';
import { type ReferenceCorpus, type ReferenceEntry, headingCandidates, matchingTokens, textCandidates } from './reference-corpus.js';
import { dateMatches, limitPasses, valueMatches } from './reference-facts.js';

export { type ReferenceCorpus, referenceCorpus } from './reference-corpus.js';

/** The thesaurus look-ups a heading needs, answered synchronously. */
export interface ReferenceThesaurus {
  find(term: string): DescriptorRef | undefined;
  /** The descriptor and everything below it. */
  descendants(ui: string): readonly DescriptorRef[];
}

export const WILDCARD_LIMIT = 2_000;

export interface ReferenceOptions {
  readonly thesaurus: ReferenceThesaurus;
  readonly wildcardLimit?: number;
  /** The query of another line by its label; a line reference means that line's query, as in the engine. */
  readonly resolveLine?: LineResolver;
  /** Answers of referenced lines by label, kept between calls that share `resolveLine` (the lines of one history). */
  readonly lineAnswers?: Map<string, Set<number>>;
}

const ids = (entries: readonly ReferenceEntry[]) => new Set(entries.map((e) => e.record.id));

function occurrences(positions: FieldPositions, sequence: TokenSequence): number[] {
  const starts: number[] = [];
  for (let s = 0; s + sequence.length <= positions.length; s++) {
    if (sequence.every((pattern, j) => positions[s + j] != null && tokenMatches(pattern, positions[s + j] as string))) starts.push(s);
  }
  return starts;
}

/** Two occurrences are near when the words between them number at most n (overlapping ones are near). */
function pairNear(positions: FieldPositions, a: readonly TokenSequence[], b: readonly TokenSequence[], n: number): boolean {
  const bOccurrences = b.map((sb) => ({ length: sb.length, starts: occurrences(positions, sb) }));
  return a.some((sa) => {
    const aStarts = occurrences(positions, sa);
    return bOccurrences.some(({ length, starts }) =>
      aStarts.some((x) => starts.some((y) => Math.max(x + sa.length, y + length) - Math.min(x, y) - sa.length - length <= n)),
    );
  });
}

class Evaluator {
  /** Each referenced line is evaluated once: a strategy's last line refers, through others, to all of them. */
  private readonly lines: Map<string, Set<number>>;
  private readonly open: string[] = [];

  constructor(
    private readonly corpus: ReferenceCorpus,
    private readonly options: ReferenceOptions,
  ) {
    this.lines = options.lineAnswers ?? new Map();
  }

  private where(test: (entry: ReferenceEntry) => boolean, candidates: readonly ReferenceEntry[] = this.corpus.entries): Set<number> {
    return ids(candidates.filter(test));
  }

  private checkWildcards(sequences: readonly TokenSequence[], span: QueryNode['span']): void {
    const limit = this.options.wildcardLimit ?? WILDCARD_LIMIT;
    for (const pattern of sequences.flat()) {
      if (pattern.kind !== 'wildcard') continue;
      if (matchingTokens(this.corpus, pattern).length > limit) throw new WildcardLimitError(pattern.text, span, limit);
    }
  }

  evaluate(node: QueryNode): Set<number> {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const sequence = sequenceOf(node);
        this.checkWildcards([sequence], node.span);
        if (sequence.length === 0) return new Set();
        const fields = fieldsOf(node);
        return this.where((e) => fields.some((f) => occurrences(e.document[f], sequence).length > 0), textCandidates(this.corpus, [sequence]));
      }
      case 'proximity':
        return this.proximity(node);
      case 'heading':
        return this.heading(node);
      case 'value':
        return this.where((e) => valueMatches(node, e));
      case 'dateRange':
        return this.where((e) => dateMatches(node, e.record));
      case 'lineRef':
        return this.line(node);
      case 'and': {
        const sets = node.children.map((c) => this.evaluate(c));
        return new Set([...(sets[0] ?? [])].filter((id) => sets.every((s) => s.has(id))));
      }
      case 'or':
        return new Set(node.children.flatMap((c) => [...this.evaluate(c)]));
      case 'not': {
        const include = this.evaluate(node.include);
        const exclude = this.evaluate(node.exclude);
        return new Set([...include].filter((id) => !exclude.has(id)));
      }
      case 'limit': {
        const target = this.evaluate(node.target);
        const filter = node.limits.find((limit) => limit.kind === 'filter');
        if (filter) throw new UnsupportedQueryError(`khub cannot run the filter “${filter.name}”.`, node.span);
        const passing = node.limits.map((limit) => this.where((e) => limitPasses(limit, e)));
        return new Set([...target].filter((id) => passing.every((s) => s.has(id))));
      }
    }
  }

  private line(node: LineRefNode): Set<number> {
    const known = this.lines.get(node.label);
    if (known) return known;
    if (this.open.includes(node.label)) throw new LineCycleError(node.label, node.span);
    const line = this.options.resolveLine?.(node.label);
    if (!line) throw new UnknownLineError(node.label, node.span);
    this.open.push(node.label);
    try {
      const found = this.evaluate(line);
      this.lines.set(node.label, found);
      return found;
    } finally {
      this.open.pop();
    }
  }

  /** A proximity operand may be a line reference: the line's query stands in its place. */
  private substitute(operand: QueryNode): QueryNode {
    const problems: SearchProblem[] = [];
    const replaced = substituteLines(operand, this.options.resolveLine, problems, this.open);
    if (problems[0]) throw problems[0];
    return replaced;
  }

  /** Every neighbouring pair of operands near each other, all in one field. */
  private proximity(node: ProximityNode): Set<number> {
    const operands = node.operands.map((operand) => operandSequences(this.substitute(operand)));
    this.checkWildcards(operands.flat(), node.span);
    if (operands.some((alternatives) => alternatives.length === 0)) return new Set();
    const fields = fieldsOf(node);
    return this.where(
      (e) => fields.some((f) => operands.slice(1).every((b, i) => pairNear(e.document[f], operands[i] ?? [], b, node.maxBetween))),
      textCandidates(this.corpus, operands[0] ?? []),
    );
  }

  private heading(node: HeadingNode): Set<number> {
    const found = this.options.thesaurus.find(node.heading);
    if (!found) throw new UnknownHeadingError(node.heading, node.span);
    const descriptors = node.explode ? this.options.thesaurus.descendants(found.ui) : [found];
    const uis = new Set(descriptors.map((d) => d.ui));
    const names = new Set(descriptors.map((d) => tokenKey(d.name)));
    const qualifiers = new Set(node.qualifiers.map(qualifierKey));
    return this.where(
      (e) =>
        e.headings.some((h) => {
          const isHeading = h.ui !== null ? uis.has(h.ui) : names.has(h.nameKey);
          if (!isHeading) return false;
          if (qualifiers.size > 0 && !qualifiers.has(h.qualifier)) return false;
          if (qualifiers.size === 0 && !node.major && h.qualifier !== '') return false;
          return !node.major || h.major || h.qualifierMajor;
        }),
      headingCandidates(this.corpus, uis, names),
    );
  }
}

/**
 * The ids of the records a query matches, by definition.
 *
 * ### Examples
 * evaluateReference(parseQuery('heart[ti]').root, referenceCorpus(records), { thesaurus })  // Set { 3, 17 }
 */
export function evaluateReference(node: QueryNode, corpus: ReferenceCorpus, options: ReferenceOptions): Set<number> {
  return new Evaluator(corpus, options).evaluate(node);
}
