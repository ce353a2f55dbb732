import { Command, InvalidArgumentError, Option } from 'commander';
import type { Kysely } from 'kysely';
import { RECORD_FORMATS, type RecordFormat, type RecordImportSummary, importRecords } from '../modules/records/index.js';
import { createDb } from '../platform/db/create-db.js';
import type { Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { updateIndexAfterImport } from './import-index.js';
import { configWith, databaseOption } from './options.js';
import { type ProgressReporter, createProgress } from './progress.js';
import { type RecordProgressReporter, createRecordProgress } from './record-progress.js';

/** Where `import records` writes: the summary on stdout, a failure (and the progress bar) on stderr. */
export interface RecordsImportOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly progress: RecordProgressReporter;
  /** The search index update's bar (none when not given). */
  readonly indexProgress?: ProgressReporter;
}

export interface RecordsImportFlags {
  readonly database?: string;
  readonly format?: RecordFormat;
  readonly source?: string;
  readonly batchSize?: number;
  /** False (`--no-index`): leave the search index as it is. */
  readonly index?: boolean;
}

/** Exit code when the files were imported but some records were skipped (0: all imported; 1: failed). */
export const EXIT_SOME_SKIPPED = 2;

/** Skipped records listed in the summary; the rest are counted. */
const PROBLEMS_SHOWN = 20;

/** The closing summary: what was added, updated, left alone, deleted and skipped, and why. */
export function formatRecordImportSummary(summary: RecordImportSummary): string {
  const completed = summary.files.filter((file) => file.status === 'completed').length;
  const lines = [
    `Imported records from ${completed} of ${summary.files.length + summary.notAttempted.length} file(s)`,
    `  added:     ${summary.added}`,
    `  updated:   ${summary.updated}`,
    `  unchanged: ${summary.unchanged}`,
    `  deleted:   ${summary.deleted}`,
    `  skipped:   ${summary.skipped}`,
  ];
  const shown = summary.problems.slice(0, PROBLEMS_SHOWN);
  if (shown.length > 0) lines.push('Skipped records:', ...shown.map((p) => `  ${p.file}: ${p.position}: ${p.reason}`));
  if (summary.skipped > shown.length) lines.push(`  … and ${summary.skipped - shown.length} more`);
  if (summary.failure) lines.push(`Stopped at ${summary.failure.file}: the batches committed before it are kept; fix or replace it and run the same command again.`);
  if (summary.notAttempted.length > 0) lines.push(`Not imported (after the failure): ${summary.notAttempted.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** Imports the files into an open, migrated database, then updates the search index; returns the exit code. */
export async function importRecordFiles(db: Kysely<Database>, files: readonly string[], flags: RecordsImportFlags, output: RecordsImportOutput): Promise<number> {
  const summary = await importRecords(db, {
    files,
    ...(flags.format ? { format: flags.format } : {}),
    ...(flags.source ? { source: flags.source } : {}),
    ...(flags.batchSize ? { batchSize: flags.batchSize } : {}),
    onProgress: (progress) => output.progress.update(progress),
  });
  output.progress.stop();
  if (summary.failure) output.stderr.write(`khub: ${summary.failure.message}\n`);
  output.stdout.write(formatRecordImportSummary(summary));
  const indexed = await updateIndexAfterImport(db, flags.index, output);
  if (summary.failure || !indexed) return 1;
  return summary.skipped > 0 ? EXIT_SOME_SKIPPED : 0;
}

/** Runs `khub import records FILE…`; returns the exit code. */
export async function runRecordsImport(files: readonly string[], flags: RecordsImportFlags, output: RecordsImportOutput): Promise<number> {
  const db = createDb(configWith(flags).databaseUrl);
  try {
    await migrateToLatest(db);
    return await importRecordFiles(db, files, flags, output);
  } finally {
    output.progress.stop();
    output.indexProgress?.stop();
    await db.destroy();
  }
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a whole number, 1 or more');
  return number;
}

/** `khub import records FILE…`: PubMed/MEDLINE XML, MEDLINE text, RIS or JSONL files, plain or gzip. */
export function recordsImportCommand(): Command {
  return new Command('records')
    .description('add or update bibliographic records from PubMed/MEDLINE XML, MEDLINE (.nbib), RIS or JSONL files (.gz accepted), matched by source and id')
    .argument('<files...>', 'files to import, in order (PubMed update files after their baseline)')
    .addOption(databaseOption())
    .addOption(new Option('--format <format>', "the files' format (default: detected from each file's first bytes)").choices(RECORD_FORMATS))
    .addOption(new Option('--source <name>', 'source name for records without a PMID (default: ris for RIS, beir for JSONL)'))
    .addOption(new Option('--batch-size <n>', 'records committed per transaction').default(5000).argParser(positiveInteger))
    .option('--no-index', 'leave the search index as it is (by default it is brought up to date after the import)')
    .addHelpText('after', `\nExit codes: 0 all imported; ${EXIT_SOME_SKIPPED} imported, but some records were skipped; 1 a file could not be read (batches committed before it are kept) or the search index could not be updated.`)
    .action(async (files: string[], flags: RecordsImportFlags) => {
      const output = { stdout: process.stdout, stderr: process.stderr, progress: createRecordProgress(process.stderr), indexProgress: createProgress(process.stderr) };
      process.exitCode = await runRecordsImport(files, flags, output);
    });
}
