import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Limit, OPEN_END_YEAR, type QueryNode, type TextField } from './ast.js';
import { QUALIFIERS, normaliseFields } from './field-codes.js';
import { OVID_AGE_GROUPS, OVID_PUBLICATION_TYPES } from './limits.js';
import { parseQuery } from './parser.js';
import { printOvid } from './print-ovid.js';
import { printPubmed } from './print-pubmed.js';
import { stripSpans } from './strip.js';
import { queryArbitrary } from '../../../../test/helpers/query/ast-arbitrary.js';

const SAFE = "abcdefgXYZ019-'";
const TIAB = normaliseFields(['title', 'abstract', 'keywords']);

/** Trees PubMed can say exactly: its tags' field sets, end truncation, two-word proximity in [ti] or [tiab], one qualifier per heading. */
const pubmedTrees = queryArbitrary({
  characters: SAFE,
  trailingTruncationOnly: true,
  fieldSets: [null, ['title'], ['abstract'], ['keywords'], TIAB, normaliseFields(['title', 'abstract', 'keywords', 'meshWords', 'publicationTypes']), normaliseFields(['title', 'abstract', 'keywords', 'meshWords', 'publicationTypes', 'authors', 'journal', 'language'])],
  kinds: ['term', 'phrase', 'proximity', 'heading', 'value', 'dateRange', 'lineRef', 'and', 'or', 'not'],
  qualifiers: fc.array(fc.constantFrom(...Object.values(QUALIFIERS)), { maxLength: 1 }),
  proximity: { fieldSets: [['title'], TIAB], maxOperands: 2, plainTermsOnly: true, maxBetween: 30 },
});

const ovidLimits: fc.Arbitrary<Limit> = fc.oneof(
  fc.constantFrom<Limit>({ kind: 'humans' }, { kind: 'animals' }, { kind: 'hasAbstract' }, { kind: 'language', language: 'english' }, { kind: 'filter', name: 'reviews (maximizes specificity)' }),
  fc.constantFrom(...Object.values(OVID_AGE_GROUPS)).map((group): Limit => ({ kind: 'ageGroup', group })),
  fc.constantFrom(...OVID_PUBLICATION_TYPES).map((publicationType): Limit => ({ kind: 'publicationType', publicationType })),
  fc.record({ from: fc.integer({ min: 1946, max: 2030 }), to: fc.oneof(fc.integer({ min: 1946, max: 2030 }), fc.constant(OPEN_END_YEAR)) }).map(({ from, to }): Limit => ({ kind: 'years', from, to })),
);

const ovidFieldSets: (readonly TextField[] | null)[] = [null, ['title'], ['abstract'], ['keywords'], ['meshWords'], normaliseFields(['title', 'abstract']), normaliseFields(['title', 'abstract', 'keywords', 'meshWords']), normaliseFields(['title', 'keywords'])];

/** Trees Ovid can say exactly: its suffixes' field sets, numbered lines, qualifier codes, whole years of publication. */
const ovidTrees = queryArbitrary({
  characters: SAFE,
  fieldSets: ovidFieldSets,
  qualifiers: fc.array(fc.constantFrom(...Object.keys(QUALIFIERS)), { maxLength: 3 }),
  labels: fc.integer({ min: 1, max: 300 }).map(String),
  valueFields: ['author', 'journal', 'language', 'publicationType', 'subheading', 'pmid', 'doi'],
  yearsOnlyForPublication: true,
  proximity: { fieldSets: ovidFieldSets, maxOperands: 3, plainTermsOnly: false, maxBetween: 98 },
  limits: ovidLimits,
  limitTargets: fc.integer({ min: 1, max: 99 }).map((n): QueryNode => ({ kind: 'lineRef', label: String(n), span: { start: 0, end: 0 } })),
});

const pubmed = (query: string) => printPubmed(parseQuery(query).root);
const ovid = (query: string) => printOvid(parseQuery(query).root);

describe('printPubmed', () => {
  it('round-trips, without warnings, every tree PubMed can express', () => {
    fc.assert(
      fc.property(pubmedTrees, (tree) => {
        const printed = printPubmed(tree);
        assert.deepEqual(printed.warnings, [], printed.text);
        assert.deepEqual(stripSpans(parseQuery(printed.text, { dialect: 'pubmed' }).root), stripSpans(tree), printed.text);
      }),
      { numRuns: 1500 },
    );
  });

  it('shifts Ovid adjN to PubMed ~(N-1) without a warning when the fields match', () => {
    assert.deepEqual(pubmed('(hip adj3 pain).ti.'), { text: '"hip pain"[ti:~2]', warnings: [] });
  });

  it('warns where PubMed searches more than Ovid: .ti,ab. becomes [tiab], which adds keywords', () => {
    const printed = pubmed('(pain adj3 back).ti,ab.');
    assert.equal(printed.text, '"pain back"[tiab:~2]');
    assert.deepEqual(printed.warnings.map((w) => [w.span, w.message]), [[{ start: 0, end: 23 }, 'PubMed proximity works only in [ti] and [tiab]; [tiab] stands in for title, abstract']]);
  });

  it('widens wildcards PubMed lacks to plain truncation, with a warning for each', () => {
    const printed = pubmed('wom#n.tw. or therap$2.ti. or colo?r');
    assert.equal(printed.text, 'wom*[tiab] OR therap*[ti] OR colo*');
    assert.deepEqual(
      printed.warnings.map((w) => w.message),
      ['PubMed has no # (one character); wom* also finds other words', 'PubMed has no tag for title, abstract; [tiab] also searches keywords', 'PubMed has no $2 (limited truncation); therap* also finds other words', 'PubMed has no ? (optional character); colo* also finds other words'],
    );
  });

  it('multiplies out ORs inside a proximity search, which PubMed cannot nest', () => {
    assert.equal(pubmed('((knee or hip) adj2 pain).ti.').text, '("knee pain"[ti:~1] OR "hip pain"[ti:~1])');
  });

  it('writes Ovid headings and limits in PubMed terms', () => {
    assert.deepEqual(pubmed('exp Dementia/bl, cf'), { text: '("Dementia/blood"[mh] OR "Dementia/cerebrospinal fluid"[mh])', warnings: [] });
    assert.equal(pubmed('limit 6 to (english language and humans and yr="2015 -Current")').text, '#6 AND (english[la] AND humans[mh] AND 2015:3000[dp])');
    assert.deepEqual(pubmed('limit 31 to "reviews (maximizes specificity)"').warnings.map((w) => w.message), ['PubMed has no "reviews (maximizes specificity)" limit; check the filter before running it']);
  });
});

describe('printOvid', () => {
  it('round-trips, without warnings, every tree Ovid can express', () => {
    fc.assert(
      fc.property(ovidTrees, (tree) => {
        const printed = printOvid(tree);
        assert.deepEqual(printed.warnings, [], printed.text);
        assert.deepEqual(stripSpans(parseQuery(printed.text, { dialect: 'ovid' }).root), stripSpans(tree), printed.text);
      }),
      { numRuns: 1500 },
    );
  });

  it('shifts PubMed ~N to Ovid adj(N+1), brackets every combination and keeps Ovid precedence explicit', () => {
    assert.deepEqual(ovid('"hip pain"[ti:~2] AND (a[ti] OR b[ti]) NOT c[ti]'), { text: '((hip adj3 pain).ti. and (a.ti. or b.ti.)) not c.ti.', warnings: [] });
  });

  it('warns where Ovid has no field: PubMed [tiab] keywords and [tw] publication types', () => {
    const printed = ovid('heart[tiab] OR heart[tw]');
    assert.equal(printed.text, 'heart.ti,ab,kw. or heart.ti,ab,kw,hw.');
    assert.deepEqual(printed.warnings.map((w) => w.message), ['Ovid has no word search of publicationTypes; left out']);
  });

  it('writes PubMed headings with qualifier codes, and refers to lettered lines with a warning', () => {
    assert.deepEqual(ovid('"Masks/adverse effects"[majr]'), { text: 'exp *Masks/ae', warnings: [] });
    assert.deepEqual(ovid('#1a OR #2').warnings.map((w) => w.message), ['Ovid numbers its lines; there is no line "1a"']);
  });
});
