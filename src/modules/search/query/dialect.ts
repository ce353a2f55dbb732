import type { Dialect } from './ast.js';
import { findPubmedTag } from './field-codes.js';
import { lastUnescaped } from './lexer.js';
import type { Token } from './tokens.js';

/** How sure the detection is: markers seen, only bare line numbers, or nothing at all. @internal */
export type DialectStrength = 'strong' | 'weak' | 'none';

/** @internal */
export interface DialectDetection {
  readonly dialect: Dialect;
  readonly strength: DialectStrength;
  /** The line is only line labels and operators (`1a and (2a or 3) not 5`). */
  readonly combinationOnly: boolean;
}

/** A strategy's line label: `3`, `1a`, `B`. */
export const isLabel = (raw: string) => /^\d+[a-z]?$/i.test(raw) || /^[A-Z]$/.test(raw);

function pubmedMarker(token: Token): boolean {
  if (token.type === 'ref') return true;
  if (token.type !== 'tag') return false;
  return findPubmedTag(token.content.replace(/:~\s*\d+\s*$/, '')) !== undefined;
}

function ovidMarker(token: Token): boolean {
  switch (token.type) {
    case 'suffix':
    case 'heading':
    case 'exp':
    case 'combine':
    case 'limit':
      return true;
    case 'prox':
      return token.ovid;
    case 'word':
    case 'quoted':
      return lastUnescaped(token.raw, '$') !== -1;
    default:
      return false;
  }
}

const COMBINATION_TYPES = new Set(['op', 'lparen', 'rparen', 'ref', 'combine']);

function isCombinationOnly(tokens: readonly Token[]): boolean {
  let labels = 0;
  for (const t of tokens) {
    if (t.type === 'word' && isLabel(t.raw)) labels += 1;
    else if (t.type === 'ref' || t.type === 'combine') labels += 1;
    else if (!COMBINATION_TYPES.has(t.type)) return false;
  }
  return labels > 0;
}

/**
 * Which dialect a line is written in: the one with more markers (PubMed `[tag]`, `#3`; Ovid
 * `.ti.`, `Heading/`, `exp`, `adjN`, `$`, `or/1-5`, `limit`), the first marker breaking a tie. A
 * line of bare line numbers and operators is weakly Ovid; a line with no markers is khub.
 * @internal
 */
export function detectDialect(tokens: readonly Token[]): DialectDetection {
  let pubmed = 0;
  let ovid = 0;
  let first: Dialect | null = null;
  for (const token of tokens) {
    if (pubmedMarker(token)) {
      pubmed += 1;
      first ??= 'pubmed';
    } else if (ovidMarker(token)) {
      ovid += 1;
      first ??= 'ovid';
    }
  }
  const combinationOnly = isCombinationOnly(tokens);
  if (pubmed > ovid || (pubmed === ovid && first === 'pubmed')) return { dialect: 'pubmed', strength: 'strong', combinationOnly };
  if (ovid > 0) return { dialect: 'ovid', strength: 'strong', combinationOnly };
  const bareNumbers = combinationOnly && tokens.some((t) => t.type === 'word' && /^\d+$/.test(t.raw));
  return bareNumbers ? { dialect: 'ovid', strength: 'weak', combinationOnly } : { dialect: 'khub', strength: 'none', combinationOnly };
}
