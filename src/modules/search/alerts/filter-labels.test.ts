import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { SAMPLE_MESH, loadRecords } from '../../../../test/helpers/search-engine.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { type BibRecord, emptyRecord } from '../../records/index.js';
import { importMesh } from '../../thesaurus/index.js';
import { compileQuery } from '../backends/compile.js';
import { resolveQuery } from '../engine/resolve.js';
import { countFacets } from '../facets/facet-counts.js';
import { nameFacets } from '../facets/facet-labels.js';
import { type FacetSelection, NO_FACETS } from '../facets/facet-selection.js';
import { parseQuery } from '../query/parser.js';
import { filtersText, labelFilters } from './filter-labels.js';

const now = new Date('2026-03-01T09:00:00Z');

const RECORDS: BibRecord[] = [
  {
    ...emptyRecord('test', 'labels-1'),
    title: 'Insulin pumps in adults',
    journal: { title: 'The New England journal of medicine', isoAbbreviation: 'N Engl J Med', issn: '0028-4793' },
    publicationTypes: ['Journal Article', 'Randomized Controlled Trial'],
    languages: ['eng'],
    publicationDate: { year: 2025, month: null, day: null, text: null },
    // The record spells the heading differently from the thesaurus: the thesaurus's name wins once loaded.
    mesh: [{ ui: 'D003920', name: 'Diabetes mellitus (as the record spells it)', major: true, qualifiers: [] }],
  },
  {
    ...emptyRecord('test', 'labels-2'),
    title: 'Insulin after hip fracture',
    languages: ['fre'],
    publicationTypes: ['Meta-Analysis'],
    mesh: [{ ui: null, name: 'Hip Fractures', major: true, qualifiers: [] }],
  },
];

const SELECTION: FacetSelection = {
  ...NO_FACETS,
  year: ['last5'],
  publicationType: ['randomized controlled trial', 'meta analysis'],
  language: ['english'],
  heading: ['D003920', 'name:hip fractures'],
  journal: ['the new england journal of medicine'],
};

eachDialect('saved search filter labels', (getDb) => {
  it('names each chosen value as the facet list beside the results does, and MeSH ids by the thesaurus', async () => {
    const db = getDb();
    await loadRecords(db, RECORDS, now);
    assert.deepEqual(await labelFilters(db, NO_FACETS, now), [], 'no filters, no labels');

    const labels = await labelFilters(db, SELECTION, now);
    assert.deepEqual(labels, [
      { kind: 'year', title: 'Publication year', values: ['Last 5 years (2022 to 2026)'] },
      { kind: 'publicationType', title: 'Publication type', values: ['Randomized Controlled Trial', 'Meta-Analysis'] },
      { kind: 'language', title: 'Language', values: ['English'] },
      { kind: 'heading', title: 'Major MeSH topic', values: ['Diabetes mellitus (as the record spells it)', 'Hip Fractures'] },
      { kind: 'journal', title: 'Journal', values: ['The New England journal of medicine'] },
    ]);

    // The same names as the facet list of a search finding both records, for each value it counts (it
    // names a value from a record among the counted ones; one the other choices rule out shows its key).
    const dialect = dialectOf(db);
    const within = compileQuery(dialect, await resolveQuery(db, parseQuery('insulin').root));
    const facets = await nameFacets(db, await countFacets(db, within, SELECTION, now.getUTCFullYear()), SELECTION, now.getUTCFullYear());
    const compared = [];
    for (const label of labels) {
      for (const [index, key] of SELECTION[label.kind].entries()) {
        const listed = facets[label.kind].find((value) => value.key === key);
        if (!listed || listed.count === 0) continue;
        assert.equal(label.values[index], listed.label, `${label.kind} ${key}`);
        compared.push(key);
      }
    }
    assert.deepEqual(compared, ['last5', 'randomized controlled trial', 'english', 'D003920', 'the new england journal of medicine'], 'every value the list names from a record');

    await importMesh(db, [SAMPLE_MESH], { year: 2024 });
    const named = await labelFilters(db, { ...NO_FACETS, heading: ['D003920', 'name:hip fractures'] }, now);
    assert.deepEqual(named, [{ kind: 'heading', title: 'Major MeSH topic', values: ['Diabetes Mellitus', 'Hip Fractures'] }]);
    assert.equal(filtersText(named), 'Major MeSH topic: Diabetes Mellitus or Hip Fractures');
  });

  it('shows a value no record has any more by its key, readable', async () => {
    const db = getDb();
    const labels = await labelFilters(db, { ...NO_FACETS, publicationType: ['case reports'], language: ['fre'], journal: ['gone journal'] }, now);
    assert.equal(filtersText(labels), 'Publication type: Case reports; Language: French; Journal: Gone journal');
  });
});
