import { QuerySyntaxError } from './errors.js';
import { findOvidField, findPubmedTag } from './field-codes.js';
import { type RawToken, isEscapedAt, lastUnescaped } from './lexer.js';

/** A token once its job is known: operator, line reference, field suffix, heading slash … @internal */
export type Token =
  | { readonly type: 'lparen' | 'rparen'; readonly start: number; readonly end: number }
  | { readonly type: 'op'; readonly op: 'and' | 'or' | 'not'; readonly start: number; readonly end: number }
  /** `adj3` (Ovid) or `NEAR/2` (khub). */
  | { readonly type: 'prox'; readonly maxBetween: number; readonly ovid: boolean; readonly start: number; readonly end: number }
  | { readonly type: 'exp'; readonly start: number; readonly end: number }
  | { readonly type: 'ref'; readonly label: string; readonly start: number; readonly end: number }
  /** Ovid `or/1-5`, `and/3,4`. */
  | { readonly type: 'combine'; readonly op: 'and' | 'or'; readonly labels: readonly string[]; readonly start: number; readonly end: number }
  | { readonly type: 'word' | 'quoted'; readonly raw: string; readonly start: number; readonly end: number }
  | { readonly type: 'tag'; readonly content: string; readonly start: number; readonly end: number }
  /** Ovid `.ti,ab.`: the codes, lower case. */
  | { readonly type: 'suffix'; readonly codes: readonly string[]; readonly start: number; readonly end: number }
  /** Ovid `Heading/` or `Heading/dt, th`: the slash and its qualifiers. */
  | { readonly type: 'heading'; readonly qualifiers: readonly string[]; readonly start: number; readonly end: number }
  | { readonly type: 'limit' | 'to'; readonly start: number; readonly end: number }
  | { readonly type: 'limits'; readonly items: readonly LimitItem[]; readonly start: number; readonly end: number };

export interface LimitItem {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The longest `or/1-N` range khub expands; longer ones are almost certainly typing slips. */
export const MAX_RANGE = 1000;

const OPERATORS: Record<string, 'and' | 'or' | 'not'> = { and: 'and', or: 'or', not: 'not' };
const SUFFIX = /\.([a-z]{2}(?:,[a-z]{2})*)\.?$/i;
const CODE_LIST = /^,?([a-z]{2}(?:,[a-z]{2})*)(\.?)$/i;
const QUALIFIER_LIST = /^([a-z]{2}(?:,[a-z]{2})*)?(,?)$/i;

const knownOvidCodes = (list: string) => list.split(',').every((code) => findOvidField(code) !== undefined);

/** Turns raw tokens into classified ones; `source` is only used for error positions and limit texts. @internal */
export function classify(source: string, raw: readonly RawToken[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const token = raw[i] as RawToken;
    if (token.type !== 'word') {
      out.push(token);
      continue;
    }
    i = classifyWord(source, raw, i, out);
  }
  return markLimits(source, dropAnnotations(out));
}

function keyword(source: string, token: RawToken & { type: 'word' }, next: RawToken | undefined): Token | null {
  if (token.raw.includes('\\')) return null;
  const { start, end } = token;
  const lower = token.raw.toLowerCase();
  const op = OPERATORS[lower];
  if (op) return { type: 'op', op, start, end };
  const adj = /^adj(\d*)$/.exec(lower);
  if (adj) {
    const n = adj[1] ? Number(adj[1]) : 1;
    if (n < 1 || n > 99) throw QuerySyntaxError.at(source, start, `${token.raw} is not a distance Ovid allows`, 'Use adj1 to adj99: adj3 means within three words, in any order.');
    return { type: 'prox', maxBetween: n - 1, ovid: true, start, end };
  }
  const near = /^near\/(\d{1,2})$/.exec(lower);
  if (near) return { type: 'prox', maxBetween: Number(near[1]), ovid: false, start, end };
  if (lower === 'exp' && next && (next.type === 'word' || next.type === 'quoted')) return { type: 'exp', start, end };
  const ref = /^#([A-Za-z0-9]+)$/.exec(token.raw);
  if (ref) return { type: 'ref', label: ref[1] as string, start, end };
  return null;
}

function classifyWord(source: string, raw: readonly RawToken[], i: number, out: Token[]): number {
  const token = raw[i] as RawToken & { type: 'word' };
  const known = keyword(source, token, raw[i + 1]);
  if (known) {
    out.push(known);
    return i;
  }
  const combine = /^(and|or)\/(.+)$/i.exec(token.raw);
  if (combine && !token.raw.includes('\\')) return pushCombine(source, raw, i, combine[1] as string, combine[2] as string, out);
  return splitPostfix(raw, i, out);
}

function pushCombine(source: string, raw: readonly RawToken[], i: number, op: string, first: string, out: Token[]): number {
  const token = raw[i] as RawToken;
  let list = first;
  let end = token.end;
  // `or/1-3, 5` written with spaces: the list carries on while it ends with a comma.
  while (list.endsWith(',') && raw[i + 1]?.type === 'word' && /^[\d,-]+$/.test((raw[i + 1] as { raw: string }).raw)) {
    i += 1;
    list += (raw[i] as { raw: string }).raw;
    end = (raw[i] as RawToken).end;
  }
  out.push({ type: 'combine', op: op.toLowerCase() as 'and' | 'or', labels: expandRanges(source, list.replace(/,$/, ''), token.start), start: token.start, end });
  return i;
}

function expandRanges(source: string, list: string, offset: number): string[] {
  const labels: string[] = [];
  for (const part of list.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) throw QuerySyntaxError.at(source, offset, `"${part}" is not a line number or range`, 'Combine lines like or/1-5 or and/3,4.');
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to - from + labels.length >= MAX_RANGE) {
      throw QuerySyntaxError.at(source, offset, `Line range ${part} is backwards or longer than ${MAX_RANGE} lines`, 'Write the smaller number first, like or/1-16.');
    }
    for (let n = from; n <= to; n += 1) labels.push(String(n));
  }
  return labels;
}

/** Splits a trailing Ovid field suffix (`therap$.ti,ab.`) or heading slash (`Dementia/bl,`) off a word. */
function splitPostfix(raw: readonly RawToken[], i: number, out: Token[]): number {
  const token = raw[i] as RawToken & { type: 'word' };
  const suffix = SUFFIX.exec(token.raw);
  if (suffix && !isEscapedAt(token.raw, suffix.index) && knownOvidCodes(suffix[1] as string)) {
    pushWordPart(token, suffix.index, out);
    return pushSuffix(raw, i, (suffix[1] as string).split(','), token.start + suffix.index, token.end, token.raw.endsWith('.'), out);
  }
  const next = raw[i + 1];
  if (token.raw === '.' && next?.type === 'word') {
    const list = CODE_LIST.exec(next.raw);
    if (list && !next.raw.startsWith(',') && knownOvidCodes(list[1] as string)) return pushSuffix(raw, i + 1, (list[1] as string).split(','), token.start, next.end, list[2] === '.', out);
  }
  const slash = lastUnescaped(token.raw, '/');
  const qualifiers = slash === -1 ? null : QUALIFIER_LIST.exec(token.raw.slice(slash + 1));
  // `asthma/dt[mh]` is PubMed's heading/qualifier, read by the tag; only a free-standing slash is Ovid's.
  const pubmedHeading = next?.type === 'tag' && next.start === token.end && findPubmedTag(next.content)?.meaning.kind === 'heading';
  if (qualifiers && !pubmedHeading) {
    pushWordPart(token, slash, out);
    return pushHeading(raw, i, token.start + slash, qualifiers[1] ? qualifiers[1].split(',') : [], qualifiers[2] === ',', out);
  }
  out.push(token);
  return i;
}

function pushWordPart(token: RawToken & { type: 'word' }, length: number, out: Token[]): void {
  if (length > 0) out.push({ type: 'word', raw: token.raw.slice(0, length), start: token.start, end: token.start + length });
}

function pushSuffix(raw: readonly RawToken[], i: number, codes: string[], start: number, end: number, closed: boolean, out: Token[]): number {
  // Stray spaces in published strategies: `.ti. ab .` and `.ti. ,ab.` still mean `.ti,ab.`.
  let last = i;
  let stop = end;
  while (closed) {
    const next = raw[last + 1];
    const list = next?.type === 'word' ? CODE_LIST.exec(next.raw) : null;
    if (!next || !list || !knownOvidCodes(list[1] as string)) break;
    const dot = raw[last + 2];
    const dotted = list[2] === '.' || (dot?.type === 'word' && dot.raw === '.');
    if (!dotted) break;
    codes.push(...(list[1] as string).split(','));
    last += list[2] === '.' ? 1 : 2;
    stop = (raw[last] as RawToken).end;
  }
  out.push({ type: 'suffix', codes: codes.map((c) => c.toLowerCase()), start, end: stop });
  return last;
}

function pushHeading(raw: readonly RawToken[], i: number, start: number, qualifiers: string[], open: boolean, out: Token[]): number {
  let last = i;
  let more = open;
  // `exp Dementia/bl, cf`: the qualifier list continues after each comma.
  while (more) {
    const next = raw[last + 1];
    const code = next?.type === 'word' ? /^([a-z]{2})(,?)$/i.exec(next.raw) : null;
    if (!code) break;
    qualifiers.push(code[1] as string);
    more = code[2] === ',';
    last += 1;
  }
  out.push({ type: 'heading', qualifiers, start, end: (raw[last] as RawToken).end });
  return last;
}

const isOperand = (t: Token | undefined) => t !== undefined && t.type !== 'op' && t.type !== 'lparen' && t.type !== 'prox' && t.type !== 'exp';

/** Removes what exports add to a line but is not a search: `[mp=…]`, `[Drug Therapy]`, a hit count `(442)`, "Total references = 1551". */
function dropAnnotations(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  for (const token of tokens) {
    const previous = kept[kept.length - 1];
    const afterPostfix = previous?.type === 'suffix' || previous?.type === 'heading';
    if (token.type === 'tag' && afterPostfix && !findPubmedTag(token.content)) continue;
    kept.push(token);
  }
  const n = kept.length;
  const [a, b, c] = [kept[n - 3], kept[n - 2], kept[n - 1]];
  if (a?.type === 'lparen' && b?.type === 'word' && /^\d+$/.test(b.raw) && c?.type === 'rparen' && isOperand(kept[n - 4])) kept.length = n - 3;
  const words = kept.slice(-4).map((t) => (t.type === 'word' ? t.raw.toLowerCase() : '\u0000'));
  const total = words.join(' ').match(/(?:^|\s)total references ?= ?\d+$/)?.[0];
  if (total) kept.length -= total.trim().split(' ').length;
  return kept;
}

/** Finds `limit N to …` and gathers what follows `to` into limit items. */
function markLimits(source: string, tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.type === 'word' && t.raw.toLowerCase() === 'limit')) return tokens;
  const partner = matchBrackets(tokens);
  const out: Token[] = [];
  // Where each limit's `to` is: the target in between may hold limits of its own, read on the way.
  const toAt = new Map<number, true>();
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (toAt.has(i)) {
      out.push({ type: 'to', start: token.start, end: token.end });
      const itemsEnd = limitItemsEnd(tokens, partner, i + 1);
      out.push(limitItems(source, tokens, i + 1, itemsEnd));
      i = itemsEnd - 1;
      continue;
    }
    const targetEnd = token.type === 'word' && token.raw.toLowerCase() === 'limit' ? limitTargetEnd(tokens, partner, i + 1) : -1;
    const to = tokens[targetEnd];
    if (targetEnd !== -1 && to?.type === 'word' && to.raw.toLowerCase() === 'to' && targetEnd + 1 < tokens.length) {
      toAt.set(targetEnd, true);
      out.push({ type: 'limit', start: token.start, end: token.end });
    } else out.push(token);
  }
  return out;
}

function matchBrackets(tokens: readonly Token[]): number[] {
  const partner = new Array<number>(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'lparen') open.push(i);
    else if (t.type === 'rparen' && open.length > 0) {
      const j = open.pop() as number;
      partner[i] = j;
      partner[j] = i;
    }
  });
  return partner;
}

function limitTargetEnd(tokens: readonly Token[], partner: readonly number[], i: number): number {
  const target = tokens[i];
  if (target?.type === 'ref' || (target?.type === 'word' && /^\d+$/.test(target.raw))) return i + 1;
  if (target?.type === 'lparen' && (partner[i] as number) > i) return (partner[i] as number) + 1;
  return -1;
}

/** The items run to the matching bracket when they start with one, else to the next operator or closing bracket. */
function limitItemsEnd(tokens: readonly Token[], partner: readonly number[], i: number): number {
  if (tokens[i]?.type === 'lparen' && (partner[i] as number) > i) return (partner[i] as number) + 1;
  let j = i;
  while (j < tokens.length && tokens[j]?.type !== 'op' && tokens[j]?.type !== 'rparen') j += 1;
  return j;
}

function limitItems(source: string, tokens: readonly Token[], from: number, to: number): Token {
  const bracketed = tokens[from]?.type === 'lparen';
  const [first, last] = bracketed ? [from + 1, to - 1] : [from, to];
  const items: LimitItem[] = [];
  let itemStart = first;
  let depth = 0;
  for (let j = first; j <= last; j += 1) {
    const t = tokens[j];
    if (t?.type === 'lparen') depth += 1;
    if (t?.type === 'rparen') depth -= 1;
    if (j === last || (depth === 0 && t?.type === 'op' && t.op === 'and')) {
      if (j > itemStart) items.push({ text: source.slice((tokens[itemStart] as Token).start, (tokens[j - 1] as Token).end), start: (tokens[itemStart] as Token).start, end: (tokens[j - 1] as Token).end });
      itemStart = j + 1;
    }
  }
  const start = (tokens[from] as Token).start;
  const end = (tokens[to - 1] as Token | undefined)?.end ?? start;
  if (items.length === 0) throw QuerySyntaxError.at(source, start, 'Nothing to limit to', 'Write the limits after "to", like: limit 6 to (english language and humans).');
  return { type: 'limits', items, start, end };
}
