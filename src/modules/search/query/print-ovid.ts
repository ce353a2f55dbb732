import { type Limit, OPEN_END_YEAR, type PartialDate, type QueryNode, type Span, type TextField, type ValueField, type WordPattern } from './ast.js';
import { DEFAULT_TEXT_FIELDS, normaliseFields, qualifierCode, sameFields } from './field-codes.js';
import { OVID_AGE_GROUPS, OVID_PUBLICATION_TYPES } from './limits.js';
import { type PrintResult, type PrintWarning, bracketed, escapeQuoted, escapeValue, patternText, sameDate, wordText } from './print-shared.js';

/** Ovid's word-search codes for the text fields it has. */
const OVID_TEXT_CODES: Partial<Record<TextField, string>> = { title: 'ti', abstract: 'ab', keywords: 'kw', meshWords: 'hw' };

const OVID_VALUE_CODES: Record<ValueField, string> = {
  author: 'au',
  firstAuthor: 'au',
  journal: 'jn',
  language: 'lg',
  publicationType: 'pt',
  subheading: 'fs',
  pmid: 'ui',
  doi: 'do',
};

const AGE_GROUP_NAMES = new Map(Object.entries(OVID_AGE_GROUPS).map(([name, group]) => [group, name]));
const UNSAFE = /[()[\]"\u201c\u201d\\]/;
/** A heading Ovid reads unquoted: words and commas, no operator words. */
const PLAIN_HEADING = /^(?![^]*\b(?:and|or|not|adj\d*|exp)\b)[A-Za-z][A-Za-z0-9 ,'-]*$/i;

/** A proximity search with fields prints as `(a adj3 b).ti.`, already one unit. */
const isUnit = (node: QueryNode) => node.kind === 'proximity' && node.fields !== null;

const compact = (d: PartialDate) => `${d.year}${d.month === null ? '' : String(d.month).padStart(2, '0')}${d.month === null || d.day === null ? '' : String(d.day).padStart(2, '0')}`;

class OvidPrinter {
  readonly warnings: PrintWarning[] = [];

  private warn(span: Span, message: string): void {
    this.warnings.push({ span, message });
  }

  /** `.ti,ab.`, `.mp.` (title, abstract, keywords, heading words); fields Ovid cannot search by word are left out, with a warning. */
  private suffix(fields: readonly TextField[] | null, span: Span): string {
    if (fields === null) return '';
    if (sameFields(fields, normaliseFields(DEFAULT_TEXT_FIELDS))) return '.mp.';
    const codes = fields.flatMap((f) => (OVID_TEXT_CODES[f] ? [OVID_TEXT_CODES[f]] : []));
    const missing = fields.filter((f) => !OVID_TEXT_CODES[f]);
    if (missing.length > 0) this.warn(span, `Ovid has no word search of ${missing.join(', ')}; ${codes.length > 0 ? 'left out' : 'searched as .mp. instead'}`);
    return codes.length > 0 ? `.${codes.join(',')}.` : '.mp.';
  }

  private word(word: WordPattern, span: Span): string {
    if (word.parts.some((p) => p.kind === 'literal' && UNSAFE.test(p.text))) this.warn(span, 'The word has characters Ovid reads as syntax; they are escaped with \\, which Ovid does not understand');
    return wordText(word);
  }

  private phrase(words: readonly WordPattern[], span: Span): string {
    if (words.some((w) => w.parts.some((p) => p.kind === 'literal' && UNSAFE.test(p.text)))) this.warn(span, 'The phrase has characters Ovid reads as syntax');
    return `"${words.map((w) => patternText(w, true)).join(' ')}"`;
  }

  private proximity(node: QueryNode & { kind: 'proximity' }): string {
    let n = node.maxBetween + 1;
    if (n > 99) {
      this.warn(node.span, `Ovid allows at most adj99; adj${n} was narrowed to adj99`);
      n = 99;
    }
    const operands = node.operands.map((o) => (o.kind === 'term' || o.kind === 'phrase' ? this.print(o) : `(${this.print(o)})`));
    const text = operands.join(` adj${n} `);
    return node.fields === null ? text : `(${text})${this.suffix(node.fields, node.span)}`;
  }

  private heading(node: QueryNode & { kind: 'heading' }): string {
    const name = PLAIN_HEADING.test(node.heading) ? node.heading : `"${escapeQuoted(node.heading)}"`;
    const codes = node.qualifiers.map((q) => {
      const code = qualifierCode(q);
      if (!code) this.warn(node.span, `Ovid writes subheadings as two-letter codes; "${q}" has none that khub knows`);
      return code ?? q;
    });
    return `${node.explode ? 'exp ' : ''}${node.major ? '*' : ''}${name}/${codes.join(',')}`;
  }

  private date(node: QueryNode & { kind: 'dateRange' }): string {
    if (node.field === 'publication') {
      if (node.from.month !== null || node.to.month !== null) this.warn(node.span, 'Ovid searches whole years of publication; the months and days were left out');
      return node.from.year === node.to.year ? `${node.from.year}.yr.` : `"${node.from.year}-${node.to.year}".yr.`;
    }
    if (sameDate(node.from, node.to)) return `${compact(node.from)}.ed.`;
    const [from, to] = [compact(node.from), compact(node.to)];
    // Ovid writes ed=20150101-20161231; khub reads `-` between whole years or whole dates, `:` otherwise.
    const dash = from.length === to.length && (from.length === 4 || from.length === 8);
    return `"${from}${dash ? '-' : ':'}${to}".ed.`;
  }

  private lineRef(node: QueryNode & { kind: 'lineRef' }): string {
    if (/^\d+$/.test(node.label)) return node.label;
    this.warn(node.span, `Ovid numbers its lines; there is no line "${node.label}"`);
    return `#${node.label}`;
  }

  private limitItem(limit: Limit, span: Span): string {
    switch (limit.kind) {
      case 'language':
        return /^[a-z]+$/.test(limit.language) ? `${limit.language} language` : `la="${escapeQuoted(limit.language)}"`;
      case 'humans':
      case 'animals':
        return limit.kind;
      case 'ageGroup': {
        const name = AGE_GROUP_NAMES.get(limit.group);
        if (!name) this.warn(span, `Ovid has no age-group limit for "${limit.group}"`);
        return name ? `"${name}"` : `age="${escapeQuoted(limit.group)}"`;
      }
      case 'publicationType':
        if (OVID_PUBLICATION_TYPES.includes(limit.publicationType)) return limit.publicationType;
        this.warn(span, `Ovid has no publication-type limit "${limit.publicationType}"`);
        return `pt="${escapeQuoted(limit.publicationType)}"`;
      case 'years':
        return `yr="${limit.from}${limit.to === OPEN_END_YEAR ? ' -Current' : limit.from === limit.to ? '' : `-${limit.to}`}"`;
      case 'entryDate':
        return `ed=${compact(limit.from)}-${compact(limit.to)}`;
      case 'hasAbstract':
        return 'abstracts';
      case 'filter':
        return `"${escapeQuoted(limit.name)}"`;
    }
  }

  private limit(node: QueryNode & { kind: 'limit' }): string {
    const numbered = node.target.kind === 'lineRef' && /^\d+$/.test(node.target.label);
    if (!numbered) this.warn(node.span, 'Ovid limits a numbered line; put the search on its own line and limit that');
    const target = numbered ? this.print(node.target) : `(${this.print(node.target)})`;
    const items = node.limits.map((l) => this.limitItem(l, node.span));
    return `limit ${target} to ${items.length === 1 ? items[0] : `(${items.join(' and ')})`}`;
  }

  print(node: QueryNode): string {
    switch (node.kind) {
      case 'term':
        return this.word(node.word, node.span) + this.suffix(node.fields, node.span);
      case 'phrase':
        return this.phrase(node.words, node.span) + this.suffix(node.fields, node.span);
      case 'proximity':
        return this.proximity(node);
      case 'heading':
        return this.heading(node);
      case 'value':
        if (node.field === 'firstAuthor') this.warn(node.span, 'Ovid has no first-author field; searched as any author');
        return `"${escapeValue(node.value)}${node.truncated ? '*' : ''}".${OVID_VALUE_CODES[node.field]}.`;
      case 'dateRange':
        return this.date(node);
      case 'lineRef':
        return this.lineRef(node);
      case 'and':
      case 'or':
        return node.children.map((child) => bracketed(child, this.print(child), isUnit(child))).join(` ${node.kind} `);
      case 'not':
        return `${bracketed(node.include, this.print(node.include), isUnit(node.include))} not ${bracketed(node.exclude, this.print(node.exclude), isUnit(node.exclude))}`;
      case 'limit':
        return this.limit(node);
    }
  }
}

/**
 * The query in Ovid MEDLINE syntax, with a warning wherever Ovid cannot say exactly the same.
 *
 * ### Examples
 * `printOvid(parseQuery('"hip pain"[ti:~2]').root)` → `("hip" adj3 "pain").ti.` (PubMed ~2 is Ovid adj3).
 */
export function printOvid(node: QueryNode): PrintResult {
  const printer = new OvidPrinter();
  const text = printer.print(node);
  return { text, warnings: printer.warnings };
}
