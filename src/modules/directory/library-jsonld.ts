import type { Library, LibrarySite } from './library.service.js';
import { WEEKDAYS } from './opening-hours.js';

/** schema.org wants `23:59` rather than `24:00` for a span that runs to midnight. */
const schemaTime = (time: string) => (time === '24:00' ? '23:59' : time);

function openingHoursSpecification(site: LibrarySite) {
  return site.openingHours.map((span) => ({
    '@type': 'OpeningHoursSpecification',
    dayOfWeek: `https://schema.org/${WEEKDAYS[span.weekday - 1]?.long}`,
    opens: span.opens,
    closes: schemaTime(span.closes),
  }));
}

function address(site: LibrarySite) {
  if (!site.address && !site.postcode) return undefined;
  return { '@type': 'PostalAddress', streetAddress: site.address ?? undefined, postalCode: site.postcode ?? undefined, addressRegion: site.county ?? undefined, addressCountry: 'GB' };
}

/**
 * schema.org structured data for a library page: one `Library` per site (each with its own address,
 * position and hours, all part of the service), or one for a service with no site.
 */
export function libraryJsonLd(library: Library, pageUrl: string): Record<string, unknown> {
  const telephone = library.contacts.find((c) => c.phone)?.phone ?? undefined;
  const email = library.contacts.find((c) => c.email)?.email ?? undefined;
  const shared = { telephone, email, url: library.website ?? pageUrl, description: library.description ?? undefined };
  const places = library.sites.length === 0
    ? [{ '@type': 'Library', '@id': pageUrl, name: library.name, ...shared }]
    : library.sites.map((site) => ({
        '@type': 'Library',
        '@id': `${pageUrl}#site-${site.key}`,
        name: library.sites.length === 1 && site.name === library.name ? library.name : `${site.name} (${library.name})`,
        ...shared,
        address: address(site),
        geo: site.latitude !== null && site.longitude !== null ? { '@type': 'GeoCoordinates', latitude: site.latitude, longitude: site.longitude } : undefined,
        openingHoursSpecification: site.openingHours.length > 0 ? openingHoursSpecification(site) : undefined,
        parentOrganization: { '@type': 'Organization', name: library.name, url: pageUrl },
      }));
  return { '@context': 'https://schema.org', '@graph': places };
}

/**
 * JSON that is safe inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
 * Unicode escapes, so text such as `</script>` in a description cannot end the element early, and the
 * line and paragraph separators are escaped for older parsers. The JSON means exactly the same.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
