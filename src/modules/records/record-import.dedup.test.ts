import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { eachDialect } from '../../../test/helpers/databases.js';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';
import { listDuplicateGroups } from './duplicate-groups.service.js';
import { importRecords } from './record-import.service.js';

// An Embase export of the NEJM asthma trial whose PubMed record is in the shared samples.
const EMBASE_RIS = `TY  - JOUR
DB  - Embase
AN  - L622010101
TI  - Inhaled combined budesonide-formoterol as needed in mild asthma
AU  - O'Byrne, P.M.
PY  - 2018
JO  - New England Journal of Medicine
VL  - 378
IS  - 20
SP  - 1865
EP  - 1876
DO  - 10.1056/NEJMoa1715274
ER  - 
`;

eachDialect('import groups copies of one article', (getDb) => {
  it('groups an Embase RIS copy with the PubMed record, in the import batch that adds it', async (t) => {
    const db = getDb();
    const dir = await mkdtemp(join(tmpdir(), 'khub-dedup-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const ris = join(dir, 'embase.ris');
    await writeFile(ris, EMBASE_RIS);
    await importRecords(db, { files: [sharedDataPath('medline-samples', 'pubmed-29768149.xml')] });
    await importRecords(db, { files: [ris], source: 'embase' });
    const groups = await listDuplicateGroups(db);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]?.records.map((r) => [r.source, r.doi]).sort(), [
      ['embase', '10.1056/nejmoa1715274'],
      ['pubmed', '10.1056/nejmoa1715274'],
    ]);
  });
});
