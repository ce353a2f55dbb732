import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { sharedDataPath } from '../../test/helpers/shared-data.js';
import { createDb } from '../platform/db/create-db.js';
import { EXIT_SOME_REJECTED, runOrganisationWteImport, runOrganisationsImport } from './import.command.js';

const ETR = sharedDataPath('nhs-ods', 'etr-2022-03.csv');

/** Collects what the command prints, without a progress bar (as when output is not a terminal). */
function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    output: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
      progress: { update: () => undefined, stop: () => undefined },
    },
  };
}

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'khub-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('khub import organisations', () => {
  it('migrates a new database, imports the file and prints the summary', async (t) => {
    const database = join(await tempDir(t), 'khub.sqlite');
    const { out, output } = capture();
    assert.equal(await runOrganisationsImport(ETR, { database }, output), 0);
    assert.match(out.stdout, /added: +218\n/);
    assert.match(out.stdout, /rejected: +0\n/);
    assert.match(out.stdout, /region left unset, grouping code is not a current NHS England region: W00 \(3\)/);
    assert.equal(out.stderr, '');
    const db = createDb(database);
    t.after(() => db.destroy());
    assert.equal((await db.selectFrom('organisation').select('id').execute()).length, 218);
  });

  it('lists rejected lines as FILE:LINE: field: message on stderr and exits 2', async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'bad.csv');
    const good = Array.from({ length: 27 }, (_, i) => (i === 0 ? '"RXA"' : i === 1 ? '"A TRUST"' : '""')).join(',');
    await writeFile(file, `${good}\n"RXB","SHORT"\n`);
    const { out, output } = capture();
    assert.equal(await runOrganisationsImport(file, { database: join(dir, 'khub.sqlite'), type: 'hospice' }, output), EXIT_SOME_REJECTED);
    assert.match(out.stdout, /added: +1\n/);
    assert.equal(out.stderr, `${file}:2: row: expected at least 12 columns, found 2\n`);
  });

  it('fails with the file named when it cannot be read, importing nothing', async (t) => {
    const dir = await tempDir(t);
    const { output } = capture();
    await assert.rejects(runOrganisationsImport(join(dir, 'missing.csv'), { database: join(dir, 'khub.sqlite') }, output), /missing\.csv: no such file/);
  });

  it('imports staff WTE, listing codes khub does not know and rejected lines', async (t) => {
    const dir = await tempDir(t);
    const database = join(dir, 'khub.sqlite');
    const trust = Array.from({ length: 27 }, (_, i) => (i === 0 ? '"RXA"' : i === 1 ? '"A TRUST"' : '""')).join(',');
    await writeFile(join(dir, 'etr.csv'), `${trust}\n`);
    assert.equal(await runOrganisationsImport(join(dir, 'etr.csv'), { database }, capture().output), 0);
    const file = join(dir, 'wte.csv');
    await writeFile(file, 'month,org_code,org_name,total_fte\n2018-JUN,RXA,A,12.5\n2018-JUN,00D,A CCG,1\n2018-JUN,RXA\n');
    const { out, output } = capture();
    assert.equal(await runOrganisationWteImport(file, { database }, output), EXIT_SOME_REJECTED);
    assert.match(out.stdout, /updated: +1\n/);
    assert.match(out.stdout, /unknown codes: 1 \(no such organisation in khub: 00D\)/);
    assert.equal(out.stderr, `${file}:4: total_fte: must be a number of staff, like 1234.5\n`);
  });
});
