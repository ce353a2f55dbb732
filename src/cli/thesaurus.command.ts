import { basename } from 'node:path';
import { Command, Option } from 'commander';
import type { Kysely } from 'kysely';
import {
  type Descriptor,
  type MeshImportSummary,
  type Suggestion,
  type TreePosition,
  findDescriptor,
  findDescriptorsByTerm,
  importMesh,
  listVocabularies,
  suggest,
  treePositions,
} from '../modules/thesaurus/index.js';
import type { Database } from '../platform/db/database.js';
import { databaseOption, withMigratedDatabase } from './options.js';
import { type ProgressReporter, createProgress } from './progress.js';

/** Where a thesaurus command writes: results on stdout, problems (and the progress bar) on stderr. */
export interface ThesaurusOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly progress: ProgressReporter;
}

interface Options {
  database?: string;
  year?: number;
  json?: boolean;
}

/** Exit code when MeSH was imported but some rows were skipped, as for the other imports. */
export const EXIT_SOME_SKIPPED = 2;

const count = (n: number) => new Intl.NumberFormat('en-GB').format(n);

/** Runs the work on the migrated database, stopping the progress bar whatever happens. */
function withDatabase<T>(options: Options, output: ThesaurusOutput, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return withMigratedDatabase(options, work, () => output.progress.stop());
}

/** The import's closing summary, and every skipped row as `FILE:LINE: field: message`. */
export function formatMeshSummary(summary: MeshImportSummary, seconds: number): { stdout: string; stderr: string } {
  const replaced = summary.replaced
    ? `the ${summary.year} vocabulary loaded before (${count(summary.replaced.descriptors)} descriptors, ${count(summary.replaced.terms)} terms)`
    : `nothing (${summary.year} was not loaded)`;
  const lines = [
    `Imported MeSH ${summary.year} from ${summary.files.map((f) => basename(f)).join(', ')} in ${seconds.toFixed(1)} s`,
    `  descriptors:  ${count(summary.descriptors)}`,
    `  terms:        ${count(summary.terms)}`,
    `  tree numbers: ${count(summary.treeNumbers)}`,
    `  replaced:     ${replaced}`,
    `  skipped:      ${count(summary.problemCount)}${summary.problemCount > 0 ? ' (listed on standard error)' : ''}`,
  ];
  const problems = summary.problems.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.message}\n`).join('');
  const more = summary.problemCount > summary.problems.length ? `… and ${count(summary.problemCount - summary.problems.length)} more\n` : '';
  return { stdout: `${lines.join('\n')}\n`, stderr: problems + more };
}

/** Runs `khub import mesh FILE…`; returns the exit code. */
export async function runMeshImport(files: string[], options: Options, output: ThesaurusOutput): Promise<number> {
  return withDatabase(options, output, async (db) => {
    const started = Date.now();
    const onProgress = (p: { file: string; bytesRead: number; totalBytes: number }) => output.progress.update(`Reading ${basename(p.file)}`, p.bytesRead, p.totalBytes, 'bytes');
    const summary = await importMesh(db, files, { year: options.year, onProgress });
    output.progress.stop();
    const text = formatMeshSummary(summary, (Date.now() - started) / 1000);
    output.stderr.write(text.stderr);
    output.stdout.write(text.stdout);
    return summary.problemCount > 0 ? EXIT_SOME_SKIPPED : 0;
  });
}

async function loadedYear(db: Kysely<Database>, options: Options): Promise<number> {
  const years = (await listVocabularies(db)).map((v) => v.year);
  const year = options.year ?? years[0];
  if (year === undefined) throw new Error('no MeSH vocabulary is loaded; load one with khub import mesh ../shared/data/mesh-2024');
  if (!years.includes(year)) throw new Error(`MeSH ${year} is not loaded (loaded: ${years.join(', ')})`);
  return year;
}

function describeDescriptor(d: Descriptor, matched: readonly string[]): string {
  const lines = [`${d.ui}  ${d.name}`];
  if (matched.length > 0) lines.push(`  matched:      ${matched.join('; ')}`);
  if (d.entryTerms.length > 0) lines.push(`  entry terms:  ${d.entryTerms.join('; ')}`);
  lines.push(`  tree numbers: ${d.treeNumbers.join(', ') || '(none)'}`);
  return lines.join('\n');
}

const MATCH_LABEL: Record<Suggestion['match'], string> = { exact: 'entry term', 'name-prefix': 'name starts so', 'term-prefix': 'entry term starts so', 'word-start': 'a word starts so' };

function describeSuggestions(term: string, suggestions: readonly Suggestion[]): string {
  if (suggestions.length === 0) return `No MeSH heading matches "${term}".\n`;
  const width = Math.max(...suggestions.map((s) => s.name.length));
  const rows = suggestions.map((s) => `  ${s.ui.padEnd(10)} ${s.name.padEnd(width)}  ${s.term === s.name ? '' : `"${s.term}" `}(${MATCH_LABEL[s.match]})  ${s.treeNumbers.join(', ')}`);
  return `No MeSH entry term is "${term}". Did you mean:\n${rows.join('\n')}\n`;
}

/** Runs `khub thesaurus lookup TERM`: 0 when the term is an entry term, 1 when only suggestions (or nothing) were found. */
export async function runThesaurusLookup(term: string, options: Options, output: ThesaurusOutput): Promise<number> {
  return withDatabase(options, output, async (db) => {
    const year = await loadedYear(db, options);
    const matches = await findDescriptorsByTerm(db, term, { year });
    const descriptors = await Promise.all(matches.map(async (m) => ({ match: m, descriptor: await findDescriptor(db, m.ui, { year }) })));
    const found = descriptors.flatMap((d) => (d.descriptor ? [{ ...d.descriptor, matchedTerms: d.match.matchedTerms }] : []));
    const suggestions = found.length === 0 ? await suggest(db, term, 10, { year }) : [];
    if (options.json) output.stdout.write(`${JSON.stringify({ query: term, year, matches: found, suggestions })}\n`);
    else if (found.length > 0) output.stdout.write(`${found.map((d) => describeDescriptor(d, d.matchedTerms)).join('\n\n')}\n`);
    else output.stdout.write(describeSuggestions(term, suggestions));
    return found.length > 0 ? 0 : 1;
  });
}

/** The tree positions as an indented outline from the category down to the children, the descriptor marked. */
export function formatTree(descriptor: Descriptor, positions: readonly TreePosition[]): string {
  const lines = [`${descriptor.ui}  ${descriptor.name}  (MeSH ${descriptor.year})`];
  if (positions.length === 0) lines.push('', '  (no tree numbers)');
  for (const position of positions) {
    lines.push('', `${position.category.letter}  ${position.category.name}`);
    const depth = position.ancestors.length + 1;
    position.ancestors.forEach((a, i) => lines.push(`${'  '.repeat(i + 1)}${a.treeNumber}  ${a.name}  ${a.ui}`));
    lines.push(`${'  '.repeat(depth)}${position.treeNumber}  ${descriptor.name}  ${descriptor.ui}  ◀`);
    for (const child of position.children) lines.push(`${'  '.repeat(depth + 1)}${child.treeNumber}  ${child.name}  ${child.ui}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `khub thesaurus tree UI`; 1 when there is no such descriptor. */
export async function runThesaurusTree(ui: string, options: Options, output: ThesaurusOutput): Promise<number> {
  return withDatabase(options, output, async (db) => {
    const year = await loadedYear(db, options);
    const descriptor = await findDescriptor(db, ui, { year });
    if (!descriptor) {
      output.stderr.write(`khub: there is no descriptor ${ui.trim().toUpperCase()} in MeSH ${year}\n`);
      return 1;
    }
    const positions = await treePositions(db, descriptor.ui, { year });
    output.stdout.write(options.json ? `${JSON.stringify({ descriptor, positions })}\n` : formatTree(descriptor, positions));
    return 0;
  });
}

const yearOption = () => new Option('--year <year>', 'the MeSH year (default: the newest loaded)').argParser((v) => Number.parseInt(v, 10));
const terminal = (): ThesaurusOutput => ({ stdout: process.stdout, stderr: process.stderr, progress: createProgress(process.stderr) });

/** `khub import mesh FILE…`: one year of MeSH from NLM's descriptor XML or the thesaurus and trees CSV files. */
export function importMeshCommand(): Command {
  return new Command('mesh')
    .description("load one year of MeSH, replacing that year's vocabulary at once: desc2024.xml[.gz], or mesh_thesaurus.csv.gz with mesh_trees.csv.gz (or their folder)")
    .argument('<files...>', 'the descriptor XML file, or the two CSV files, or a folder holding them')
    .addOption(new Option('--year <year>', 'the MeSH year (default: the year in the file or folder name)').argParser((v) => Number.parseInt(v, 10)))
    .addOption(databaseOption())
    .addHelpText('after', `\nExit codes: 0 imported; ${EXIT_SOME_SKIPPED} imported, but some rows were skipped; 1 nothing changed.`)
    .action(async (files: string[], options: Options) => {
      process.exitCode = await runMeshImport(files, options, terminal());
    });
}

/** `khub thesaurus lookup TERM` and `khub thesaurus tree UI`. */
export function thesaurusCommand(): Command {
  const lookup = new Command('lookup')
    .description('find the MeSH descriptor for an entry term (case and punctuation do not matter), or suggest some')
    .argument('<term...>', 'the term, e.g. heart attack')
    .option('--json', 'print one JSON object')
    .addOption(yearOption())
    .addOption(databaseOption())
    .addHelpText('after', '\nExit codes: 0 the term is an entry term; 1 it is not (suggestions are printed).')
    .action(async (term: string[], options: Options) => {
      process.exitCode = await runThesaurusLookup(term.join(' '), options, terminal());
    });
  const tree = new Command('tree')
    .description("show a descriptor's places in the MeSH tree, from the top down to its children")
    .argument('<ui>', 'the descriptor UI, e.g. D003924')
    .option('--json', 'print one JSON object')
    .addOption(yearOption())
    .addOption(databaseOption())
    .action(async (ui: string, options: Options) => {
      process.exitCode = await runThesaurusTree(ui, options, terminal());
    });
  return new Command('thesaurus').description('look up MeSH headings, entry terms and tree positions').addCommand(lookup).addCommand(tree);
}
