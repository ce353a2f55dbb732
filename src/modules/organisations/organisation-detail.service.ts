import type { Kysely } from 'kysely';
import { type AuditEvent, listAuditEvents } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import { type OrganisationDomain, listDomains } from './organisation-domain.service.js';
import { listOrganisationNamesByIds } from './organisation.repository.js';
import { type Organisation, listCounties, listRegions } from './organisation.service.js';

/** Everything the organisation's admin page shows. */
export interface OrganisationDetail {
  organisation: Organisation;
  parent: { id: number; odsCode: string; name: string } | undefined;
  regionName: string | undefined;
  countyName: string | undefined;
  domains: OrganisationDomain[];
  /** The latest changes to it, newest first. */
  auditEvents: AuditEvent[];
}

/** Gathers the organisation's parent, region, county, domains and recent audit events for its page. */
export async function loadOrganisationDetail(db: Kysely<Database>, organisation: Organisation): Promise<OrganisationDetail> {
  const [parentRow] = organisation.parentId === null ? [] : await listOrganisationNamesByIds(db, [organisation.parentId]);
  const regionName = (await listRegions(db)).find((r) => r.code === organisation.regionCode)?.name;
  const countyName = (await listCounties(db)).find((c) => c.id === organisation.countyId)?.name;
  return {
    organisation,
    parent: parentRow ? { id: parentRow.id, odsCode: parentRow.ods_code, name: parentRow.name } : undefined,
    regionName,
    countyName,
    domains: await listDomains(db, organisation.id),
    auditEvents: await listAuditEvents(db, { targetType: 'organisation', targetId: organisation.id, limit: 20 }),
  };
}

/** The parent's ODS code, for filling in the edit form. */
export async function parentOdsCodeOf(db: Kysely<Database>, organisation: Organisation): Promise<string | undefined> {
  if (organisation.parentId === null) return undefined;
  const [row] = await listOrganisationNamesByIds(db, [organisation.parentId]);
  return row?.ods_code;
}
