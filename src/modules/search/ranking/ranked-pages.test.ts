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
import { countMatches } from '../engine/search.js';
import { parseQuery } from '../query/parser.js';
import { firstRankedPage, searchWords } from './ranked-page.js';
import { newestIdsPage, rankedIdsPage, resultsWithSnippets } from './ranked-pages.js';

/** Records that say "asthma" from once to many times, reviews that never do, and records that are neither. */
function corpus(): BibRecord[] {
  const asthma = Array.from({ length: 9 }, (_, i) => ({
    ...emptyRecord('t', `a${i}`),
    title: i % 2 === 0 ? 'Asthma control' : 'Inhaler use',
    abstract: `${'Asthma outcomes. '.repeat(1 + ((i * 5) % 7))}Other words.`,
    publicationDate: { year: i === 4 ? null : 2000 + ((i * 7) % 11), month: i % 3 === 0 ? 3 : null, day: null, text: null },
  }));
  const reviews = Array.from({ length: 6 }, (_, i) => ({
    ...emptyRecord('t', `r${i}`),
    title: `Hip surgery review ${i}`,
    publicationTypes: ['Review'],
    publicationDate: { year: 2005 + i, month: null, day: null, text: null },
  }));
  const others = Array.from({ length: 3 }, (_, i) => ({ ...emptyRecord('t', `o${i}`), title: `Dermatology ${i}` }));
  return [...reviews.slice(0, 3), ...asthma, ...others, ...reviews.slice(3)];
}

eachDialect('result pages beyond the first', (getDb) => {
  let db: Kysely<Database>;
  let stored: StoredRecord[] = [];
  const query = parseQuery('asthma OR review[pt]').root;
  const within = async () => compileQuery(dialectOf(db), await resolveQuery(db, query));

  before(async () => {
    db = getDb();
    stored = await loadRecords(db, corpus());
  });

  it('continues the first ranked page page by page, across the end of the ranked records, without gaps or repeats', async () => {
    const hits = await countMatches(db, query);
    assert.equal(hits, 15);
    const whole = (await firstRankedPage(db, query, hits)).map((result) => result.record.id);
    const reviews = new Set(stored.filter((r) => r.publicationTypes.includes('Review')).map((r) => r.id));
    assert.deepEqual(whole.slice(9).sort(), [...reviews].sort(), 'the reviews, matched without the word, come after the ranked records');
    for (const size of [1, 2, 4, 7, 20]) {
      for (const known of [undefined, hits]) {
        const pages: number[] = [];
        for (let offset = 0; offset < hits + size; offset += size) {
          pages.push(...(await rankedIdsPage(db, await within(), searchWords(query), { offset, limit: size, hits: known })));
        }
        assert.deepEqual(pages, whole, `pages of ${size}${known === undefined ? '' : ', hit count known'}`);
      }
    }
  });

  it('pages newest first, records without a date last, ties by id', async () => {
    const matching = stored.filter((r) => r.abstract?.includes('Asthma') || r.publicationTypes.includes('Review'));
    const start = (r: StoredRecord) => (r.publicationDate.year === null ? 0 : r.publicationDate.year * 10_000 + (r.publicationDate.month ?? 1) * 100 + 1);
    const expected = [...matching].sort((a, b) => start(b) - start(a) || a.id - b.id).map((r) => r.id);
    const pages: number[] = [];
    for (let offset = 0; offset < expected.length; offset += 4) pages.push(...(await newestIdsPage(db, await within(), { offset, limit: 4 })));
    assert.deepEqual(pages, expected);
    assert.equal(stored.find((r) => r.id === pages.at(-1))?.publicationDate.year, null);
    assert.deepEqual(await newestIdsPage(db, await within(), { offset: 15, limit: 4, hits: 15 }), []);
  });

  it('gives the records of a page in the page order, with snippets', async () => {
    const resolved = await resolveQuery(db, query);
    const ids = await newestIdsPage(db, await within(), { offset: 0, limit: 5 });
    const results = await resultsWithSnippets(db, ids, resolved);
    assert.deepEqual(results.map((r) => r.record.id), ids);
    const marked = results.flatMap((r) => r.snippet.title.filter((s) => s.match).map((s) => s.text));
    assert.ok(marked.length > 0, 'some titles on the page say asthma');
    for (const text of marked) assert.equal(text.toLowerCase(), 'asthma');
  });
});
