import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { eachDialect, testDialects } from '../../../test/helpers/databases.js';
import { LIBRARY_ROWS, libraryCsv, tempFile } from '../../../test/helpers/directory/fixtures.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { exportLibrariesCsv } from './library-export.service.js';
import { importLibraries } from './library-import.service.js';
import { getLibrary } from './library.service.js';

async function text(chunks: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

const withHours = (hours: string) => LIBRARY_ROWS.map((r) => (r.site_key === 'cairns' ? { ...r, staffed_hours: hours } : r));

eachDialect('directory: opening hours in the CSV', (getDb) => {
  it('stores the compact syntax as spans, exports it in its tidy form, and re-imports that unchanged', async () => {
    const db = getDb();
    await seedDirectory(db);
    const summary = await importLibraries(db, await tempFile('hours.csv', libraryCsv(withHours('mon-fri 8:30-12:30,13:30 – 19:00; sat 10:00-13:00'))));
    assert.deepEqual(summary.rejected, []);
    const cairns = (await getLibrary(db, 1)).sites.find((s) => s.key === 'cairns');
    assert.equal(cairns?.openingHours.length, 11);
    assert.deepEqual(cairns?.openingHours[0], { weekday: 1, opens: '08:30', closes: '12:30' });
    assert.equal(cairns?.staffedHours, 'Mon-Fri 08:30-12:30, 13:30-19:00; Sat 10:00-13:00');
    const exported = await text(exportLibrariesCsv(db));
    assert.match(exported, /,"Mon-Fri 08:30-12:30, 13:30-19:00; Sat 10:00-13:00",yes,/);
    const again = await importLibraries(db, await tempFile('export.csv', exported));
    assert.deepEqual(again.rejected, []);
    assert.equal(await text(exportLibrariesCsv(db)), exported);
    const { n } = await db.selectFrom('library_site_opening').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), 11 + 5, 'Cairns 11 spans, Horton 5: replaced on re-import, never added twice');
  });

  it('rejects unreadable hours by line and column, writing nothing', async () => {
    const db = getDb();
    const before = await text(exportLibrariesCsv(db));
    const summary = await importLibraries(db, await tempFile('bad.csv', libraryCsv(withHours('Weekdays 9-5'))));
    assert.equal(summary.imported, false);
    assert.deepEqual(summary.rejected.map((r) => r.problems.map((p) => `${r.line}:${p.field}: ${p.message}`)), [
      ['2:staffed_hours: "Weekdays" is not a day: write Mon, Tue, Wed, Thu, Fri, Sat or Sun (write days and times, like Mon-Fri 08:30-17:00; Sat 09:00-12:00)'],
    ]);
    assert.equal(await text(exportLibrariesCsv(db)), before);
  });

  it('reads hours written before they were kept as spans, and shows text it cannot read as it was written', async () => {
    const db = getDb();
    const [cairns, horton] = (await getLibrary(db, 1)).sites;
    await db.deleteFrom('library_site_opening').execute();
    await db.updateTable('library_site').set({ staffed_hours: 'Mon-Thu 9:00-17:00' }).where('id', '=', cairns?.id ?? 0).execute();
    await db.updateTable('library_site').set({ staffed_hours: 'By appointment' }).where('id', '=', horton?.id ?? 0).execute();
    const [readable, unreadable] = (await getLibrary(db, 1)).sites;
    assert.deepEqual([readable?.openingHours.length, readable?.staffedHours], [4, 'Mon-Thu 09:00-17:00']);
    assert.deepEqual([unreadable?.openingHours, unreadable?.staffedHours], [[], 'By appointment']);
  });
});

for (const dialect of testDialects()) {
  describe(`library API opening hours [${dialect}]`, () => {
    it('gives each site its spans and the same hours in the compact syntax', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const site = (await app.inject('/api/v1/libraries/1')).json<{ sites: { openingHours: unknown[]; staffedHours: string }[] }>().sites[0];
      assert.deepEqual(site?.openingHours[4], { weekday: 5, opens: '08:30', closes: '19:00' });
      assert.equal(site?.staffedHours, 'Mon-Fri 08:30-19:00');
      const doc = (await app.inject('/api/v1/openapi.json')).body;
      assert.match(doc, /"openingHours":\{"type":"array","items":\{"type":"object","properties":\{"weekday":\{"type":"integer","minimum":1,"maximum":7/, 'documented in the OpenAPI document');
    });
  });
}
