import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import { listServiceOfferedRows, replaceServiceContacts, replaceServiceOfferings, updateServiceRow } from './library.repository.js';
import { type Library, getLibrary } from './library.service.js';
import { canEditLibrary } from './policies.js';

/** The fields of an entry its managers may change; absent fields stay as they are. */
export interface LibraryChanges {
  readonly name?: string;
  readonly description?: string | null;
  readonly whoMayUse?: string | null;
  readonly collections?: string | null;
  readonly specialisms?: string | null;
  readonly interlendingNetwork?: string | null;
  readonly website?: string | null;
  readonly servicesOffered?: readonly string[];
  readonly contacts?: readonly { role: string; email: string | null; phone: string | null }[];
  /** Confirms the entry is right as of today, recording who confirmed it. */
  readonly verified?: boolean;
}

const COLUMNS = {
  name: 'name',
  description: 'description',
  whoMayUse: 'who_may_use',
  collections: 'collections',
  specialisms: 'specialisms',
  interlendingNetwork: 'interlending_network',
  website: 'website',
} as const;

type Snapshot = Pick<Library, keyof typeof COLUMNS | 'contacts' | 'lastVerifiedOn' | 'lastVerifiedBy'> & { servicesOffered: string[] };

function snapshot(library: Library): Snapshot {
  const { name, description, whoMayUse, collections, specialisms, interlendingNetwork, website, contacts, lastVerifiedOn, lastVerifiedBy } = library;
  return { name, description, whoMayUse, collections, specialisms, interlendingNetwork, website, contacts, lastVerifiedOn, lastVerifiedBy, servicesOffered: library.servicesOffered.map((s) => s.code) };
}

/**
 * Changes a library service's entry for someone allowed to (403 otherwise), and records the change with
 * the before and after values of every field that changed, in one transaction.
 */
export async function updateLibrary(db: Kysely<Database>, user: CurrentUser, id: number, changes: LibraryChanges, options: { request?: FastifyRequest; now?: Date } = {}): Promise<Library> {
  const now = options.now ?? new Date();
  const current = await getLibrary(db, id, now);
  authorize(canEditLibrary(user, id), 'Only this library service’s managers and librarians can change its entry.');
  if (changes.servicesOffered) {
    // A retired service stays on entries that have it, but cannot be added to others.
    const had = new Set(current.servicesOffered.map((s) => s.code));
    const allowed = new Set((await listServiceOfferedRows(db)).filter((r) => r.retired_at === null || had.has(r.code)).map((r) => r.code));
    const unknown = changes.servicesOffered.filter((c) => !allowed.has(c));
    if (unknown.length > 0) throw new ValidationError([{ field: 'servicesOffered', message: `not on the list of services offered: ${unknown.join(', ')}` }]);
  }
  return db.transaction().execute(async (trx) => {
    const before = snapshot(await getLibrary(trx, id, now));
    const update: Record<string, unknown> = { updated_at: now.toISOString() };
    for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
      if (changes[field] !== undefined) update[column] = changes[field];
    }
    if (changes.verified) {
      update.last_verified_on = now.toISOString().slice(0, 10);
      update.last_verified_by = user.email;
    }
    await updateServiceRow(trx, id, update);
    if (changes.servicesOffered) await replaceServiceOfferings(trx, id, changes.servicesOffered);
    if (changes.contacts) await replaceServiceContacts(trx, id, changes.contacts);
    const library = await getLibrary(trx, id, now);
    const after = snapshot(library);
    const changedFields = (Object.keys(after) as (keyof Snapshot)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    const pick = (s: Snapshot) => Object.fromEntries(changedFields.map((k) => [k, s[k]]));
    await recordAudit(trx, { actor: user, action: 'library_service.update', targetType: 'library_service', targetId: id, details: { before: pick(before), after: pick(after) }, request: options.request }, now);
    return library;
  });
}
