import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import type { Validated } from '../../platform/forms/validation.js';
import {
  deleteDomain,
  deleteSharedDomain,
  findDomainHolder,
  insertDomain,
  insertSharedDomain,
  listDomainRows,
  listSharedDomainRows,
} from './organisation-domain.repository.js';
import type { AuditContext } from './organisation-edit.service.js';
import { isSharedDomain, isUniqueViolation } from './organisation.repository.js';
import { getOrganisationById } from './organisation.service.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An email domain that proves membership of one organisation. */
export interface OrganisationDomain {
  domain: string;
  createdAt: string;
}

/** A domain many organisations share, which never proves membership. */
export interface SharedDomain {
  domain: string;
  note: string;
}

const invalid = (message: string): Validated<never> => ({ ok: false, errors: [{ field: 'domain', message }] });

/** The organisation's email domains, alphabetically. */
export async function listDomains(db: Db, organisationId: number): Promise<OrganisationDomain[]> {
  return (await listDomainRows(db, organisationId)).map((row) => ({ domain: row.domain, createdAt: row.created_at }));
}

/** Every shared domain, alphabetically. */
export async function listSharedDomains(db: Db): Promise<SharedDomain[]> {
  return listSharedDomainRows(db);
}

/** Why a domain cannot be attached to this organisation, or undefined when it can. */
async function domainRefusal(db: Db, organisationId: number, domain: string): Promise<string | undefined> {
  if (await isSharedDomain(db, domain)) {
    return `${domain} is shared by many organisations, so it cannot prove that someone works for this one. Add a domain only this organisation uses`;
  }
  const holder = await findDomainHolder(db, domain);
  if (holder?.organisation_id === organisationId) return `${domain} is already one of this organisation’s domains`;
  if (holder) return `${domain} already belongs to ${holder.name} (${holder.ods_code}). Remove it there first`;
  return undefined;
}

/**
 * Attaches an email domain (already lower-cased and checked for shape) to an organisation, unless it is
 * shared or already belongs to an organisation; audited with the list of domains before and after.
 */
export async function addDomain(db: Kysely<Database>, organisationId: number, domain: string, context: AuditContext, now = new Date()): Promise<Validated<void>> {
  try {
    return await db.transaction().execute(async (trx) => {
      await getOrganisationById(trx, organisationId);
      const refusal = await domainRefusal(trx, organisationId, domain);
      if (refusal) return invalid(refusal);
      const before = (await listDomainRows(trx, organisationId)).map((d) => d.domain);
      await insertDomain(trx, { domain, organisation_id: organisationId, created_at: now.toISOString() });
      const details = { domain, before: { domains: before }, after: { domains: [...before, domain].sort() } };
      await recordAudit(trx, { ...context, action: 'organisation.domain_add', targetType: 'organisation', targetId: organisationId, details }, now);
      return { ok: true as const, data: undefined };
    });
  } catch (error) {
    // Someone else attached the same domain between our check and our insert.
    if (isUniqueViolation(error)) return invalid(`${domain} has just been added to another organisation`);
    throw error;
  }
}

/** Detaches a domain from an organisation, audited; false when the organisation did not have it. */
export async function removeDomain(db: Kysely<Database>, organisationId: number, domain: string, context: AuditContext, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = (await listDomainRows(trx, organisationId)).map((d) => d.domain);
    if (!(await deleteDomain(trx, organisationId, domain))) return false;
    const details = { domain, before: { domains: before }, after: { domains: before.filter((d) => d !== domain) } };
    await recordAudit(trx, { ...context, action: 'organisation.domain_remove', targetType: 'organisation', targetId: organisationId, details }, now);
    return true;
  });
}

/** Marks a domain as shared (it then never proves membership); refused while an organisation holds it. */
export async function addSharedDomain(db: Kysely<Database>, input: SharedDomain, context: AuditContext, now = new Date()): Promise<Validated<void>> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (await isSharedDomain(trx, input.domain)) return invalid(`${input.domain} is already a shared domain`);
      const holder = await findDomainHolder(trx, input.domain);
      if (holder) return invalid(`${input.domain} belongs to ${holder.name} (${holder.ods_code}). Remove it from that organisation first`);
      await insertSharedDomain(trx, input);
      await recordAudit(trx, { ...context, action: 'shared_email_domain.add', targetType: 'shared_email_domain', targetId: input.domain, details: { after: input } }, now);
      return { ok: true as const, data: undefined };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return invalid(`${input.domain} is already a shared domain`);
    throw error;
  }
}

/** Stops treating a domain as shared, audited; false when it was not shared. */
export async function removeSharedDomain(db: Kysely<Database>, domain: string, context: AuditContext, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = (await listSharedDomainRows(trx)).find((d) => d.domain === domain);
    if (!before || !(await deleteSharedDomain(trx, domain))) return false;
    await recordAudit(trx, { ...context, action: 'shared_email_domain.remove', targetType: 'shared_email_domain', targetId: domain, details: { before } }, now);
    return true;
  });
}
