import { Command, InvalidArgumentError, Option } from 'commander';
import { importFromPubmed } from '../modules/records/index.js';
import { createDb } from '../platform/db/create-db.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { configWith, databaseOption } from './options.js';

interface PubmedFlags {
  readonly query: string;
  readonly max?: number;
  readonly apiKey?: string;
  readonly email?: string;
  readonly database?: string;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

/** Runs `khub import pubmed`; returns the exit code. */
export async function runPubmedImport(flags: PubmedFlags, out: { stdout: { write(t: string): unknown }; stderr: { write(t: string): unknown } }): Promise<number> {
  const config = configWith(flags);
  const db = createDb(config.databaseUrl);
  try {
    await migrateToLatest(db);
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
    if (result.status === 'failed') {
      out.stderr.write(`khub: PubMed import stopped: ${result.error ?? 'unknown error'} (records committed before it are kept)\n`);
      return 1;
    }
    return result.skipped > 0 ? 2 : 0;
  } finally {
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
    .addOption(databaseOption())
    .action(async (flags: PubmedFlags) => {
      process.exitCode = await runPubmedImport(flags, { stdout: process.stdout, stderr: process.stderr });
    });
}
