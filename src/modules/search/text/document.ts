/**
 * What the index holds for a record, defined once for the reference evaluator and both backends:
 * each text field as a list of positions, each position a token or `null` (a position nothing can
 * match: the gap between two values of a multi-valued field, or an occurrence past the limits below).
 */
import type { TextField } from '../query/ast.js';
import type { Author, StoredRecord } from '../../records/index.js';
import { languageName } from './languages.js';
import { tokenize } from './tokenize.js';

/** Positions indexed per field; the rest of a very long field is not searchable (PostgreSQL stops at 16,383). */
export const MAX_FIELD_POSITIONS = 16_000;
/** Occurrences of one token per field that are indexed (PostgreSQL keeps 256 positions per lexeme). */
export const MAX_OCCURRENCES = 256;

export type FieldPositions = readonly (string | null)[];
export type IndexedDocument = Readonly<Record<TextField, FieldPositions>>;

/** The text of an author for word search: family, given names, initials; or the group's name. */
function authorText(author: Author): string[] {
  const person = [author.family, author.given, author.initials].filter((part): part is string => Boolean(part)).join(' ');
  return [person, author.collective ?? ''].filter((text) => text !== '');
}

/** The values of each text field before tokenising. */
export function fieldValues(record: StoredRecord): Record<TextField, string[]> {
  return {
    title: [record.title],
    abstract: [record.abstract ?? ''],
    keywords: [...record.keywords],
    meshWords: record.mesh.flatMap((heading) => [heading.name, ...heading.qualifiers.map((q) => q.name)]),
    publicationTypes: [...record.publicationTypes],
    authors: record.authors.flatMap(authorText),
    journal: [record.journal.title ?? '', record.journal.isoAbbreviation ?? ''],
    language: record.languages.flatMap((code) => [code, languageName(code) ?? '']),
  };
}

/**
 * A field's positions: values' tokens in order with one `null` between two values (so no phrase can
 * span them), then positions past the limits blanked or dropped. Values without tokens add nothing.
 */
export function fieldPositions(values: readonly string[]): (string | null)[] {
  const positions: (string | null)[] = [];
  for (const value of values) {
    const tokens = tokenize(value);
    if (tokens.length === 0) continue;
    if (positions.length > 0) positions.push(null);
    positions.push(...tokens);
    if (positions.length >= MAX_FIELD_POSITIONS) break;
  }
  positions.length = Math.min(positions.length, MAX_FIELD_POSITIONS);
  const seen = new Map<string, number>();
  for (let i = 0; i < positions.length; i++) {
    const token = positions[i];
    if (token == null) continue;
    const count = (seen.get(token) ?? 0) + 1;
    seen.set(token, count);
    if (count > MAX_OCCURRENCES) positions[i] = null;
  }
  return positions;
}

export function indexedDocument(record: StoredRecord): IndexedDocument {
  const values = fieldValues(record);
  const entries = Object.entries(values).map(([field, list]) => [field, fieldPositions(list)]);
  return Object.fromEntries(entries) as Record<TextField, FieldPositions>;
}

/** Every distinct token of a document: the vocabulary wildcards expand from. */
export function documentTokens(document: IndexedDocument): Set<string> {
  const tokens = new Set<string>();
  for (const positions of Object.values(document)) for (const token of positions) if (token !== null) tokens.add(token);
  return tokens;
}
