import { Command, Option } from 'commander';
import type { Kysely } from 'kysely';
import {
  type ImportProgress,
  importOdsOrganisations,
  importOrganisationWte,
  ORGANISATION_TYPES,
  type OdsImportSummary,
  type OrganisationType,
  type RejectedLine,
  type WteImportSummary,
} from '../modules/organisations/index.js';
import type { Database } from '../platform/db/database.js';
import { recordsImportCommand } from './import-records.command.js';
import { databaseOption, withMigratedDatabase } from './options.js';
import { type ProgressReporter, createProgress } from './progress.js';
import { pubmedImportCommand } from './import-pubmed.command.js';
import { importMeshCommand } from './thesaurus.command.js';
import { librariesImportCommand, postcodesImportCommand } from './import-directory.command.js';

/** Where a command writes: the summary on stdout, problems (and the progress bar) on stderr. */
export interface CommandOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly progress: ProgressReporter;
}

/** Exit code when the file was imported but some lines were rejected (0: all imported; 1: nothing imported). */
export const EXIT_SOME_REJECTED = 2;

function counted(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} (${n})`)
    .join(', ');
}

/** The closing summary: what was added, updated, left alone, skipped and rejected, and why. */
export function formatOdsSummary(summary: OdsImportSummary): { stdout: string; stderr: string } {
  const lines = [
    `Imported organisations from ${summary.file}`,
    `  added:         ${summary.added}`,
    `  updated:       ${summary.updated}`,
    `  unchanged:     ${summary.unchanged}`,
    `  sites skipped: ${summary.sites} (5-character site codes are not organisations)`,
    `  rejected:      ${summary.rejected.length}${summary.rejected.length > 0 ? ' (listed on standard error)' : ''}`,
  ];
  if (Object.keys(summary.unknownRegions).length > 0) lines.push(`  region left unset, grouping code is not a current NHS England region: ${counted(summary.unknownRegions)}`);
  if (Object.keys(summary.unmatchedCounties).length > 0) lines.push(`  county left unset, no such ceremonial county: ${counted(summary.unmatchedCounties)}`);
  return { stdout: `${lines.join('\n')}\n`, stderr: rejectedLines(summary.file, summary.rejected) };
}

/** Every problem as `FILE:LINE: field: message`, one a line, as editors and CI logs link them. */
function rejectedLines(file: string, rejected: readonly RejectedLine[]): string {
  const problems = rejected.flatMap((r) => r.problems.map((p) => `${file}:${r.line}: ${p.field}: ${p.message}`));
  return problems.length > 0 ? `${problems.join('\n')}\n` : '';
}

/** The WTE import's closing summary. */
export function formatWteSummary(summary: WteImportSummary): { stdout: string; stderr: string } {
  const unknown = summary.unknownCodes;
  const lines = [
    `Imported staff WTE from ${summary.file}`,
    `  updated:       ${summary.updated}`,
    `  unchanged:     ${summary.unchanged}`,
    `  kept (khub has a later month): ${summary.newerKept}`,
    `  unknown codes: ${unknown.length}${unknown.length > 0 ? ` (no such organisation in khub: ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ', …' : ''})` : ''}`,
    `  rejected:      ${summary.rejected.length}${summary.rejected.length > 0 ? ' (listed on standard error)' : ''}`,
  ];
  return { stdout: `${lines.join('\n')}\n`, stderr: rejectedLines(summary.file, summary.rejected) };
}

/** Runs the work on the migrated database, stopping the progress bar whatever happens. */
function withDatabase<T>(options: { database?: string }, output: CommandOutput, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return withMigratedDatabase(options, work, () => output.progress.stop());
}

function reportProgress(output: CommandOutput) {
  return (p: ImportProgress) => output.progress.update(p.phase === 'read' ? 'Reading' : 'Writing', p.done, p.total, p.phase === 'read' ? 'bytes' : 'rows');
}

function finish(output: CommandOutput, text: { stdout: string; stderr: string }, rejected: number): number {
  output.progress.stop();
  output.stderr.write(text.stderr);
  output.stdout.write(text.stdout);
  return rejected > 0 ? EXIT_SOME_REJECTED : 0;
}

/** Runs `khub import organisations FILE`; returns the exit code. */
export async function runOrganisationsImport(file: string, options: { database?: string; type?: OrganisationType }, output: CommandOutput): Promise<number> {
  return withDatabase(options, output, async (db) => {
    const summary = await importOdsOrganisations(db, file, { type: options.type, onProgress: reportProgress(output) });
    return finish(output, formatOdsSummary(summary), summary.rejected.length);
  });
}

/** Runs `khub import organisation-wte FILE`; returns the exit code. */
export async function runOrganisationWteImport(file: string, options: { database?: string }, output: CommandOutput): Promise<number> {
  return withDatabase(options, output, async (db) => {
    const summary = await importOrganisationWte(db, file, { onProgress: reportProgress(output) });
    return finish(output, formatWteSummary(summary), summary.rejected.length);
  });
}

function organisationsCommand(): Command {
  const types = ORGANISATION_TYPES.map((t) => t.value);
  return new Command('organisations')
    .description('add or update organisations from an ODS CSV file (etr.csv, etrust.csv; .gz accepted), matched by ODS code')
    .argument('<file>', 'headerless ODS CSV file, plain or gzip-compressed')
    .addOption(databaseOption())
    .addOption(new Option('--type <type>', 'type for the organisations in the file (default for new ones: nhs_trust)').choices(types))
    .addHelpText('after', `\nExit codes: 0 all imported; ${EXIT_SOME_REJECTED} imported, but some lines were rejected; 1 nothing imported.`)
    .action(async (file: string, options: { database?: string; type?: OrganisationType }) => {
      const output = { stdout: process.stdout, stderr: process.stderr, progress: createProgress(process.stderr) };
      process.exitCode = await runOrganisationsImport(file, options, output);
    });
}

function organisationWteCommand(): Command {
  return new Command('organisation-wte')
    .description("set organisations' staff whole-time equivalent from NHS workforce statistics (month,org_code,org_name,total_fte), latest month per organisation")
    .argument('<file>', 'CSV file with a header line, plain or gzip-compressed')
    .addOption(databaseOption())
    .addHelpText('after', `\nExit codes: 0 all imported; ${EXIT_SOME_REJECTED} imported, but some lines were rejected; 1 nothing imported.`)
    .action(async (file: string, options: { database?: string }) => {
      process.exitCode = await runOrganisationWteImport(file, options, { stdout: process.stdout, stderr: process.stderr, progress: createProgress(process.stderr) });
    });
}

/** `khub import <kind> FILE`: one subcommand per kind of file (libraries and postcodes are to come). */
export function importCommand(): Command {
  return new Command('import')
    .description('load reference data and records from files into the database')
    .addCommand(organisationsCommand())
    .addCommand(organisationWteCommand())
    .addCommand(recordsImportCommand())
    .addCommand(pubmedImportCommand())
    .addCommand(importMeshCommand())
    .addCommand(postcodesImportCommand())
    .addCommand(librariesImportCommand());
}
