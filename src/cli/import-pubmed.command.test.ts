import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { promisify } from 'node:util';
import { eachDialect } from '../../test/helpers/databases.js';
import { startEutilsStandIn, syntheticPubmedXml } from '../../test/helpers/eutils-stand-in.js';
import { testConfig } from '../config.js';
import { countIndexed } from '../modules/search/index.js';
import { importPubmedSearch } from './import-pubmed.command.js';

const run = promisify(execFile);

function khub(args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, KHUB_LOG_LEVEL: 'silent', ...env } });
}

it('khub import pubmed fetches through E-utilities (a local stand-in) and khub records duplicates reports groups', async (t) => {
  const standIn = await startEutilsStandIn({ count: 40, efetch: (start, size) => syntheticPubmedXml(100 + start, size) });
  t.after(() => standIn.close());
  const dir = await mkdtemp(join(tmpdir(), 'khub-pubmed-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const database = join(dir, 'khub.sqlite');

  const imported = await khub(['import', 'pubmed', '--query', 'asthma[mh]', '--max', '25', '--database', database], { KHUB_NCBI_EUTILS_URL: standIn.url });
  assert.match(imported.stdout, /PubMed search: asthma\[mh\]\n {2}added: {5}25\n[^]*\nSearch index: 25 records indexed, 0 records removed\n$/);
  assert.equal(standIn.requests.filter((r) => r.utility === 'efetch').length, 1);

  const duplicates = await khub(['records', 'duplicates', '--json', '--database', database], {});
  assert.deepEqual(JSON.parse(duplicates.stdout), { groups: 0, largest: [] });

  await assert.rejects(khub(['import', 'pubmed', '--database', database], {}), (error: { code?: number; stderr?: string }) => error.code === 1 && /--query/.test(error.stderr ?? ''));
});

eachDialect('khub import pubmed keeps the search index in step', (getDb) => {
  it('indexes the records it fetched and says how many, unless --no-index', async (t) => {
    const standIn = await startEutilsStandIn({ count: 30, efetch: (start, size) => syntheticPubmedXml(500 + start, size) });
    t.after(() => standIn.close());
    const config = testConfig({ ncbiEutilsUrl: standIn.url });
    const db = getDb();
    const output = () => {
      const out = { stdout: '', stderr: '' };
      return { out, sink: { stdout: { write: (text: string) => (out.stdout += text) }, stderr: { write: (text: string) => (out.stderr += text) } } };
    };

    const skipped = output();
    assert.equal(await importPubmedSearch(db, { query: 'asthma[mh]', max: 10, index: false }, config, skipped.sink), 0);
    assert.match(skipped.out.stdout, /added: {5}10\n[^]*Search index: not updated \(--no-index\)/);
    assert.equal(await countIndexed(db), 0);

    const indexed = output();
    assert.equal(await importPubmedSearch(db, { query: 'asthma[mh]', max: 30 }, config, indexed.sink), 0);
    assert.match(indexed.out.stdout, /added: {5}20\n {2}updated: {3}0\n {2}unchanged: 10\n[^]*Search index: 30 records indexed, 0 records removed\n$/);
    assert.equal(await countIndexed(db), 30);
  });
});
