import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT_SOME_FAILED, runQueryParse, runQueryTranslate } from './query.command.js';

/** Collects what a command prints. */
function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    output: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}

describe('khub query', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'khub-cli-query-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('parse prints the tree as pretty JSON', async () => {
    const { out, output } = capture();
    assert.equal(await runQueryParse('asthma[mh] AND therap*[tiab]', {}, output), 0);
    const parsed = JSON.parse(out.stdout) as { dialect: string; root: { kind: string; children: { kind: string }[] } };
    assert.deepEqual([parsed.dialect, parsed.root.kind, parsed.root.children.map((c) => c.kind)], ['pubmed', 'and', ['heading', 'term']]);
    assert.match(out.stdout, /^{\n {2}"dialect": "pubmed",\n/);
    assert.equal(out.stderr, '');
  });

  it('parse shows a syntax error with the line, a caret under the column and the hint, and exits 1', async () => {
    const { out, output } = capture();
    assert.equal(await runQueryParse('asthma[mh] AND heart[tiabx]', {}, output), 1);
    assert.equal(out.stdout, '');
    assert.equal(out.stderr, 'asthma[mh] AND heart[tiabx]\n                    ^\nUnknown field tag [tiabx]\nhint: Did you mean [tiab]?\n');
  });

  it('parse --dialect overrides the markers', async () => {
    const { out, output } = capture();
    await runQueryParse('a OR b AND c', { dialect: 'pubmed' }, output);
    assert.equal((JSON.parse(out.stdout) as { root: { kind: string } }).root.kind, 'and');
  });

  it(`parse --file prints one JSON object per query and exits ${EXIT_SOME_FAILED} when some fail`, async () => {
    const file = join(dir, 'queries.txt');
    await writeFile(file, 'heart[tiab]\n\n(attack OR\nexp Dementia/\n');
    const { out, output } = capture();
    assert.equal(await runQueryParse(undefined, { file }, output), EXIT_SOME_FAILED);
    const rows = out.stdout.trim().split('\n').map((line) => JSON.parse(line) as { line: number; ok: boolean; ast?: { kind: string }; error?: { message: string; column: number } });
    assert.deepEqual(
      rows.map((r) => [r.line, r.ok, r.ast?.kind ?? r.error?.message]),
      [[1, true, 'term'], [3, false, 'Nothing after OR'], [4, true, 'heading']],
    );
    assert.deepEqual(Object.keys(rows[1]?.error ?? {}), ['message', 'hint', 'offset', 'line', 'column']);
  });

  it('parse --file exits 0 when every query parses, thousands in one run', async () => {
    const file = join(dir, 'many.txt');
    await writeFile(file, Array.from({ length: 5000 }, (_, i) => `term${i}[tiab] OR exp heading${i}/`).join('\n'));
    const { out, output } = capture();
    assert.equal(await runQueryParse(undefined, { file }, output), 0);
    assert.equal(out.stdout.trim().split('\n').length, 5000);
  });

  it('parse --strategy prints each line with its label, kind, dialect and canonical form', async () => {
    const file = join(dir, 'strategy.txt');
    await writeFile(file, 'Population: back pain\n1. back pain[mh]\n2. sciatica.ti,ab.\nA. 1 or 2\n');
    const { out, output } = capture();
    assert.equal(await runQueryParse(undefined, { strategy: file }, output), 0);
    assert.equal(
      out.stdout,
      [
        'line  label  kind     dialect canonical form',
        '   1         comment          Population: back pain',
        '   2  1      query    pubmed  "back pain"[mh]',
        '   3  2      query    ovid    sciatica[fields:title,abstract]',
        '   4  A      query    pubmed  (#1 OR #2)',
        '',
      ].join('\n'),
    );
  });

  it('translate prints the translation, and its warnings on stderr prefixed warning:', () => {
    const { out, output } = capture();
    assert.equal(runQueryTranslate('(pain adj3 back).ti,ab.', { to: 'pubmed' }, output), 0);
    assert.equal(out.stdout, '"pain back"[tiab:~2]\n');
    assert.equal(out.stderr, 'warning: PubMed proximity works only in [ti] and [tiab]; [tiab] stands in for title, abstract (in (pain adj3 back).ti,ab.)\n');
  });

  it('translate writes Ovid and canonical forms, and exits 1 on a syntax error', () => {
    const ovid = capture();
    assert.equal(runQueryTranslate('"hip pain"[ti:~2] AND asthma[mh]', { to: 'ovid' }, ovid.output), 0);
    assert.deepEqual(ovid.out, { stdout: '(hip adj3 pain).ti. and exp asthma/\n', stderr: '' });
    const canonical = capture();
    runQueryTranslate('a AND b OR c', { to: 'canonical' }, canonical.output);
    assert.equal(canonical.out.stdout, '((a AND b) OR c)\n');
    const broken = capture();
    assert.equal(runQueryTranslate('a AND', { to: 'ovid' }, broken.output), 1);
    assert.match(broken.out.stderr, /Nothing after AND/);
  });
});
