import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../../test/helpers/build-app.js';
import { eachDialect, testDialects } from '../../../../test/helpers/databases.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { type BibRecord, emptyRecord } from '../../records/index.js';
import { compileQuery } from '../backends/compile.js';
import { resolveQuery } from '../engine/resolve.js';
import { bumpIndexVersion, readIndexVersion } from '../index/index-version.js';
import { parseQuery } from '../query/parser.js';
import { enableFacetColumns, facetColumnCacheOf } from './facet-column-cache.js';
import { buildFacetColumns, chosenJournalKey, isIssnKey } from './facet-columns.js';
import { countFacets, countFacetsInSql } from './facet-counts.js';
import { NO_FACETS } from './facet-selection.js';

const THIS_YEAR = 2026;

function records(from: number, count: number): BibRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    ...emptyRecord('cache', String(from + i)),
    title: `Asthma and inhalers ${from + i}`,
    journal: { title: i % 2 ? 'Thorax' : 'The Lancet', isoAbbreviation: i % 2 ? 'Thorax' : 'Lancet', issn: '0140-6736' },
    publicationTypes: i % 3 ? ['Journal Article'] : ['Review'],
    publicationDate: { year: 2015 + (i % 10), month: null, day: null, text: null },
    languages: i % 4 ? ['eng'] : ['fre'],
  }));
}

describe('facet column helpers', () => {
  it('tells ISSN keys from journal names, and names a record by its longest journal name', () => {
    assert.equal(isIssnKey('0028 4793'), true);
    assert.equal(isIssnKey('1234 567x'), true);
    assert.equal(isIssnKey('bmj 1234'), false);
    assert.equal(isIssnKey('thorax'), false);
    assert.equal(chosenJournalKey(['n engl j med', 'the new england journal of medicine', '0028 4793']), 'the new england journal of medicine');
    assert.equal(chosenJournalKey(['abc', 'abd']), 'abd', 'ties go to the greater key, as in SQL');
    assert.equal(chosenJournalKey(['0028 4793']), undefined);
  });
});

eachDialect('facet column cache', (getDb) => {
  const within = async (text: string) => compileQuery(dialectOf(getDb()), await resolveQuery(getDb(), parseQuery(text).root));

  it('is used only at the index version it was read at, and reloads after the index changes', async () => {
    const db = getDb();
    await loadRecords(db, records(1, 12));
    const cache = enableFacetColumns(db, { minimumIntervalMs: 60_000, build: { step: 5 } });
    cache.startLoad();
    await cache.loaded();
    const first = await readIndexVersion(db);
    assert.equal(cache.columnsAt(first)?.records, 12);
    assert.deepEqual(cache.state(), { records: 12, loading: false, loadSeconds: cache.state().loadSeconds });

    await loadRecords(db, records(13, 5));
    const second = await readIndexVersion(db);
    assert.notEqual(second, first, 'indexing raises the version');
    assert.equal(cache.columnsAt(second), undefined, 'a copy of another version is not used');
    const search = await within('asthma');
    const counted = await countFacets(db, search, NO_FACETS, THIS_YEAR);
    assert.equal(counted.total, 17, 'counts come from SQL meanwhile, and include the new records');
    assert.equal(cache.state().loading, false, 'a reload waits for the interval since the last');

    cache.startLoad(true);
    await cache.loaded();
    assert.equal(cache.columnsAt(second)?.records, 17);
    assert.deepEqual(await countFacets(db, search, NO_FACETS, THIS_YEAR), await countFacetsInSql(db, search, NO_FACETS, THIS_YEAR));

    await cache.close();
    assert.equal(cache.columnsAt(second), undefined, 'a closed cache gives nothing');
    assert.equal(cache.state().loading, false, 'and loads nothing');
  });

  it('gives up a load during which the index changed, rather than mix two versions', async () => {
    const db = getDb();
    let raised: Promise<void> | undefined;
    const columns = await buildFacetColumns(db, {
      step: 3,
      stopped: () => {
        raised ??= bumpIndexVersion(db);
        return false;
      },
    });
    await raised;
    assert.equal(columns, undefined);
    assert.ok(await buildFacetColumns(db, { step: 3 }), 'a load with no change in between succeeds');
  });
});

for (const dialect of testDialects()) {
  describe(`facet columns in the app [${dialect}]`, () => {
    it('load when the server starts, show on /metrics, and give the search page the same facets as SQL', async (t) => {
      const app = await build(t, { dialect });
      await loadRecords(app.db, records(1, 30));
      const cache = facetColumnCacheOf(app.db);
      assert.ok(cache, 'the search module keeps facet columns for its database');
      await cache.loaded();
      cache.startLoad(true);
      await cache.loaded();
      assert.match((await app.inject('/metrics')).body, /^khub_facet_columns_records 30$/m);
      assert.ok(cache.columnsAt(await readIndexVersion(app.db)), 'the page will count from the columns');
      const facets = (html: string) => [...normaliseHtml(html).matchAll(/<ul[^>]*data-testid="facet-[A-Za-z]+"[^>]*>[\s\S]*?<\/ul>/g)].map((m) => m[0]);
      const fromColumns = facets((await app.inject('/search?q=asthma&la=french')).body);
      assert.equal(fromColumns.length, 4, 'years, types, languages, journals (the records have no headings)');
      assert.ok(fromColumns.join('').includes('French</strong>(8)'), 'the chosen language with its count');
      await cache.close();
      assert.deepEqual(facets((await app.inject('/search?q=asthma&la=french')).body), fromColumns);
    });
  });
}
