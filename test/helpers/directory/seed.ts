import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { createOrganisation } from '../factories.js';
import { sharedDataPath } from '../shared-data.js';
import type { Database } from '../../../src/platform/db/database.js';
import { ONSPD_SAMPLE, libraryCsv, tempFile } from './fixtures.js';
import { importLibraries } from '../../../src/modules/directory/library-import.service.js';
import { importPostcodes } from '../../../src/modules/directory/postcode-import.service.js';

/** Organisations, the real district centroids, a small ONSPD extract and the four fixture services. */
export async function seedDirectory(db: Kysely<Database>): Promise<void> {
  for (const [odsCode, name, regionCode] of [['RTH', 'Oxford University Hospitals', 'Y59'], ['RGT', 'Cambridge University Hospitals', 'Y61'], ['R0A', 'Manchester University', 'Y62'], ['RM3', 'Northern Care Alliance', 'Y62']] as const) {
    await createOrganisation(db, { odsCode, name, regionCode });
  }
  await importPostcodes(db, sharedDataPath('uk-postcode-outcodes', 'postcode-outcodes.csv'));
  await importPostcodes(db, await tempFile('onspd.csv', ONSPD_SAMPLE), { batchSize: 2 });
  const summary = await importLibraries(db, await tempFile('libraries.csv', libraryCsv()));
  assert.deepEqual(summary.rejected, []);
}

