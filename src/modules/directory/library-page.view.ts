import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../platform/http/errors.js';
import { jsonForScriptElement, libraryJsonLd } from './library-jsonld.js';
import type { Library, LibrarySite } from './library.service.js';
import { bankHolidayOn, divisionOfPostcode } from './bank-holidays.js';
import { type ClosedDays, describeStatus, openingStatus, ukLocalDate, ukLocalTime } from './open-now.js';
import { WEEKDAYS } from './opening-hours.js';

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const siteParams = idParams.extend({ siteId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The `:id` of a library page; anything but a positive whole number is a 404, never a 500. */
export function libraryIdFrom(request: FastifyRequest): number {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('library_not_found', 'There is no library service with that id.');
  return parsed.data.id;
}

/** The `:id` and `:siteId` of a site's page. */
export function siteIdsFrom(request: FastifyRequest): { id: number; siteId: number } {
  const parsed = siteParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('library_site_not_found', 'There is no library site with that id.');
  return parsed.data;
}

const clock = (time: string) => (time === '24:00' ? 'midnight' : time);

/** Monday to Sunday, each day's staffed spans in words ("08:30 to 12:30, 13:30 to 17:00") or "Closed". */
export function hoursRows(site: LibrarySite) {
  return WEEKDAYS.map((day) => {
    const spans = site.openingHours.filter((s) => s.weekday === day.number);
    return { day: day.long, text: spans.length === 0 ? 'Closed' : spans.map((s) => `${clock(s.opens)} to ${clock(s.closes)}`).join(', ') };
  });
}

const PRECISION: Record<string, string> = {
  postcode: 'the position of its postcode',
  district: 'approximate: the centre of its postcode district',
  given: 'as given by the service',
};

/** Where a site is, in words and numbers, for people who cannot or do not use a map. */
function locationLine(site: LibrarySite, regionName: ReadonlyMap<string, string>): string {
  const area = [site.county, site.regionCode ? `${regionName.get(site.regionCode) ?? site.regionCode} region` : undefined].filter(Boolean).join(', ');
  const position = site.latitude !== null && site.longitude !== null
    ? `latitude ${site.latitude.toFixed(5)}, longitude ${site.longitude.toFixed(5)} (${PRECISION[site.locationPrecision ?? ''] ?? 'source not known'})`
    : 'position not known';
  return area ? `${area}; ${position}` : position;
}

export interface LibraryPageContext {
  readonly pageUrl: string;
  readonly canEdit: boolean;
  readonly regionName: ReadonlyMap<string, string>;
  readonly now: Date;
}

/** The bank holidays of the site's part of the UK, on which it is closed unless it is staffed on them. */
export function siteClosedDays(site: LibrarySite): ClosedDays {
  const division = divisionOfPostcode(site.postcode);
  return site.staffedOnBankHolidays ? () => undefined : (date) => bankHolidayOn(division, date);
}

/** What the library page shows: the entry, each site's hours with its status now, and the structured data. */
export function libraryPageView(library: Library, context: LibraryPageContext) {
  const today = ukLocalDate(context.now);
  return {
    pageTitle: library.name,
    library,
    canEdit: context.canEdit,
    checkedAt: ukLocalTime(context.now).time,
    sites: library.sites.map((site) => ({
      ...site,
      addressLines: (site.address ?? '').split(/\s*[,\n]\s*/).filter(Boolean),
      location: locationLine(site, context.regionName),
      hours: site.openingHours.length > 0 ? hoursRows(site) : undefined,
      // Text from before hours were kept as spans that khub could not read: shown as it was written.
      hoursAsWritten: site.openingHours.length === 0 ? site.staffedHours : null,
      status: describeStatus(openingStatus(site.openingHours, context.now, siteClosedDays(site)), site.access247),
      bankHolidayToday: bankHolidayOn(divisionOfPostcode(site.postcode), today),
    })),
    jsonLd: jsonForScriptElement(libraryJsonLd(library, context.pageUrl)),
  };
}
