import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';
import type { Kysely } from 'kysely';
import { openTestDatabase, testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation } from '../../../test/helpers/factories.js';
import type { Database } from '../../platform/db/database.js';
import { importOrganisationWte } from './wte-import.service.js';
import { wtePeriod } from './wte-row.parser.js';

const WTE = sharedDataPath('nhs-workforce', 'hchs-fte-total-by-org.csv');

async function freshDb(t: TestContext, dialect: Parameters<typeof openTestDatabase>[0]): Promise<Kysely<Database>> {
  const testDb = await openTestDatabase(dialect);
  t.after(() => testDb.close());
  return testDb.db;
}

async function tempFile(t: TestContext, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'khub-wte-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'wte.csv');
  await writeFile(path, content);
  return path;
}

const wteOf = (db: Kysely<Database>, id: number) => db.selectFrom('organisation').select(['staff_wte', 'staff_wte_period']).where('id', '=', id).executeTakeFirstOrThrow();

describe('workforce month names', () => {
  for (const [input, expected] of [['2018-JUN', '2018-06'], ['2017-sep', '2017-09'], ['2018-06', '2018-06'], ['2018-13', undefined], ['June 2018', undefined]] as const) {
    it(`${input} → ${String(expected)}`, () => assert.equal(wtePeriod(input), expected));
  }
});

for (const dialect of testDialects()) {
  describe(`staff WTE import [${dialect}]`, () => {
    it('sets the latest month’s figure from the real workforce file and reports codes khub does not know', async (t) => {
      const db = await freshDb(t, dialect);
      const ouh = await createOrganisation(db, { odsCode: 'RTH' });
      const summary = await importOrganisationWte(db, WTE);
      assert.deepEqual([summary.updated, summary.rejected.length], [1, 0]);
      assert.equal(summary.unknownCodes.length, 437);
      assert.deepEqual(await wteOf(db, ouh), { staff_wte: 10436.43, staff_wte_period: '2018-06' });
      const again = await importOrganisationWte(db, WTE);
      assert.deepEqual([again.updated, again.unchanged], [0, 1]);
    });

    it('never replaces a later month, rejects bad lines with their numbers, and audits the import', async (t) => {
      const db = await freshDb(t, dialect);
      const newer = await createOrganisation(db, { odsCode: 'RAA' });
      await db.updateTable('organisation').set({ staff_wte: 500, staff_wte_period: '2019-03' }).where('id', '=', newer).execute();
      const file = await tempFile(t, ['month,org_code,org_name,total_fte', '2018-JUN,RAA,"A, Trust",100', 'someday,RAB,B,1', '2018-JUN,RAC,C,lots', '2018-JUN,RAA,"A, Trust",101'].join('\n'));
      const summary = await importOrganisationWte(db, file);
      assert.equal(summary.newerKept, 1);
      assert.deepEqual(await wteOf(db, newer), { staff_wte: 500, staff_wte_period: '2019-03' });
      assert.deepEqual(
        summary.rejected.map((r) => `${r.line}: ${r.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`),
        ['3: month: must be a month like 2018-JUN or 2018-06', '4: total_fte: must be a number of staff, like 1234.5', '5: org_code: RAA already has a figure for 2018-06 on line 2'],
      );
      const audit = await db.selectFrom('audit_event').select(['action', 'actor_label']).executeTakeFirstOrThrow();
      assert.deepEqual(audit, { action: 'organisation.wte_import', actor_label: 'cli' });
    });

    it('refuses a file without the expected header and writes nothing', async (t) => {
      const db = await freshDb(t, dialect);
      const id = await createOrganisation(db, { odsCode: 'RAA' });
      const file = await tempFile(t, 'month,org_code,staff_group,fte\n2018-JUN,RAA,Nurses,5\n');
      await assert.rejects(importOrganisationWte(db, file), /wte\.csv:1: the header must name the columns .*missing total_fte/);
      assert.deepEqual(await wteOf(db, id), { staff_wte: null, staff_wte_period: null });
      assert.equal((await db.selectFrom('audit_event').select('id').execute()).length, 0);
    });
  });
}
