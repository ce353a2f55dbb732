import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { createUser } from '../../../../test/helpers/factories.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { searchRecords } from '../../../../test/e2e/support/search-records.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { emptyRecord } from '../../records/index.js';
import { NO_FACETS } from '../facets/facet-selection.js';
import { parseQuery } from '../query/parser.js';
import { indexWatermark, newRecordsBetween } from './alert-search.js';
import { MAX_SAVED_SEARCHES, changeFrequency, deleteSavedSearch, getSavedSearch, listSavedSearches, saveSearch, unsubscribe } from './saved-search.service.js';

const t0 = new Date('2026-01-05T08:00:00.000Z');
const t1 = new Date('2026-01-06T08:00:00.000Z');

async function fieldErrors(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors.map((e) => e.field);
    throw error;
  }
  assert.fail('expected a ValidationError');
}

eachDialect('saved searches', (getDb) => {
  it('saves a search with its filters and lists a member’s own, newest first', async () => {
    const db = getDb();
    const ada = await createUser(db);
    const grace = await createUser(db);
    const first = await saveSearch(db, ada, { name: ' Insulin ', query: 'insulin', frequency: 'none' }, t0);
    const second = await saveSearch(db, ada, { name: 'Diabetes reviews', query: 'diabetes[tiab]', filters: { publicationType: ['review', 'review'], year: ['2010s'] }, frequency: 'monthly' }, t1);
    await saveSearch(db, grace, { name: 'Grace’s', query: 'asthma', frequency: 'daily' }, t1);
    const list = await listSavedSearches(db, ada);
    assert.deepEqual(list.map((s) => s.id), [second.id, first.id]);
    assert.equal(list[1]?.name, 'Insulin', 'names are trimmed');
    assert.deepEqual(list[0]?.filters, { ...NO_FACETS, publicationType: ['review'], year: ['2010s'] });
    assert.equal(list[0]?.frequency, 'monthly');
    assert.equal(list[0]?.active, true);
    assert.equal(list[0]?.lastRunAt, null);
  });

  it('refuses bad input, naming each field, and a search that cannot run', async () => {
    const db = getDb();
    const ada = await createUser(db);
    assert.deepEqual(await fieldErrors(saveSearch(db, ada, { name: '', query: 'asthma', frequency: 'hourly' })), ['name', 'frequency']);
    assert.deepEqual(await fieldErrors(saveSearch(db, ada, { name: 'x', query: '   ', frequency: 'daily' })), ['query']);
    assert.deepEqual(await fieldErrors(saveSearch(db, ada, { name: 'x', query: 'asthma', frequency: 'daily', filters: { year: ['1999'] } })), ['filters.year']);
    assert.deepEqual(await fieldErrors(saveSearch(db, ada, { name: 'x', query: 'asthma', frequency: 'daily', filters: { colour: ['red'] } })), ['filters']);
    assert.deepEqual(await fieldErrors(saveSearch(db, ada, { name: 'two\nlines', query: 'asthma', frequency: 'daily' })), ['name']);
    assert.deepEqual(await fieldErrors(saveSearch(db, ada, { name: 'x', query: 'asthma AND (', frequency: 'daily' })), ['query']);
    assert.deepEqual(await listSavedSearches(db, ada), [], 'nothing was saved');
  });

  it(`keeps at most ${MAX_SAVED_SEARCHES} per member`, async () => {
    const db = getDb();
    const ada = await createUser(db);
    for (let n = 0; n < MAX_SAVED_SEARCHES; n += 1) await saveSearch(db, ada, { name: `s${n}`, query: 'asthma', frequency: 'none' });
    assert.deepEqual(await fieldErrors(saveSearch(db, ada, { name: 'one more', query: 'asthma', frequency: 'none' })), ['name']);
    assert.equal((await saveSearch(db, await createUser(db), { name: 'other member', query: 'asthma', frequency: 'none' })).name, 'other member');
  });

  it('writes out the history lines a search refers to, naming it after them when the name was left as the reference', async () => {
    const db = getDb();
    const ada = await createUser(db);
    const lines = new Map([['1', 'diabetes'], ['2', 'insulin.ti.'], ['3', '#1 AND #2'], ['4', 'limit 3 to english language'], ['5', '#5 OR asthma'], ['6', `"${'x'.repeat(3000)}"`]].map(([label, text]) => [label, parseQuery(text ?? '').root]));
    let asked = 0;
    const history = async () => {
      asked += 1;
      return (label: string) => lines.get(label);
    };
    const line = await saveSearch(db, ada, { name: '#3', query: ' #3 ', frequency: 'weekly' }, t0, history);
    assert.deepEqual([line.name, line.query], ['Line #3: (diabetes AND insulin[fields:title])', '(diabetes AND insulin[fields:title])']);
    const ovid = await saveSearch(db, ada, { name: 'Diabetes or both', query: '3 or 1', frequency: 'daily' }, t0, history);
    assert.deepEqual([ovid.name, ovid.query], ['Diabetes or both', '((diabetes AND insulin[fields:title]) OR diabetes)'], 'a name of the member’s own is kept');
    const limited = await saveSearch(db, ada, { name: '#4 AND #1', query: '#4 AND #1', frequency: 'none' }, t0, history);
    assert.equal(limited.name, 'Lines #4 AND #1: (limit ((diabetes AND insulin[fields:title])) to (la="english") AND diabetes)');
    asked = 0;
    assert.equal((await saveSearch(db, ada, { name: 'Plain', query: 'asthma', frequency: 'none' }, t0, history)).query, 'asthma');
    assert.equal(asked, 0, 'the history is read only for a search that refers to it');

    const refusal = async (query: string, lineSource = history) => {
      try {
        await saveSearch(db, ada, { name: 'x', query, frequency: 'daily' }, t0, lineSource);
      } catch (error) {
        if (error instanceof ValidationError) return error.fieldErrors;
        throw error;
      }
      return assert.fail(`${query} was saved`);
    };
    assert.deepEqual(await refusal('#9'), [{ field: 'query', message: 'There is no line #9 in your search history.' }]);
    assert.deepEqual(await refusal('#5'), [{ field: 'query', message: 'Line #5 refers back to itself.' }]);
    const tooLong = await refusal('#6 OR #6');
    assert.deepEqual(tooLong.map((e) => e.field), ['query']);
    assert.match(tooLong[0]?.message ?? '', /^With its history lines written out the search is 6,0\d\d characters; a saved search can be 4,000$/);
    assert.deepEqual(await refusal('#1', async () => () => undefined), [{ field: 'query', message: 'There is no line #1 in your search history.' }], 'an empty history');
    assert.deepEqual((await listSavedSearches(db, ada)).map((s) => s.query).filter((q) => q.includes('#')), [], 'no saved search keeps a reference');
  });

  it('lets only the owner see, change or delete a saved search', async () => {
    const db = getDb();
    const ada = await createUser(db);
    const grace = await createUser(db);
    const saved = await saveSearch(db, ada, { name: 'Mine', query: 'asthma', frequency: 'weekly' });
    await assert.rejects(getSavedSearch(db, grace, saved.id), NotFoundError);
    await assert.rejects(changeFrequency(db, grace, saved.id, 'daily'), NotFoundError);
    await assert.rejects(deleteSavedSearch(db, grace, saved.id), NotFoundError);
    assert.equal((await getSavedSearch(db, ada, saved.id)).frequency, 'weekly', 'unchanged');
    assert.equal((await changeFrequency(db, ada, saved.id, 'daily')).frequency, 'daily');
    await deleteSavedSearch(db, ada, saved.id);
    await assert.rejects(getSavedSearch(db, ada, saved.id), NotFoundError);
  });

  it('counts only records added after saving, and after a restart only those added since', async () => {
    const db = getDb();
    await loadRecords(db, searchRecords(), t0);
    const ada = await createUser(db);
    const saved = await saveSearch(db, ada, { name: 'Insulin', query: 'insulin', frequency: 'daily' });
    assert.equal(saved.lastAddedAt, t0.toISOString(), 'the newest record in the index when saved');
    assert.equal(await unsubscribe(db, saved.id, 'wrong nonce'), false);
    assert.equal(await unsubscribe(db, saved.id, saved.unsubscribeNonce), true);
    assert.equal((await getSavedSearch(db, ada, saved.id)).active, false);
    await loadRecords(db, [{ ...emptyRecord('test', 'while-stopped'), title: 'Insulin pumps while stopped' }], t1);
    const restarted = await changeFrequency(db, ada, saved.id, 'weekly');
    assert.equal(restarted.active, true);
    assert.equal(restarted.lastAddedAt, t1.toISOString(), 'records added while stopped are not new');
  });

  it('finds the new records matching the search and filters between two watermarks, oldest first', async () => {
    const db = getDb();
    await loadRecords(db, searchRecords(), t0);
    const later = [
      { ...emptyRecord('test', 'n1'), title: 'Insulin dosing review', publicationTypes: ['Review'], publicationDate: { year: 2015, month: null, day: null, text: null } },
      { ...emptyRecord('test', 'n2'), title: 'Insulin dosing trial', publicationTypes: ['Journal Article'], publicationDate: { year: 2015, month: null, day: null, text: null } },
      { ...emptyRecord('test', 'n3'), title: 'Insulin in the 1990s: a review', publicationTypes: ['Review'], publicationDate: { year: 1995, month: null, day: null, text: null } },
    ];
    const all = await loadRecords(db, later, t1);
    const until = await indexWatermark(db);
    assert.equal(until, t1.toISOString());
    const byTitle = (title: string) => all.find((r) => r.title === title)?.id;
    const now = new Date('2026-06-01T00:00:00Z');

    const found = await newRecordsBetween(db, { query: 'insulin', filters: NO_FACETS }, t0.toISOString(), until, now);
    assert.equal(found.kind, 'found');
    if (found.kind !== 'found') return;
    // Other tests in this suite share the database: the expected set is worked out from every stored record.
    const mentionsInsulin = (r: (typeof all)[number]) => /\binsulin\b/i.test([r.title, r.abstract ?? '', ...r.keywords, ...r.mesh.map((h) => h.name)].join(' '));
    const expected = all.filter((r) => r.addedAt > t0.toISOString() && mentionsInsulin(r));
    assert.ok(later.every((r) => expected.some((e) => e.title === r.title)));
    assert.deepEqual(found.records.map((r) => r.id).sort(), expected.map((r) => r.id).sort());
    assert.equal(found.total, expected.length);

    const filtered = await newRecordsBetween(db, { query: 'insulin', filters: { ...NO_FACETS, publicationType: ['review'], year: ['2010s'] } }, t0.toISOString(), until, now);
    assert.deepEqual(filtered.kind === 'found' && filtered.records.map((r) => r.id), [byTitle('Insulin dosing review')]);

    const everything = await newRecordsBetween(db, { query: 'insulin', filters: NO_FACETS }, null, until, now);
    assert.equal(everything.kind === 'found' && everything.total, all.filter(mentionsInsulin).length);

    const limited = await newRecordsBetween(db, { query: 'insulin', filters: NO_FACETS }, t0.toISOString(), until, now, 2);
    assert.deepEqual(limited.kind === 'found' && [limited.total, limited.records.length], [expected.length, 2]);
    const none = await newRecordsBetween(db, { query: 'insulin', filters: NO_FACETS }, until, until, now);
    assert.deepEqual(none.kind === 'found' && none.total, 0);
  });

  it('stops the watermark short of records not yet indexed, so they are new to the next run', async () => {
    const db = getDb();
    const t2 = new Date('2026-01-07T08:00:00.000Z');
    await loadRecords(db, [{ ...emptyRecord('test', 'w-indexed'), title: 'Indexed at t2' }], t2);
    assert.equal(await indexWatermark(db), t2.toISOString());
    const t3 = new Date('2026-01-08T08:00:00.000Z');
    await loadRecords(db, [{ ...emptyRecord('test', 'w-indexed-2'), title: 'Indexed at t3' }], t3);
    await loadRecords(db, [{ ...emptyRecord('test', 'w-waiting'), title: 'Waiting at t3' }], t3, false);
    assert.equal(await indexWatermark(db), t2.toISOString(), 'a record added at t3 still waits for the index');
    await loadRecords(db, [], t3);
    assert.equal(await indexWatermark(db), t3.toISOString());
  });
});
