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

const concurrency = String(Math.max(2, availableParallelism()));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files], {
  stdio: 'inherit',
  env: { ...process.env, KHUB_ENV: 'test' },
});
process.exit(result.status ?? 1);
