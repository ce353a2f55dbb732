import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { listServiceOfferedRows } from './library.repository.js';
import { canManageDirectory } from './policies.js';
import { countOfferingsByCode, findServiceOfferedRow, insertServiceOfferedRow, updateServiceOfferedRow } from './service-offered.repository.js';

/** One entry of the controlled list as the admin page shows it. */
export interface ServiceOffered {
  readonly code: string;
  readonly label: string;
  readonly retiredAt: string | null;
  /** How many library entries offer it now. */
  readonly entries: number;
}

type Options = { request?: FastifyRequest; now?: Date };

/** The stable code for a new service, from its name: `Health literacy training` → `health_literacy_training`. */
export function codeForLabel(label: string): string {
  return label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
}

function checkLabel(label: string): string {
  const trimmed = label.trim().replace(/\s+/g, ' ');
  if (trimmed === '') throw new ValidationError([{ field: 'label', message: 'Enter the name of the service' }]);
  if (trimmed.length > 100) throw new ValidationError([{ field: 'label', message: 'The name must be 100 characters or fewer' }]);
  return trimmed;
}

async function checkUnique(db: Kysely<Database>, label: string, exceptCode?: string): Promise<void> {
  const clash = (await listServiceOfferedRows(db)).find((r) => r.code !== exceptCode && r.label.toLowerCase() === label.toLowerCase());
  if (clash) throw new ValidationError([{ field: 'label', message: `“${clash.label}” is already on the list${clash.retired_at ? ' (retired: restore it instead)' : ''}` }]);
}

async function getRow(db: Kysely<Database>, code: string) {
  const row = await findServiceOfferedRow(db, code);
  if (!row) throw new NotFoundError('service_offered_not_found', `There is no service offered with the code ${code}.`);
  return row;
}

/** The whole controlled list, retired entries too, with how many entries offer each. */
export async function listServicesOfferedWithUse(db: Kysely<Database>): Promise<ServiceOffered[]> {
  const counts = await countOfferingsByCode(db);
  return (await listServiceOfferedRows(db)).map((r) => ({ code: r.code, label: r.label, retiredAt: r.retired_at, entries: counts.get(r.code) ?? 0 }));
}

/** Adds a service to the end of the list (platform admins; audited). Returns its code. */
export async function addServiceOffered(db: Kysely<Database>, user: CurrentUser, rawLabel: string, options: Options = {}): Promise<string> {
  authorize(canManageDirectory(user));
  const label = checkLabel(rawLabel);
  const code = codeForLabel(label);
  if (code === '') throw new ValidationError([{ field: 'label', message: 'Enter a name with letters or numbers in it' }]);
  await checkUnique(db, label);
  if (await findServiceOfferedRow(db, code)) throw new ValidationError([{ field: 'label', message: `A service with the code ${code} is already on the list: choose a different name` }]);
  await db.transaction().execute(async (trx) => {
    await insertServiceOfferedRow(trx, code, label);
    await recordAudit(trx, { actor: user, action: 'service_offered.add', targetType: 'service_offered', targetId: code, details: { after: { label } }, request: options.request }, options.now);
  });
  return code;
}

/** Changes a service's name everywhere it shows; its code, which imports and the API use, stays. */
export async function renameServiceOffered(db: Kysely<Database>, user: CurrentUser, code: string, rawLabel: string, options: Options = {}): Promise<void> {
  authorize(canManageDirectory(user));
  const row = await getRow(db, code);
  const label = checkLabel(rawLabel);
  if (label === row.label) return;
  await checkUnique(db, label, code);
  await db.transaction().execute(async (trx) => {
    await updateServiceOfferedRow(trx, code, { label });
    await recordAudit(trx, { actor: user, action: 'service_offered.rename', targetType: 'service_offered', targetId: code, details: { before: { label: row.label }, after: { label } }, request: options.request }, options.now);
  });
}

/**
 * Retires a service (or restores it). Retiring keeps history: entries that offer it keep it, exports and
 * imports still carry it, but it is no longer offered in the finder or on entries that lack it.
 */
export async function setServiceOfferedRetired(db: Kysely<Database>, user: CurrentUser, code: string, retired: boolean, options: Options = {}): Promise<void> {
  authorize(canManageDirectory(user));
  const row = await getRow(db, code);
  if ((row.retired_at !== null) === retired) return;
  const now = options.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    await updateServiceOfferedRow(trx, code, { retired_at: retired ? now.toISOString() : null });
    await recordAudit(trx, { actor: user, action: retired ? 'service_offered.retire' : 'service_offered.restore', targetType: 'service_offered', targetId: code, details: { label: row.label, before: { retired: !retired }, after: { retired } }, request: options.request }, now);
  });
}
