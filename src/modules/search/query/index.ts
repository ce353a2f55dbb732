/**
 * The search query language: PubMed and Ovid MEDLINE syntax in, one tree out, and the tree back
 * out as PubMed, Ovid or khub's canonical form. Pure functions: no I/O. See docs/query-language.md.
 */
export * from './ast.js';
export { QuerySyntaxError, formatWithCaret } from './errors.js';
export { DEFAULT_TEXT_FIELDS, type FieldCode, type FieldMeaning, OVID_FIELDS, PUBMED_TAGS, QUALIFIERS } from './field-codes.js';
export { MAX_BRACKET_DEPTH, MAX_OPERATOR_DEPTH, type ParseOptions, parseQuery } from './parser.js';
export { parseStrategy } from './strategy.js';
export { printCanonical } from './print-canonical.js';
export { printPubmed } from './print-pubmed.js';
export { printOvid } from './print-ovid.js';
export type { PrintResult, PrintWarning } from './print-shared.js';
export { stripSpans } from './strip.js';
