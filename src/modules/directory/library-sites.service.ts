import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { deleteSiteRows, insertSiteRow, listSiteRowsForService, updateServiceRow } from './library.repository.js';
import { type Library, getLibrary } from './library.service.js';
import { type SiteChanges, countyOf, siteOf, siteSnapshot, writeSiteChanges } from './library-site-update.service.js';
import { canEditLibrary } from './policies.js';

const REFUSED = 'Only this library service’s managers and librarians can add or remove its sites.';

/** Site keys are 1–80 letters, digits, dots, dashes or underscores (as in the CSV); this one made from the name. */
export function siteKeyFrom(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'site';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Adds a site to a library service for someone allowed to change it (403 otherwise): its key is made from
 * its name (unique within the service, so later CSV exports and imports match it), it is located from its
 * postcode, and the audit event holds everything it was given. One transaction.
 */
export async function addLibrarySite(
  db: Kysely<Database>,
  user: CurrentUser,
  serviceId: number,
  site: SiteChanges & { readonly name: string },
  options: { request?: FastifyRequest; now?: Date } = {},
): Promise<{ library: Library; siteId: number }> {
  const now = options.now ?? new Date();
  await getLibrary(db, serviceId, now);
  authorize(canEditLibrary(user, serviceId), REFUSED);
  const county = await countyOf(db, site);
  return db.transaction().execute(async (trx) => {
    const key = siteKeyFrom(site.name, new Set((await listSiteRowsForService(trx, serviceId)).map((s) => s.site_key)));
    const siteId = await insertSiteRow(trx, { service_id: serviceId, site_key: key, name: site.name, created_at: now.toISOString(), updated_at: now.toISOString() });
    await writeSiteChanges(trx, siteId, site, { currentPostcode: null, county, now });
    await updateServiceRow(trx, serviceId, { updated_at: now.toISOString() });
    const library = await getLibrary(trx, serviceId, now);
    await recordAudit(trx, { actor: user, action: 'library_site.add', targetType: 'library_site', targetId: siteId, details: { serviceId, siteKey: key, after: siteSnapshot(siteOf(library, siteId)) }, request: options.request }, now);
    return { library, siteId };
  });
}

/**
 * Removes a site (and its opening hours) from a library service for someone allowed to change it (403
 * otherwise; 404 for a site of another service), recording what it was in the audit event. One transaction.
 */
export async function removeLibrarySite(db: Kysely<Database>, user: CurrentUser, serviceId: number, siteId: number, options: { request?: FastifyRequest; now?: Date } = {}): Promise<Library> {
  const now = options.now ?? new Date();
  const library = await getLibrary(db, serviceId, now);
  authorize(canEditLibrary(user, serviceId), REFUSED);
  const site = siteOf(library, siteId);
  return db.transaction().execute(async (trx) => {
    await deleteSiteRows(trx, [siteId]);
    await updateServiceRow(trx, serviceId, { updated_at: now.toISOString() });
    await recordAudit(trx, { actor: user, action: 'library_site.remove', targetType: 'library_site', targetId: siteId, details: { serviceId, siteKey: site.key, before: siteSnapshot(site) }, request: options.request }, now);
    return getLibrary(trx, serviceId, now);
  });
}
