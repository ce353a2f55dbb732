import { type WriteStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Kysely } from 'kysely';
import { EXPORT_FORMATS, type ExportFormat, countSelectedRecords, exportRecords, findExportFormat, findMissingRecordIds, writeChunks } from '../modules/records/index.js';
import { createDb } from '../platform/db/create-db.js';
import type { Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { configWith, databaseOption } from './options.js';
import { type ProgressReporter, createProgress } from './progress.js';
import { librariesExportCommand } from './import-directory.command.js';

/** Where `khub export` writes: the export itself on stdout (unless --output), messages and the progress bar on stderr. */
export interface ExportOutput {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: { write(text: string): unknown };
  readonly progress: ProgressReporter;
}

/** The command line's options, as commander parses them. */
export interface ExportCommandOptions {
  readonly format: string;
  readonly source?: string;
  readonly ids?: readonly number[];
  readonly output?: string;
  readonly database?: string;
}

/** Exit code when the export was written but some of the requested ids name no record. */
export const EXIT_SOME_MISSING = 2;

// The bar moves every this many records: often enough to see, rarely enough to cost nothing.
const PROGRESS_EVERY = 500;

/** "1,2, 3" → [1, 2, 3]; anything that is not a list of positive whole numbers is refused with the offending item. */
export function parseIds(value: string): number[] {
  const items = value.split(/[\s,]+/).filter((item) => item !== '');
  if (items.length === 0) throw new InvalidArgumentError('give at least one record id, e.g. --ids 1,2,3');
  return items.map((item) => {
    if (!/^\d+$/.test(item) || Number(item) < 1 || !Number.isSafeInteger(Number(item))) throw new InvalidArgumentError(`"${item}" is not a record id (ids are positive whole numbers)`);
    return Number(item);
  });
}

/**
 * Ends a file whose export failed, letting its queued writes finish: destroying it instead would fail
 * them afresh with an error nobody listens for. Its own error, if any, only repeats the one reported.
 */
async function closeAbandoned(stream: WriteStream): Promise<void> {
  stream.end();
  await finished(stream).catch(() => undefined);
}

/** Writes the export to FILE through a temporary file renamed at the end, so a failed export never leaves half a file. */
async function toFile(file: string, write: (stream: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  const stream = createWriteStream(partial, { flags: 'wx' });
  try {
    await write(stream);
    stream.end();
    await finished(stream);
    await rename(partial, file);
  } catch (error) {
    await closeAbandoned(stream);
    await rm(partial, { force: true });
    throw fileError(file, error);
  }
}

/** A file-system error names the file the operator asked for (not the temporary one); any other error is passed on. */
function fileError(file: string, error: unknown): unknown {
  if (!(error instanceof Error) || !('syscall' in error)) return error;
  const code = 'code' in error ? error.code : undefined;
  const reason = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : error.message;
  return new Error(`cannot write ${file}: ${reason}`, { cause: error });
}

/** Writes the export to standard output; a reader that goes away early (`| head`) is named plainly. */
async function toStdout(stdout: NodeJS.WritableStream, write: (stream: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  try {
    await write(stdout);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EPIPE') throw new Error('standard output was closed before the export finished', { cause: error });
    throw error;
  }
}

async function exportWith(db: Kysely<Database>, format: ExportFormat, options: ExportCommandOptions, output: ExportOutput): Promise<number> {
  const missing = options.ids ? await findMissingRecordIds(db, { ids: options.ids, source: options.source }) : [];
  const total = await countSelectedRecords(db, { ids: options.ids, source: options.source });
  let exported = 0;
  const onRecord = (n: number): void => {
    exported = n;
    if (n % PROGRESS_EVERY === 0) output.progress.update('Exporting', n, total, 'rows');
  };
  const chunks = exportRecords(db, { format, ids: options.ids, source: options.source, onRecord });
  if (options.output) await toFile(options.output, (stream) => writeChunks(chunks, stream));
  else await toStdout(output.stdout, (stream) => writeChunks(chunks, stream));
  output.progress.stop();
  const summary = `Exported ${exported} record${exported === 1 ? '' : 's'} as ${format.label}${options.output ? ` to ${options.output}` : ''}\n`;
  if (options.output) output.stdout.write(summary);
  else output.stderr.write(summary);
  if (missing.length === 0) return 0;
  output.stderr.write(`No record${options.source ? ` from source ${options.source}` : ''} with id ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? `, … (${missing.length} in all)` : ''}\n`);
  return EXIT_SOME_MISSING;
}

/** Runs `khub export`; returns the exit code, and throws (nothing written to --output) when the export fails. */
export async function runExport(options: ExportCommandOptions, output: ExportOutput): Promise<number> {
  const format = findExportFormat(options.format);
  if (!format) throw new Error(`unknown export format "${options.format}" (choose from ${EXPORT_FORMATS.map((f) => f.id).join(', ')})`);
  const db = createDb(configWith(options).databaseUrl);
  try {
    await migrateToLatest(db);
    return await exportWith(db, format, options, output);
  } finally {
    output.progress.stop();
    await db.destroy();
  }
}

/** `khub export --format F [--source S] [--ids 1,2,3] [--output FILE]`. */
export function exportCommand(): Command {
  return new Command('export')
    .description('write records as RIS, MEDLINE, BibTeX, CSV, CSL-JSON or formatted references (all records, one source, or given ids)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(EXPORT_FORMATS.map((f) => f.id)))
    .addOption(new Option('--source <source>', 'only records from this source (pubmed, beir-scifact, …)'))
    .addOption(new Option('--ids <ids>', 'only these khub record ids, in this order (comma-separated)').argParser(parseIds))
    .addOption(new Option('-o, --output <file>', 'write to this file instead of standard output'))
    .addOption(databaseOption())
    .addHelpText('after', `\nFormats:\n${EXPORT_FORMATS.map((f) => `  ${f.id.padEnd(16)}${f.label}`).join('\n')}\n\nExit codes: 0 exported; ${EXIT_SOME_MISSING} exported, but some ids name no record; 1 failed (nothing written to --output).`)
    .addCommand(librariesExportCommand())
    // --format is checked here rather than made mandatory: commander would demand it of `export libraries` too.
    .action(async (options: ExportCommandOptions, command: Command) => {
      if (!options.format) command.error("error: required option '-f, --format <format>' not specified");
      process.exitCode = await runExport(options, { stdout: process.stdout, stderr: process.stderr, progress: createProgress(process.stderr) });
    });
}
