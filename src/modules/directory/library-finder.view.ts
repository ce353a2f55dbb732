import type { Kysely } from 'kysely';
import { z } from 'zod';
import { errorsByField, errorSummary } from '../../platform/forms/validation.js';
import type { Database } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/errors.js';
import { findOrganisationsByIds, listCounties, listRegions } from '../organisations/index.js';
import type { LibrarySearch, LibrarySearchResult } from './finder.service.js';
import { listServedOrganisationIds } from './library.repository.js';
import { listServicesOffered } from './library.service.js';

/** Results per page of the finder. */
export const FINDER_PAGE_SIZE = 10;
/** The distances the finder offers, in miles. */
export const RADIUS_CHOICES = [1, 5, 10, 25, 50, 100] as const;

// Blank boxes and junk in a shared link are ignored rather than refused: only the postcode gets a message.
// A NUL character is junk too: PostgreSQL cannot store or compare text holding one.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !s.includes('\0'))
    .optional()
    .catch(undefined)
    .transform((s) => (s ? s : undefined));

/** The finder's query string: every filter is in the URL, so a search can be bookmarked and shared. */
export const finderQuery = z.object({
  q: optionalText(200),
  region: optionalText(10),
  county: optionalText(100),
  organisation: optionalText(10),
  service: optionalText(40),
  near: z
    .string()
    .trim()
    .max(100)
    .transform((s) => s.replaceAll('\0', ''))
    .catch('')
    .optional()
    .transform((s) => (s ? s : undefined)),
  radius: z.coerce
    .number()
    .refine((n) => (RADIUS_CHOICES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type FinderQuery = z.output<typeof finderQuery>;

export function searchOf(query: FinderQuery): LibrarySearch {
  return {
    query: query.q,
    regionCode: query.region?.toUpperCase(),
    county: query.county,
    organisation: query.organisation,
    serviceOffered: query.service,
    near: query.near,
    radiusMiles: query.near ? query.radius : undefined,
    limit: FINDER_PAGE_SIZE,
    offset: (query.page - 1) * FINDER_PAGE_SIZE,
  };
}

/** The query string for this search on another page (page 1 is left out). */
export function finderHref(query: FinderQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'near', 'radius', 'region', 'county', 'organisation', 'service'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/libraries?${text}` : '/libraries';
}

const select = (options: readonly { value: string; text: string }[], selected: string | undefined, first: string) => [
  { value: '', text: first },
  ...options.map((o) => ({ ...o, selected: o.value === selected })),
];

/** The choices of the finder's drop-downs: regions, counties, the organisations some service serves, and active services offered. */
async function choices(db: Kysely<Database>, query: FinderQuery) {
  const [regions, counties, offered] = [await listRegions(db), await listCounties(db), await listServicesOffered(db)];
  const organisations = [...(await findOrganisationsByIds(db, await listServedOrganisationIds(db))).values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return {
    regionItems: select(regions.map((r) => ({ value: r.code, text: r.name })), query.region?.toUpperCase(), 'Any region'),
    countyItems: select(counties.map((c) => ({ value: c.name, text: c.name })), counties.find((c) => c.name.toLowerCase() === query.county?.toLowerCase())?.name, 'Any county'),
    organisationItems: select(organisations.map((o) => ({ value: o.odsCode, text: `${o.name} (${o.odsCode})` })), query.organisation?.toUpperCase(), 'Any organisation'),
    serviceItems: select(offered.filter((o) => !o.retired || o.code === query.service).map((o) => ({ value: o.code, text: o.label })), query.service, 'Any service'),
    radiusItems: select(RADIUS_CHOICES.map((m) => ({ value: String(m), text: `Within ${m} ${m === 1 ? 'mile' : 'miles'}` })), query.radius === undefined ? undefined : String(query.radius), 'Any distance'),
    regionName: new Map(regions.map((r) => [r.code, r.name])),
    chosenOrganisation: organisations.find((o) => o.odsCode === query.organisation?.toUpperCase()),
  };
}

/** "2.3 miles (3.7 km)"; under a tenth of a mile reads as such rather than "0.0 miles". */
export function distanceText(distance: { km: number; miles: number }): string {
  if (distance.miles < 0.1) return 'Under 0.1 miles (under 0.2 km)';
  return `${distance.miles.toFixed(1)} ${distance.miles.toFixed(1) === '1.0' ? 'mile' : 'miles'} (${distance.km.toFixed(1)} km)`;
}

function resultItems(result: LibrarySearchResult | undefined, regionName: Map<string, string>) {
  return (result?.items ?? []).map(({ library, distance, nearestSiteId }) => {
    const nearest = library.sites.find((s) => s.id === nearestSiteId);
    return {
      id: library.id,
      name: library.name,
      description: library.description,
      distance: distance ? distanceText(distance) : undefined,
      nearestSite: nearest ? [nearest.name, nearest.postcode].filter(Boolean).join(', ') : undefined,
      organisations: library.organisations.map((o) => o.name).join(', '),
      sites: library.sites.map((s) => ({ name: s.name, place: [s.county ?? (s.regionCode ? regionName.get(s.regionCode) : undefined), s.postcode].filter(Boolean).join(', ') })),
      servicesOffered: library.servicesOffered.map((s) => s.label),
    };
  });
}

function pagination(query: FinderQuery, total: number) {
  const pages = Math.ceil(total / FINDER_PAGE_SIZE);
  if (pages <= 1) return undefined;
  const page = query.page;
  const wanted = [...new Set([1, pages, page - 1, page, page + 1])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (const [index, number] of wanted.entries()) {
    const previous = wanted[index - 1];
    if (previous !== undefined && number - previous > 1) items.push({ ellipsis: true });
    items.push({ number, href: finderHref(query, number), current: number === page });
  }
  return { items, previous: page > 1 ? { href: finderHref(query, page - 1) } : undefined, next: page < pages ? { href: finderHref(query, page + 1) } : undefined };
}

/** Everything the finder page shows: the form as filled in, its choices, and the results or the postcode error. */
export async function finderView(db: Kysely<Database>, query: FinderQuery, result: LibrarySearchResult | undefined, errors: FieldError[]) {
  const { regionName, chosenOrganisation, ...items } = await choices(db, query);
  const origin = result?.origin;
  return {
    pageTitle: 'Find a library',
    query,
    ...items,
    // Searching by organisation leads to its page, which lists every service that serves it.
    organisationPage: chosenOrganisation ? { name: chosenOrganisation.name, href: `/organisations/${encodeURIComponent(chosenOrganisation.odsCode)}` } : undefined,
    searched: ['q', 'near', 'region', 'county', 'organisation', 'service'].some((k) => query[k as keyof FinderQuery] !== undefined),
    result: result ? { total: result.total, from: result.total === 0 ? 0 : (query.page - 1) * FINDER_PAGE_SIZE + 1, to: (query.page - 1) * FINDER_PAGE_SIZE + result.items.length } : undefined,
    origin: origin ? { text: origin.precision === 'district' ? `the centre of the ${origin.postcode} postcode district` : origin.postcode } : undefined,
    items: resultItems(result, regionName),
    paginationModel: result ? pagination(query, result.total) : undefined,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  };
}
