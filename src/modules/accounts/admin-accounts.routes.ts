import type { FastifyInstance } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { type CurrentUser, isPlatformAdmin } from '../../platform/auth/roles.js';
import { ACCOUNT_STATUS_LABELS } from './account.js';
import { roleItems } from './admin-account.service.js';
import { type AccountSearchInput, ACCOUNT_STATUSES, accountIdFrom, accountSearchSchema } from './admin-accounts.schema.js';
import { accountDetail, findAccounts, organisationChoices } from './admin-find.service.js';
import { canUseBulkAccountTools, canFindAccounts, canListAccountStatistics, canManageApiTokens, canViewAuditLog } from './policies.js';

interface AdminSection {
  readonly href: string;
  readonly title: string;
  readonly description: string;
}

/** The admin areas this person may use; each is checked again by its own route. */
export function adminSections(user: CurrentUser): AdminSection[] {
  const sections: AdminSection[] = [];
  if (canFindAccounts(user)) {
    sections.push({ href: '/admin/join-requests', title: 'Join requests', description: 'Approve, reject, query or move requests to join an organisation.' });
    sections.push({ href: '/admin/accounts', title: 'Accounts', description: 'Find, view, suspend and reactivate accounts, change roles, upload and export.' });
    sections.push({ href: '/admin/organisations', title: 'Organisations', description: 'Organisations, their email domains and how long their accounts last.' });
  }
  if (canListAccountStatistics(user)) sections.push({ href: '/admin/statistics', title: 'Account statistics', description: 'Accounts per organisation, the share approved, recent use and accounts per staff WTE.' });
  if (canViewAuditLog(user)) sections.push({ href: '/admin/audit', title: 'Audit log', description: 'Who changed what, when and from where.' });
  if (canManageApiTokens(user)) sections.push({ href: '/account/api-tokens', title: 'API tokens', description: 'Tokens that let another system use the khub API for you.' });
  // The library directory's own pages check this again (platform admins only).
  if (isPlatformAdmin(user)) sections.push({ href: '/admin/libraries/unverified', title: 'Library directory', description: 'Entries needing verification, and the list of services libraries offer.' });
  return sections;
}

/** The finder's filters as a query string, for the pages and the export of the same search. */
function filterQuery(input: AccountSearchInput): URLSearchParams {
  const params = new URLSearchParams();
  if (input.q) params.set('q', input.q);
  if (input.organisation) params.set('organisation', String(input.organisation));
  if (input.status) params.set('status', input.status);
  if (input.role) params.set('role', input.role);
  return params;
}

function pageHref(input: AccountSearchInput, page: number): string {
  const params = filterQuery(input);
  params.set('page', String(page));
  return `/admin/accounts?${params.toString()}`;
}

/** The admin landing page, the account finder and an account's page. */
export async function adminAccountsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin', async (request, reply) => {
    const user = requireUser(request);
    const sections = adminSections(user);
    authorize(sections.length > 0);
    return reply.view('accounts/views/admin.njk', { pageTitle: 'Administration', sections });
  });

  app.get('/admin/accounts', async (request, reply) => {
    const user = requireUser(request);
    const input = accountSearchSchema.parse(request.query);
    const result = await findAccounts(app.db, user, input);
    const organisations = await organisationChoices(app.db, user);
    return reply.view('accounts/views/admin-accounts.njk', {
      pageTitle: 'Accounts',
      search: input,
      result,
      exportHref: `/admin/accounts/export.csv?${filterQuery(input).toString()}`,
      canBulk: canUseBulkAccountTools(user),
      pagination: {
        previous: input.page > 1 ? { href: pageHref(input, input.page - 1) } : undefined,
        next: input.page < result.pageCount ? { href: pageHref(input, input.page + 1) } : undefined,
      },
      organisationItems: [{ value: '', text: 'All organisations' }, ...organisations.map((o) => ({ value: String(o.id), text: `${o.name} (${o.odsCode})`, selected: o.id === input.organisation }))],
      statusItems: [{ value: '', text: 'Any status' }, ...ACCOUNT_STATUSES.map((s) => ({ value: s, text: ACCOUNT_STATUS_LABELS[s], selected: s === input.status }))],
      roleItems: [{ value: '', text: 'Any role' }, ...roleItems(input.role)],
      success: request.session.takeFlash('success'),
    });
  });

  app.get('/admin/accounts/:id', async (request, reply) => {
    const user = requireUser(request);
    const detail = await accountDetail(app.db, user, accountIdFrom(request.params));
    return reply.view('accounts/views/admin-account.njk', { pageTitle: detail.account.fullName, ...detail, success: request.session.takeFlash('success'), problems: request.session.takeFlash('error') });
  });
}
