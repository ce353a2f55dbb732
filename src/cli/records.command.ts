import { Command, Option } from 'commander';
import { type DuplicateGroup, type RecordStats, countDuplicateGroups, getRecordStats, listDuplicateGroups, rebuildDuplicateGroups } from '../modules/records/index.js';
import { databaseOption, withMigratedDatabase } from './options.js';

const count = (value: number): string => new Intl.NumberFormat('en-GB').format(value);

/** `records stats` as a table for people: counts by source, then the last import. */
export function formatRecordStats(stats: RecordStats): string {
  const rows = Object.entries(stats.bySource).map(([source, n]) => [source, count(n)] as const);
  const all = [...rows, ['total', count(stats.records)] as const];
  const width = Math.max(...all.map(([source]) => source.length));
  const numberWidth = Math.max(...all.map(([, n]) => n.length));
  const lines = ['Records by source', ...all.map(([source, n]) => `  ${source.padEnd(width)}  ${n.padStart(numberWidth)}`)];
  const run = stats.lastImport;
  if (run) {
    lines.push(
      `Last import: ${run.input} (${run.format}), ${run.status}, started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}`,
      `  added ${run.added}, updated ${run.updated}, unchanged ${run.unchanged}, deleted ${run.deleted}, skipped ${run.skipped}`,
    );
    if (run.error) lines.push(`  error: ${run.error}`);
  } else {
    lines.push('No imports yet.');
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `khub records stats`; returns the exit code. */
export async function runRecordStats(flags: { database?: string; json?: boolean }, stdout: { write(text: string): unknown }): Promise<number> {
  return withMigratedDatabase(flags, async (db) => {
    const stats = await getRecordStats(db);
    stdout.write(flags.json ? `${JSON.stringify(stats)}\n` : formatRecordStats(stats));
    return 0;
  });
}

function statsCommand(): Command {
  return new Command('stats')
    .description('count stored records by source and show the last import')
    .addOption(databaseOption())
    .addOption(new Option('--json', 'print one JSON object {"records": N, "bySource": {…}, "lastImport": {…}} for scripts'))
    .action(async (flags: { database?: string; json?: boolean }) => {
      process.exitCode = await runRecordStats(flags, process.stdout);
    });
}

/** Duplicate groups for people: each group's records with source, id, year and title. */
export function formatDuplicateGroups(groups: readonly DuplicateGroup[], total: number): string {
  const lines = [`${count(total)} duplicate group(s)${groups.length < total ? `, the ${groups.length} largest shown` : ''}`];
  for (const group of groups) {
    lines.push(`Group ${group.groupId} (${group.records.length} records)`);
    for (const r of group.records) lines.push(`  ${r.source}:${r.sourceId}  ${r.year ?? '----'}  ${r.title.slice(0, 90)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `khub records duplicates`; returns the exit code. */
export async function runRecordDuplicates(
  flags: { database?: string; json?: boolean; rebuild?: boolean; limit?: number },
  stdout: { write(text: string): unknown },
): Promise<number> {
  return withMigratedDatabase(flags, async (db) => {
    if (flags.rebuild) await rebuildDuplicateGroups(db);
    const [groups, total] = [await listDuplicateGroups(db, { limit: flags.limit ?? 50 }), await countDuplicateGroups(db)];
    stdout.write(flags.json ? `${JSON.stringify({ groups: total, largest: groups })}\n` : formatDuplicateGroups(groups, total));
    return 0;
  });
}

function duplicatesCommand(): Command {
  return new Command('duplicates')
    .description('report groups of records that are the same article from different sources (PMID, DOI, or title + year + first page/author)')
    .addOption(databaseOption())
    .option('--rebuild', 'recompute every group from scratch first (after large deletions or edits)')
    .addOption(new Option('--limit <n>', 'how many of the largest groups to list').default(50).argParser(Number))
    .option('--json', 'print one JSON object {"groups": N, "largest": […]}')
    .action(async (flags: { database?: string; json?: boolean; rebuild?: boolean; limit?: number }) => {
      process.exitCode = await runRecordDuplicates(flags, process.stdout);
    });
}

/** `khub records <task>`: looking after the stored bibliographic records. */
export function recordsCommand(): Command {
  return new Command('records').description('look after the stored bibliographic records').addCommand(statsCommand()).addCommand(duplicatesCommand());
}
