import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { CorrectionStatus } from './directory.table.js';
import { canEditLibrary } from './policies.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Resolved corrections the list shows below the open ones, newest first; older ones stay in the table. */
export const RESOLVED_SHOWN = 20;

/** A "report a correction" submission as the entry's editors see it. */
export interface LibraryCorrection {
  id: number;
  serviceId: number;
  details: string;
  reporterEmail: string | null;
  /** True when the reporter was signed in when they sent it. */
  reporterSignedIn: boolean;
  status: CorrectionStatus;
  createdAt: string;
  resolvedAt: string | null;
}

/** Stores a correction as open, inside the caller's transaction (the one that queues its emails); returns its id. */
export async function storeCorrection(trx: Db, report: { serviceId: number; details: string; reporterEmail: string | null; reporterUserId: number | null }, now: Date): Promise<number> {
  const row = await trx
    .insertInto('library_correction')
    .values({ service_id: report.serviceId, details: report.details, reporter_email: report.reporterEmail, reporter_user_id: report.reporterUserId, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A service's open corrections (oldest first, as they wait longest) and its latest resolved ones (newest first). */
export async function listCorrections(db: Db, serviceId: number): Promise<{ open: LibraryCorrection[]; resolved: LibraryCorrection[] }> {
  const base = db.selectFrom('library_correction').select(['id', 'service_id', 'details', 'reporter_email', 'reporter_user_id', 'status', 'created_at', 'resolved_at']).where('service_id', '=', serviceId);
  const open = await base.where('status', '=', 'open').orderBy('created_at').orderBy('id').execute();
  const resolved = await base.where('status', '=', 'resolved').orderBy('resolved_at', 'desc').orderBy('id', 'desc').limit(RESOLVED_SHOWN).execute();
  const toCorrection = (r: (typeof open)[number]): LibraryCorrection => ({
    id: Number(r.id),
    serviceId: Number(r.service_id),
    details: r.details,
    reporterEmail: r.reporter_email,
    reporterSignedIn: r.reporter_user_id !== null,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at).toISOString(),
  });
  return { open: open.map(toCorrection), resolved: resolved.map(toCorrection) };
}

/** How many corrections to a service are still open. */
export async function countOpenCorrections(db: Db, serviceId: number): Promise<number> {
  const row = await db.selectFrom('library_correction').select((eb) => eb.fn.countAll<string | number>().as('n')).where('service_id', '=', serviceId).where('status', '=', 'open').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Marks an open correction to a service resolved, for someone allowed to change the service (403
 * otherwise; 404 for a correction of another service or one already resolved), with an audit event, in
 * one transaction. The update is conditional, so two editors pressing at once resolve it once.
 */
export async function resolveCorrection(db: Kysely<Database>, user: CurrentUser, serviceId: number, correctionId: number, options: { request?: FastifyRequest; now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  authorize(canEditLibrary(user, serviceId), 'Only this library service’s managers and librarians can resolve its corrections.');
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('library_correction')
      .set({ status: 'resolved', resolved_at: now.toISOString(), resolved_by_user_id: user.id })
      .where('id', '=', correctionId)
      .where('service_id', '=', serviceId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError('correction_not_open', 'There is no open correction with that id for this library service.');
    await recordAudit(trx, { actor: user, action: 'library_correction.resolve', targetType: 'library_correction', targetId: correctionId, details: { serviceId, before: { status: 'open' }, after: { status: 'resolved' } }, request: options.request }, now);
  });
}
