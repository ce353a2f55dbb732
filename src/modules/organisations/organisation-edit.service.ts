import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import type { Validated } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { listCountyRows, listRegionRows } from './organisation-domain.repository.js';
import {
  findOrganisationRowByOdsCode,
  insertOrganisation,
  isUniqueViolation,
  updateOrganisationRow,
} from './organisation.repository.js';
import type { OrganisationFormInput } from './organisation.schema.js';
import { type Organisation, getOrganisationById } from './organisation.service.js';
import type { OrganisationType } from './organisation.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Who is changing something, for the audit log. */
export interface AuditContext {
  readonly actor: AuditActor;
  /** The request it came from, for the address and browser; absent at the command line. */
  readonly request?: FastifyRequest;
}

/** The columns the organisation form sets, after its references have been checked. */
interface ResolvedFields {
  ods_code: string;
  name: string;
  type: OrganisationType;
  parent_id: number | null;
  region_code: string | null;
  county_id: number | null;
  address: string | null;
  postcode: string | null;
  closed_on: string | null;
  account_expiry_months: number;
}

/** Only the fields that changed, before and after, so the audit log says what happened and nothing more. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  // Object.keys() is typed string[]; the keys are T's own because `after` is a T.
  const keys = (Object.keys(after) as (keyof T)[]).filter((key) => before[key] !== after[key]);
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])) as Partial<T>,
    after: Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<T>,
  };
}

function duplicateOdsCode(odsCode: string, holder: string): FieldError {
  return { field: 'odsCode', message: `ODS code ${odsCode} is already used by ${holder}` };
}

/** Checks the form's references against the database: ODS code free, parent, region and county exist. */
async function resolveFields(db: Db, input: OrganisationFormInput, selfId?: number): Promise<Validated<ResolvedFields>> {
  const errors: FieldError[] = [];
  const holder = await findOrganisationRowByOdsCode(db, input.odsCode);
  if (holder && holder.id !== selfId) errors.push(duplicateOdsCode(input.odsCode, holder.name));
  const parent = input.parentOdsCode ? await findOrganisationRowByOdsCode(db, input.parentOdsCode) : undefined;
  if (input.parentOdsCode && !parent) errors.push({ field: 'parentOdsCode', message: `There is no organisation with ODS code ${input.parentOdsCode}` });
  if (parent && (parent.id === selfId || parent.ods_code === input.odsCode)) errors.push({ field: 'parentOdsCode', message: 'An organisation cannot be its own parent' });
  if (input.regionCode && !(await listRegionRows(db)).some((r) => r.code === input.regionCode)) errors.push({ field: 'regionCode', message: 'Select a region from the list' });
  if (input.countyId !== undefined && !(await listCountyRows(db)).some((c) => c.id === input.countyId)) errors.push({ field: 'countyId', message: 'Select a county from the list' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: {
      ods_code: input.odsCode,
      name: input.name,
      type: input.type,
      parent_id: parent?.id ?? null,
      region_code: input.regionCode ?? null,
      county_id: input.countyId ?? null,
      address: input.address ?? null,
      postcode: input.postcode ?? null,
      closed_on: input.closedOn,
      account_expiry_months: input.accountExpiryMonths,
    },
  };
}

/** Turns a lost race for an ODS code (two admins adding the same one at once) into the same message as the check. */
async function translateUniqueViolation<T>(odsCode: string, work: () => Promise<Validated<T>>): Promise<Validated<T>> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, errors: [duplicateOdsCode(odsCode, 'another organisation')] };
  }
}

/** Adds an organisation from the admin form and records it in the audit log; returns its id or what is wrong. */
export async function createOrganisation(db: Kysely<Database>, input: OrganisationFormInput, context: AuditContext, now = new Date()): Promise<Validated<number>> {
  return translateUniqueViolation(input.odsCode, () =>
    db.transaction().execute(async (trx) => {
      const resolved = await resolveFields(trx, input);
      if (!resolved.ok) return resolved;
      const timestamp = now.toISOString();
      const id = await insertOrganisation(trx, { ...resolved.data, opened_on: null, staff_wte: null, staff_wte_period: null, created_at: timestamp, updated_at: timestamp });
      const after = await getOrganisationById(trx, id);
      await recordAudit(trx, { ...context, action: 'organisation.create', targetType: 'organisation', targetId: id, details: { after } }, now);
      return { ok: true as const, data: id };
    }),
  );
}

/** Changes an organisation from the admin form, audited with the fields' values before and after. */
export async function updateOrganisation(db: Kysely<Database>, id: number, input: OrganisationFormInput, context: AuditContext, now = new Date()): Promise<Validated<Organisation>> {
  return translateUniqueViolation(input.odsCode, () =>
    db.transaction().execute(async (trx) => {
      const before = await getOrganisationById(trx, id);
      const resolved = await resolveFields(trx, input, id);
      if (!resolved.ok) return resolved;
      await updateOrganisationRow(trx, id, { ...resolved.data, updated_at: now.toISOString() });
      const after = await getOrganisationById(trx, id);
      const changes = changedFields(before, after);
      if (Object.keys(changes.after).length > 0) {
        await recordAudit(trx, { ...context, action: 'organisation.update', targetType: 'organisation', targetId: id, details: changes }, now);
      }
      return { ok: true as const, data: after };
    }),
  );
}

/** Sets how many months the organisation's accounts last (1–60), audited. */
export async function updateAccountExpiry(db: Kysely<Database>, id: number, months: number, context: AuditContext, now = new Date()): Promise<Organisation> {
  return db.transaction().execute(async (trx) => {
    const before = await getOrganisationById(trx, id);
    if (before.accountExpiryMonths === months) return before;
    await updateOrganisationRow(trx, id, { account_expiry_months: months, updated_at: now.toISOString() });
    const details = { before: { accountExpiryMonths: before.accountExpiryMonths }, after: { accountExpiryMonths: months } };
    await recordAudit(trx, { ...context, action: 'organisation.account_expiry', targetType: 'organisation', targetId: id, details }, now);
    return { ...before, accountExpiryMonths: months };
  });
}
