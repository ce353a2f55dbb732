#!/usr/bin/env node
// Runs the test suite with node:test through tsx. Node 20 has no glob support in `--test`,
// so the files are found here: unit/route/storage tests beside the code (src/**/*.test.ts, test/**/*.test.ts)
// and browser journeys (test/e2e/**/*.spec.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--e2e') ? 'e2e' : 'all';
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(relative(process.cwd(), path));
  }
  return out;
}

const all = [...walk('src'), ...walk('test')];
const unit = all.filter((f) => f.endsWith('.test.ts'));
const e2e = all.filter((f) => f.startsWith(join('test', 'e2e')) && f.endsWith('.spec.ts'));
let files = only === 'unit' ? unit : only === 'e2e' ? e2e : [...unit, ...e2e];
if (filters.length > 0) files = files.filter((f) => filters.some((filter) => f.includes(filter)));
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

// PostgreSQL test schemas are named test_<run id>_<random>; this run drops its own when it ends, and
// any left by runs that were killed more than two hours ago.
const runId = String(Math.floor(Date.now() / 1000));
const postgresUrl = process.env.KHUB_TEST_DATABASE_URL?.trim();

async function dropSchemas(where) {
  if (!postgresUrl) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query("select nspname from pg_namespace where nspname ~ '^test_[0-9]+_[0-9a-f]+$'");
    for (const { nspname } of rows.filter((r) => where(Number(r.nspname.split('_')[1])))) {
      await client.query(`drop schema if exists "${nspname}" cascade`);
    }
  } finally {
    await client.end();
  }
}

await dropSchemas((started) => started < Number(runId) - 7200);
const concurrency = String(Math.max(2, availableParallelism()));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files], {
  stdio: 'inherit',
  env: { ...process.env, KHUB_ENV: 'test', KHUB_TEST_RUN_ID: runId },
});
await dropSchemas((started) => started === Number(runId));
process.exit(result.status ?? 1);
