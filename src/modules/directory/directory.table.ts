import type { Generated, Insertable, Selectable } from 'kysely';

/** A full postcode's position (ONS Postcode Directory), keyed by the normalised postcode, e.g. `OX3 9DU`. */
export interface PostcodeLocationTable {
  postcode: string;
  latitude: number;
  longitude: number;
}

/** A postcode district's (outcode's) centroid, e.g. `OX3`: the fallback when a full postcode is unknown. */
export interface PostcodeDistrictTable {
  outcode: string;
  latitude: number;
  longitude: number;
}

/** One entry of the controlled list of services a library offers (literature searching, study space, …). */
export interface ServiceOfferedTable {
  code: string;
  label: string;
  sort_order: number;
  /** When a platform admin retired it: entries keep it, but it can no longer be chosen. */
  retired_at: string | null;
}

/** A library and knowledge service: one team, often serving several organisations from several sites. */
export interface LibraryServiceTable {
  id: Generated<number>;
  /** Stable key chosen by whoever maintains the data (e.g. `ouh-bodleian-healthcare`); imports match on it. */
  service_key: string;
  name: string;
  description: string | null;
  who_may_use: string | null;
  collections: string | null;
  specialisms: string | null;
  interlending_network: string | null;
  website: string | null;
  /** YYYY-MM-DD: when someone last confirmed the entry is right. */
  last_verified_on: string | null;
  /** Who confirmed it (an email address or name). */
  last_verified_by: string | null;
  /** YYYY-MM-DD when the yearly verification reminder was last emailed. */
  verification_reminded_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface LibraryServiceOrganisationTable {
  service_id: number;
  organisation_id: number;
}

export interface LibraryServiceOfferingTable {
  service_id: number;
  offering_code: string;
}

export interface LibraryContactTable {
  id: Generated<number>;
  service_id: number;
  /** Order within the service, from 1. */
  position: number;
  role: string;
  email: string | null;
  phone: string | null;
}

export type LocationPrecision = 'postcode' | 'district' | 'given';

/** A place where a service has a library, with its position, area and opening hours. */
export interface LibrarySiteTable {
  id: Generated<number>;
  service_id: number;
  /** Stable within its service (e.g. `jr`); imports match on service key + site key. */
  site_key: string;
  name: string;
  address: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  location_precision: LocationPrecision | null;
  county_id: number | null;
  region_code: string | null;
  /** Hours as first written, before khub kept them as spans; cleared when the site is next saved. */
  staffed_hours: string | null;
  /** 1 when members can get in at any hour (swipe-card access), else 0. */
  access_24_7: Generated<number>;
  bank_holiday_notes: string | null;
  /** 1 when the site keeps its usual staffed hours on bank holidays; 0 (the default) when it closes. */
  staffed_on_bank_holidays: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One staffed span of a site on one weekday (1 Monday … 7 Sunday), UK local times as HH:MM. */
export interface LibrarySiteOpeningTable {
  site_id: number;
  weekday: number;
  opens: string;
  closes: string;
}

export type CorrectionStatus = 'open' | 'resolved';

/** A "report a correction" submission about a service's entry, kept until its editors resolve it (and after). */
export interface LibraryCorrectionTable {
  id: Generated<number>;
  service_id: number;
  details: string;
  /** The address the reporter gave for a reply, if any. */
  reporter_email: string | null;
  /** The reporter's account when they were signed in (cleared if the account is deleted). */
  reporter_user_id: number | null;
  status: Generated<CorrectionStatus>;
  created_at: string;
  resolved_at: string | null;
  resolved_by_user_id: number | null;
}

export type LibraryServiceRow = Selectable<LibraryServiceTable>;
export type NewLibraryServiceRow = Insertable<LibraryServiceTable>;
export type LibrarySiteRow = Selectable<LibrarySiteTable>;
export type NewLibrarySiteRow = Insertable<LibrarySiteTable>;
export type LibraryContactRow = Selectable<LibraryContactTable>;
