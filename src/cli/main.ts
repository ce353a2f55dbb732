import { Command, CommanderError } from 'commander';
import { ConfigError, loadDotEnv } from '../config.js';
import { projectVersion } from '../platform/paths.js';
import { exportCommand } from './export.command.js';
import { importCommand } from './import.command.js';
import { migrateCommand } from './migrate.command.js';
import { queryCommand } from './query.command.js';
import { recordsCommand } from './records.command.js';
import { searchCommand } from './search.command.js';
import { serveCommand } from './serve.command.js';
import { setupLinkCommand } from './setup-link.command.js';
import { thesaurusCommand } from './thesaurus.command.js';

/** The `khub` command line; each command lives in its own file and adds itself here. */
export function buildCli(): Command {
  const program = new Command('khub')
    .description('khub: evidence search, library directory and service management for knowledge and library services')
    .version(projectVersion)
    .showHelpAfterError('(run khub --help for the list of commands)');
  program.addCommand(serveCommand());
  program.addCommand(migrateCommand());
  program.addCommand(importCommand());
  program.addCommand(exportCommand());
  program.addCommand(recordsCommand());
  program.addCommand(thesaurusCommand());
  program.addCommand(queryCommand());
  program.addCommand(searchCommand());
  program.addCommand(setupLinkCommand());
  return program;
}

/** Runs the CLI and turns expected failures into one clear line and a non-zero exit code. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().exitOverride().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof ConfigError ? `configuration error: ${error.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`khub: ${message}\n`);
    process.exitCode = 1;
  }
}

loadDotEnv();
await runCli(process.argv);
