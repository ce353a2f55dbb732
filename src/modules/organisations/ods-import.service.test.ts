import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';
import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { createOrganisation } from '../../../test/helpers/factories.js';
import { openTestDatabase, testDialects } from '../../../test/helpers/databases.js';
import type { Database } from '../../platform/db/database.js';
import { ImportFileError } from './import-file.reader.js';
import { importOdsOrganisations } from './ods-import.service.js';

// The real published files, read in place (never copied into the repository).
const ETR = sharedDataPath('nhs-ods', 'etr-2022-03.csv');
const ETRUST = sharedDataPath('nhs-ods', 'etrust-2018-09.csv.gz');

async function freshDb(t: TestContext, dialect: Parameters<typeof openTestDatabase>[0]): Promise<Kysely<Database>> {
  const testDb = await openTestDatabase(dialect);
  t.after(() => testDb.close());
  return testDb.db;
}

async function tempFile(t: TestContext, name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'khub-ods-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

function odsLine(values: Partial<Record<number, string>>): string {
  return Array.from({ length: 27 }, (_, i) => `"${values[i] ?? ''}"`).join(',');
}

const count = async (db: Kysely<Database>, table: 'organisation' | 'audit_event') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

for (const dialect of testDialects()) {
  describe(`ODS organisation import [${dialect}]`, () => {
    it('imports the 218 trusts of the real etr.csv, and a re-import adds nothing and duplicates nothing', async (t) => {
      const db = await freshDb(t, dialect);
      const first = await importOdsOrganisations(db, ETR);
      assert.deepEqual([first.added, first.updated, first.unchanged, first.sites, first.rejected.length], [218, 0, 0, 0, 0]);
      assert.deepEqual(first.unknownRegions, { W00: 3 });
      const again = await importOdsOrganisations(db, ETR);
      assert.deepEqual([again.added, again.updated, again.unchanged, again.rejected.length], [0, 0, 218, 0]);
      assert.equal(await count(db, 'organisation'), 218);
      const trust = await db.selectFrom('organisation').selectAll().where('ods_code', '=', 'R0A').executeTakeFirstOrThrow();
      assert.equal(trust.name, 'Manchester University NHS Foundation Trust');
      assert.equal(trust.region_code, 'Y62');
      assert.equal(trust.postcode, 'M13 9WL');
      assert.equal(trust.opened_on, '2017-10-01');
      assert.equal(trust.type, 'nhs_trust');
      const audits = await db.selectFrom('audit_event').selectAll().where('action', '=', 'organisation.import').execute();
      assert.equal(audits.length, 2);
      assert.equal(audits[0]?.actor_label, 'cli');
      assert.match(audits[0]?.details ?? '', /"added":218/);
    });

    it('imports the gzipped 2018 etrust.csv: organisations counted apart from skipped sites, counties matched', async (t) => {
      const db = await freshDb(t, dialect);
      const summary = await importOdsOrganisations(db, ETRUST);
      assert.deepEqual([summary.added, summary.sites, summary.rejected.length], [234, 29_721, 0]);
      // Before 2020 the North and Midlands-and-East groupings had codes that are no region today.
      assert.deepEqual(summary.unknownRegions, { W00: 3, Y54: 71, Y55: 70 });
      assert.deepEqual(summary.unmatchedCounties, { AVON: 4, CLEVELAND: 2, CLWYD: 1, 'SOUTH GLAMORGAN': 2 });
      const countyOf = async (code: string) =>
        (await db.selectFrom('organisation').innerJoin('county', 'county.id', 'organisation.county_id').select('county.name').where('ods_code', '=', code).executeTakeFirst())?.name;
      assert.equal(await countyOf('R0A'), 'Greater Manchester');
      const withCounty = await db.selectFrom('organisation').select('id').where('county_id', 'is not', null).execute();
      assert.equal(withCounty.length, 234 - 9);
      const regionless = await db.selectFrom('organisation').select('id').where('region_code', 'is', null).execute();
      assert.equal(regionless.length, 144);
    });

    it('reports bad lines as FILE:LINE with the field, skips them, and still imports the good ones', async (t) => {
      const db = await freshDb(t, dialect);
      const lines = [
        odsLine({ 0: 'RAA', 1: 'FIRST GOOD TRUST', 2: 'Y56', 9: 'SW1A 1AA', 10: '20200101' }),
        odsLine({ 0: 'RAB', 1: 'BAD POSTCODE TRUST', 2: 'Y56', 9: 'NOWHERE' }),
        '"RAC","TOO SHORT"',
        '',
        odsLine({ 0: 'RAA01', 1: 'A SITE OF THE FIRST TRUST' }),
        odsLine({ 0: 'RAA', 1: 'THE FIRST TRUST AGAIN', 2: 'Y56' }),
        odsLine({ 0: 'RAD', 1: 'SECOND GOOD TRUST', 2: 'Y61', 8: 'Essex', 9: 'cm1 1aa' }),
      ];
      const file = await tempFile(t, 'crafted.csv', `${lines.join('\n')}\n`);
      const summary = await importOdsOrganisations(db, file);
      assert.deepEqual([summary.added, summary.sites], [2, 1]);
      assert.deepEqual(
        summary.rejected.map((r) => `${r.line}: ${r.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`),
        ['2: postcode: is not a UK postcode', '3: row: expected at least 12 columns, found 2', '6: code: RAA already appears on line 1'],
      );
      const rows = await db.selectFrom('organisation').select(['ods_code', 'name', 'postcode']).orderBy('ods_code').execute();
      assert.deepEqual(rows, [
        { ods_code: 'RAA', name: 'First Good Trust', postcode: 'SW1A 1AA' },
        { ods_code: 'RAD', name: 'Second Good Trust', postcode: 'CM1 1AA' },
      ]);
    });

    it('stops on a truncated gzip file with a clear error and leaves the database as it was', async (t) => {
      const db = await freshDb(t, dialect);
      await importOdsOrganisations(db, ETR);
      const before = await db.selectFrom('organisation').selectAll().orderBy('id').execute();
      const audits = await count(db, 'audit_event');
      const whole = await readFile(ETRUST);
      const truncated = await tempFile(t, 'etrust.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)));
      await assert.rejects(importOdsOrganisations(db, truncated), (error: unknown) => {
        assert.ok(error instanceof ImportFileError);
        assert.match(error.message, /etrust\.csv\.gz: the gzip data is damaged or incomplete .*nothing was imported/);
        return true;
      });
      assert.deepEqual(await db.selectFrom('organisation').selectAll().orderBy('id').execute(), before);
      assert.equal(await count(db, 'audit_event'), audits);
    });

    it('rolls every write back when the import fails part-way through writing', async (t) => {
      const db = await freshDb(t, dialect);
      const onProgress = (p: { phase: string; done: number }) => {
        if (p.phase === 'write' && p.done === 100) throw new Error('simulated crash after 100 rows');
      };
      await assert.rejects(importOdsOrganisations(db, ETR, { onProgress }), /simulated crash/);
      assert.equal(await count(db, 'organisation'), 0);
      assert.equal(await count(db, 'audit_event'), 0);
    });

    it('keeps what khub owns on re-import: an admin-set type, domains and a region an older file does not know', async (t) => {
      const db = await freshDb(t, dialect);
      const id = await createOrganisation(db, { odsCode: 'RAE', name: 'Old Name', type: 'hospice', regionCode: 'Y63', domains: ['rae.nhs.uk'] });
      const file = await tempFile(t, 'one.csv.gz', gzipSync(`${odsLine({ 0: 'RAE', 1: 'NEW NAME NHS TRUST', 2: 'Y54', 9: 'NE1 4LP' })}\n`));
      const summary = await importOdsOrganisations(db, file);
      assert.deepEqual([summary.added, summary.updated], [0, 1]);
      const row = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.name, row.type, row.region_code, row.postcode], ['New Name NHS Trust', 'hospice', 'Y63', 'NE1 4LP']);
      assert.equal((await db.selectFrom('organisation_domain').select('domain').where('organisation_id', '=', id).execute()).length, 1);
      await importOdsOrganisations(db, file, { type: 'other' });
      assert.equal((await db.selectFrom('organisation').select('type').where('id', '=', id).executeTakeFirstOrThrow()).type, 'other');
    });

    it('links a parent organisation when one with the ODS parent code is already known', async (t) => {
      const db = await freshDb(t, dialect);
      const icb = await createOrganisation(db, { odsCode: 'QU9', type: 'integrated_care_board' });
      const file = await tempFile(t, 'child.csv', `${odsLine({ 0: 'RTH', 1: 'A TRUST', 2: 'Y59', 3: 'QU9' })}\n${odsLine({ 0: 'RTX', 1: 'B TRUST', 2: 'Y59', 3: 'QZZ' })}\n`);
      await importOdsOrganisations(db, file);
      const rows = await db.selectFrom('organisation').select(['ods_code', 'parent_id']).where('ods_code', 'in', ['RTH', 'RTX']).orderBy('ods_code').execute();
      assert.deepEqual(rows, [{ ods_code: 'RTH', parent_id: icb }, { ods_code: 'RTX', parent_id: null }]);
    });
  });
}

describe('ODS import file errors', () => {
  it('names a missing file', async (t) => {
    const db = await freshDb(t, 'sqlite');
    await assert.rejects(importOdsOrganisations(db, '/nonexistent/etr.csv'), /\/nonexistent\/etr\.csv: no such file/);
  });
});
