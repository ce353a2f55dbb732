/**
 * Search history: numbered lines, each with its text, parsed query, hit count and run time. Lines
 * refer to each other (`#3`, Ovid `3`, a pasted strategy's `1a`); editing a line re-runs the lines
 * that depend on it; a line others depend on cannot be deleted until they no longer do.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import type { ParsedQuery, QueryNode, StrategyLine } from '../query/ast.js';
import { QuerySyntaxError } from '../query/errors.js';
import type { SearchHistoryLineRow } from './history.table.js';
import { type LineError, searchError, syntaxError } from './line-error.js';
import { referencedLabels, relabel } from './line-references.js';

export type { LineError } from './line-error.js';

/** What the history needs from the query language and the engine. */
export interface HistoryEngine {
  parse(text: string): ParsedQuery;
  parseStrategy(text: string): StrategyLine[];
  /** Hits for the query; `resolveLine` gives the query of a referenced line (by number, as a string). */
  count(node: QueryNode, resolveLine: (label: string) => QueryNode | undefined): Promise<number>;
}

export interface HistoryLine {
  readonly number: number;
  readonly label: string | null;
  readonly text: string;
  readonly dialect: string | null;
  /** With line references as history line numbers; null when the text did not parse. */
  readonly query: QueryNode | null;
  readonly references: readonly number[];
  readonly hits: number | null;
  readonly runMs: number | null;
  readonly error: LineError | null;
  readonly createdAt: string;
  readonly runAt: string;
}

/** Deleting a line that other lines refer to. */
export class LineInUseError extends Error {
  constructor(
    readonly line: number,
    readonly usedBy: readonly number[],
  ) {
    super(`Line ${line} is used by line${usedBy.length > 1 ? 's' : ''} ${usedBy.join(', ')}: edit or delete ${usedBy.length > 1 ? 'them' : 'it'} first`);
    this.name = 'LineInUseError';
  }
}

export class HistoryLineNotFoundError extends Error {
  constructor(readonly line: number) {
    super(`There is no line ${line} in this history`);
    this.name = 'HistoryLineNotFoundError';
  }
}

function toLine(row: SearchHistoryLineRow): HistoryLine {
  return {
    number: row.number,
    label: row.label,
    text: row.text,
    dialect: row.dialect,
    query: row.ast ? (JSON.parse(row.ast) as QueryNode) : null,
    references: JSON.parse(row.line_refs) as number[],
    hits: row.hits,
    runMs: row.run_ms,
    error: row.error ? (JSON.parse(row.error) as LineError) : null,
    createdAt: row.created_at,
    runAt: row.run_at,
  };
}

export async function listHistory(db: Kysely<Database>, owner: string): Promise<HistoryLine[]> {
  const rows = await db.selectFrom('search_history_line').selectAll().where('owner', '=', owner).where('deleted_at', 'is', null).orderBy('number').execute();
  return rows.map(toLine);
}

export async function clearHistory(db: Kysely<Database>, owner: string): Promise<void> {
  await db.deleteFrom('search_history_line').where('owner', '=', owner).execute();
}

interface Evaluated {
  readonly dialect: string | null;
  readonly query: QueryNode | null;
  readonly references: number[];
  readonly hits: number | null;
  readonly runMs: number | null;
  readonly error: LineError | null;
}

/** Which existing line a label means: `labels` (a paste's own labels) first, then a line number, then a line's label. */
function lineFor(label: string, lines: readonly HistoryLine[], labels: ReadonlyMap<string, number>): number | undefined {
  const own = labels.get(label);
  if (own !== undefined) return own;
  if (/^\d+$/.test(label) && lines.some((line) => line.number === Number(label))) return Number(label);
  return lines.findLast((line) => line.label !== null && line.label.toLowerCase() === label.toLowerCase())?.number;
}

/** Everything that depends on `number`, directly or through other lines. */
function dependantsOf(number: number, lines: readonly HistoryLine[]): Set<number> {
  const found = new Set<number>();
  const queue = [number];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const line of lines) {
      if (!line.references.includes(current) || found.has(line.number)) continue;
      found.add(line.number);
      queue.push(line.number);
    }
  }
  return found;
}

async function evaluate(engine: HistoryEngine, text: string, self: number, lines: readonly HistoryLine[], labels: ReadonlyMap<string, number>, parsed?: ParsedQuery): Promise<Evaluated> {
  let query: ParsedQuery;
  try {
    query = parsed ?? engine.parse(text);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    return { dialect: null, query: null, references: [], hits: null, runMs: null, error: syntaxError(error) };
  }
  const rename = new Map<string, string>();
  const missing: string[] = [];
  for (const label of referencedLabels(query.root)) {
    const number = lineFor(label, lines, labels);
    if (number === undefined || number === self) missing.push(label);
    else rename.set(label, String(number));
  }
  const root = relabel(query.root, rename);
  const references = [...new Set(rename.values())].map(Number);
  const fail = (error: LineError): Evaluated => ({ dialect: query.dialect, query: root, references, hits: null, runMs: null, error });
  if (missing.length > 0) return fail({ code: 'unknown_line', message: `There is no line ${missing.join(', ')} to refer to${missing.includes(String(self)) ? ' (a line cannot refer to itself)' : ''}` });
  const cycle = references.find((ref) => dependantsOf(self, lines).has(ref));
  if (cycle !== undefined) return fail({ code: 'line_cycle', message: `Line ${cycle} already depends on line ${self}, so line ${self} cannot refer to it` });
  const byNumber = new Map(lines.map((line) => [String(line.number), line]));
  const broken = references.filter((ref) => byNumber.get(String(ref))?.query === null || byNumber.get(String(ref))?.error);
  if (broken.length > 0) return fail({ code: 'line_has_error', message: `Line ${broken.join(', ')} has an error; fix it first` });
  const started = performance.now();
  try {
    const hits = await engine.count(root, (label) => byNumber.get(label)?.query ?? undefined);
    return { dialect: query.dialect, query: root, references, hits, runMs: performance.now() - started, error: null };
  } catch (error) {
    return fail(searchError(error));
  }
}

function columns(evaluated: Evaluated, now: string) {
  return {
    dialect: evaluated.dialect,
    ast: evaluated.query ? JSON.stringify(evaluated.query) : null,
    line_refs: JSON.stringify(evaluated.references),
    hits: evaluated.hits,
    run_ms: evaluated.runMs,
    error: evaluated.error ? JSON.stringify(evaluated.error) : null,
    run_at: now,
  };
}

export interface AddLineOptions {
  readonly label?: string | null;
  /** Labels of a pasted strategy, resolved before the history's own numbers and labels. */
  readonly labels?: ReadonlyMap<string, number>;
  readonly parsed?: ParsedQuery;
  readonly now?: Date;
}

/** Runs a search and adds it as the next line; a line that does not parse or run is kept, with its error. */
export async function addLine(db: Kysely<Database>, owner: string, text: string, engine: HistoryEngine, options: AddLineOptions = {}): Promise<HistoryLine> {
  const lines = await listHistory(db, owner);
  const last = await db.selectFrom('search_history_line').select((eb) => eb.fn.max('number').as('n')).where('owner', '=', owner).executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const evaluated = await evaluate(engine, text, number, lines, options.labels ?? new Map(), options.parsed);
  const now = (options.now ?? new Date()).toISOString();
  await db
    .insertInto('search_history_line')
    .values({ owner, number, label: options.label ?? null, text, created_at: now, ...columns(evaluated, now) })
    .execute();
  return (await listHistory(db, owner)).find((line) => line.number === number) as HistoryLine;
}

/** Changes a line's text and re-runs it and every line that depends on it; returns the lines re-run, in order. */
export async function editLine(db: Kysely<Database>, owner: string, number: number, text: string, engine: HistoryEngine, now = new Date()): Promise<HistoryLine[]> {
  let lines = await listHistory(db, owner);
  if (!lines.some((line) => line.number === number)) throw new HistoryLineNotFoundError(number);
  const stamp = now.toISOString();
  const evaluated = await evaluate(engine, text, number, lines, new Map());
  await db.updateTable('search_history_line').set({ text, ...columns(evaluated, stamp) }).where('owner', '=', owner).where('number', '=', number).execute();
  const rerun = [number];
  // Dependants run after everything they refer to: repeatedly take one whose references are all settled.
  const pending = dependantsOf(number, lines);
  const settled = new Set(lines.map((line) => line.number).filter((n) => !pending.has(n)));
  while (pending.size > 0) {
    lines = await listHistory(db, owner);
    const next = lines.find((line) => pending.has(line.number) && line.references.every((ref) => settled.has(ref)));
    if (!next) break;
    const again = await evaluate(engine, next.text, next.number, lines, new Map());
    await db.updateTable('search_history_line').set(columns(again, stamp)).where('owner', '=', owner).where('number', '=', next.number).execute();
    pending.delete(next.number);
    settled.add(next.number);
    rerun.push(next.number);
  }
  const after = await listHistory(db, owner);
  return rerun.map((n) => after.find((line) => line.number === n) as HistoryLine);
}

/** Deletes a line nothing refers to; otherwise says which lines use it. Numbers are never reused. */
export async function deleteLine(db: Kysely<Database>, owner: string, number: number): Promise<void> {
  const lines = await listHistory(db, owner);
  if (!lines.some((line) => line.number === number)) throw new HistoryLineNotFoundError(number);
  const usedBy = lines.filter((line) => line.references.includes(number)).map((line) => line.number);
  if (usedBy.length > 0) throw new LineInUseError(number, usedBy);
  await db.updateTable('search_history_line').set({ deleted_at: new Date().toISOString() }).where('owner', '=', owner).where('number', '=', number).execute();
}

/**
 * Runs a pasted strategy line by line. Its lines refer to each other by their own labels ("1a", "B") or,
 * unlabelled, by their position among the strategy's searches (Ovid's `or/1-3`); comments are skipped.
 */
export async function runStrategy(db: Kysely<Database>, owner: string, text: string, engine: HistoryEngine, now = new Date()): Promise<HistoryLine[]> {
  const labels = new Map<string, number>();
  const added: HistoryLine[] = [];
  let ordinal = 0;
  for (const line of engine.parseStrategy(text)) {
    if (line.kind === 'comment') continue;
    ordinal += 1;
    const label = line.label ?? String(ordinal);
    const options: AddLineOptions = { label: line.label, labels, now, ...(line.kind === 'query' ? { parsed: line.query } : {}) };
    const saved = await addLine(db, owner, line.text, engine, options);
    labels.set(label, saved.number);
    added.push(saved);
  }
  return added;
}
