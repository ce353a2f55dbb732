/** The export form the results page and the marked page show: what to export, and in which format. */
import { EXPORT_FORMATS } from '../../records/index.js';
import { FACET_KINDS, FACET_PARAMETERS } from '../facets/facet-selection.js';
import type { ExportScope } from './export-selection.js';
import { type SearchQuery, selectionOf } from './search-query.js';

export interface ExportFormModel {
  /** The search's state as hidden fields, so the export reads the same set as the page. */
  readonly hidden: readonly { readonly name: string; readonly value: string }[];
  readonly scopes: readonly { readonly value: ExportScope; readonly text: string; readonly checked: boolean }[];
  readonly formats: readonly { readonly value: string; readonly text: string; readonly checked: boolean }[];
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : `${one}s`}`;

function formats() {
  return EXPORT_FORMATS.map((format, index) => ({ value: format.id, text: format.label, checked: index === 0 }));
}

/** The search's state as form fields (the page included, for "this page"). */
export function searchFields(query: SearchQuery): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  if (query.q) fields.push({ name: 'q', value: query.q });
  if (query.sort !== 'relevance') fields.push({ name: 'sort', value: query.sort });
  const selection = selectionOf(query);
  for (const kind of FACET_KINDS) for (const value of selection[kind]) fields.push({ name: FACET_PARAMETERS[kind], value });
  if (query.page > 1) fields.push({ name: 'page', value: String(query.page) });
  return fields;
}

/** The form under a page of results: this page, all results, or the marked records when there are some. */
export function resultsExportForm(query: SearchQuery, counts: { page: number; total: number; marked: number }): ExportFormModel {
  const scopes: { value: ExportScope; text: string; checked: boolean }[] = [
    { value: 'page', text: `This page (${plural(counts.page, 'record')})`, checked: true },
    { value: 'all', text: `All ${plural(counts.total, 'result')}, newest first`, checked: false },
  ];
  if (counts.marked > 0) scopes.push({ value: 'marked', text: `Your marked records (${counts.marked.toLocaleString('en-GB')})`, checked: false });
  return { hidden: searchFields(query), scopes, formats: formats() };
}

/** The form on the marked page: only the marked records. */
export function markedExportForm(): ExportFormModel {
  return { hidden: [{ name: 'scope', value: 'marked' }], scopes: [], formats: formats() };
}
