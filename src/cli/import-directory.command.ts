import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { POSTCODE_FILE_FORMATS, type PostcodeFileFormat, type RejectedRow, exportLibrariesCsv, importLibraries, importPostcodes } from '../modules/directory/index.js';
import { databaseOption, withMigratedDatabase } from './options.js';
import { type ProgressReporter, createProgress } from './progress.js';

export interface DirectoryCommandOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly progress: ProgressReporter;
}

const EXIT_SOME_REJECTED = 2;

function problems(file: string, rejected: readonly RejectedRow[]): string {
  const lines = rejected.flatMap((r) => r.problems.map((p) => `${file}:${r.line}: ${p.field}: ${p.message}`));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `khub import postcodes FILE`: exit 0 all loaded, 2 loaded but some rows rejected, 1 nothing loaded. */
export async function runPostcodesImport(file: string, options: { database?: string; format?: PostcodeFileFormat }, output: DirectoryCommandOutput): Promise<number> {
  return withMigratedDatabase(options, async (db) => {
    const summary = await importPostcodes(db, file, { format: options.format, onProgress: (p) => output.progress.update('Reading', p.done, p.total, 'bytes') });
    output.progress.stop();
    output.stderr.write(problems(file, summary.rejected));
    if (summary.rejectedCount > summary.rejected.length) output.stderr.write(`… and ${summary.rejectedCount - summary.rejected.length} more rejected rows\n`);
    output.stdout.write(`Imported ${summary.format === 'onspd' ? 'postcodes (ONSPD)' : 'postcode districts'} from ${file}\n  written:          ${summary.written}\n  without location: ${summary.withoutLocation}\n  rejected:         ${summary.rejectedCount}\n`);
    return summary.rejectedCount > 0 ? EXIT_SOME_REJECTED : 0;
  }, () => output.progress.stop());
}

/** `khub import libraries FILE`: all or nothing; exit 0 imported, 1 rejected (every problem listed). */
export async function runLibrariesImport(file: string, options: { database?: string }, output: DirectoryCommandOutput): Promise<number> {
  return withMigratedDatabase(options, async (db) => {
    const s = await importLibraries(db, file, { onProgress: (p) => output.progress.update('Writing', p.done, p.total, 'rows') });
    output.progress.stop();
    if (!s.imported) {
      output.stderr.write(problems(file, s.rejected));
      output.stderr.write(`Nothing imported: ${s.rejected.length} row${s.rejected.length === 1 ? '' : 's'} rejected\n`);
      return 1;
    }
    output.stdout.write(`Imported libraries from ${file}\n  services added:   ${s.servicesAdded}\n  services updated: ${s.servicesUpdated}\n  sites added:      ${s.sitesAdded}\n  sites updated:    ${s.sitesUpdated}\n  sites removed:    ${s.sitesRemoved}\n  sites without a location: ${s.sitesUnlocated}\n`);
    return 0;
  }, () => output.progress.stop());
}

/** `khub export libraries [--output F]`: the directory CSV, through a temporary file so a failure leaves no half file. */
export async function runLibrariesExport(options: { database?: string; output?: string }, output: DirectoryCommandOutput & { stdout: NodeJS.WritableStream }): Promise<number> {
  return withMigratedDatabase(options, async (db) => {
    let services = 0;
    const chunks = exportLibrariesCsv(db, (done, total) => {
      services = done;
      output.progress.update('Exporting', done, total, 'rows');
    });
    if (!options.output) {
      for await (const chunk of chunks) output.stdout.write(chunk);
    } else {
      const partial = `${options.output}.partial-${process.pid}`;
      const stream = createWriteStream(partial, { flags: 'wx' });
      try {
        for await (const chunk of chunks) if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
        stream.end();
        await finished(stream);
        await rename(partial, options.output);
      } catch (error) {
        stream.destroy();
        await rm(partial, { force: true });
        throw error;
      }
    }
    output.progress.stop();
    (options.output ? output.stdout : output.stderr).write(`Exported ${services} library service${services === 1 ? '' : 's'}${options.output ? ` to ${options.output}` : ''}\n`);
    return 0;
  }, () => output.progress.stop());
}

const console = () => ({ stdout: process.stdout, stderr: process.stderr, progress: createProgress(process.stderr) });

export function postcodesImportCommand(): Command {
  return new Command('postcodes')
    .description('load full postcodes (ONS Postcode Directory CSV: pcds, lat, long) or district centroids (outcode, latitude, longitude)')
    .argument('<file>', 'CSV file with a header line')
    .addOption(new Option('--format <format>', 'the layout (default: recognised from the header)').choices([...POSTCODE_FILE_FORMATS]))
    .addOption(databaseOption())
    .addHelpText('after', `\nExit codes: 0 all loaded; ${EXIT_SOME_REJECTED} loaded, but some rows were rejected; 1 nothing loaded.`)
    .action(async (file: string, options: { database?: string; format?: PostcodeFileFormat }) => {
      process.exitCode = await runPostcodesImport(file, options, console());
    });
}

export function librariesImportCommand(): Command {
  return new Command('libraries')
    .description('add or update library services and sites from the directory CSV (one row per site; see docs/directory.md)')
    .argument('<file>', 'CSV file with a header line')
    .addOption(databaseOption())
    .addHelpText('after', '\nAll or nothing: any bad row and nothing is written. Exit codes: 0 imported; 1 nothing imported.')
    .action(async (file: string, options: { database?: string }) => {
      process.exitCode = await runLibrariesImport(file, options, console());
    });
}

export function librariesExportCommand(): Command {
  return new Command('libraries')
    .description('write the library directory as CSV in the import layout')
    .addOption(new Option('-o, --output <file>', 'write to this file instead of standard output'))
    .addOption(databaseOption())
    .action(async (options: { database?: string; output?: string }) => {
      process.exitCode = await runLibrariesExport(options, console());
    });
}
