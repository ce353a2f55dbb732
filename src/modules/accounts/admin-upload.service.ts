import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { issuesToFieldErrors } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { type Organisation, findOrganisationById, findOrganisationByOdsCode } from '../organisations/index.js';
import { actorOf } from './admin-account.service.js';
import { invitationEmail } from './admin-emails.js';
import { type CsvRow, type UploadRow, parseAccountsCsv, uploadRowSchema } from './admin-upload.schema.js';
import { issueAccountToken } from './account-token.service.js';
import { DEFAULT_EXPIRY_MONTHS, expiryDate } from './lifecycle-rules.js';
import { canBulkManageAccounts } from './policies.js';
import { findUserByEmail, insertUser, normaliseEmail } from './user.repository.js';

/** A row that passed every check, ready to become an account. */
interface ReadyRow {
  readonly line: number;
  readonly data: UploadRow;
  readonly organisation: Organisation;
}

/** What an upload did: every row is either in `ready` (created when `created` is true) or in `rejected` with its reasons. */
export interface UploadReport {
  readonly created: boolean;
  readonly ready: { line: number; email: string; fullName: string; organisation: string }[];
  readonly rejected: { line: number; problems: string[] }[];
}

export type UploadOutcome = { ok: true; report: UploadReport } | { ok: false; errors: FieldError[] };

/** Finds each row's organisation (its ODS code, else the uploader's own) once per code, and checks the uploader may add accounts to it. */
function organisationResolver(db: Kysely<Database>, actor: CurrentUser) {
  const cache = new Map<string, Promise<Organisation | undefined>>();
  return async (odsCode: string | undefined): Promise<{ organisation?: Organisation; problem?: string }> => {
    const key = odsCode ?? '';
    if (!cache.has(key)) cache.set(key, odsCode ? findOrganisationByOdsCode(db, odsCode) : actor.organisationId === null ? Promise.resolve(undefined) : findOrganisationById(db, actor.organisationId));
    const organisation = await cache.get(key);
    if (!organisation) return { problem: odsCode ? 'organisation_ods_code: There is no organisation with this ODS code' : 'organisation_ods_code: Enter the ODS code of the person’s organisation' };
    if (organisation.closedOn !== null) return { problem: `organisation_ods_code: ${organisation.name} has closed` };
    if (!canBulkManageAccounts(actor, organisation.id)) return { problem: `organisation_ods_code: You cannot add accounts to ${organisation.name}` };
    return { organisation };
  };
}

/** Checks every row (shape, duplicates in the file, existing accounts, organisation) and sorts them into ready and rejected. */
async function checkRows(db: Kysely<Database>, actor: CurrentUser, rows: readonly CsvRow[]) {
  const resolve = organisationResolver(db, actor);
  const seen = new Map<string, number>();
  const ready: ReadyRow[] = [];
  const rejected: { line: number; problems: string[] }[] = [];
  for (const row of rows) {
    const parsed = uploadRowSchema.safeParse(row.values);
    const problems = parsed.success ? [] : issuesToFieldErrors(parsed.error.issues).map((e) => `${e.field}: ${e.message}`);
    const email = parsed.success ? normaliseEmail(parsed.data.email) : undefined;
    if (email !== undefined) {
      const earlier = seen.get(email);
      if (earlier !== undefined) problems.push(`email: This email address is also on line ${earlier}`);
      else if (await findUserByEmail(db, email)) problems.push('email: An account with this email address already exists');
      seen.set(email, earlier ?? row.line);
    }
    // The organisation is checked whenever its own cell is well formed, so one pass reports every problem of the row.
    const ods = uploadRowSchema.shape.organisation_ods_code.safeParse(row.values.organisation_ods_code);
    const { organisation, problem } = ods.success ? await resolve(ods.data) : {};
    if (problem) problems.push(problem);
    if (problems.length > 0 || !parsed.success || !organisation) rejected.push({ line: row.line, problems });
    else ready.push({ line: row.line, data: { ...parsed.data, email: email ?? parsed.data.email }, organisation });
  }
  return { ready, rejected };
}

/**
 * Creates accounts from an uploaded CSV, all or nothing: if any row is wrong, none is created and the
 * report lists every problem, so the corrected file can simply be uploaded again. Each new account is
 * active, with an emailed invitation to confirm eligibility and choose a password.
 */
export async function uploadAccounts(app: FastifyInstance, actor: CurrentUser, file: Buffer | undefined, request?: FastifyRequest): Promise<UploadOutcome> {
  const parsed = parseAccountsCsv(file);
  if (!parsed.ok) return parsed;
  const { ready, rejected } = await checkRows(app.db, actor, parsed.rows);
  const summary = ready.map((r) => ({ line: r.line, email: r.data.email, fullName: r.data.full_name, organisation: r.organisation.name }));
  if (rejected.length > 0) return { ok: true, report: { created: false, ready: summary, rejected } };
  await app.db.transaction().execute(async (trx) => {
    for (const row of ready) await createInvitedAccount(app, trx, actor, row, request);
    await recordAudit(trx, { actor: actorOf(actor), action: 'account.bulk_upload', targetType: 'user_account', targetId: 'bulk', details: { created: ready.length }, request });
  });
  return { ok: true, report: { created: true, ready: summary, rejected: [] } };
}

async function createInvitedAccount(app: FastifyInstance, trx: Transaction<Database>, actor: CurrentUser, row: ReadyRow, request?: FastifyRequest): Promise<void> {
  const now = new Date();
  const id = await insertUser(trx, {
    email: row.data.email,
    full_name: row.data.full_name,
    job_title: row.data.job_title,
    staff_group: row.data.staff_group,
    organisation_id: row.organisation.id,
    status: 'active',
    // No usable password until the person chooses one through the invitation (or "forgotten password").
    password_hash: '!invited',
    expires_at: expiryDate(now, row.organisation.accountExpiryMonths || DEFAULT_EXPIRY_MONTHS).toISOString(),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  const token = await issueAccountToken(trx, { userId: id, purpose: 'invite', now });
  await recordAudit(trx, { actor: actorOf(actor), action: 'account.create', targetType: 'user_account', targetId: id, details: { after: { organisationId: row.organisation.id, status: 'active' }, source: 'bulk_upload', line: row.line }, request });
  const link = `${app.config.baseUrl}/account/activate?token=${encodeURIComponent(token)}`;
  await app.mail.queue(invitationEmail(row.data.email, row.data.full_name, row.organisation.name, link), { db: trx });
}
