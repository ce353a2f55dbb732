import type { Dialect, StrategyLine } from './ast.js';
import { detectDialect } from './dialect.js';
import { QuerySyntaxError } from './errors.js';
import { lex } from './lexer.js';
import { parseWithContext } from './parser.js';
import { classify } from './tokens.js';

/** `1.`, `1a`, `2 `, `A.`, `#1` at the start of a line. */
const LABEL = /^(?:#(\d+[a-zA-Z]?)|(\d+[a-zA-Z]?)\.?|([A-Z])\.)(?=\s|$)\s*/;
const OPERATOR_START = /^(?:and|or|not)(?:\s|\(|$)/i;
/** "Population: low back pain", "Final search: A or B" (a heading, then what it heads). */
const HEADING_PREFIX = /^([A-Za-z][A-Za-z ,()'’/-]{0,60}?):\s+(.*)$/s;

interface Entry {
  /** The line as written, for comments. */
  line: string;
  label: string | null;
  text: string;
  lineNumber: number;
}

function splitLabel(line: string): { label: string | null; rest: string } {
  const match = LABEL.exec(line);
  if (!match) return { label: null, rest: line };
  const rest = line.slice(match[0].length);
  // `1 and 2`, `36 not (36 and 37)`: the number is the search, not its label.
  if (OPERATOR_START.test(rest)) return { label: null, rest: line };
  return { label: match[1] ?? match[2] ?? match[3] ?? null, rest };
}

type Scan = { dialect: Dialect | null; combinationOnly: boolean; broken: boolean };

function scan(text: string): Scan {
  try {
    const detection = detectDialect(classify(text, lex(text)));
    return { dialect: detection.strength === 'strong' ? detection.dialect : null, combinationOnly: detection.combinationOnly, broken: false };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { dialect: null, combinationOnly: false, broken: true };
    throw error;
  }
}

/** The dialect most marked lines are written in; unmarked lines (`1 AND 2 NOT 3`) follow it. */
function dominantDialect(scans: readonly Scan[]): Dialect | undefined {
  const counts = new Map<Dialect, number>();
  for (const s of scans) if (s.dialect) counts.set(s.dialect, (counts.get(s.dialect) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return ranked[0]?.[0];
}

/** Heading or comment between searches, never a search: "Searches (combinations)", "2 Population: …". */
function isComment(text: string, s: Scan, dominant: Dialect | undefined): boolean {
  if (s.dialect !== null || s.combinationOnly) return false;
  if (HEADING_PREFIX.test(text)) return true;
  // A line that does not even split into words (an unclosed quote) is a broken search, reported as such.
  if (s.broken) return false;
  // In a strategy written in PubMed or Ovid, an unmarked line without a single operator is a heading.
  return dominant !== undefined && !/(?:^|[\s()])(?:and|or|not)(?=[\s()]|$)/i.test(text);
}

function gatherEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (!line) return;
    const previous = entries[entries.length - 1];
    // A line starting with OR/AND/NOT carries on the search above it (CLEF CD008643 breaks one so).
    if (OPERATOR_START.test(line) && previous && previous.text) {
      previous.text += `\n${line}`;
      return;
    }
    const { label, rest } = splitLabel(line);
    entries.push({ line, label, text: rest, lineNumber: index + 1 });
  });
  return entries;
}

/**
 * Parses a pasted strategy, one search per line. Never throws: a line that does not parse becomes
 * `kind: 'invalid'`. A label on its own line (`1a`), or on a heading (`3 Target condition: …`),
 * labels the next search that has none of its own; "Final search: A or B" is a search labelled
 * "Final search".
 */
export function parseStrategy(text: string): StrategyLine[] {
  const entries = gatherEntries(text);
  const scans = entries.map((e) => scan(e.text));
  const dominant = dominantDialect(scans);
  const lines: StrategyLine[] = [];
  let pending: string | null = null;
  entries.forEach((entry, i) => {
    const s = scans[i] as Scan;
    if (!entry.text) {
      pending = entry.label;
      return;
    }
    const heading = HEADING_PREFIX.exec(entry.text);
    const headed = heading && s.dialect === null && scan(heading[2] as string).combinationOnly ? { label: heading[1] as string, text: heading[2] as string } : null;
    if (!headed && isComment(entry.text, s, dominant)) {
      pending = entry.label ?? pending;
      lines.push({ kind: 'comment', text: entry.line, lineNumber: entry.lineNumber });
      return;
    }
    const label = entry.label ?? headed?.label ?? pending;
    const query = headed?.text ?? entry.text;
    pending = null;
    try {
      const parsed = parseWithContext(query, { fallbackDialect: dominant });
      lines.push({ kind: 'query', label, text: query, query: { dialect: parsed.dialect, root: parsed.root }, lineNumber: entry.lineNumber });
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      lines.push({ kind: 'invalid', label, text: query, error: error.toDetails(), lineNumber: entry.lineNumber });
    }
  });
  return lines;
}
