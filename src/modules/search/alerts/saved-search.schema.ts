/** What a saved search is made of, as forms and the API send it; every error names its field. */
import { z } from 'zod';
import { FACET_KINDS, type FacetKind, type FacetSelection, isFacetValue } from '../facets/facet-selection.js';
import { FREQUENCIES } from './saved-search.table.js';

/** A name fits on one line of the manage page and in an email's subject. */
export const MAX_NAME_LENGTH = 100;
/** As long as a line of the expert search (and its limit on a line written out from the history). */
export const MAX_QUERY_LENGTH = 4000;

/** Values one facet kind may hold (as on the search page). */
const MAX_FACET_VALUES = 20;
// PostgreSQL cannot store a NUL character, and nobody types one.
const withoutNul = (value: unknown) => (typeof value === 'string' ? value.replaceAll('\0', '') : value);

const facetValues = (kind: FacetKind) =>
  z
    .array(z.string().trim().max(200))
    .max(MAX_FACET_VALUES, { error: `Choose at most ${MAX_FACET_VALUES} values` })
    .default([])
    .refine((values) => values.every((value) => isFacetValue(kind, value)), {
      error: kind === 'year' ? 'A year filter is last5, last10 or a decade like 2010s' : 'A filter value cannot be empty',
    })
    .transform((values) => [...new Set(values)]);

/** Facet filters: the same keys and values the search page's filters use. */
export const filtersSchema = z
  .object(Object.fromEntries(FACET_KINDS.map((kind) => [kind, facetValues(kind)])) as Record<FacetKind, ReturnType<typeof facetValues>>)
  .strict()
  .transform((filters): FacetSelection => filters);

export const savedSearchInput = z.object({
  name: z.preprocess(
    withoutNul,
    z
      .string({ error: 'Enter a name for the search' })
      .trim()
      .min(1, { error: 'Enter a name for the search' })
      .max(MAX_NAME_LENGTH, { error: `A name must be ${MAX_NAME_LENGTH} characters or fewer` })
      .refine((name) => !/[\r\n]/.test(name), { error: 'A name must be a single line' }),
  ),
  query: z.preprocess(
    withoutNul,
    z.string({ error: 'Enter a search' }).trim().min(1, { error: 'Enter a search' }).max(MAX_QUERY_LENGTH, { error: `A search must be ${MAX_QUERY_LENGTH.toLocaleString('en-GB')} characters or fewer` }),
  ),
  filters: filtersSchema.default({ year: [], publicationType: [], language: [], heading: [], journal: [] }),
  frequency: z.enum(FREQUENCIES, { error: 'Choose how often to email new records: none, daily, weekly or monthly' }),
});
export type SavedSearchInput = z.input<typeof savedSearchInput>;

export const frequencyInput = z.object({ frequency: savedSearchInput.shape.frequency });
