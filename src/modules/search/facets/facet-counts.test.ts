import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Kysely } from 'kysely';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { type BibRecord, type StoredRecord, emptyRecord } from '../../records/index.js';
import { compileQuery } from '../backends/compile.js';
import { resolveQuery } from '../engine/resolve.js';
import { parseQuery } from '../query/parser.js';
import { tokenKey } from '../text/tokenize.js';
import { enableFacetColumns, facetColumnCacheOf } from './facet-column-cache.js';
import { countFacets, countFacetsInSql } from './facet-counts.js';
import { readIndexVersion } from '../index/index-version.js';
import { narrowSearch } from './facet-filters.js';
import { nameFacets } from './facet-labels.js';
import { FACET_KINDS, type FacetKind, type FacetSelection, NO_FACETS } from './facet-selection.js';

const THIS_YEAR = 2026;

const journals = [
  { title: 'The Lancet', isoAbbreviation: 'Lancet', issn: '0140-6736' },
  { title: 'The New England journal of medicine', isoAbbreviation: 'N Engl J Med', issn: '0028-4793' },
  { title: 'Thorax', isoAbbreviation: 'Thorax', issn: '0040-6376' },
  { title: null, isoAbbreviation: 'BMJ', issn: '0959-8138' },
];
const types = [['Journal Article', 'Randomized Controlled Trial'], ['Review'], ['Journal Article'], ['Journal Article', 'Review', 'Meta-Analysis']];
const years = [2026, 2024, 2021, 2017, 2015, 2009, 1999, null];
const languages = [['eng'], ['eng'], ['fre'], ['eng', 'ger'], ['English']];
const headings = [
  { ui: 'D001249', name: 'Asthma', major: true, qualifiers: [] },
  { ui: 'D006801', name: 'Humans', major: false, qualifiers: [] },
  { ui: 'D000069', name: 'Albuterol', major: false, qualifiers: [{ ui: 'Q000627', name: 'therapeutic use', major: true }] },
  { ui: null, name: 'Child', major: true, qualifiers: [] },
];

/** Twenty records whose facts cycle through the lists above, so every combination is uneven. */
function corpus(): BibRecord[] {
  return Array.from({ length: 20 }, (_, i) => ({
    ...emptyRecord('t', String(i + 1)),
    title: i % 7 === 6 ? `Inhaler technique ${i}` : `Asthma in adults ${i}`,
    abstract: 'Asthma treatment and outcomes.',
    journal: journals[i % journals.length] as BibRecord['journal'],
    publicationTypes: types[i % types.length] as string[],
    publicationDate: { year: years[i % years.length] ?? null, month: i % 3 === 0 ? 6 : null, day: null, text: null },
    languages: languages[i % languages.length] as string[],
    mesh: headings.filter((_, h) => (i + h) % 3 !== 0),
  }));
}

/** What each facet value should count, worked out from the stored records in JavaScript. */
function expectedValues(record: StoredRecord, kind: FacetKind): string[] {
  const year = record.publicationDate.year;
  switch (kind) {
    case 'year':
      if (year === null) return [];
      return [`${Math.floor(year / 10) * 10}s`, ...(year >= THIS_YEAR - 4 && year <= THIS_YEAR ? ['last5'] : []), ...(year >= THIS_YEAR - 9 && year <= THIS_YEAR ? ['last10'] : [])];
    case 'publicationType':
      return record.publicationTypes.map(tokenKey);
    case 'language':
      return record.languages.flatMap((code) => ({ eng: ['eng', 'english'], fre: ['fre', 'french'], ger: ['ger', 'german'] })[code] ?? [tokenKey(code)]);
    case 'heading':
      return record.mesh.filter((h) => h.major || h.qualifiers.some((q) => q.major)).map((h) => h.ui ?? `name:${tokenKey(h.name)}`);
    case 'journal':
      return [tokenKey(record.journal.title ?? record.journal.isoAbbreviation ?? '')];
  }
}

function tally(records: readonly StoredRecord[], kind: FacetKind): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) for (const value of new Set(expectedValues(record, kind))) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Both counting paths answer every test: SQL over the index tables, and the facet columns. */
for (const path of ['sql', 'columns'] as const) {
eachDialect(`facet counts (${path})`, (getDb) => {
  let stored: StoredRecord[] = [];
  let db: Kysely<Database>;
  const compiled = async (text: string) => compileQuery(dialectOf(db), await resolveQuery(db, parseQuery(text).root));
  const narrowedIds = async (text: string, selection: FacetSelection) => {
    const { rows } = await narrowSearch(dialectOf(db), await compiled(text), selection, THIS_YEAR).execute(db);
    return (rows as { id: number | string }[]).map((row) => Number(row.id)).sort((a, b) => a - b);
  };

  before(async () => {
    db = getDb();
    stored = await loadRecords(db, corpus());
    if (path === 'columns') {
      const cache = enableFacetColumns(db, { minimumIntervalMs: 0, build: { step: 7 } });
      cache.startLoad();
      await cache.loaded();
      assert.ok(cache.columnsAt(await readIndexVersion(db)), 'the columns are current');
    }
  });

  it('counts every kind over the whole result set, as the records say, with one journal per record', async () => {
    const matching = stored.filter((r) => r.title.startsWith('Asthma'));
    const facets = await countFacets(db, await compiled('asthma[ti]'), NO_FACETS, THIS_YEAR);
    assert.equal(facets.total, matching.length);
    for (const kind of FACET_KINDS) {
      const expected = tally(matching, kind);
      for (const value of facets.counts[kind]) assert.equal(value.count, expected.get(value.key), `${kind} ${value.key}`);
      const listed = new Set(facets.counts[kind].map((c) => c.key));
      const top = [...expected.values()].sort((a, b) => b - a)[9] ?? 0;
      for (const [key, count] of expected) if (count > top) assert.ok(listed.has(key), `${kind} ${key} (${count}) is listed`);
    }
    assert.deepEqual(facets.counts.journal.map((c) => c.key).sort(), ['bmj', 'the lancet', 'the new england journal of medicine', 'thorax']);
    assert.deepEqual(facets.counts.year.slice(0, 2).map((c) => c.key), ['last5', 'last10']);
  });

  it('gives each value the count that choosing it returns, for every value of every kind', async () => {
    const facets = await countFacets(db, await compiled('asthma'), NO_FACETS, THIS_YEAR);
    for (const kind of FACET_KINDS) {
      for (const value of facets.counts[kind]) {
        const selection = { ...NO_FACETS, [kind]: [value.key] };
        const ids = await narrowedIds('asthma', selection);
        assert.equal(ids.length, value.count, `${kind} ${value.key}`);
        assert.equal((await countFacets(db, await compiled('asthma'), selection, THIS_YEAR)).total, value.count);
      }
    }
  });

  it('ORs values of one kind, ANDs kinds, and counts a kind without its own choices', async () => {
    const selection: FacetSelection = { ...NO_FACETS, publicationType: ['review', 'randomized controlled trial'], language: ['english'] };
    const ids = await narrowedIds('asthma', selection);
    const expected = stored
      .filter((r) => r.publicationTypes.some((t) => ['Review', 'Randomized Controlled Trial'].includes(t)))
      .filter((r) => r.languages.some((l) => l === 'eng' || l === 'English'))
      .map((r) => r.id);
    assert.deepEqual(ids, expected);
    const facets = await countFacets(db, await compiled('asthma'), selection, THIS_YEAR);
    assert.equal(facets.total, expected.length);
    const english = stored.filter((r) => r.languages.some((l) => l === 'eng' || l === 'English'));
    const types = tally(english, 'publicationType');
    for (const value of facets.counts.publicationType) assert.equal(value.count, types.get(value.key), `type ${value.key} among English records`);
    assert.ok(facets.counts.publicationType.some((c) => c.key === 'journal article'), 'an unchosen type is still offered');
  });

  if (path === 'columns') it('gives the same counts from the columns as from SQL, for each value chosen alone and with another kind', async () => {
    for (const text of ['asthma', 'inhaler', 'asthma[ti] or technique']) {
      const within = await compiled(text);
      const all = await countFacetsInSql(db, within, NO_FACETS, THIS_YEAR);
      assert.ok(facetColumnCacheOf(db)?.columnsAt(await readIndexVersion(db)), 'the columns are used');
      assert.deepEqual(await countFacets(db, within, NO_FACETS, THIS_YEAR), all, text);
      for (const kind of FACET_KINDS) {
        for (const value of all.counts[kind]) {
          const alone = { ...NO_FACETS, [kind]: [value.key] };
          assert.deepEqual(await countFacets(db, within, alone, THIS_YEAR), await countFacetsInSql(db, within, alone, THIS_YEAR), `${text}: ${kind} ${value.key}`);
          const other = FACET_KINDS[(FACET_KINDS.indexOf(kind) + 1) % FACET_KINDS.length]!;
          const paired = { ...alone, [other]: all.counts[other].slice(0, 2).map((c) => c.key) };
          assert.deepEqual(await countFacets(db, within, paired, THIS_YEAR), await countFacetsInSql(db, within, paired, THIS_YEAR), `${text}: ${kind} ${value.key} with ${other}`);
        }
      }
    }
  });

  it('names values as the records spell them, and keeps a chosen value the search no longer finds', async () => {
    const all = await nameFacets(db, await countFacets(db, await compiled('asthma'), NO_FACETS, THIS_YEAR), NO_FACETS, THIS_YEAR);
    const label = (kind: FacetKind, key: string) => all[kind].find((v) => v.key === key)?.label;
    assert.equal(label('heading', 'D001249'), 'Asthma');
    assert.equal(label('heading', 'name:child'), 'Child');
    assert.equal(label('journal', 'the new england journal of medicine'), 'The New England journal of medicine');
    assert.equal(label('journal', 'bmj'), 'BMJ');
    assert.equal(label('publicationType', 'meta analysis'), 'Meta-Analysis');
    assert.equal(label('year', 'last5'), 'Last 5 years (2022 to 2026)');
    assert.equal(label('year', '2010s'), '2010 to 2019');
    assert.deepEqual(all.language.map((v) => v.label).sort(), ['English', 'French', 'German'], 'a language is listed once, by name');

    const selection: FacetSelection = { ...NO_FACETS, heading: ['D001249', 'D999999'], year: ['2010s'] };
    const facets = await countFacets(db, await compiled('asthma'), selection, THIS_YEAR);
    const chosen = await nameFacets(db, facets, selection, THIS_YEAR);
    assert.deepEqual(chosen.heading.find((v) => v.key === 'D001249'), { key: 'D001249', label: 'Asthma', count: facets.counts.heading.find((c) => c.key === 'D001249')?.count, selected: true });
    assert.deepEqual(chosen.heading.find((v) => v.key === 'D999999'), { key: 'D999999', label: 'D999999', count: 0, selected: true });
    assert.equal(chosen.year.find((v) => v.key === '2010s')?.selected, true);
  });
});
}
