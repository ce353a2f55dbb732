import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { promisify } from 'node:util';
import { startEutilsStandIn, syntheticPubmedXml } from '../../test/helpers/eutils-stand-in.js';

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
  assert.match(imported.stdout, /PubMed search: asthma\[mh\]\n {2}added: {5}25\n/);
  assert.equal(standIn.requests.filter((r) => r.utility === 'efetch').length, 1);

  const duplicates = await khub(['records', 'duplicates', '--json', '--database', database], {});
  assert.deepEqual(JSON.parse(duplicates.stdout), { groups: 0, largest: [] });

  await assert.rejects(khub(['import', 'pubmed', '--database', database], {}), (error: { code?: number; stderr?: string }) => error.code === 1 && /--query/.test(error.stderr ?? ''));
});
