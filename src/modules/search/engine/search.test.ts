import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { type BibRecord, emptyRecord, type StoredRecord } from '../../records/index.js';
import type { Limit, PatternPart, QueryNode, TextField } from '../query/ast.js';
import { evaluateReference, referenceCorpus, type ReferenceThesaurus } from '../backends/reference.js';
import { QueryResolutionError, UnknownHeadingError, UnknownLineError, LineCycleError, WildcardLimitError, compileQuery, countMatches, headingCache, matchingIds, resolveQuery } from './index.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { loadRecords, loadThesaurus } from '../../../../test/helpers/search-engine.js';

const span = { start: 0, end: 1 };
const word = (...parts: (string | PatternPart)[]) => ({ parts: parts.map((p) => (typeof p === 'string' ? { kind: 'literal' as const, text: p } : p)) });
const term = (text: string | ReturnType<typeof word>, fields: TextField[] | null = null): QueryNode => ({ kind: 'term', word: typeof text === 'string' ? word(text) : text, fields, span });
const phrase = (texts: string[], fields: TextField[] | null = null): QueryNode => ({ kind: 'phrase', words: texts.map((t) => word(t)), fields, span });
const near = (operands: QueryNode[], maxBetween: number, fields: TextField[] | null = ['title']): QueryNode => ({ kind: 'proximity', operands, maxBetween, fields, span });
const heading = (name: string, o: { explode?: boolean; major?: boolean; qualifiers?: string[] } = {}): QueryNode => ({
  kind: 'heading', heading: name, explode: o.explode ?? false, major: o.major ?? false, qualifiers: o.qualifiers ?? [], span,
});
const value = (field: Extract<QueryNode, { kind: 'value' }>['field'], text: string, truncated = false): QueryNode => ({ kind: 'value', field, value: text, truncated, span });
const date = (field: 'publication' | 'entry', from: [number, number?, number?], to: [number, number?, number?]): QueryNode => ({
  kind: 'dateRange', field, span,
  from: { year: from[0], month: from[1] ?? null, day: from[2] ?? null },
  to: { year: to[0], month: to[1] ?? null, day: to[2] ?? null },
});
const limit = (target: QueryNode, ...limits: Limit[]): QueryNode => ({ kind: 'limit', target, limits, span });
const any = (max: number | null = null): PatternPart => ({ kind: 'any', max });

function rec(id: string, fields: Partial<BibRecord>): BibRecord {
  return { ...emptyRecord('test', id), ...fields };
}

const author = (family: string, initials: string, given: string | null = null) => ({ family, given, initials, collective: null, affiliations: [] });
const mesh = (ui: string | null, name: string, major = false, qualifiers: [string, boolean][] = []) => ({
  ui, name, major, qualifiers: qualifiers.map(([q, m]) => ({ ui: null, name: q, major: m })),
});

const RECORDS: BibRecord[] = [
  rec('a', { title: 'Heart attack in women', authors: [author('Smith', 'JA'), author('Jones', 'B')], publicationDate: { year: 2015, month: null, day: null, text: null },
    mesh: [mesh('D009203', 'Myocardial Infarction', true), mesh('D006801', 'Humans')], languages: ['eng'], publicationTypes: ['Journal Article'] }),
  rec('b', { title: 'Haematuria after a pre-test of COVID-19', abstract: 'Back pain was the main complaint; pain in the back.',
    authors: [author('Jones', 'A'), author('Smithson', 'K')], publicationDate: { year: 2015, month: 3, day: null, text: null },
    mesh: [mesh('D003924', 'Diabetes Mellitus, Type 2', false, [['drug therapy', true]]), mesh('D000818', 'Animals')], languages: ['fre'], publicationTypes: ['Review'] }),
  rec('c', { title: 'Hematuria: a café study', keywords: ['heart', 'attack'], authors: [author('Smith', 'B')],
    publicationDate: { year: 2016, month: 1, day: 5, text: null }, mesh: [mesh(null, 'Diabetes Mellitus', false, [['diagnosis', false]])],
    journal: { title: 'The Lancet', isoAbbreviation: 'Lancet', issn: '0140-6736' }, pmid: '123', doi: '10.1000/ABC' }),
  rec('d', { title: 'Therapy and therapeutic pain of the lower back', publicationDate: { year: null, month: null, day: null, text: null },
    mesh: [mesh('D003920', 'Diabetes Mellitus', false, [['drug therapy', false]])] }),
];

const HEADINGS = ['heart attack', 'Diabetes Mellitus', 'Myocardial Infarction'];

eachDialect('search engine examples', (getDb) => {
  let stored: StoredRecord[] = [];
  let thesaurus: ReferenceThesaurus;
  const bySource = (ids: number[]) => ids.map((id) => stored.find((r) => r.id === id)?.sourceId).sort();

  before(async () => {
    thesaurus = await loadThesaurus(getDb(), HEADINGS);
    stored = await loadRecords(getDb(), RECORDS);
  });

  /** The engine's answer, checked against the reference evaluator on the way. */
  async function run(node: QueryNode): Promise<(string | undefined)[]> {
    const ids = await matchingIds(getDb(), node, { limit: 100 });
    assert.deepEqual(ids, [...evaluateReference(node, referenceCorpus(stored), { thesaurus })].sort((a, b) => a - b));
    assert.equal(await countMatches(getDb(), node), ids.length);
    return bySource(ids);
  }

  it('matches words exactly, folding case and accents', async () => {
    assert.deepEqual(await run(term('CAFE')), ['c']);
    assert.deepEqual(await run(term('pain', ['title'])), ['d']);
    assert.deepEqual(await run(term('pain')), ['b', 'd']);
  });

  it('reads a hyphenated word as a phrase', async () => {
    assert.deepEqual(await run(term('covid-19')), ['b']);
    assert.deepEqual(await run(term('pre-test', ['title'])), ['b']);
    assert.deepEqual(await run(term('test-pre')), []);
  });

  it('expands wildcards: h?ematuria, wom#n, therap$2, therap*', async () => {
    assert.deepEqual(await run(term(word('h', { kind: 'optional' }, 'ematuria'))), ['b', 'c']);
    assert.deepEqual(await run(term(word('wom', { kind: 'one' }, 'n'))), ['a']);
    assert.deepEqual(await run(term(word('therap', any(2)), ['title'])), ['d']);
    assert.deepEqual(await run(term(word('therap', any(1)))), ['b', 'd']);
    assert.deepEqual(await run(term(word('therapeut', any(1)))), []);
    assert.deepEqual(await run(term(word('therap', any()))), ['b', 'd']);
  });

  it('refuses a wildcard that expands too far', async () => {
    const error = await matchingIds(getDb(), term(word('t', any(3))), { limit: 10, wildcardLimit: 2 }).catch((e: unknown) => e);
    assert.ok(error instanceof QueryResolutionError && error.problems[0] instanceof WildcardLimitError, String(error));
  });

  it('matches phrases in order within one value, never across two authors or keywords', async () => {
    assert.deepEqual(await run(phrase(['heart', 'attack'])), ['a']);
    assert.deepEqual(await run(phrase(['attack', 'heart'])), []);
    assert.deepEqual(await run(phrase(['smith', 'ja', 'jones'], ['authors'])), []);
    assert.deepEqual(await run(phrase(['smith', 'ja'], ['authors'])), ['a']);
  });

  it('finds proximity in either order (adj3 is maxBetween 2)', async () => {
    assert.deepEqual(await run(near([term('pain'), term('back')], 3)), ['d']);
    assert.deepEqual(await run(near([term('pain'), term('back')], 2)), []);
    assert.deepEqual(await run(near([term('back'), term('pain')], 2, ['abstract'])), ['b']);
    assert.deepEqual(await run(near([term('back'), term('pain')], 0, ['title'])), []);
    assert.deepEqual(await run(near([term('therapy'), term('pain'), term('back')], 3)), ['d']);
  });

  it('combines with AND, OR and NOT', async () => {
    assert.deepEqual(await run({ kind: 'not', include: term(word('h', { kind: 'optional' }, 'ematuria')), exclude: term('cafe'), span }), ['b']);
    assert.deepEqual(await run({ kind: 'and', children: [term('pain'), heading('Diabetes Mellitus')], span }), ['d']);
    assert.deepEqual(await run({ kind: 'or', children: [term('women'), value('pmid', '123')], span }), ['a', 'c']);
  });

  it('explodes headings, or not, and matches records without UIs by name', async () => {
    assert.deepEqual(await run(heading('Diabetes Mellitus')), ['c', 'd']);
    assert.deepEqual(await run(heading('Diabetes Mellitus', { explode: true })), ['b', 'c', 'd']);
    assert.deepEqual(await run(heading('heart attack')), ['a']);
  });

  it('applies major topic and qualifiers', async () => {
    assert.deepEqual(await run(heading('Myocardial Infarction', { major: true })), ['a']);
    assert.deepEqual(await run(heading('Diabetes Mellitus', { explode: true, qualifiers: ['dt'] })), ['b', 'd']);
    assert.deepEqual(await run(heading('Diabetes Mellitus', { explode: true, major: true, qualifiers: ['drug therapy'] })), ['b']);
    assert.deepEqual(await run(heading('Diabetes Mellitus', { major: true })), []);
  });

  it('reports an unknown heading with suggestions', async () => {
    const error = await countMatches(getDb(), heading('Diabetes Mell')).catch((e: unknown) => e);
    assert.ok(error instanceof QueryResolutionError);
    const problem = error.problems[0];
    assert.ok(problem instanceof UnknownHeadingError);
    assert.equal(problem.heading, 'Diabetes Mell');
    assert.ok(problem.suggestions.some((s) => s.name.startsWith('Diabetes Mellitus')), JSON.stringify(problem.suggestions));
  });

  it('matches author, journal, language, type, subheading and identifier values', async () => {
    assert.deepEqual(await run(value('author', 'smith j')), ['a']);
    assert.deepEqual(await run(value('author', 'smith')), ['a', 'c']);
    assert.deepEqual(await run(value('author', 'smith', true)), ['a', 'b', 'c']);
    assert.deepEqual(await run(value('firstAuthor', 'jones')), ['b']);
    assert.deepEqual(await run(value('journal', 'lancet')), ['c']);
    assert.deepEqual(await run(value('journal', '0140-6736')), ['c']);
    assert.deepEqual(await run(value('language', 'english')), ['a']);
    assert.deepEqual(await run(value('publicationType', 'journal', true)), ['a']);
    assert.deepEqual(await run(value('subheading', 'dt')), ['b', 'd']);
    assert.deepEqual(await run(value('doi', 'https://doi.org/10.1000/abc')), ['c']);
  });

  it('compares dates at the precision given', async () => {
    assert.deepEqual(await run(date('publication', [2015], [2015])), ['a', 'b']);
    assert.deepEqual(await run(date('publication', [2015, 3], [2015, 6])), ['b']);
    assert.deepEqual(await run(date('publication', [2016, 1, 5], [2016, 1, 5])), ['c']);
    assert.deepEqual(await run(date('publication', [2014], [2016, 1, 4])), ['a', 'b']);
    const today = new Date();
    assert.equal((await run(date('entry', [today.getUTCFullYear() - 1], [today.getUTCFullYear() + 1]))).length, 4);
  });

  it('applies limits', async () => {
    const everything = { kind: 'or' as const, children: [term('heart'), term('pain'), term('hematuria'), term('haematuria')], span };
    assert.deepEqual(await run(limit(everything, { kind: 'humans' })), ['a']);
    assert.deepEqual(await run(limit(everything, { kind: 'animals' })), ['b']);
    assert.deepEqual(await run(limit(everything, { kind: 'language', language: 'french' })), ['b']);
    assert.deepEqual(await run(limit(everything, { kind: 'years', from: 2015, to: 9999 }, { kind: 'hasAbstract' })), ['b']);
    assert.deepEqual(await run(limit(everything, { kind: 'publicationType', publicationType: 'review' })), ['b']);
  });

  it('treats hostile text as words', async () => {
    for (const text of ['"', "'", ')', 'NEAR', '*', ':', '\\', 'a" OR "b', "x' | 'y", 'title : heart']) {
      assert.deepEqual(await run(term(text)), []);
      await run(phrase([text, 'heart']));
      await run(value('author', text, true));
    }
  });

  it('substitutes line references and reports unknown lines and cycles', async () => {
    const lines: Record<string, QueryNode> = { '1': term('heart'), '2': { kind: 'lineRef', label: '3', span }, '3': { kind: 'lineRef', label: '2', span } };
    const resolveLine = (label: string) => lines[label];
    assert.deepEqual(bySource(await matchingIds(getDb(), { kind: 'lineRef', label: '1', span }, { limit: 10, resolveLine })), ['a', 'c']);
    const unknown = await countMatches(getDb(), { kind: 'lineRef', label: '9', span }, { resolveLine }).catch((e: unknown) => e);
    assert.ok(unknown instanceof QueryResolutionError && unknown.problems[0] instanceof UnknownLineError);
    const cycle = await countMatches(getDb(), { kind: 'lineRef', label: '2', span }, { resolveLine }).catch((e: unknown) => e);
    assert.ok(cycle instanceof QueryResolutionError && cycle.problems[0] instanceof LineCycleError);
  });

  it('finds a proximity of ORs mixing one- and two-token words', async () => {
    const either = (...words: string[]): QueryNode => ({ kind: 'or', children: words.map((w) => term(w)), span });
    assert.deepEqual(await run(near([either('therapeutic', 'haematuria', 'zzz'), either('pain', 'pre-test')], 1)), ['d']);
    assert.deepEqual(await run(near([either('therapeutic', 'haematuria', 'zzz'), either('pain', 'pre-test')], 2)), ['b', 'd']);
  });

  it('runs an OR of lines that are ORs of words and headings as one full-text match', async () => {
    const lines: Record<string, QueryNode> = {
      '1': { kind: 'or', children: [term('heart'), heading('Myocardial Infarction')], span },
      '2': { kind: 'or', children: [term('pain'), heading('Diabetes Mellitus')], span },
    };
    const both: QueryNode = { kind: 'or', children: [{ kind: 'lineRef', label: '1', span }, { kind: 'lineRef', label: '2', span }], span };
    const resolved = await resolveQuery(getDb(), both, { resolveLine: (label) => lines[label] });
    const statement = compileQuery(dialectOf(getDb()), resolved).compile(getDb()).sql;
    assert.equal(statement.match(/ match | @@ /g)?.length, 1, statement);
    assert.deepEqual(bySource(await matchingIds(getDb(), both, { limit: 10, resolveLine: (label) => lines[label] })), ['a', 'b', 'c', 'd']);
  });

  it('gives line references the same meaning in the reference evaluator, reusing the answers of lines', async () => {
    const lines: Record<string, QueryNode> = {
      '1': { kind: 'or', children: [term('back'), term('heart')], span },
      '2': near([{ kind: 'lineRef', label: '1', span }, term('pain')], 2, ['abstract']),
      '3': { kind: 'not', include: { kind: 'lineRef', label: '1', span }, exclude: { kind: 'lineRef', label: '2', span }, span },
      '4': { kind: 'lineRef', label: '4', span },
    };
    const resolveLine = (label: string) => lines[label];
    const lineAnswers = new Map<string, Set<number>>();
    const reference = (label: string) => evaluateReference({ kind: 'lineRef', label, span }, referenceCorpus(stored), { thesaurus, resolveLine, lineAnswers });
    for (const label of ['1', '2', '3']) {
      assert.deepEqual(await matchingIds(getDb(), { kind: 'lineRef', label, span }, { limit: 10, resolveLine }), [...reference(label)].sort((a, b) => a - b), `line ${label}`);
    }
    assert.deepEqual(bySource([...reference('2')]), ['b']);
    assert.deepEqual([...lineAnswers.keys()].sort(), ['1', '2', '3']);
    assert.throws(() => reference('4'), LineCycleError);
    assert.throws(() => reference('9'), UnknownLineError);
  });

  it('reuses the thesaurus answers it is given, so a history looks each heading up once', async () => {
    const headings = headingCache();
    assert.equal(await countMatches(getDb(), heading('Diabetes Mellitus', { explode: true }), { headings }), 3);
    assert.deepEqual([[...headings.found.keys()], [...headings.below.keys()]], [['Diabetes Mellitus'], ['D003920']]);
    headings.found.set('sugar disease', Promise.resolve({ ui: 'D003920', name: 'Diabetes Mellitus' }));
    assert.equal(await countMatches(getDb(), heading('sugar disease', { explode: true }), { headings }), 3, 'answered from the cache');
    await assert.rejects(countMatches(getDb(), heading('sugar disease')), QueryResolutionError, 'not without it');
  });

  it('computes a part that occurs twice in a search once, and not the parts inside it again', async () => {
    const one: QueryNode = { kind: 'or', children: [term('heart'), heading('Myocardial Infarction')], span };
    const two: QueryNode = { kind: 'or', children: [term('pain'), heading('Diabetes Mellitus')], span };
    const query: QueryNode = { kind: 'or', children: [{ kind: 'and', children: [one, two], span }, { kind: 'and', children: [one, term('women')], span }], span };
    const statement = compileQuery(dialectOf(getDb()), await resolveQuery(getDb(), query)).compile(getDb()).sql;
    assert.equal(statement.match(/"shared_\d+" as materialized/g)?.length, 1, statement);
    assert.deepEqual(await run(query), ['a', 'c']);
  });
});
