import { isValid, toNormalised, toOutcode, validOutcode } from 'postcode';

/** A point on the Earth, in WGS84 degrees. */
export interface LatLng {
  readonly latitude: number;
  readonly longitude: number;
}

/** What a postcode-like text is: a full postcode (`OX3 9DU`), a district (`OX3`), or neither. */
export type ParsedPostcode =
  | { readonly kind: 'postcode'; readonly postcode: string; readonly outcode: string }
  | { readonly kind: 'district'; readonly outcode: string }
  | { readonly kind: 'invalid' };

/** Mean Earth radius in kilometres (IUGG), the usual figure for haversine distances. */
export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_MILE = 1.609344;

/**
 * Reads a full postcode or a postcode district in any case and spacing: `ox39du` → `OX3 9DU`, `ox3` → `OX3`.
 *
 * ### Examples
 * parsePostcode(' ox3 9du ')  // { kind: 'postcode', postcode: 'OX3 9DU', outcode: 'OX3' }
 * parsePostcode('OX3')        // { kind: 'district', outcode: 'OX3' }
 */
export function parsePostcode(text: string): ParsedPostcode {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (compact === '') return { kind: 'invalid' };
  if (isValid(compact)) {
    const postcode = toNormalised(compact);
    const outcode = toOutcode(compact);
    if (postcode && outcode) return { kind: 'postcode', postcode, outcode };
  }
  if (validOutcode(compact)) return { kind: 'district', outcode: compact };
  return { kind: 'invalid' };
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine formula). */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLng = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The latitude/longitude box that holds every point within `km` of the centre: a cheap, indexable
 * pre-filter before exact distances. Longitude degrees shrink towards the poles, so the box widens.
 */
export function boundingBox(centre: LatLng, km: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = (km / EARTH_RADIUS_KM) * (180 / Math.PI);
  const cos = Math.cos(radians(centre.latitude));
  // Near a pole every longitude is within reach; the UK never gets there, but stay correct.
  const dLng = cos < 1e-6 ? 180 : Math.min(180, dLat / cos);
  return { minLat: centre.latitude - dLat, maxLat: centre.latitude + dLat, minLng: centre.longitude - dLng, maxLng: centre.longitude + dLng };
}

/** A distance in both units people use here, rounded to 0.01. */
export function distanceOf(km: number): { km: number; miles: number } {
  return { km: Math.round(km * 100) / 100, miles: Math.round((km / KM_PER_MILE) * 100) / 100 };
}
