import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import {
  type Dialect,
  type ParseOptions,
  type PrintResult,
  type QueryNode,
  QuerySyntaxError,
  type StrategyLine,
  formatWithCaret,
  parseQuery,
  parseStrategy,
  printCanonical,
  printOvid,
  printPubmed,
} from '../modules/search/index.js';

/** Where a query command writes: results on stdout, errors and warnings on stderr. */
export interface QueryOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface QueryParseOptions {
  dialect?: Dialect;
  file?: string;
  strategy?: string;
  json?: boolean;
}

/** Exit code of `parse --file` when the file was read but some of its queries did not parse (as for imports that skip rows). */
export const EXIT_SOME_FAILED = 2;

const SYNTAXES = { pubmed: printPubmed, ovid: printOvid, canonical: printCanonical } as const;
export type Syntax = keyof typeof SYNTAXES;

const parseOptions = (options: { dialect?: Dialect }): ParseOptions => (options.dialect ? { dialect: options.dialect } : {});

/** Parses, or writes the error with a caret under it to stderr and returns null. */
function parseOrReport(query: string, options: { dialect?: Dialect }, output: QueryOutput) {
  try {
    return parseQuery(query, parseOptions(options));
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    output.stderr.write(`${formatWithCaret(query, error.toDetails())}\n`);
    return null;
  }
}

/** One JSON line per query: `{"line":3,"ok":true,"dialect":"pubmed","ast":…}` or `{"line":4,"ok":false,"error":{…}}`. */
async function parseFile(file: string, options: QueryParseOptions, output: QueryOutput): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  let failed = 0;
  let lineNumber = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (!text.trim()) continue;
    try {
      const parsed = parseQuery(text, parseOptions(options));
      output.stdout.write(`${JSON.stringify({ line: lineNumber, ok: true, dialect: parsed.dialect, ast: parsed.root })}\n`);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      failed += 1;
      const { message, hint, offset, line, column } = error.toDetails();
      output.stdout.write(`${JSON.stringify({ line: lineNumber, ok: false, error: { message, hint, offset, line, column } })}\n`);
    }
  }
  return failed > 0 ? EXIT_SOME_FAILED : 0;
}

/** A strategy as a table: line number, label, kind, dialect and how each search was read. */
export function formatStrategy(lines: readonly StrategyLine[]): string {
  const labelWidth = Math.max(5, ...lines.map((l) => (l.kind === 'comment' ? 0 : (l.label ?? '').length)));
  const rows = lines.map((l) => {
    const number = String(l.lineNumber).padStart(4);
    const label = (l.kind === 'comment' ? '' : (l.label ?? '')).padEnd(labelWidth);
    if (l.kind === 'comment') return `${number}  ${label}  comment  ${''.padEnd(6)}  ${l.text}`;
    if (l.kind === 'invalid') return `${number}  ${label}  invalid  ${''.padEnd(6)}  ${l.error.message} (line ${l.error.line}, column ${l.error.column}): ${l.text}`;
    return `${number}  ${label}  query    ${l.query.dialect.padEnd(6)}  ${printCanonical(l.query.root).text}`;
  });
  return `${[`${'line'.padStart(4)}  ${'label'.padEnd(labelWidth)}  kind     dialect canonical form`, ...rows].join('\n')}\n`;
}

async function parseStrategyFile(file: string, options: QueryParseOptions, output: QueryOutput): Promise<number> {
  const lines = parseStrategy(await readFile(file, 'utf8'));
  output.stdout.write(options.json ? `${JSON.stringify(lines, null, 2)}\n` : formatStrategy(lines));
  return lines.some((l) => l.kind === 'invalid') ? EXIT_SOME_FAILED : 0;
}

/** Runs `khub query parse QUERY`, `--file F` or `--strategy F`; returns the exit code. */
export async function runQueryParse(query: string | undefined, options: QueryParseOptions, output: QueryOutput): Promise<number> {
  if (options.file) return parseFile(options.file, options, output);
  if (options.strategy) return parseStrategyFile(options.strategy, options, output);
  if (query === undefined) throw new Error('give a query, or --file F (one query a line) or --strategy F (a whole strategy)');
  const parsed = parseOrReport(query, options, output);
  if (!parsed) return 1;
  output.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
  return 0;
}

function describeWarning(query: string, warning: PrintResult['warnings'][number]): string {
  const words = query.slice(warning.span.start, warning.span.end);
  return `warning: ${warning.message}${words ? ` (in ${words.length > 60 ? `${words.slice(0, 60)}…` : words})` : ''}\n`;
}

/** Runs `khub query translate QUERY --to SYNTAX`: the translation on stdout, `warning:` lines on stderr. */
export function runQueryTranslate(query: string, options: { to: Syntax; dialect?: Dialect }, output: QueryOutput): number {
  const parsed = parseOrReport(query, options, output);
  if (!parsed) return 1;
  const printed = SYNTAXES[options.to](parsed.root as QueryNode);
  output.stdout.write(`${printed.text}\n`);
  for (const warning of printed.warnings) output.stderr.write(describeWarning(query, warning));
  return 0;
}

const dialectOption = () => new Option('--dialect <dialect>', 'read the query as this dialect whatever its markers say').choices(['pubmed', 'ovid', 'khub']);
const terminal = (): QueryOutput => ({ stdout: process.stdout, stderr: process.stderr });

/** `khub query parse` and `khub query translate`. */
export function queryCommand(): Command {
  const parse = new Command('parse')
    .description('parse a search (PubMed, Ovid or khub syntax) and print its tree as JSON, or say where its syntax is wrong')
    .argument('[query...]', 'the query, e.g. "asthma[mh] AND therap*[tiab]"')
    .option('--file <file>', 'parse one query per line (- for standard input) and print one JSON object per line')
    .option('--strategy <file>', 'parse a whole strategy: numbered lines, headings and combinations')
    .option('--json', 'with --strategy: print the parsed lines as JSON')
    .addOption(dialectOption())
    .addHelpText('after', `\nExit codes: 0 parsed; 1 the query has a syntax error (or the file cannot be read); ${EXIT_SOME_FAILED} with --file or --strategy, some lines did not parse.`)
    .action(async (words: string[], options: QueryParseOptions) => {
      process.exitCode = await runQueryParse(words.length > 0 ? words.join(' ') : undefined, options, terminal());
    });
  const translate = new Command('translate')
    .description('print a search in PubMed, Ovid or khub canonical syntax; warnings (to stderr) say where the meaning shifts')
    .argument('<query...>', 'the query')
    .addOption(new Option('--to <syntax>', 'the syntax to write').choices(Object.keys(SYNTAXES)).makeOptionMandatory())
    .addOption(dialectOption())
    .action((words: string[], options: { to: Syntax; dialect?: Dialect }) => {
      process.exitCode = runQueryTranslate(words.join(' '), options, terminal());
    });
  return new Command('query').description('parse and translate PubMed and Ovid search syntax').addCommand(parse).addCommand(translate);
}
