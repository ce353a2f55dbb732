import type { QueryNode, Span, WordPattern } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { type LeafContext, type Postfix, dateLeaf, headingLeaf, valueLeaf } from './leaves.js';

const SPECIAL = /[\\*$#?:/"\u201c\u201d]/g;

/** A parsed word back as raw text, so that a heading, value or date can be read from it. */
function patternRaw(word: WordPattern): string {
  return word.parts
    .map((part) => {
      if (part.kind === 'literal') return part.text.replace(SPECIAL, '\\$&');
      if (part.kind === 'one') return '#';
      if (part.kind === 'optional') return '?';
      return part.max === null ? '*' : `*${part.max}`;
    })
    .join('');
}

function leafRaw(node: QueryNode & { kind: 'term' | 'phrase' }): string {
  return node.kind === 'term' ? patternRaw(node.word) : node.words.map(patternRaw).join(' ');
}

function convertLeaf(ctx: LeafContext, node: QueryNode & { kind: 'term' | 'phrase' }, postfix: Postfix, at: Span): QueryNode {
  switch (postfix.kind) {
    case 'text':
      return { ...node, fields: postfix.fields };
    case 'proximity':
      throw QuerySyntaxError.at(ctx.source, at.start, 'A proximity tag like [tiab:~3] applies to a quoted phrase', 'Write "hip pain"[tiab:~2].');
    case 'heading':
      return headingLeaf(ctx, leafRaw(node), postfix.explode, postfix.major, [], node.span);
    case 'value':
      return valueLeaf(ctx, leafRaw(node), postfix.field, node.span);
    case 'date':
      return dateLeaf(ctx, leafRaw(node), postfix.field, node.span);
  }
}

/**
 * Ovid `(a or b).ti,ab.` and khub `(a NEAR/2 b)[fields:title]`: the field goes to every word,
 * phrase and proximity search inside that has none of its own (an inner field wins).
 * @internal
 */
export function applyPostfix(ctx: LeafContext, node: QueryNode, postfix: Postfix, at: Span): QueryNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((child) => applyPostfix(ctx, child, postfix, at)) };
    case 'not':
      return { ...node, include: applyPostfix(ctx, node.include, postfix, at), exclude: applyPostfix(ctx, node.exclude, postfix, at) };
    case 'term':
    case 'phrase':
      return node.fields === null ? convertLeaf(ctx, node, postfix, at) : node;
    case 'proximity':
      if (node.fields !== null) return node;
      if (postfix.kind !== 'text') throw QuerySyntaxError.at(ctx.source, at.start, 'Only text fields can apply to a proximity search', 'Use a text field such as .ti,ab. or [tiab].');
      return { ...node, fields: postfix.fields };
    case 'lineRef':
      // Ovid `(2012 or 2013).yr.`: inside a year search a bare number is a year, not a line.
      if (postfix.kind === 'date' && /^\d{4}$/.test(node.label)) return dateLeaf(ctx, node.label, postfix.field, node.span);
      throw QuerySyntaxError.at(ctx.source, node.span.start, `A field cannot apply to line ${node.label}`, `To search for the number, quote it: "${node.label}".`);
    case 'limit':
      throw QuerySyntaxError.at(ctx.source, at.start, 'A field cannot apply to a limit', 'Put the field inside the search being limited.');
    case 'heading':
    case 'value':
    case 'dateRange':
      return node;
  }
}
