// Web throughput and latency: the search results page and the search API at N records on SQLite,
// beside a trivial route on the same server as the ceiling, with 20 clients on loopback. Usage:
//   npm run bench:web -- [--size 1000000] [--clients 20] [--seconds 30] [--json]
// The database is the one npm run bench:search prepares (cached in the temp folder; built when missing).
// The server runs as its own process (src/server.ts), so the load generator does not share its thread.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { strategies } from './search/query-mix.js';
import { preparedDatabase } from './search/prepare.js';
import { termNearShare } from './search/common-term.js';
import { simpleLine } from './search/simple-lines.js';
import { count, ms, table } from './search/stats.js';
import { runLoad, type LoadResult } from './web/load.js';
import { writeResults } from './support/child-steps.js';
import { parseStrategy } from '../src/modules/search/index.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const out = (line = '') => process.stdout.write(`${line}\n`);

/** The searches people type: every simple line of the CLEF strategies (words, phrases, truncations). */
function typedSearches(): string[] {
  const lines = strategies().flatMap((strategy) => parseStrategy(strategy.query).flatMap((line) => (line.kind === 'query' && simpleLine(line.query.root) ? [line.text] : [])));
  return [...new Set(lines)];
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function startKhub(databaseFile: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    // As deployed: production caches compiled templates (development compiles every page's templates again).
    env: {
      ...process.env,
      KHUB_ENV: 'production',
      KHUB_SESSION_SECRET: randomBytes(32).toString('hex'),
      KHUB_BASE_URL: `http://127.0.0.1:${port}`,
      KHUB_DATABASE_URL: databaseFile,
      KHUB_PORT: String(port),
      KHUB_HOST: '127.0.0.1',
      KHUB_TRUST_PROXY: 'true',
      KHUB_RUN_JOBS: 'false',
      KHUB_LOG_LEVEL: 'warn',
    },
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`khub exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error('khub did not start within 2 minutes');
}

/** Waits until the server's facet columns hold every record (/metrics says so), printing how long that took. */
async function facetColumnsLoaded(port: number, records: number): Promise<number> {
  const started = Date.now();
  const deadline = started + 600_000;
  while (Date.now() < deadline) {
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
    const held = Number(/^khub_facet_columns_records (\d+)$/m.exec(metrics)?.[1] ?? 0);
    if (held >= records) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the facet columns were not loaded within 10 minutes');
}

async function main(): Promise<void> {
  const size = Number(values.size);
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  out(`node ${process.version}, ${cpus().length} cores, load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${clients} clients, ${seconds} s a target`);
  const prepared = await preparedDatabase('sqlite', size);
  const { term } = await termNearShare(prepared.db);
  await prepared.db.destroy();
  const searches = typedSearches();
  const port = await freePort();
  const server = await startKhub(prepared.location, port);
  process.stderr.write('waiting for the facet columns to load …\n');
  const loadSeconds = await facetColumnsLoaded(port, size);
  const encode = (q: string) => encodeURIComponent(q);
  const targets: { name: string; paths: string[] }[] = [
    { name: 'trivial route (/healthz)', paths: ['/healthz'] },
    { name: 'results page, typed searches', paths: searches.map((q) => `/search?q=${encode(q)}`) },
    { name: `results page, 20% term (${term})`, paths: [`/search?q=${encode(term)}`] },
    { name: 'search API, typed searches', paths: searches.map((q) => `/api/v1/search?q=${encode(q)}`) },
  ];
  const results: { name: string; result: LoadResult }[] = [];
  try {
    for (const target of targets) {
      process.stderr.write(`${target.name}: ${seconds} s …\n`);
      results.push({ name: target.name, result: await runLoad({ port, paths: target.paths, clients, seconds, warmupSeconds: 3 }) });
    }
  } finally {
    server.kill('SIGTERM');
  }
  const ceiling = results[0]?.result.perSecond ?? Number.NaN;
  out(`\n${count(size)} records (SQLite, ${prepared.location}); ${count(searches.length)} typed searches from the CLEF strategies; facet columns loaded ${loadSeconds.toFixed(1)} s after the server answered\n`);
  out(
    table(
      ['target', 'requests', 'requests/s', '% of ceiling', 'p50 ms', 'p95 ms', 'max ms', 'not 2xx'],
      results.map(({ name, result }) => [name, count(result.requests), result.perSecond.toFixed(1), `${((100 * result.perSecond) / ceiling).toFixed(2)}%`, ms(result.latencyMs.p50), ms(result.latencyMs.p95), ms(result.latencyMs.max), Object.entries(result.failures).map(([s, n]) => `${n} × ${s}`).join(', ') || '0']),
      [1, 2, 3, 4, 5, 6],
    ),
  );
  const page = results[1]?.result.latencyMs.p95 ?? Number.NaN;
  out(`\nTarget: results page p95 ≤ 250 ms with ${clients} clients — ${page <= 250 ? 'met' : 'NOT met'} (${ms(page)} ms); load average at the end ${loadavg()[0]?.toFixed(2)}`);
  if (values.json) out(`\nwrote ${writeResults('web', results.map(({ name, result }) => ({ size, clients, seconds, name, ...result })))}`);
  if (results.some(({ result }) => Object.keys(result.failures).length > 0)) process.exitCode = 1;
}

await main();
