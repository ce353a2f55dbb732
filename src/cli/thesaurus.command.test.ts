import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, after, describe, it } from 'node:test';
import { EXIT_SOME_SKIPPED, runMeshImport, runThesaurusLookup, runThesaurusTree } from './thesaurus.command.js';

const SAMPLE = resolve('src', 'modules', 'thesaurus', 'fixtures', 'desc-sample.xml');

/** Collects what a command prints, without a progress bar (as when output is not a terminal). */
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

describe('khub import mesh and khub thesaurus', () => {
  let dir = '';
  let database = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'khub-cli-mesh-'));
    database = join(dir, 'khub.sqlite');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('says no MeSH is loaded before an import', async () => {
    await assert.rejects(runThesaurusLookup('heart attack', { database }, capture().output), /no MeSH vocabulary is loaded; load one with khub import mesh/);
  });

  it('imports descriptor XML, taking the year from the file name, and prints the summary', async () => {
    await copyFile(SAMPLE, join(dir, 'desc2024.xml'));
    const { out, output } = capture();
    assert.equal(await runMeshImport([join(dir, 'desc2024.xml')], { database }, output), 0);
    assert.match(out.stdout, /^Imported MeSH 2024 from desc2024\.xml in \d+\.\d s\n/);
    assert.match(out.stdout, /descriptors: +10\n +terms: +26\n +tree numbers: 14\n +replaced: +nothing \(2024 was not loaded\)\n +skipped: +0\n/);
    assert.equal(out.stderr, '');
  });

  it('lists skipped records as FILE:LINE: field: message and exits 2', async () => {
    const file = join(dir, 'desc2025.xml');
    const record = (ui: string) => `<DescriptorRecord><DescriptorUI>${ui}</DescriptorUI><DescriptorName><String>Neoplasms</String></DescriptorName></DescriptorRecord>\n`;
    await writeFile(file, `<DescriptorRecordSet>\n${record('D009369')}${record('D9')}</DescriptorRecordSet>\n`);
    const { out, output } = capture();
    assert.equal(await runMeshImport([file], { database }, output), EXIT_SOME_SKIPPED);
    assert.match(out.stdout, /skipped: +1 \(listed on standard error\)/);
    assert.equal(out.stderr, `${file}:3: DescriptorUI: "D9" is not a descriptor UI like D009203\n`);
  });

  it('fails naming the file when it is not MeSH, changing nothing', async () => {
    await writeFile(join(dir, 'notes2024.csv'), 'a,b\n1,2\n');
    await assert.rejects(runMeshImport([join(dir, 'notes2024.csv')], { database }, capture().output), /notes2024\.csv: not a MeSH file/);
  });

  it('looks up an entry term: descriptor, matched term, entry terms, tree numbers', async () => {
    const { out, output } = capture();
    assert.equal(await runThesaurusLookup('HEART-ATTACK', { database, year: 2024 }, output), 0);
    assert.equal(out.stdout, 'D009203  Myocardial Infarction\n  matched:      Heart Attack\n  entry terms:  Heart Attack; Myocardial Infarct\n  tree numbers: C14.280.647.500, C14.907.585.500\n');
  });

  it('suggests headings when the term is not an entry term, and exits 1', async () => {
    const { out, output } = capture();
    assert.equal(await runThesaurusLookup('diabetes', { database, year: 2024 }, output), 1);
    assert.match(out.stdout, /^No MeSH entry term is "diabetes". Did you mean:\n +D003920 +Diabetes Mellitus +\(name starts so\)/);
  });

  it('prints one JSON object with --json', async () => {
    const { out, output } = capture();
    await runThesaurusLookup('niddm', { database, year: 2024, json: true }, output);
    const parsed = JSON.parse(out.stdout) as { year: number; matches: { ui: string; matchedTerms: string[] }[] };
    assert.deepEqual([parsed.year, parsed.matches.map((m) => [m.ui, m.matchedTerms])], [2024, [['D003924', ['NIDDM']]]]);
  });

  it('shows a descriptor in the tree, from the category down to its children', async () => {
    const { out, output } = capture();
    assert.equal(await runThesaurusTree('D003920', { database, year: 2024 }, output), 0);
    assert.equal(
      out.stdout,
      [
        'D003920  Diabetes Mellitus  (MeSH 2024)',
        '',
        'C  Diseases',
        '  C18  Nutritional and Metabolic Diseases  D009750',
        '    C18.452  Metabolic Diseases  D008659',
        '      C18.452.394  Glucose Metabolism Disorders  D044882',
        '        C18.452.394.750  Diabetes Mellitus  D003920  ◀',
        '          C18.452.394.750.124  Diabetes Mellitus, Type 1  D003922',
        '          C18.452.394.750.149  Diabetes Mellitus, Type 2  D003924',
        '',
        'C  Diseases',
        '  C19  Endocrine System Diseases  D004700',
        '    C19.246  Diabetes Mellitus  D003920  ◀',
        '      C19.246.267  Diabetes Mellitus, Type 1  D003922',
        '      C19.246.300  Diabetes Mellitus, Type 2  D003924',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is no such descriptor, and exits 1', async () => {
    const { out, output } = capture();
    assert.equal(await runThesaurusTree('D999999', { database, year: 2024 }, output), 1);
    assert.equal(out.stderr, 'khub: there is no descriptor D999999 in MeSH 2024\n');
  });
});
