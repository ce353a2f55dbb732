import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as directoryTestFiles from '../../test/helpers/directory/fixtures.js';
import { runLibrariesExport, runLibrariesImport, runPostcodesImport } from './import-directory.command.js';

const { LIBRARY_ROWS, ONSPD_SAMPLE, libraryCsv, tempFile } = directoryTestFiles;

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, output: { stdout: { write: (t: string) => (out.stdout += t) } as unknown as NodeJS.WritableStream, stderr: { write: (t: string) => (out.stderr += t) }, progress: { update: () => undefined, stop: () => undefined } } };
}

describe('khub import postcodes / libraries, khub export libraries', () => {
  it('loads postcodes with a summary, reports rejected rows as FILE:LINE: field, and exits 2', async () => {
    const database = join(await mkdtemp(join(tmpdir(), 'khub-cli-')), 'k.sqlite');
    const file = await tempFile('onspd.csv', ONSPD_SAMPLE);
    const { out, output } = capture();
    assert.equal(await runPostcodesImport(file, { database }, output), 2);
    assert.match(out.stdout, /postcodes \(ONSPD\)[\s\S]*written: +3[\s\S]*without location: 1/);
    assert.equal(out.stderr.split('\n')[0], `${file}:6: pcds: "NOT A CODE" is not a full postcode`);
  });

  it('imports libraries all or nothing (exit 1 with every problem) and exports them back', async () => {
    const database = join(await mkdtemp(join(tmpdir(), 'khub-cli-')), 'k.sqlite');
    const noOrgs = LIBRARY_ROWS.map((r) => ({ ...r, organisations: '' }));
    const bad = capture();
    assert.equal(await runLibrariesImport(await tempFile('bad.csv', libraryCsv([{ ...noOrgs[0], postcode: 'nope' }])), { database }, bad.output), 1);
    assert.match(bad.out.stderr, /bad\.csv:2: postcode: is not a full UK postcode\nNothing imported: 1 row rejected/);
    const good = capture();
    assert.equal(await runLibrariesImport(await tempFile('good.csv', libraryCsv(noOrgs)), { database }, good.output), 0);
    assert.match(good.out.stdout, /services added: +4[\s\S]*sites added: +4/);
    const target = join(await mkdtemp(join(tmpdir(), 'khub-cli-')), 'out.csv');
    const exported = capture();
    assert.equal(await runLibrariesExport({ database, output: target }, exported.output), 0);
    assert.match(exported.out.stdout, /Exported 4 library services to/);
    assert.equal((await readFile(target, 'utf8')).trim().split('\r\n').length, 6);
  });
});
