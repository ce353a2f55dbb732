/** The token sequences a term, phrase or proximity operand searches for, shared by every backend. */
import type { PhraseNode, QueryNode, TermNode, TextField } from '../query/ast.js';
import { UnsupportedQueryError } from '../engine/errors.js';
import { type TokenPattern, wordTokens } from './pattern.js';

/** The fields a word without a field tag searches. */
export const DEFAULT_FIELDS: readonly TextField[] = ['title', 'abstract', 'keywords', 'meshWords'];

/** A phrase alternative: token patterns at consecutive positions. */
export type TokenSequence = readonly TokenPattern[];

export const fieldsOf = (node: { readonly fields: readonly TextField[] | null }): readonly TextField[] => [...new Set(node.fields ?? DEFAULT_FIELDS)];

/** A term's or phrase's tokens in order (a term is a phrase when its word has several tokens); empty matches nothing. */
export function sequenceOf(node: TermNode | PhraseNode): TokenSequence {
  return node.kind === 'term' ? wordTokens(node.word) : node.words.flatMap(wordTokens);
}

/** The alternatives of a proximity operand: a term, a phrase, or an OR of them. Empty ones are left out. */
export function operandSequences(node: QueryNode): TokenSequence[] {
  if (node.kind === 'term' || node.kind === 'phrase') {
    const sequence = sequenceOf(node);
    return sequence.length > 0 ? [sequence] : [];
  }
  if (node.kind === 'or') return node.children.flatMap(operandSequences);
  throw new UnsupportedQueryError('A proximity search can only combine words, phrases and ORs of them.', node.span);
}
