/**
 * The query AST: the contract between the parser, the printers (PubMed, Ovid, canonical), the
 * reference evaluator and the SQL compilers. It records what a line *means*, not how it was spelt:
 * `[tiab]`, `[Title/Abstract]` and `[TIAB]` give the same node; Ovid `.ti,ab.` gives a different field
 * set because it searches different fields. Every node keeps the span of source text it came from.
 */

/** Offsets into the text given to the parser (UTF-16 code units, end exclusive). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Which syntax a line is written in; decides precedence and what adjacent words mean. */
export type Dialect = 'pubmed' | 'ovid' | 'khub';

/**
 * The record fields a word or phrase can be searched in. A field tag maps to a set of these
 * (see field-codes.ts): PubMed `[tiab]` → title, abstract, keywords; Ovid `.tw.` → title, abstract.
 */
export const TEXT_FIELDS = ['title', 'abstract', 'keywords', 'meshWords', 'publicationTypes', 'authors', 'journal', 'language'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** One piece of a word pattern: literal text or a wildcard. */
export type PatternPart =
  | { readonly kind: 'literal'; readonly text: string }
  /** `#` (Ovid): exactly one character. */
  | { readonly kind: 'one' }
  /** `?` (Ovid): zero or one character. */
  | { readonly kind: 'optional' }
  /** `*`, `$`, `:` — any number of characters; `$N` — at most `max` more characters. */
  | { readonly kind: 'any'; readonly max: number | null };

/** A single word, possibly with truncation or wildcards. */
export interface WordPattern {
  /** The word's parts; a plain word is one literal part. Literals keep the searcher's case. */
  readonly parts: readonly PatternPart[];
}

/** A word searched in a set of fields. `fields` null means the documented default set. */
export interface TermNode {
  readonly kind: 'term';
  readonly word: WordPattern;
  readonly fields: readonly TextField[] | null;
  readonly span: Span;
}

/** Words that must appear next to each other in this order ("heart attack", Ovid `heart attack.ti.`). */
export interface PhraseNode {
  readonly kind: 'phrase';
  readonly words: readonly WordPattern[];
  readonly fields: readonly TextField[] | null;
  readonly span: Span;
}

/**
 * Operands within a distance of each other, in any order: Ovid `a adj3 b` (maxBetween 2),
 * PubMed `"a b"[tiab:~3]` (maxBetween 3). Each operand is a term, a phrase or an OR of them.
 */
export interface ProximityNode {
  readonly kind: 'proximity';
  readonly operands: readonly QueryNode[];
  /** The most words allowed between neighbouring operands (0 = adjacent). */
  readonly maxBetween: number;
  readonly fields: readonly TextField[] | null;
  readonly span: Span;
}

/** A subject heading: `Heading[mh]`, `exp Heading/`, `*Heading/dt`, `Heading[majr]`. */
export interface HeadingNode {
  readonly kind: 'heading';
  /** As written, without quotes or the trailing slash ("Diabetes Mellitus, Type 2"). */
  readonly heading: string;
  /** Include every narrower heading in the tree. */
  readonly explode: boolean;
  /** Only where the heading (or, with qualifiers, the heading/qualifier pair) is a major topic. */
  readonly major: boolean;
  /** Subheadings as written (`dt`, `drug therapy`); empty means any or none. */
  readonly qualifiers: readonly string[];
  readonly span: Span;
}

/** Fields matched as whole values rather than as words in text. */
export type ValueField = 'author' | 'firstAuthor' | 'journal' | 'language' | 'publicationType' | 'subheading' | 'pmid' | 'doi';

/** `smith j[au]`, `english[la]`, `randomized controlled trial[pt]`, `dt.fs.`, `12345678[pmid]`. */
export interface ValueNode {
  readonly kind: 'value';
  readonly field: ValueField;
  readonly value: string;
  /** `smith*[au]`: the value is a prefix. */
  readonly truncated: boolean;
  readonly span: Span;
}

/** A date with as much precision as was written. */
export interface PartialDate {
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
}

/** `2015:2024[dp]`, `2019[pdat]`, Ovid `2015.yr.`; `entry` is the date the record was added (`ed=`). */
export interface DateRangeNode {
  readonly kind: 'dateRange';
  readonly field: 'publication' | 'entry';
  readonly from: PartialDate;
  readonly to: PartialDate;
  readonly span: Span;
}

/** A reference to another line: `#3`, Ovid `3`, a published strategy's `1a` or `B`. */
export interface LineRefNode {
  readonly kind: 'lineRef';
  /** The label as written, without `#` ("3", "1a", "B"). */
  readonly label: string;
  readonly span: Span;
}

export interface AndNode {
  readonly kind: 'and';
  /** Two or more; nested ANDs are flattened. */
  readonly children: readonly QueryNode[];
  readonly span: Span;
}

export interface OrNode {
  readonly kind: 'or';
  readonly children: readonly QueryNode[];
  readonly span: Span;
}

/** `include NOT exclude`. */
export interface NotNode {
  readonly kind: 'not';
  readonly include: QueryNode;
  readonly exclude: QueryNode;
  readonly span: Span;
}

/** One restriction of a limit (Ovid `limit 6 to …`, the expert page's limits panel). */
export type Limit =
  | { readonly kind: 'language'; readonly language: string }
  | { readonly kind: 'humans' }
  | { readonly kind: 'animals' }
  /** MeSH age-group check tags: "aged", "infant", "child, preschool" … */
  | { readonly kind: 'ageGroup'; readonly group: string }
  | { readonly kind: 'publicationType'; readonly publicationType: string }
  | { readonly kind: 'years'; readonly from: number; readonly to: number }
  | { readonly kind: 'entryDate'; readonly from: PartialDate; readonly to: PartialDate }
  | { readonly kind: 'hasAbstract' }
  /**
   * A limit khub knows only by the name the searcher gave it, such as Ovid's clinical-query filter
   * `limit 31 to "reviews (maximizes specificity)"`. Kept so that nothing is silently dropped; a
   * compiler that cannot run it must reject the query.
   */
  | { readonly kind: 'filter'; readonly name: string };

/** `years.to` for an open-ended range (Ovid `yr="1970 -Current"`). */
export const OPEN_END_YEAR = 9999;

/** The records of `target` that pass every limit. */
export interface LimitNode {
  readonly kind: 'limit';
  readonly target: QueryNode;
  readonly limits: readonly Limit[];
  readonly span: Span;
}

export type QueryNode =
  | TermNode
  | PhraseNode
  | ProximityNode
  | HeadingNode
  | ValueNode
  | DateRangeNode
  | LineRefNode
  | AndNode
  | OrNode
  | NotNode
  | LimitNode;

/** One parsed query (a single line of a strategy). */
export interface ParsedQuery {
  readonly dialect: Dialect;
  readonly root: QueryNode;
}

/** A line of a pasted strategy. */
export type StrategyLine =
  /** A search line; `label` is its number or letter as written ("1", "1a", "B"), null when unlabelled. */
  | { readonly kind: 'query'; readonly label: string | null; readonly text: string; readonly query: ParsedQuery; readonly lineNumber: number }
  /** A heading or comment between searches ("Population: low back pain"), kept for the report. */
  | { readonly kind: 'comment'; readonly text: string; readonly lineNumber: number }
  /** A line that looked like a search but did not parse; the rest of the strategy still parses. */
  | { readonly kind: 'invalid'; readonly label: string | null; readonly text: string; readonly error: QuerySyntaxErrorDetails; readonly lineNumber: number };

/** What a syntax error reports: where (0-based offset, 1-based line and column) and what to do. */
export interface QuerySyntaxErrorDetails {
  readonly message: string;
  readonly hint: string | null;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}
