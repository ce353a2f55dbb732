import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { type BibRecord, type StoredRecord, emptyRecord } from '../../records/index.js';
import { resolveQuery } from '../engine/resolve.js';
import { parseQuery } from '../query/parser.js';
import { tokenize } from '../text/tokenize.js';
import { tokenSpans } from './snippet-tokens.js';
import { type RecordSnippet, type Segment, FRAGMENT_TOKENS, highlightTerms, recordSnippet } from './snippets.js';

/** Segments as text with the marked parts in [brackets], for readable assertions. */
const shown = (segments: readonly Segment[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');
const marked = (segments: readonly Segment[]) => segments.filter((s) => s.match).map((s) => s.text);
const abstractOf = (snippet: RecordSnippet) => shown(snippet.abstract?.segments ?? []);

it('finds the tokenizer’s tokens at their place in the original text', () => {
  const text = 'Sjögren’s SYNDROME: ﬁbrosis, Ångström and e\u0301tude';
  const spans = tokenSpans(text);
  assert.deepEqual(
    spans.map((s) => s.token),
    tokenize(text),
  );
  assert.deepEqual(
    spans.map((s) => text.slice(s.start, s.end)),
    ['Sjögren', 's', 'SYNDROME', 'ﬁbrosis', 'Ångström', 'and', 'e\u0301tude'],
  );
  for (const long of ['A'.repeat(250), `É${'a'.repeat(249)}`]) {
    const [span] = tokenSpans(`${long}.`);
    assert.deepEqual([span?.token, span?.end], [tokenize(long)[0], 250], 'a token is cut to 200 characters, its span covers the whole word');
  }
});

it('gives exactly the tokenizer’s tokens for any text, each found inside its own span', () => {
  const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 }));
  fc.assert(
    fc.property(text, (value) => {
      const spans = tokenSpans(value);
      assert.deepEqual(
        spans.map((s) => s.token),
        tokenize(value),
      );
      for (const span of spans) assert.ok(tokenize(value.slice(span.start, span.end)).includes(span.token), `${span.token} in ${value.slice(span.start, span.end)}`);
    }),
    { numRuns: 1000 },
  );
});

const filler = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `word${from + i}`).join(' ');

const RECORDS: BibRecord[] = [
  { ...emptyRecord('t', 'words'), title: 'Hip fractures in older adults: a HIP study', abstract: 'Falls cause most hip fractures. Children were not studied.' },
  { ...emptyRecord('t', 'phrase'), title: 'Heart attack and heart failure', abstract: 'After a heart attack, the heart recovers slowly.' },
  { ...emptyRecord('t', 'truncation'), title: 'Therapy, therapeutic theory', abstract: 'Therapists and the theory of therapies.' },
  { ...emptyRecord('t', 'wildcard'), title: 'Women and a woman in trials', abstract: 'A womb is not asked for.' },
  { ...emptyRecord('t', 'accents'), title: 'Sjögren’s syndrome and SJOGREN cohorts', abstract: 'In Sjo\u0308gren disease the glands dry.' },
  { ...emptyRecord('t', 'late'), title: 'A long report', abstract: `${filler(300)} and then a hip fracture occurred ${filler(20, 300)}.` },
  { ...emptyRecord('t', 'empty'), title: 'Hip protectors', abstract: null },
  { ...emptyRecord('t', 'nomatch'), title: 'Hip protectors revisited', abstract: `${filler(100)}.` },
  { ...emptyRecord('t', 'dense'), title: 'Outcomes', abstract: `Hip pain at first. ${filler(80)} then hip fracture and hip surgery together, fracture again. ${filler(80, 80)}.` },
  {
    ...emptyRecord('t', 'structured'),
    title: 'Structured',
    abstract: `BACKGROUND: ${filler(60)}. RESULTS: ${filler(40, 60)} the hip fracture rate fell ${filler(40, 100)}.`,
    abstractSections: [
      { label: 'BACKGROUND', nlmCategory: 'BACKGROUND', text: `${filler(60)}.` },
      { label: 'RESULTS', nlmCategory: 'RESULTS', text: `${filler(40, 60)} the hip fracture rate fell ${filler(40, 100)}.` },
    ],
  },
];

eachDialect('snippets', (getDb) => {
  let records = new Map<string, StoredRecord>();
  const snippet = async (query: string, sourceId: string) => {
    const record = records.get(sourceId);
    assert.ok(record, sourceId);
    return recordSnippet(record, highlightTerms(await resolveQuery(getDb(), parseQuery(query).root)));
  };

  it('loads the examples', async () => {
    records = new Map((await loadRecords(getDb(), RECORDS)).map((r) => [r.sourceId, r]));
  });

  it('marks words in title and abstract, keeping the stored case and punctuation', async () => {
    const s = await snippet('hip', 'words');
    assert.equal(shown(s.title), '[Hip] fractures in older adults: a [HIP] study');
    assert.equal(abstractOf(s), 'Falls cause most [hip] fractures. Children were not studied.');
    assert.deepEqual([s.abstract?.omittedBefore, s.abstract?.omittedAfter, s.abstract?.label], [false, false, null]);
  });

  it('marks a phrase as a whole, and its words alone not at all', async () => {
    const s = await snippet('"heart attack"', 'phrase');
    assert.equal(shown(s.title), '[Heart attack] and heart failure');
    assert.equal(abstractOf(s), 'After a [heart attack], the heart recovers slowly.');
  });

  it('marks every word a truncation or a wildcard stands for', async () => {
    assert.deepEqual(marked((await snippet('therap*', 'truncation')).title), ['Therapy', 'therapeutic']);
    assert.deepEqual(marked((await snippet('therap*', 'truncation')).abstract?.segments ?? []), ['Therapists', 'therapies']);
    assert.deepEqual(marked((await snippet('wom#n.ti,ab.', 'wildcard')).title), ['Women', 'woman']);
    assert.deepEqual(marked((await snippet('wom#n.ti,ab.', 'wildcard')).abstract?.segments ?? []), []);
  });

  it('matches across case and accents but shows the text as stored', async () => {
    for (const query of ['sjogren', 'SJÖGREN']) {
      const s = await snippet(query, 'accents');
      assert.equal(shown(s.title), '[Sjögren]’s syndrome and [SJOGREN] cohorts', query);
      assert.equal(abstractOf(s), 'In [Sjo\u0308gren] disease the glands dry.', query);
    }
  });

  it('never marks words that are only under NOT, and marks only the fields a term searches', async () => {
    const s = await snippet('hip NOT children', 'words');
    assert.deepEqual(marked(s.abstract?.segments ?? []), ['hip']);
    assert.deepEqual(marked((await snippet('(hip OR falls) NOT (hip AND dogs)', 'words')).abstract?.segments ?? []), ['Falls', 'hip']);
    const titleOnly = await snippet('hip.ti.', 'words');
    assert.deepEqual(marked(titleOnly.title), ['Hip', 'HIP']);
    assert.deepEqual(marked(titleOnly.abstract?.segments ?? []), []);
  });

  it('shows the fragment of a long abstract where a late match is, with the omissions flagged', async () => {
    const s = await snippet('"hip fracture"', 'late');
    const text = abstractOf(s);
    assert.match(text, /\[hip fracture\] occurred/);
    assert.deepEqual([s.abstract?.omittedBefore, s.abstract?.omittedAfter], [true, true]);
    assert.equal(tokenize(text).length, FRAGMENT_TOKENS);
  });

  it('shows the start of the abstract when nothing in it matches, and no fragment without an abstract', async () => {
    const s = await snippet('hip', 'nomatch');
    assert.equal(abstractOf(s), filler(FRAGMENT_TOKENS));
    assert.deepEqual([s.abstract?.omittedBefore, s.abstract?.omittedAfter], [false, true]);
    assert.equal((await snippet('hip', 'empty')).abstract, null);
    assert.deepEqual(marked((await snippet('hip', 'empty')).title), ['Hip']);
  });

  it('chooses the densest cluster of the search’s terms', async () => {
    const s = await snippet('hip AND (fracture OR surgery)', 'dense');
    assert.match(abstractOf(s), /then \[hip\] \[fracture\] and \[hip\] \[surgery\] together, \[fracture\] again\./);
    assert.ok(!abstractOf(s).includes('Hip pain'));
  });

  it('keeps a structured abstract’s section label with a fragment that starts inside the section', async () => {
    const s = await snippet('"hip fracture"', 'structured');
    assert.equal(s.abstract?.label, 'RESULTS');
    assert.match(abstractOf(s), /\[hip fracture\] rate fell/);
    assert.ok(!abstractOf(s).includes('RESULTS'), 'the label is given apart, not repeated in the text');
    const start = await snippet('word0', 'structured');
    assert.equal(start.abstract?.label, null);
    assert.match(abstractOf(start), /^BACKGROUND: \[word0\] word1/);
  });
});
