import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAuditEvents } from '../../platform/audit/audit.js';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { describeEvent } from './admin-find.service.js';
import { type AccountFigures, RECENT_DAYS, accountStatistics } from './admin-statistics.service.js';
import { canViewAuditLog } from './policies.js';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional()).catch(undefined);

/** The audit page's filters; nonsense is ignored (it is a search page). */
const auditQuery = z.object({
  action: optionalText(100),
  targetType: optionalText(100),
  targetId: optionalText(100),
});

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** The figures as a table shows them, with "Not known" where there is nothing to divide by. */
function displayFigures(figures: AccountFigures) {
  const notKnown = 'Not known';
  return {
    accounts: whole.format(figures.accounts),
    active: whole.format(figures.active),
    approvedShare: figures.approvedShare === null ? notKnown : percent.format(figures.approvedShare),
    activeLast90Days: whole.format(figures.activeLast90Days),
    staffWte: figures.staffWte === null ? notKnown : whole.format(figures.staffWte),
    accountsPer1000Wte: figures.accountsPer1000Wte === null ? notKnown : oneDecimal.format(figures.accountsPer1000Wte),
    shareOfWte: figures.shareOfWte === null ? notKnown : percent.format(figures.shareOfWte),
  };
}

/** The account statistics page and the audit log page. */
export async function adminStatisticsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/statistics', async (request, reply) => {
    const { organisations, totals } = await accountStatistics(app.db, requireUser(request));
    return reply.view('accounts/views/admin-statistics.njk', {
      pageTitle: 'Account statistics',
      recentDays: RECENT_DAYS,
      rows: organisations.map((row) => ({ name: row.name, odsCode: row.odsCode, ...displayFigures(row) })),
      totals: displayFigures(totals),
    });
  });

  app.get('/admin/audit', async (request, reply) => {
    authorize(canViewAuditLog(requireUser(request)));
    const filters = auditQuery.parse(request.query);
    const events = await listAuditEvents(app.db, { actionPrefix: filters.action, targetType: filters.targetType, targetId: filters.targetId, limit: 200 });
    return reply.view('accounts/views/admin-audit.njk', { pageTitle: 'Audit log', filters, events: events.map(describeEvent) });
  });
}
