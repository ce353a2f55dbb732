import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { type RoleHolder, listActiveRoleHolders } from '../accounts/index.js';
import type { Library } from './library.service.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The service managers of each of these services: the active accounts holding that role over the service. */
export async function listServiceManagers(db: Db, serviceIds: readonly number[]): Promise<Map<number, RoleHolder[]>> {
  const byScope = await listActiveRoleHolders(db, 'service_manager', serviceIds);
  return new Map(serviceIds.map((id) => [id, byScope.get(String(id)) ?? []]));
}

/**
 * Who hears about an entry (reminders, corrections): its service managers; a service with no manager
 * in khub yet, its first contact with an email address; with `platformAdminsLast`, failing both, the
 * platform admins, so that a correction always reaches someone who can act on it.
 */
export async function entryRecipients(db: Db, library: Library, options: { platformAdminsLast?: boolean } = {}): Promise<string[]> {
  const managers = (await listServiceManagers(db, [library.id])).get(library.id) ?? [];
  if (managers.length > 0) return managers.map((m) => m.email);
  const contact = library.contacts.find((c) => c.email)?.email;
  if (contact) return [contact];
  if (!options.platformAdminsLast) return [];
  return ((await listActiveRoleHolders(db, 'platform_admin', [''])).get('') ?? []).map((a) => a.email);
}
