import type { QueryNode, Span } from './ast.js';
import { isLabel } from './dialect.js';
import { QuerySyntaxError } from './errors.js';
import { type LeafContext, type Postfix, dateLeaf, headingLeaf, suffixPostfix, tagPostfix, textLeaf, valueLeaf } from './leaves.js';
import { splitWords } from './lexer.js';
import type { LimitItem, Token } from './tokens.js';

/** What the expression parser reads: operators, brackets and finished leaves. @internal */
export type Item =
  | { readonly type: 'lparen' | 'rparen' | 'limit' | 'to'; readonly start: number; readonly end: number }
  | { readonly type: 'op'; readonly op: 'and' | 'or' | 'not'; readonly start: number; readonly end: number }
  | { readonly type: 'prox'; readonly maxBetween: number; readonly start: number; readonly end: number }
  | { readonly type: 'node'; readonly node: QueryNode; readonly start: number; readonly end: number }
  /** A tag or suffix after a closing bracket: applies to every leaf inside. */
  | { readonly type: 'postfix'; readonly postfix: Postfix; readonly start: number; readonly end: number }
  | { readonly type: 'limits'; readonly items: readonly LimitItem[]; readonly start: number; readonly end: number };

/** @internal */
export interface UnitContext extends LeafContext {
  /** Bare labels are line references (`1a and (2a or 3) not 5`). */
  readonly combinationOnly: boolean;
}

type TextToken = Token & { type: 'word' | 'quoted' };
type PostfixToken = Token & { type: 'tag' | 'suffix' | 'heading' };

const isText = (t: Token | undefined): t is TextToken => t?.type === 'word' || t?.type === 'quoted';
const isPostfix = (t: Token | undefined): t is PostfixToken => t?.type === 'tag' || t?.type === 'suffix' || t?.type === 'heading';

/** Groups words into leaves: an Ovid run of words is a phrase; in PubMed a run of bare words before a tag is one. @internal */
export function groupUnits(ctx: UnitContext, tokens: readonly Token[]): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as Token;
    if (isText(token) || token.type === 'exp') {
      i = groupRun(ctx, tokens, i, items);
      continue;
    }
    i += 1;
    if (token.type === 'ref') items.push({ type: 'node', node: { kind: 'lineRef', label: token.label, span: span(token) }, start: token.start, end: token.end });
    else if (token.type === 'combine') items.push({ type: 'node', node: combineNode(token), start: token.start, end: token.end });
    else if (isPostfix(token)) items.push({ type: 'postfix', postfix: postfixOf(ctx, token), start: token.start, end: token.end });
    else {
      const passed = passThrough(token);
      if (passed) items.push(passed);
    }
  }
  return items;
}

function passThrough(token: Token): Item | null {
  switch (token.type) {
    case 'lparen':
    case 'rparen':
    case 'op':
    case 'prox':
    case 'limit':
    case 'to':
    case 'limits':
      return token;
    default:
      return null;
  }
}

const span = (t: { start: number; end: number }): Span => ({ start: t.start, end: t.end });

function combineNode(token: Token & { type: 'combine' }): QueryNode {
  const refs: QueryNode[] = token.labels.map((label) => ({ kind: 'lineRef', label, span: span(token) }));
  if (refs.length === 1) return refs[0] as QueryNode;
  return { kind: token.op, children: refs, span: span(token) };
}

function postfixOf(ctx: UnitContext, token: PostfixToken): Postfix {
  if (token.type === 'tag') return tagPostfix(ctx, token.content, token.start);
  if (token.type === 'suffix') return suffixPostfix(ctx, token.codes, token.start);
  return { kind: 'heading', explode: false, major: false };
}

function groupRun(ctx: UnitContext, tokens: readonly Token[], start: number, items: Item[]): number {
  const exp = tokens[start]?.type === 'exp' ? (tokens[start] as Token) : null;
  const first = exp ? start + 1 : start;
  let end = first;
  while (isText(tokens[end])) end += 1;
  const post = isPostfix(tokens[end]) ? (tokens[end] as PostfixToken) : null;
  const run = tokens.slice(first, end) as TextToken[];
  let bound = run.length;
  if (ctx.dialect === 'ovid') bound = 0;
  else if (post && run[run.length - 1]?.type === 'quoted') bound = run.length - 1;
  else if (post) while (bound > 0 && run[bound - 1]?.type === 'word') bound -= 1;
  const units: { texts: TextToken[]; post: PostfixToken | null }[] = run.slice(0, bound).map((t) => ({ texts: [t], post: null }));
  if (bound < run.length) units.push({ texts: run.slice(bound), post });
  else if (post) units.push({ texts: [], post });
  units.forEach((unit, i) => {
    const node = buildUnit(ctx, unit.texts, unit.post, i === 0 ? exp : null);
    items.push({ type: 'node', node, start: node.span.start, end: node.span.end });
  });
  return post ? end + 1 : end;
}

function wordsOf(texts: readonly TextToken[]): { raw: string; offset: number }[] {
  return texts.flatMap((t) => (t.type === 'word' ? [{ raw: t.raw, offset: t.start }] : splitWords(t.raw).map((w) => ({ raw: w.raw, offset: t.start + 1 + w.offset }))));
}

/** The run as one raw text (words joined by single spaces), for headings, values and dates. */
const joinedRaw = (texts: readonly TextToken[]) => texts.map((t) => (t.type === 'quoted' ? t.raw.trim() : t.raw)).join(' ');

function buildUnit(ctx: UnitContext, texts: readonly TextToken[], post: PostfixToken | null, exp: Token | null): QueryNode {
  const start = exp?.start ?? texts[0]?.start ?? post?.start ?? 0;
  const unitSpan = { start, end: post?.end ?? texts[texts.length - 1]?.end ?? start };
  if (texts.length === 0) throw QuerySyntaxError.at(ctx.source, unitSpan.start, 'A field tag or suffix with nothing before it', 'Put the word, phrase or bracketed search before the tag.');
  if (post?.type === 'heading') return ovidHeading(ctx, texts, post, exp !== null, unitSpan);
  const postfix = post ? postfixOf(ctx, post) : null;
  if (exp && postfix?.kind !== 'heading') throw QuerySyntaxError.at(ctx.source, exp.start, 'exp only applies to subject headings', 'Write exp Heading/ (Ovid) or Heading[mh] (PubMed).');
  if (!postfix) return bareUnit(ctx, texts, unitSpan);
  switch (postfix.kind) {
    case 'text':
      return textLeaf(ctx, wordsOf(texts), postfix.fields, unitSpan);
    case 'proximity':
      return proximityLeaf(ctx, texts, postfix, unitSpan);
    case 'heading': {
      const { raw, major } = stripMajor(joinedRaw(texts));
      return headingLeaf(ctx, raw, postfix.explode || exp !== null, postfix.major || major, [], unitSpan);
    }
    case 'value':
      return valueLeaf(ctx, joinedRaw(texts), postfix.field, unitSpan);
    case 'date':
      return dateLeaf(ctx, joinedRaw(texts), postfix.field, unitSpan);
  }
}

/** Ovid `*Heading/`: the star marks a major topic, not truncation. */
function stripMajor(raw: string): { raw: string; major: boolean } {
  return raw.startsWith('*') ? { raw: raw.slice(1), major: true } : { raw, major: false };
}

function ovidHeading(ctx: UnitContext, texts: readonly TextToken[], post: Token & { type: 'heading' }, explode: boolean, unitSpan: Span): QueryNode {
  const { raw, major } = stripMajor(joinedRaw(texts));
  return headingLeaf(ctx, raw, explode, major, post.qualifiers, unitSpan);
}

function bareUnit(ctx: UnitContext, texts: readonly TextToken[], unitSpan: Span): QueryNode {
  const only = texts.length === 1 ? texts[0] : undefined;
  if (only?.type === 'word' && !only.raw.includes('\\')) {
    // Ovid reads a bare number as a line number (to search for it, quote it); a combination line reads labels so.
    if ((ctx.combinationOnly && isLabel(only.raw)) || (ctx.dialect === 'ovid' && /^\d+$/.test(only.raw))) return { kind: 'lineRef', label: only.raw, span: unitSpan };
  }
  return textLeaf(ctx, wordsOf(texts), null, unitSpan);
}

/** PubMed `"hip pain"[tiab:~2]`: the quoted words within N words of each other, in any order. */
function proximityLeaf(ctx: UnitContext, texts: readonly TextToken[], postfix: Postfix & { kind: 'proximity' }, unitSpan: Span): QueryNode {
  const words = wordsOf(texts);
  if (words.length < 2) return textLeaf(ctx, words, postfix.fields, unitSpan);
  const operands = words.map((w) => textLeaf(ctx, [w], null, { start: w.offset, end: w.offset + w.raw.length }));
  return { kind: 'proximity', operands, maxBetween: postfix.maxBetween, fields: postfix.fields, span: unitSpan };
}

