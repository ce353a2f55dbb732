/**
 * The `search.alerts` job: every hour, each alert whose daily, weekly or monthly turn has come re-runs its
 * search and emails the records added since its last run — nothing when nothing is new — then records the
 * run. The run is recorded with a conditional update in the same transaction as the email, so a second
 * run (or a second worker) at the same time sends nothing more.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { searchAlertEmail } from './alert.emails.js';
import { indexWatermark, newRecordsBetween } from './alert-search.js';
import { labelFilters } from './filter-labels.js';
import { type SavedSearch, toSavedSearch } from './saved-search.service.js';
import { unsubscribeToken } from './unsubscribe-token.js';

export const SEARCH_ALERTS_JOB = 'search.alerts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * An alert is due this much before its full interval has passed: the job runs hourly, a few seconds
 * earlier or later each time, and without slack a daily alert would slip an hour every few days.
 */
const SLACK_MS = HOUR_MS / 2;

function monthBefore(now: Date): Date {
  const earlier = new Date(now);
  earlier.setUTCMonth(now.getUTCMonth() - 1);
  // 31 March less a month is 3 March in JavaScript; the end of February is meant.
  if (earlier.getUTCMonth() === now.getUTCMonth()) earlier.setUTCDate(0);
  return earlier;
}

/** For each frequency, the latest last run that makes an alert due at `now`. */
export function dueCutoffs(now: Date): { daily: string; weekly: string; monthly: string } {
  const at = (time: number) => new Date(time + SLACK_MS).toISOString();
  return { daily: at(now.getTime() - DAY_MS), weekly: at(now.getTime() - 7 * DAY_MS), monthly: at(monthBefore(now).getTime()) };
}

/** Emailing alerts of active members whose turn has come, with their owners' addresses. */
async function listDueAlerts(app: FastifyInstance, now: Date): Promise<{ search: SavedSearch; email: string }[]> {
  const cutoffs = dueCutoffs(now);
  const rows = await app.db
    .selectFrom('saved_search as s')
    .innerJoin('user_account as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select('u.email')
    .where('s.active', '=', 1)
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.or(
        (['daily', 'weekly', 'monthly'] as const).map((frequency) =>
          eb.and([eb('s.frequency', '=', frequency), eb.or([eb('s.last_run_at', 'is', null), eb('s.last_run_at', '<=', cutoffs[frequency])])]),
        ),
      ),
    )
    .orderBy('s.id')
    .execute();
  return rows.map(({ email, ...row }) => ({ search: toSavedSearch(row), email }));
}

export interface AlertRunSummary {
  /** Alerts that ran. */
  readonly ran: number;
  /** Of those, how many found something new and were emailed. */
  readonly emailed: number;
}

/** Runs every due alert once; safe to run twice or on several workers. */
export async function runSearchAlerts(app: FastifyInstance, now = new Date()): Promise<AlertRunSummary> {
  // One watermark for the whole run: each alert then covers exactly the records indexed up to it.
  const until = await indexWatermark(app.db);
  let ran = 0;
  let emailed = 0;
  for (const { search, email } of await listDueAlerts(app, now)) {
    const found = await newRecordsBetween(app.db, search, search.lastAddedAt, until, now);
    const total = found.kind === 'found' ? found.total : 0;
    // Never move the watermark back (an alert saved during this run has a newer one already).
    const watermark = until !== null && (search.lastAddedAt === null || until > search.lastAddedAt) ? until : search.lastAddedAt;
    // Named before the transaction: on SQLite it holds the one connection the look-ups would wait for.
    const filters = found.kind === 'found' && total > 0 ? await labelFilters(app.db, search.filters, now) : [];
    const done = await app.db.transaction().execute(async (trx) => {
      const lastRun = search.lastRunAt;
      const claimed = await trx
        .updateTable('saved_search')
        .set({ last_run_at: now.toISOString(), last_new_count: total, last_error: found.kind === 'failed' ? found.message : null, last_added_at: watermark })
        .where('id', '=', search.id)
        .where('active', '=', 1)
        .where(lastRun === null ? sql<boolean>`last_run_at is null` : sql<boolean>`last_run_at = ${lastRun}`)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return 'taken';
      if (found.kind !== 'found' || total === 0) return 'nothing new';
      const unsubscribeUrl = `${app.config.baseUrl}/search/alerts/unsubscribe?token=${unsubscribeToken(app.config.sessionSecret, search.id, search.unsubscribeNonce)}`;
      await app.mail.queue(searchAlertEmail({ to: email, search, filters, total, records: found.records, baseUrl: app.config.baseUrl, unsubscribeUrl, now }), { db: trx });
      return 'emailed';
    });
    if (done !== 'taken') ran += 1;
    if (done === 'emailed') emailed += 1;
  }
  return { ran, emailed };
}

/** Registers the job and runs it hourly; each alert still emails only daily, weekly or monthly. */
export function registerSearchAlerts(app: FastifyInstance): void {
  app.jobs.register(SEARCH_ALERTS_JOB, async (_payload, { log }) => {
    log.info(await runSearchAlerts(app), 'search alerts run');
  }, { maxAttempts: 3, backoffSeconds: 300 });
  app.jobs.schedule({ name: SEARCH_ALERTS_JOB, jobName: SEARCH_ALERTS_JOB, intervalSeconds: HOUR_MS / 1000 });
}
