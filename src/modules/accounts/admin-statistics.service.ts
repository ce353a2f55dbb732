import type { Kysely } from 'kysely';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import type { Organisation } from '../organisations/index.js';
import { organisationsByIds } from './admin-organisations.js';
import { countAccountsByOrganisation } from './admin-accounts.repository.js';
import { canSeeStatisticsFor } from './admin-scope.js';
import { canListAccountStatistics } from './policies.js';

/** "Active in the last 90 days" means signed in within this many days. */
export const RECENT_DAYS = 90;
const DAY_MS = 86_400_000;

/** Account figures for one organisation, or for all those shown (the totals). */
export interface AccountFigures {
  /** Every account, whatever its status. */
  accounts: number;
  /** Approved and in date. */
  active: number;
  /** Active as a share of all accounts that are not closed (0–1); null when there are none. */
  approvedShare: number | null;
  /** Accounts that signed in within the last 90 days. */
  activeLast90Days: number;
  /** Whole-time-equivalent staff, when known. */
  staffWte: number | null;
  /** Active accounts per 1,000 WTE staff; null when WTE is not known. */
  accountsPer1000Wte: number | null;
  /** Active accounts as a share of WTE staff (0–1, may exceed 1 with part-time staff); null when WTE is not known. */
  shareOfWte: number | null;
}

/** One organisation's row of the statistics (null id: accounts with no organisation). */
export interface OrganisationStatistics extends AccountFigures {
  organisationId: number | null;
  odsCode: string | null;
  name: string;
  regionCode: string | null;
}

interface Counts {
  total: number;
  active: number;
  closed: number;
  recent: number;
}

const ZERO: Counts = { total: 0, active: 0, closed: 0, recent: 0 };

/** The figures from raw counts and a WTE denominator (pure; the totals use it too). */
export function accountFigures(counts: Counts, staffWte: number | null): AccountFigures {
  const open = counts.total - counts.closed;
  const wteKnown = staffWte !== null && staffWte > 0;
  return {
    accounts: counts.total,
    active: counts.active,
    approvedShare: open > 0 ? counts.active / open : null,
    activeLast90Days: counts.recent,
    staffWte,
    accountsPer1000Wte: wteKnown ? (counts.active / staffWte) * 1000 : null,
    shareOfWte: wteKnown ? counts.active / staffWte : null,
  };
}

/** Totals over the rows shown; the WTE figures count only organisations whose WTE is known, so unknowns do not dilute them. */
export function totalFigures(rows: readonly (Counts & { staffWte: number | null })[]): AccountFigures {
  const sum = (pick: (r: Counts) => number, of = rows) => of.reduce((n, r) => n + pick(r), 0);
  const known = rows.filter((r) => r.staffWte !== null && r.staffWte > 0);
  const figures = accountFigures({ total: sum((r) => r.total), active: sum((r) => r.active), closed: sum((r) => r.closed), recent: sum((r) => r.recent) }, null);
  const wte = known.reduce((n, r) => n + (r.staffWte ?? 0), 0);
  const activeWithWte = sum((r) => r.active, known);
  return { ...figures, staffWte: known.length > 0 ? wte : null, accountsPer1000Wte: wte > 0 ? (activeWithWte / wte) * 1000 : null, shareOfWte: wte > 0 ? activeWithWte / wte : null };
}

function statisticsRow(organisationId: number | null, organisation: Organisation | undefined, counts: Counts): OrganisationStatistics & Counts {
  return {
    ...counts,
    organisationId,
    odsCode: organisation?.odsCode ?? null,
    name: organisation?.name ?? 'No organisation',
    regionCode: organisation?.regionCode ?? null,
    ...accountFigures(counts, organisation?.staffWte ?? null),
  };
}

/**
 * Account statistics per organisation, limited to what the person may see (platform admins: all; regional
 * leads: their region; organisation admins: their organisation). With `organisation`, just that one (403 if
 * outside their scope), shown even when it has no accounts yet.
 */
export async function accountStatistics(db: Kysely<Database>, user: CurrentUser | null, options: { organisation?: Organisation; now?: Date } = {}) {
  authorize(canListAccountStatistics(user));
  const only = options.organisation;
  if (only) authorize(canSeeStatisticsFor(user, only.id, only.regionCode));
  const since = new Date((options.now ?? new Date()).getTime() - RECENT_DAYS * DAY_MS).toISOString();
  const counts = (await countAccountsByOrganisation(db, since)).filter((c) => !only || c.organisationId === only.id);
  if (only && counts.length === 0) counts.push({ organisationId: only.id, ...ZERO });
  const organisations = await organisationsByIds(db, counts.map((c) => c.organisationId));
  const rows = counts
    .map((c) => statisticsRow(c.organisationId, c.organisationId === null ? undefined : organisations.get(c.organisationId), c))
    .filter((row) => canSeeStatisticsFor(user, row.organisationId, row.regionCode))
    .sort((a, b) => (a.organisationId === null ? 1 : b.organisationId === null ? -1 : a.name.localeCompare(b.name)));
  const totals = totalFigures(rows);
  return { organisations: rows.map(({ total: _t, closed: _c, recent: _r, ...row }) => row), totals };
}
