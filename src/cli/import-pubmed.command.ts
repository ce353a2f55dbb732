import { Command, InvalidArgumentError, Option } from 'commander';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { importFromPubmed } from '../modules/records/index.js';
import { createDb } from '../platform/db/create-db.js';
import type { Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { updateIndexAfterImport } from './import-index.js';
import { configWith, databaseOption } from './options.js';
import { type ProgressReporter, createProgress } from './progress.js';

interface PubmedFlags {
  readonly query: string;
  readonly max?: number;
  readonly apiKey?: string;
  readonly email?: string;
  readonly database?: string;
  /** False (`--no-index`): leave the search index as it is. */
  readonly index?: boolean;
}

/** Where `import pubmed` writes: the summary on stdout, progress and problems on stderr. */
export interface PubmedImportOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** The search index update's bar (none when not given). */
  readonly indexProgress?: ProgressReporter;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

/** Imports what the search finds into an open, migrated database, then updates the search index; returns the exit code. */
export async function importPubmedSearch(db: Kysely<Database>, flags: PubmedFlags, config: Config, out: PubmedImportOutput): Promise<number> {
  const result = await importFromPubmed(db, {
    query: flags.query,
    max: flags.max,
    baseUrl: config.ncbiEutilsUrl,
    apiKey: flags.apiKey ?? (config.ncbiApiKey || undefined),
    email: flags.email ?? (config.ncbiEmail || undefined),
    onProgress: (read, total) => out.stderr.write(`  ${read} of ${total} records read\n`),
  });
  out.stdout.write(
    [
      `PubMed search: ${flags.query}`,
      `  added:     ${result.added}`,
      `  updated:   ${result.updated}`,
      `  unchanged: ${result.unchanged}`,
      `  skipped:   ${result.skipped}`,
      ...result.problems.slice(0, 20).map((p) => `  ${p.file}: ${p.position}: ${p.reason}`),
      '',
    ].join('\n'),
  );
  if (result.status === 'failed') out.stderr.write(`khub: PubMed import stopped: ${result.error ?? 'unknown error'} (records committed before it are kept)\n`);
  const indexed = await updateIndexAfterImport(db, flags.index, out);
  if (result.status === 'failed' || !indexed) return 1;
  return result.skipped > 0 ? 2 : 0;
}

/** Runs `khub import pubmed`; returns the exit code. */
export async function runPubmedImport(flags: PubmedFlags, out: PubmedImportOutput): Promise<number> {
  const config = configWith(flags);
  const db = createDb(config.databaseUrl);
  try {
    await migrateToLatest(db);
    return await importPubmedSearch(db, flags, config, out);
  } finally {
    out.indexProgress?.stop();
    await db.destroy();
  }
}

export function pubmedImportCommand(): Command {
  return new Command('pubmed')
    .description('import the records a PubMed search finds, through NCBI E-utilities (at most 10,000 a search)')
    .requiredOption('-q, --query <query>', 'a PubMed search, e.g. "asthma[mh] AND 2020:2024[dp]"')
    .addOption(new Option('--max <n>', 'import at most this many records').argParser(positiveInteger))
    .option('--api-key <key>', 'NCBI API key: 10 requests a second instead of 3 (default KHUB_NCBI_API_KEY)')
    .option('--email <address>', 'contact address sent to NCBI (default KHUB_NCBI_EMAIL)')
    .option('--no-index', 'leave the search index as it is (by default it is brought up to date after the import)')
    .addOption(databaseOption())
    .action(async (flags: PubmedFlags) => {
      process.exitCode = await runPubmedImport(flags, { stdout: process.stdout, stderr: process.stderr, indexProgress: createProgress(process.stderr) });
    });
}
