// Times `khub import mesh` on the full 2024 vocabulary and each thesaurus look-up on it.
// Usage: npx tsx bench/thesaurus.bench.ts [--database URL] [--runs N]
// (default: a fresh SQLite file in a temporary folder; a postgres:// URL should name an empty schema or database).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { children, descendants, findDescriptorByTerm, getDescriptor, importMesh, parents, suggest, treePositions } from '../src/modules/thesaurus/index.js';
import { createDb } from '../src/platform/db/create-db.js';
import { dialectOf } from '../src/platform/db/dialect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { sharedDataPath } from '../test/helpers/shared-data.js';

const MESH = sharedDataPath('mesh-2024');
const { values } = parseArgs({ options: { database: { type: 'string' }, runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
const dir = values.database ? undefined : await mkdtemp(join(tmpdir(), 'khub-bench-'));
const db = createDb(values.database ?? join(dir ?? '.', 'bench.sqlite'));
const out = (line: string) => process.stdout.write(`${line}\n`);

async function time(label: string, work: () => Promise<unknown>): Promise<void> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0).toFixed(2);
  out(`| ${label} | ${at(0.5)} | ${at(0.95)} |`);
}

try {
  await migrateToLatest(db);
  const start = Date.now();
  const summary = await importMesh(db, [MESH]);
  const seconds = (Date.now() - start) / 1000;
  const rss = Math.round(process.memoryUsage().rss / 1_048_576);
  out(`${dialectOf(db)}: imported ${summary.descriptors} descriptors, ${summary.terms} terms, ${summary.treeNumbers} tree numbers in ${seconds.toFixed(1)} s (${summary.problemCount} problems; RSS ${rss} MB)`);
  out('');
  out(`| look-up (${runs} runs) | median ms | p95 ms |`);
  out('| --- | ---: | ---: |');
  await time("findDescriptorByTerm('heart attack')", () => findDescriptorByTerm(db, 'heart attack'));
  await time("getDescriptor('D003924')", () => getDescriptor(db, 'D003924'));
  await time("parents('D003924')", () => parents(db, 'D003924'));
  await time("children('D003920')", () => children(db, 'D003920'));
  const diabetes = (await descendants(db, 'D003920')).length;
  await time(`descendants('D003920') Diabetes Mellitus (${diabetes})`, () => descendants(db, 'D003920'));
  const neoplasms = (await descendants(db, 'D009369')).length;
  await time(`descendants('D009369') Neoplasms (${neoplasms})`, () => descendants(db, 'D009369'));
  const chemicals = (await descendants(db, 'D000602')).length;
  await time(`descendants('D000602') Amino Acids, Peptides, and Proteins (${chemicals})`, () => descendants(db, 'D000602'));
  await time("treePositions('D003924')", () => treePositions(db, 'D003924'));
  await time("suggest('myocard', 10)", () => suggest(db, 'myocard', 10));
  await time("suggest('a', 10)", () => suggest(db, 'a', 10));
  await time("suggest('infarct', 10)", () => suggest(db, 'infarct', 10));
  await time("suggest('zzzq', 10) (nothing)", () => suggest(db, 'zzzq', 10));
} finally {
  await db.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
}
