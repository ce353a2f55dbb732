import { z } from 'zod';
import { contactSchema } from './library-csv.js';

// PostgreSQL cannot store or compare text holding a NUL character, so none gets that far.
const text = (max: number) => z.string().trim().max(max).refine((s) => !s.includes('\0'), 'must not contain a NUL character');

export const listQuery = z.object({
  q: text(200).optional().describe('Words in the name, description, collections or specialisms'),
  region: text(10).optional().describe('NHS England region code, e.g. Y59 (South East)'),
  county: text(100).optional().describe('Ceremonial county, e.g. Oxfordshire'),
  organisation: text(10).optional().describe('ODS code of an organisation the service serves, e.g. RTH'),
  service: text(40).optional().describe('Code of a service offered, e.g. literature_searching'),
  near: text(10).optional().describe('A full postcode (OX3 9DU) or a district (OX3): nearest first, with distances'),
  radius: z.coerce.number().positive().max(1000).optional().describe('With near: only libraries this many miles away or closer'),
  format: z.enum(['json', 'geojson']).optional().describe('geojson for a GeoJSON FeatureCollection of sites (or send Accept: application/geo+json)'),
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1–100 (default 25)'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0).describe('How many results to skip'),
});

const distanceSchema = z.object({ km: z.number(), miles: z.number() }).meta({ id: 'Distance' });

const siteSchema = z
  .object({
    id: z.number().int(),
    key: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    postcode: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    locationPrecision: z.enum(['postcode', 'district', 'given']).nullable().describe('How the position was found'),
    county: z.string().nullable(),
    regionCode: z.string().nullable(),
    openingHours: z
      .array(z.object({ weekday: z.number().int().min(1).max(7).describe('1 Monday … 7 Sunday (ISO 8601)'), opens: z.string().describe('HH:MM, UK local time'), closes: z.string().describe('HH:MM, UK local time; may be 24:00') }))
      .describe('Staffed spans, several a day allowed'),
    staffedHours: z.string().nullable().describe('The same hours in the compact syntax, e.g. "Mon-Fri 08:30-17:00; Sat 09:00-12:00"'),
    access247: z.boolean().describe('Members can get in at any hour'),
    staffedOnBankHolidays: z.boolean().describe('Staffed on bank holidays as on other days; when false the site is closed on them'),
    bankHolidayNotes: z.string().nullable(),
  })
  .meta({ id: 'LibrarySite' });

export const librarySchema = z
  .object({
    id: z.number().int(),
    key: z.string().describe('Stable key used by imports'),
    name: z.string(),
    description: z.string().nullable(),
    whoMayUse: z.string().nullable(),
    collections: z.string().nullable(),
    specialisms: z.string().nullable(),
    interlendingNetwork: z.string().nullable(),
    website: z.string().nullable(),
    lastVerifiedOn: z.string().nullable().describe('YYYY-MM-DD'),
    lastVerifiedBy: z.string().nullable(),
    needsVerification: z.boolean().describe('Not verified for over 12 months'),
    organisations: z.array(z.object({ odsCode: z.string(), name: z.string() })),
    servicesOffered: z.array(z.object({ code: z.string(), label: z.string() })),
    contacts: z.array(z.object({ role: z.string(), email: z.string().nullable(), phone: z.string().nullable() })),
    sites: z.array(siteSchema),
    distance: distanceSchema.optional().describe('With near: distance to the nearest site'),
    nearestSiteId: z.number().int().optional(),
  })
  .meta({ id: 'Library' });

export const listSchema = z.object({
  items: z.array(librarySchema),
  total: z.number().int().describe('How many services match, across all pages'),
  limit: z.number().int(),
  offset: z.number().int(),
  origin: z.object({ postcode: z.string(), latitude: z.number(), longitude: z.number(), precision: z.enum(['postcode', 'district']) }).optional(),
});

export const geoJsonSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).describe('[longitude, latitude]') }),
      properties: z.record(z.string(), z.unknown()),
    })),
  })
  .meta({ id: 'LibraryFeatureCollection' });

export const idParams = z.object({ id: z.coerce.number().int().positive().describe('Library service id') });
export const codeParams = z.object({ code: text(10).min(1).describe('ODS code, any case') });

export const patchBody = z
  .object({
    name: text(200).min(1).optional(),
    description: text(4000).nullable().optional(),
    whoMayUse: text(2000).nullable().optional(),
    collections: text(2000).nullable().optional(),
    specialisms: text(2000).nullable().optional(),
    interlendingNetwork: text(200).nullable().optional(),
    website: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
    servicesOffered: z.array(text(40)).max(50).optional(),
    contacts: z.array(contactSchema).max(20).optional(),
    verified: z.boolean().optional().describe('true confirms the entry is right today'),
  })
  .strict();
