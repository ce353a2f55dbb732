/**
 * fast-check arbitraries for query trees, for the property tests. Test support only: nothing in
 * khub imports it at run time.
 */
import fc from 'fast-check';
import { type Limit, OPEN_END_YEAR, type PartialDate, type PatternPart, type QueryNode, TEXT_FIELDS, type TextField, type ValueField, type WordPattern } from '../../../src/modules/search/query/ast.js';
import { normaliseFields } from '../../../src/modules/search/query/field-codes.js';

const SPAN = { start: 0, end: 0 };

/** What a tree may use; the PubMed and Ovid subsets narrow it. */
export interface TreeOptions {
  readonly characters?: string;
  readonly wildcards?: readonly ('any' | 'limited' | 'one' | 'optional')[];
  /** Only a final unlimited truncation (PubMed). */
  readonly trailingTruncationOnly?: boolean;
  readonly fieldSets?: readonly (readonly TextField[] | null)[];
  readonly kinds?: readonly QueryNode['kind'][];
  readonly qualifiers?: fc.Arbitrary<string[]>;
  readonly labels?: fc.Arbitrary<string>;
  readonly proximity?: { readonly fieldSets: readonly (readonly TextField[] | null)[]; readonly maxOperands: number; readonly plainTermsOnly: boolean; readonly maxBetween: number };
  readonly valueFields?: readonly ValueField[];
  readonly yearsOnlyForPublication?: boolean;
  readonly limits?: fc.Arbitrary<Limit>;
  readonly limitTargets?: fc.Arbitrary<QueryNode>;
  readonly depth?: number;
}

/** Letters and digits plus every character the syntax gives a meaning to. */
export const TRICKY_CHARACTERS = 'abcXYZé019-\'.,/:*$#?()[]"\u201c\u201d\\=~&';

const ALL_FIELD_SETS = fc.oneof(fc.constant(null), fc.subarray([...TEXT_FIELDS], { minLength: 1 }).map((f) => normaliseFields(f)));

function normalise(parts: PatternPart[]): PatternPart[] {
  const out: PatternPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.kind === 'literal' && last?.kind === 'literal') out[out.length - 1] = { kind: 'literal', text: last.text + part.text };
    else out.push(part);
  }
  return out;
}

export function wordArbitrary(options: TreeOptions = {}): fc.Arbitrary<WordPattern> {
  const characters = [...(options.characters ?? TRICKY_CHARACTERS)];
  const literal = fc.string({ unit: fc.constantFrom(...characters), minLength: 1, maxLength: 6 }).map((text): PatternPart => ({ kind: 'literal', text }));
  if (options.trailingTruncationOnly) {
    return fc.record({ literal, truncated: fc.boolean() }).map(({ literal: l, truncated }) => ({ parts: truncated ? [l, { kind: 'any', max: null }] : [l] }));
  }
  const wildcardKinds = options.wildcards ?? ['any', 'limited', 'one', 'optional'];
  if (wildcardKinds.length === 0) return literal.map((l) => ({ parts: [l] }));
  const wildcard = fc.constantFrom(...wildcardKinds).chain((kind): fc.Arbitrary<PatternPart> => {
    if (kind === 'any') return fc.constant({ kind: 'any', max: null });
    if (kind === 'limited') return fc.integer({ min: 1, max: 99 }).map((max) => ({ kind: 'any', max }));
    return fc.constant({ kind });
  });
  const part = fc.oneof({ arbitrary: literal, weight: 3 }, { arbitrary: wildcard, weight: 1 });
  return fc
    .array(part, { minLength: 1, maxLength: 4 })
    .map(normalise)
    .filter((parts) => parts.some((p) => p.kind === 'literal'))
    .map((parts) => ({ parts }));
}

const text = (characters: string, max = 12) =>
  fc
    .string({ unit: fc.constantFrom(...characters), minLength: 1, maxLength: max })
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);

const partialDate: fc.Arbitrary<PartialDate> = fc.record({ year: fc.integer({ min: 1900, max: 2099 }), month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }) }).chain(({ year, month }) =>
  month === null ? fc.constant<PartialDate>({ year, month, day: null }) : fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }).map((day): PartialDate => ({ year, month, day })),
);

export const limitArbitrary: fc.Arbitrary<Limit> = fc.oneof(
  text('abcdefgh', 8).map((l) => ({ kind: 'language', language: l.replace(/ /g, '') }) as Limit).filter((l) => l.kind === 'language' && l.language.length > 0),
  fc.constant<Limit>({ kind: 'humans' }),
  fc.constant<Limit>({ kind: 'animals' }),
  text(`abc ,${TRICKY_CHARACTERS}`).map((group): Limit => ({ kind: 'ageGroup', group })),
  text(`abc ${TRICKY_CHARACTERS}`).map((publicationType): Limit => ({ kind: 'publicationType', publicationType })),
  fc.record({ from: fc.integer({ min: 1900, max: 2099 }), to: fc.oneof(fc.integer({ min: 1900, max: 2099 }), fc.constant(OPEN_END_YEAR)) }).map(({ from, to }): Limit => ({ kind: 'years', from, to })),
  fc.record({ from: partialDate, to: partialDate }).map(({ from, to }): Limit => ({ kind: 'entryDate', from, to })),
  fc.constant<Limit>({ kind: 'hasAbstract' }),
  text(`abc (${TRICKY_CHARACTERS}`).map((name): Limit => ({ kind: 'filter', name })),
);

/** Random trees the parser can produce: flattened ANDs and ORs, proximity over words, no spans that matter. */
export function queryArbitrary(options: TreeOptions = {}): fc.Arbitrary<QueryNode> {
  const characters = options.characters ?? TRICKY_CHARACTERS;
  const word = wordArbitrary(options);
  const fields = options.fieldSets ? fc.constantFrom(...options.fieldSets) : ALL_FIELD_SETS;
  const kinds = new Set(options.kinds ?? ['term', 'phrase', 'proximity', 'heading', 'value', 'dateRange', 'lineRef', 'and', 'or', 'not', 'limit']);
  const term = (w: fc.Arbitrary<WordPattern>, f: fc.Arbitrary<readonly TextField[] | null>) => fc.record({ word: w, fields: f }).map(({ word: ww, fields: fs }): QueryNode => ({ kind: 'term', word: ww, fields: fs, span: SPAN }));
  const phrase = (f: fc.Arbitrary<readonly TextField[] | null>) => fc.record({ words: fc.array(word, { minLength: 2, maxLength: 3 }), fields: f }).map(({ words, fields: fs }): QueryNode => ({ kind: 'phrase', words, fields: fs, span: SPAN }));
  const leaves: fc.Arbitrary<QueryNode>[] = [];
  if (kinds.has('term')) leaves.push(term(word, fields));
  if (kinds.has('phrase')) leaves.push(phrase(fields));
  if (kinds.has('proximity')) leaves.push(proximityArbitrary(options, word, term, phrase, fields));
  if (kinds.has('heading')) {
    const heading = text(`ABC abc, -'${characters}`, 20);
    const qualifiers = options.qualifiers ?? fc.array(text('abcdefghij &', 10), { maxLength: 2 });
    leaves.push(fc.record({ heading, explode: fc.boolean(), major: fc.boolean(), qualifiers }).map(({ heading: h, explode, major, qualifiers: q }): QueryNode => ({ kind: 'heading', heading: h, explode, major, qualifiers: q, span: SPAN })));
  }
  if (kinds.has('value')) {
    const field = fc.constantFrom<ValueField>(...(options.valueFields ?? ['author', 'firstAuthor', 'journal', 'language', 'publicationType', 'subheading', 'pmid', 'doi']));
    leaves.push(fc.record({ field, value: text(`abc XYZ ${characters}`), truncated: fc.boolean() }).map(({ field: f, value, truncated }): QueryNode => ({ kind: 'value', field: f, value, truncated, span: SPAN })));
  }
  if (kinds.has('dateRange')) leaves.push(dateRangeArbitrary(options));
  if (kinds.has('lineRef')) leaves.push((options.labels ?? fc.stringMatching(/^[A-Za-z0-9]{1,4}$/)).map((label): QueryNode => ({ kind: 'lineRef', label, span: SPAN })));
  const leaf = fc.oneof(...leaves);
  const { tree } = fc.letrec<{ tree: QueryNode }>((tie) => {
    const child = (kind: 'and' | 'or') => tie('tree').filter((n) => n.kind !== kind);
    const branches: fc.Arbitrary<QueryNode>[] = [];
    for (const kind of ['and', 'or'] as const) {
      if (kinds.has(kind)) branches.push(fc.array(child(kind), { minLength: 2, maxLength: 4 }).map((children): QueryNode => ({ kind, children, span: SPAN })));
    }
    if (kinds.has('not')) branches.push(fc.record({ include: tie('tree'), exclude: tie('tree') }).map(({ include, exclude }): QueryNode => ({ kind: 'not', include, exclude, span: SPAN })));
    if (kinds.has('limit')) {
      const target = options.limitTargets ?? tie('tree');
      branches.push(fc.record({ target, limits: fc.array(options.limits ?? limitArbitrary, { minLength: 1, maxLength: 3 }) }).map(({ target: t, limits }): QueryNode => ({ kind: 'limit', target: t, limits, span: SPAN })));
    }
    return { tree: fc.oneof({ depthSize: 'small', maxDepth: options.depth ?? 4 }, leaf, ...branches) };
  });
  return tree;
}

type LeafMaker = (f: fc.Arbitrary<readonly TextField[] | null>) => fc.Arbitrary<QueryNode>;

function proximityArbitrary(
  options: TreeOptions,
  word: fc.Arbitrary<WordPattern>,
  term: (w: fc.Arbitrary<WordPattern>, f: fc.Arbitrary<readonly TextField[] | null>) => fc.Arbitrary<QueryNode>,
  phrase: LeafMaker,
  fields: fc.Arbitrary<readonly TextField[] | null>,
): fc.Arbitrary<QueryNode> {
  const settings = options.proximity ?? { fieldSets: null, maxOperands: 3, plainTermsOnly: false, maxBetween: 20 };
  const none = fc.constant(null);
  const plainWord = wordArbitrary({ characters: options.characters, wildcards: [] });
  const bareWord = settings.plainTermsOnly ? term(plainWord, none) : fc.oneof(term(word, none), phrase(none));
  const operand = settings.plainTermsOnly
    ? bareWord
    : fc.oneof({ arbitrary: bareWord, weight: 3 }, { arbitrary: fc.array(bareWord, { minLength: 2, maxLength: 3 }).map((children): QueryNode => ({ kind: 'or', children, span: SPAN })), weight: 1 });
  const proximityFields = settings.fieldSets ? fc.constantFrom(...settings.fieldSets) : fields;
  return fc
    .record({ operands: fc.array(operand, { minLength: 2, maxLength: settings.maxOperands }), maxBetween: fc.integer({ min: 0, max: settings.maxBetween }), fields: proximityFields })
    .map(({ operands, maxBetween, fields: fs }): QueryNode => ({ kind: 'proximity', operands, maxBetween, fields: fs, span: SPAN }));
}

function dateRangeArbitrary(options: TreeOptions): fc.Arbitrary<QueryNode> {
  const yearOnly = fc.integer({ min: 1900, max: 2099 }).map((year): PartialDate => ({ year, month: null, day: null }));
  return fc.constantFrom('publication' as const, 'entry' as const).chain((field) => {
    const date = field === 'publication' && options.yearsOnlyForPublication ? yearOnly : partialDate;
    return fc.record({ from: date, to: date }).map(({ from, to }): QueryNode => ({ kind: 'dateRange', field, from, to, span: SPAN }));
  });
}
