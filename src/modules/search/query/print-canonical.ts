import { type Limit, OPEN_END_YEAR, type QueryNode, type TextField } from './ast.js';
import { PUBMED_VALUE_TAGS, type PrintResult, dateText, escapeQuoted, escapeValue, phraseText, sameDate, wordText } from './print-shared.js';

const fieldsTag = (fields: readonly TextField[] | null) => (fields === null ? '' : `[fields:${fields.join(',')}]`);
const quote = (text: string) => `"${escapeQuoted(text)}"`;

function headingTag(explode: boolean, major: boolean): string {
  return `[${major ? 'majr' : 'mh'}${explode ? '' : ':noexp'}]`;
}

function limitText(limit: Limit): string {
  switch (limit.kind) {
    case 'language':
      return `la=${quote(limit.language)}`;
    case 'humans':
    case 'animals':
      return limit.kind;
    case 'ageGroup':
      return `age=${quote(limit.group)}`;
    case 'publicationType':
      return `pt=${quote(limit.publicationType)}`;
    case 'years':
      return `yr="${limit.from}-${limit.to === OPEN_END_YEAR ? 'current' : limit.to}"`;
    case 'entryDate':
      return `ed="${dateText(limit.from)}-${dateText(limit.to)}"`;
    case 'hasAbstract':
      return 'abstracts';
    case 'filter':
      return `filter=${quote(limit.name)}`;
  }
}

function print(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return wordText(node.word) + fieldsTag(node.fields);
    case 'phrase':
      return phraseText(node.words) + fieldsTag(node.fields);
    case 'proximity':
      return `(${node.operands.map(print).join(` NEAR/${node.maxBetween} `)})${fieldsTag(node.fields)}`;
    case 'heading':
      return `"${[node.heading, ...node.qualifiers].map(escapeQuoted).join('/')}"${headingTag(node.explode, node.major)}`;
    case 'value':
      return `"${escapeValue(node.value)}${node.truncated ? '*' : ''}"[${PUBMED_VALUE_TAGS[node.field]}]`;
    case 'dateRange': {
      const range = sameDate(node.from, node.to) ? dateText(node.from) : `${dateText(node.from)}:${dateText(node.to)}`;
      return `${range}[${node.field === 'publication' ? 'dp' : 'edat'}]`;
    }
    case 'lineRef':
      return `#${node.label}`;
    case 'and':
    case 'or':
      return `(${node.children.map(print).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(${print(node.include)} NOT ${print(node.exclude)})`;
    case 'limit':
      return `limit (${print(node.target)}) to (${node.limits.map(limitText).join(' and ')})`;
  }
}

/**
 * khub's canonical form: every operator bracketed, every field spelt out, so that it shows how a
 * line was read and parses back to the same tree in any dialect.
 *
 * ### Examples
 * `printCanonical(parseQuery('a AND b OR c').root)` → `((a AND b) OR c)`
 * `printCanonical(parseQuery('(pain adj3 back).ti,ab.').root)` → `(pain NEAR/2 back)[fields:title,abstract]`
 */
export function printCanonical(node: QueryNode): PrintResult {
  return { text: print(node), warnings: [] };
}
