import { type Limit, OPEN_END_YEAR, type QueryNode, type Span, TEXT_FIELDS, type TextField, type WordPattern } from './ast.js';
import { QUALIFIERS, normaliseFields, sameFields } from './field-codes.js';
import { PUBMED_VALUE_TAGS, type PrintResult, type PrintWarning, bracketed, dateText, escapeQuoted, escapeValue, patternText, sameDate, wordText } from './print-shared.js';

/** PubMed's text-word tags from the narrowest up; a field set prints as the first that covers it. */
const PUBMED_TEXT_TAGS: readonly [string, readonly TextField[]][] = [
  ['ti', ['title']],
  ['ab', ['abstract']],
  ['ot', ['keywords']],
  ['tiab', normaliseFields(['title', 'abstract', 'keywords'])],
  ['tw', normaliseFields(['title', 'abstract', 'keywords', 'meshWords', 'publicationTypes'])],
  ['all', TEXT_FIELDS],
];

/** Most combinations a proximity search over ORs expands into before the rest is left out (with a warning). */
const MAX_EXPANSION = 256;

const UNSAFE = /[()[\]"\u201c\u201d\\]/;

class PubmedPrinter {
  readonly warnings: PrintWarning[] = [];

  private warn(span: Span, message: string): void {
    this.warnings.push({ span, message });
  }

  /** `[tiab]` for title+abstract+keywords; a wider tag, with a warning, when no tag is exact. */
  private fieldTag(fields: readonly TextField[] | null, span: Span): string {
    if (fields === null) return '';
    const covering = PUBMED_TEXT_TAGS.find(([, set]) => fields.every((f) => set.includes(f))) ?? ['all', TEXT_FIELDS];
    const extra = covering[1].filter((f) => !fields.includes(f));
    if (extra.length > 0) this.warn(span, `PubMed has no tag for ${fields.join(', ')}; [${covering[0]}] also searches ${extra.join(', ')}`);
    return `[${covering[0]}]`;
  }

  /** PubMed truncates only at the end of a word, without a limit: anything else is widened to `stem*`. */
  private word(word: WordPattern, span: Span, quoted: boolean): string {
    const firstWildcard = word.parts.findIndex((p) => p.kind !== 'literal');
    const last = word.parts[word.parts.length - 1];
    const exact = firstWildcard === -1 || (firstWildcard === word.parts.length - 1 && last?.kind === 'any' && last.max === null);
    let printed = word;
    if (!exact) {
      const stem = firstWildcard > 0 ? word.parts.slice(0, firstWildcard) : word.parts.filter((p) => p.kind === 'literal');
      printed = { parts: [...stem, { kind: 'any', max: null }] };
      this.warn(span, `PubMed has no ${describeWildcards(word)}; ${patternText(printed, false)} also finds other words`);
    }
    if (word.parts.some((p) => p.kind === 'literal' && UNSAFE.test(p.text))) this.warn(span, 'The word has characters PubMed reads as syntax; they are escaped with \\, which PubMed does not understand');
    return quoted ? patternText(printed, true) : wordText(printed);
  }

  private phrase(words: readonly WordPattern[], span: Span): string {
    return `"${words.map((w) => this.word(w, span, true)).join(' ')}"`;
  }

  /** Operands as lists of words: ORs multiply out (`(a OR b) ~ c` is `"a c" OR "b c"`). */
  private proximityWords(node: QueryNode): WordPattern[][] {
    if (node.kind === 'term') return [[node.word]];
    if (node.kind === 'phrase') {
      this.warn(node.span, 'PubMed proximity cannot keep a phrase together; its words are searched separately');
      return [[...node.words]];
    }
    if (node.kind === 'or') return node.children.flatMap((child) => this.proximityWords(child));
    if (node.kind === 'proximity') {
      this.warn(node.span, 'PubMed cannot nest proximity searches; the inner words join the outer group');
      return this.expand(node.operands).map((combo) => combo.flat());
    }
    return [];
  }

  private expand(operands: readonly QueryNode[]): WordPattern[][][] {
    let combos: WordPattern[][][] = [[]];
    for (const operand of operands) {
      const choices = this.proximityWords(operand);
      combos = combos.flatMap((combo) => choices.map((choice) => [...combo, choice])).slice(0, MAX_EXPANSION + 1);
    }
    return combos;
  }

  private proximity(node: QueryNode & { kind: 'proximity' }): string {
    const exactTitle = node.fields !== null && sameFields(node.fields, ['title']);
    const tag = exactTitle ? 'ti' : 'tiab';
    if (node.fields === null) this.warn(node.span, 'PubMed proximity needs a field; searched in [tiab]');
    else if (!exactTitle && !sameFields(node.fields, normaliseFields(['title', 'abstract', 'keywords']))) this.warn(node.span, `PubMed proximity works only in [ti] and [tiab]; [tiab] stands in for ${node.fields.join(', ')}`);
    if (node.operands.length > 2) this.warn(node.span, `PubMed applies ~${node.maxBetween} to the words as a group, not to each neighbouring pair`);
    let combos = this.expand(node.operands);
    if (combos.length > MAX_EXPANSION) {
      this.warn(node.span, `The proximity search expands into more than ${MAX_EXPANSION} PubMed searches; only the first ${MAX_EXPANSION} are written`);
      combos = combos.slice(0, MAX_EXPANSION);
    }
    const searches = combos.map((combo) => {
      const words = combo.flat();
      if (words.some((w) => w.parts.some((p) => p.kind !== 'literal'))) this.warn(node.span, 'PubMed does not allow truncation in a proximity search; the wildcards were left out');
      return `"${words.map((w) => escapeQuoted(w.parts.map((p) => (p.kind === 'literal' ? p.text : '')).join(''))).join(' ')}"[${tag}:~${node.maxBetween}]`;
    });
    return searches.length === 1 ? (searches[0] as string) : `(${searches.join(' OR ')})`;
  }

  private heading(node: QueryNode & { kind: 'heading' }): string {
    const tag = `[${node.major ? 'majr' : 'mh'}${node.explode ? '' : ':noexp'}]`;
    if (/["/\\]/.test(node.heading)) this.warn(node.span, `The heading "${node.heading}" has characters PubMed cannot quote`);
    const qualifiers = node.qualifiers.map((q) => QUALIFIERS[q.toLowerCase()] ?? q);
    if (qualifiers.length === 0) return `"${node.heading}"${tag}`;
    const searches = qualifiers.map((q) => `"${node.heading}/${q}"${tag}`);
    return searches.length === 1 ? (searches[0] as string) : `(${searches.join(' OR ')})`;
  }

  private limit(limit: Limit, span: Span): string {
    switch (limit.kind) {
      case 'language':
        return `${limit.language}[la]`;
      case 'humans':
        return 'humans[mh]';
      case 'animals':
        return 'animals[mh]';
      case 'ageGroup':
        return `"${limit.group}"[mh]`;
      case 'publicationType':
        return `"${limit.publicationType}"[pt]`;
      case 'years':
        // PubMed writes an open end as 3000.
        return `${limit.from}:${limit.to === OPEN_END_YEAR ? 3000 : limit.to}[dp]`;
      case 'entryDate':
        return `${dateText(limit.from)}:${dateText(limit.to)}[edat]`;
      case 'hasAbstract':
        return 'hasabstract';
      case 'filter':
        this.warn(span, `PubMed has no "${limit.name}" limit; check the filter before running it`);
        return `"${limit.name}"[filter]`;
    }
  }

  print(node: QueryNode): string {
    switch (node.kind) {
      case 'term':
        return this.word(node.word, node.span, false) + this.fieldTag(node.fields, node.span);
      case 'phrase':
        return this.phrase(node.words, node.span) + this.fieldTag(node.fields, node.span);
      case 'proximity':
        return this.proximity(node);
      case 'heading':
        return this.heading(node);
      case 'value':
        return `"${escapeValue(node.value)}${node.truncated ? '*' : ''}"[${PUBMED_VALUE_TAGS[node.field]}]`;
      case 'dateRange':
        return `${sameDate(node.from, node.to) ? dateText(node.from) : `${dateText(node.from)}:${dateText(node.to)}`}[${node.field === 'publication' ? 'dp' : 'edat'}]`;
      case 'lineRef':
        return `#${node.label}`;
      case 'and':
      case 'or':
        return node.children.map((child) => bracketed(child, this.print(child), true)).join(node.kind === 'and' ? ' AND ' : ' OR ');
      case 'not':
        return `${bracketed(node.include, this.print(node.include), true)} NOT ${bracketed(node.exclude, this.print(node.exclude), true)}`;
      case 'limit': {
        const limits = node.limits.map((limit) => this.limit(limit, node.span));
        return `${bracketed(node.target, this.print(node.target), true)} AND ${limits.length === 1 ? limits[0] : `(${limits.join(' AND ')})`}`;
      }
    }
  }
}

function describeWildcards(word: WordPattern): string {
  const kinds = new Set(word.parts.map((p) => (p.kind === 'one' ? '# (one character)' : p.kind === 'optional' ? '? (optional character)' : p.kind === 'any' && p.max !== null ? `$${p.max} (limited truncation)` : p.kind === 'any' ? 'truncation inside a word' : '')));
  kinds.delete('');
  return [...kinds].join(' or ');
}

/**
 * The query in PubMed syntax, with a warning wherever PubMed cannot say exactly the same.
 *
 * ### Examples
 * `printPubmed(parseQuery('(pain adj3 back).ti,ab.').root)` → `"pain back"[tiab:~2]`, warning that [tiab] also searches keywords.
 */
export function printPubmed(node: QueryNode): PrintResult {
  const printer = new PubmedPrinter();
  const text = printer.print(node);
  return { text, warnings: printer.warnings };
}
