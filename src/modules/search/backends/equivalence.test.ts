/**
 * The core guarantee: for random corpora and random query trees, SQLite and PostgreSQL return exactly
 * the records the reference evaluator says, and refuse exactly the queries it refuses.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import fc from 'fast-check';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { type BibRecord, emptyRecord } from '../../records/index.js';
import { type Limit, type PatternPart, type QueryNode, TEXT_FIELDS, type TextField, type WordPattern } from '../query/ast.js';
import { QueryResolutionError, SearchProblem, countMatches, matchingIds } from '../engine/index.js';
import { deleteRecords, loadRecords, loadThesaurus } from '../../../../test/helpers/search-engine.js';
import { evaluateReference, referenceCorpus, type ReferenceThesaurus } from './reference.js';

const CORPORA = Number(process.env.KHUB_SEARCH_CORPORA ?? 5);
const QUERIES_PER_CORPUS = 40;
const WILDCARD_LIMIT = 6;

const WORDS = ['heart', 'attack', 'pain', 'back', 'hip', 'knee', 'child', 'children', 'childhood', 'haematuria', 'hematuria', 'woman', 'women',
  'colour', 'color', 'therapy', 'therapeutic', 'covid', '19', 'pre', 'test', 'café', 'CAFE', 'naïve', 'x-ray', 'drug', 'diabetes', 'type', '2'];
const SEPARATORS = [' ', ' ', ' ', '-', ', ', '. ', "'", ' (', ') '];
const HEADINGS = [
  { ui: 'D009203', name: 'Myocardial Infarction' }, { ui: 'D003920', name: 'Diabetes Mellitus' }, { ui: 'D003924', name: 'Diabetes Mellitus, Type 2' },
  { ui: 'D003922', name: 'Diabetes Mellitus, Type 1' }, { ui: 'D008659', name: 'Metabolic Diseases' }, { ui: 'D005260', name: 'Female' },
  { ui: 'D006801', name: 'Humans' }, { ui: 'D000818', name: 'Animals' }, { ui: 'D000368', name: 'Aged' },
];
const HEADING_TERMS = ['heart attack', 'Diabetes Mellitus', 'type 2 diabetes', 'IDDM', 'Metabolic Diseases', 'Female', 'Nutritional and Metabolic Diseases'];
const QUALIFIERS = ['drug therapy', 'diagnosis', 'etiology'];
const span = { start: 0, end: 1 };

const text = (min: number, max: number) =>
  fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: min, maxLength: max }).map((parts) => parts.map(([w, s]) => w + s).join(''));

const author = fc.oneof(
  fc.record({ family: fc.constantFrom('Smith', 'Smithson', "O'Brien", 'van der Berg', 'Jones'), given: fc.constantFrom('John', 'Jane Ann', null),
    initials: fc.constantFrom('J', 'JA', 'B', null), collective: fc.constant(null), affiliations: fc.constant([]) }),
  fc.record({ family: fc.constant(null), given: fc.constant(null), initials: fc.constant(null), collective: fc.constantFrom('COVID-19 Study Group', 'Heart Group'), affiliations: fc.constant([]) }),
);

const heading = fc.record({
  descriptor: fc.constantFrom(...HEADINGS), withUi: fc.boolean(), major: fc.boolean(),
  qualifiers: fc.uniqueArray(fc.record({ name: fc.constantFrom(...QUALIFIERS), major: fc.boolean() }), { maxLength: 2, selector: (q) => q.name }),
}).map((h) => ({ ui: h.withUi || h.descriptor.ui === 'D000368' ? h.descriptor.ui : null, name: h.descriptor.name, major: h.major, qualifiers: h.qualifiers.map((q) => ({ ui: null, ...q })) }));

const record = (i: number): fc.Arbitrary<BibRecord> =>
  fc.record({
    title: text(1, 10), abstract: fc.option(text(0, 25)), keywords: fc.array(text(1, 3), { maxLength: 3 }), authors: fc.array(author, { maxLength: 3 }),
    mesh: fc.array(heading, { maxLength: 4 }), languages: fc.uniqueArray(fc.constantFrom('eng', 'fre', 'ger'), { maxLength: 2 }),
    publicationTypes: fc.uniqueArray(fc.constantFrom('Journal Article', 'Randomized Controlled Trial', 'Review', 'Meta-Analysis'), { maxLength: 2 }),
    journal: fc.constantFrom({ title: 'The Lancet', isoAbbreviation: 'Lancet', issn: '0140-6736' }, { title: 'New England Journal of Medicine', isoAbbreviation: 'N Engl J Med', issn: null }, { title: null, isoAbbreviation: null, issn: null }),
    year: fc.option(fc.integer({ min: 2013, max: 2016 })), month: fc.option(fc.integer({ min: 1, max: 12 })), day: fc.option(fc.integer({ min: 1, max: 28 })),
  }).map((r) => ({
    ...emptyRecord('test', `r${i}`), title: r.title, abstract: r.abstract, keywords: r.keywords, authors: r.authors, mesh: r.mesh, languages: r.languages,
    publicationTypes: r.publicationTypes, journal: r.journal, pmid: String(1000 + i), doi: `10.1000/x${i}`,
    publicationDate: { year: r.year, month: r.year === null ? null : r.month, day: r.month === null ? null : r.day, text: null },
  }));

const corpus = fc.integer({ min: 8, max: 20 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => record(i))));

const fields = fc.option(fc.uniqueArray(fc.constantFrom(...TEXT_FIELDS), { minLength: 1, maxLength: 4 }), { freq: 3 }) as fc.Arbitrary<TextField[] | null>;

const literal = (t: string): PatternPart => ({ kind: 'literal', text: t });
const wordPattern: fc.Arbitrary<WordPattern> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS, 'Covid-19', 'pre-test', 'HEART', 'smith', 'drug therapy').map((w) => ({ parts: [literal(w)] })) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...WORDS.filter((w) => w.length > 3)), fc.integer({ min: 1, max: 4 }), fc.constantFrom<PatternPart>(
    { kind: 'any', max: null }, { kind: 'any', max: 1 }, { kind: 'any', max: 3 }, { kind: 'one' }, { kind: 'optional' })).chain(([w, cut, wildcard]) =>
    fc.boolean().map((middle) => ({ parts: middle && cut < w.length - 1 ? [literal(w.slice(0, cut)), wildcard, literal(w.slice(cut + 1))] : [literal(w.slice(0, cut)), wildcard] }))) },
);

const partialDate = fc.record({ year: fc.integer({ min: 2012, max: 2017 }), month: fc.option(fc.integer({ min: 1, max: 12 })), day: fc.option(fc.integer({ min: 1, max: 28 })) })
  .map((d) => ({ year: d.year, month: d.month, day: d.month === null ? null : d.day }));

const limitArb: fc.Arbitrary<Limit> = fc.oneof(
  fc.constantFrom<Limit>({ kind: 'humans' }, { kind: 'animals' }, { kind: 'hasAbstract' }, { kind: 'ageGroup', group: 'aged' }),
  fc.constantFrom('english', 'eng', 'french').map((language): Limit => ({ kind: 'language', language })),
  fc.constantFrom('review', 'meta analysis', 'journal article').map((publicationType): Limit => ({ kind: 'publicationType', publicationType })),
  fc.tuple(fc.integer({ min: 2012, max: 2016 }), fc.integer({ min: 0, max: 3 })).map(([from, n]): Limit => ({ kind: 'years', from, to: from + n })),
);

const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ word: wordPattern, fields }).map((t): QueryNode => ({ kind: 'term', ...t, span })) },
  { weight: 2, arbitrary: fc.record({ words: fc.array(wordPattern, { minLength: 2, maxLength: 3 }), fields }).map((p): QueryNode => ({ kind: 'phrase', ...p, span })) },
  { weight: 2, arbitrary: fc.record({ heading: fc.constantFrom(...HEADING_TERMS), explode: fc.boolean(), major: fc.boolean(), qualifiers: fc.uniqueArray(fc.constantFrom('dt', 'drug therapy', 'di'), { maxLength: 2 }) })
    .map((h): QueryNode => ({ kind: 'heading', ...h, span })) },
  { weight: 2, arbitrary: fc.oneof(
    fc.record({ field: fc.constantFrom('author' as const, 'firstAuthor' as const), value: fc.constantFrom('smith', 'smith j', 'smith ja', 'smi', "o'brien j", 'van der', 'covid-19 study group', 'jones b'), truncated: fc.boolean() }),
    fc.record({ field: fc.constant('journal' as const), value: fc.constantFrom('lancet', 'the lancet', 'n engl j med', 'new england', '0140-6736'), truncated: fc.boolean() }),
    fc.record({ field: fc.constant('language' as const), value: fc.constantFrom('english', 'eng', 'fre', 'ger'), truncated: fc.boolean() }),
    fc.record({ field: fc.constant('publicationType' as const), value: fc.constantFrom('review', 'meta-analysis', 'randomized', 'journal article'), truncated: fc.boolean() }),
    fc.record({ field: fc.constant('subheading' as const), value: fc.constantFrom('dt', 'drug therapy', 'diagnosis', 'di', 'e'), truncated: fc.boolean() }),
    fc.record({ field: fc.constantFrom('pmid' as const, 'doi' as const), value: fc.constantFrom('1003', '1005', '10.1000/X3', 'https://doi.org/10.1000/x4'), truncated: fc.constant(false) }),
  ).map((v): QueryNode => ({ kind: 'value', ...v, span })) },
  { weight: 1, arbitrary: fc.record({ field: fc.constantFrom('publication' as const, 'entry' as const), from: partialDate, to: partialDate }).map((d): QueryNode => ({ kind: 'dateRange', ...d, span })) },
);

const proximityOperand: fc.Arbitrary<QueryNode> = fc.oneof(
  fc.record({ word: wordPattern }).map((t): QueryNode => ({ kind: 'term', ...t, fields: null, span })),
  fc.array(wordPattern, { minLength: 2, maxLength: 2 }).map((words): QueryNode => ({ kind: 'phrase', words, fields: null, span })),
  fc.array(wordPattern, { minLength: 2, maxLength: 3 }).map((ws): QueryNode => ({ kind: 'or', children: ws.map((word) => ({ kind: 'term', word, fields: null, span })), span })),
);
const proximity = fc.record({ operands: fc.array(proximityOperand, { minLength: 2, maxLength: 3 }), maxBetween: fc.integer({ min: 0, max: 4 }), fields })
  .map((p): QueryNode => ({ kind: 'proximity', ...p, span }));

const query: fc.Arbitrary<QueryNode> = fc.letrec<{ node: QueryNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 2, arbitrary: proximity },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), children: fc.array(tie('node'), { minLength: 2, maxLength: 4 }) }).map((n): QueryNode => ({ ...n, span })) },
    { weight: 1, arbitrary: fc.record({ include: tie('node'), exclude: tie('node') }).map((n): QueryNode => ({ kind: 'not', ...n, span })) },
    { weight: 1, arbitrary: fc.record({ target: tie('node'), limits: fc.array(limitArb, { minLength: 1, maxLength: 2 }) }).map((n): QueryNode => ({ kind: 'limit', ...n, span })) },
  ),
})).node;

eachDialect('search backends agree with the reference evaluator', (getDb) => {
  let thesaurus: ReferenceThesaurus;
  before(async () => {
    thesaurus = await loadThesaurus(getDb(), HEADING_TERMS);
  });

  it(`gives the reference's answer for ${CORPORA} random corpora × ${QUERIES_PER_CORPUS} random queries`, async () => {
    let previous: string[] = [];
    const corpora = fc.sample(corpus, { numRuns: CORPORA, seed: Number(process.env.KHUB_SEARCH_SEED ?? Date.now() % 1_000_000) });
    let checked = 0;
    let nonEmpty = 0;
    for (const records of corpora) {
      await deleteRecords(getDb(), previous.filter((id) => !records.some((r) => r.sourceId === id)));
      previous = records.map((r) => r.sourceId);
      const stored = await loadRecords(getDb(), records);
      assert.equal(stored.length, records.length);
      const reference = referenceCorpus(stored);
      await fc.assert(
        fc.asyncProperty(query, async (node) => {
          let expected: number[] | SearchProblem;
          try {
            expected = [...evaluateReference(node, reference, { thesaurus, wildcardLimit: WILDCARD_LIMIT })].sort((a, b) => a - b);
          } catch (error) {
            if (!(error instanceof SearchProblem)) throw error;
            expected = error;
          }
          const got = await matchingIds(getDb(), node, { limit: 1000, wildcardLimit: WILDCARD_LIMIT }).catch((e: unknown) => e);
          if (expected instanceof SearchProblem) {
            assert.ok(got instanceof QueryResolutionError && got.problems.some((p) => p.code === (expected as SearchProblem).code), `expected ${expected.code}, got ${String(got)}`);
            return;
          }
          assert.deepEqual(got, expected);
          assert.equal(await countMatches(getDb(), node, { wildcardLimit: WILDCARD_LIMIT }), expected.length);
          checked++;
          if (expected.length > 0 && expected.length < stored.length) nonEmpty++;
        }),
        { numRuns: QUERIES_PER_CORPUS },
      );
    }
    // Guards against a generator drifting into queries that match nothing (or everything) and prove nothing.
    assert.ok(checked > CORPORA * QUERIES_PER_CORPUS * 0.5, `only ${checked} queries ran without an error`);
    assert.ok(nonEmpty > checked * 0.25, `only ${nonEmpty} of ${checked} queries matched some but not all records`);
  });
});
