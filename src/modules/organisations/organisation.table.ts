import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const ORGANISATION_TYPES = [
  { value: 'nhs_trust', text: 'NHS trust' },
  { value: 'integrated_care_board', text: 'Integrated care board' },
  { value: 'gp_practice', text: 'GP practice' },
  { value: 'hospice', text: 'Hospice' },
  { value: 'university', text: 'University' },
  { value: 'local_authority', text: 'Local authority' },
  { value: 'social_care_provider', text: 'Social care provider' },
  { value: 'other', text: 'Other' },
] as const;

export type OrganisationType = (typeof ORGANISATION_TYPES)[number]['value'];

/** An NHS region (ODS national grouping code, e.g. Y56 London). */
export interface RegionTable {
  code: string;
  name: string;
}

export interface CountyTable {
  id: Generated<number>;
  name: string;
  region_code: string;
}

/** An organisation whose staff may hold khub accounts; identified by its ODS code. */
export interface OrganisationTable {
  id: Generated<number>;
  ods_code: string;
  name: string;
  type: OrganisationType;
  parent_id: number | null;
  region_code: string | null;
  county_id: number | null;
  address: string | null;
  postcode: string | null;
  /** YYYY-MM-DD, from ODS. */
  opened_on: string | null;
  /** YYYY-MM-DD; a closed organisation takes no new registrations. */
  closed_on: string | null;
  /** How long its members' accounts last before they must re-confirm eligibility (1–60). */
  account_expiry_months: Generated<number>;
  /** Whole-time-equivalent staff, when known, for accounts-per-WTE statistics. */
  staff_wte: number | null;
  /** The period the WTE figure describes, e.g. 2018-06. */
  staff_wte_period: string | null;
  created_at: string;
  updated_at: string;
}

/** An email domain that proves membership of exactly one organisation (e.g. ouh.nhs.uk). */
export interface OrganisationDomainTable {
  domain: string;
  organisation_id: number;
  created_at: string;
}

/** A domain many organisations share (nhs.net) or personal mail: never proves membership. */
export interface SharedEmailDomainTable {
  domain: string;
  note: string;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type NewOrganisationRow = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type RegionRow = Selectable<RegionTable>;
export type CountyRow = Selectable<CountyTable>;
