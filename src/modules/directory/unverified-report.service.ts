import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { listServiceManagers } from './entry-contacts.js';
import { csvCell } from './library-csv.js';
import { listRemindedOn } from './library.repository.js';
import { listServicesNeedingVerification, loadLibraries } from './library.service.js';

/** One entry not verified for over 12 months, with who should verify it. */
export interface UnverifiedEntry {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly lastVerifiedOn: string | null;
  readonly lastVerifiedBy: string | null;
  /** The service managers' accounts in khub. */
  readonly managers: readonly { fullName: string; email: string }[];
  /** The entry's first contact with an email address: who is reminded when there is no manager. */
  readonly contactEmail: string | null;
  readonly remindedOn: string | null;
}

/** Entries never verified or not for over 12 months, oldest verification first (never-verified ones first of all). */
export async function listUnverifiedEntries(db: Kysely<Database>, now = new Date()): Promise<UnverifiedEntry[]> {
  const ids = await listServicesNeedingVerification(db, now);
  const [libraries, managers, remindedOn] = [await loadLibraries(db, ids, now), await listServiceManagers(db, ids), await listRemindedOn(db, ids)];
  return libraries
    .map((l) => ({
      id: l.id,
      key: l.key,
      name: l.name,
      lastVerifiedOn: l.lastVerifiedOn,
      lastVerifiedBy: l.lastVerifiedBy,
      managers: managers.get(l.id) ?? [],
      contactEmail: l.contacts.find((c) => c.email)?.email ?? null,
      remindedOn: remindedOn.get(l.id) ?? null,
    }))
    .sort((a, b) => (a.lastVerifiedOn ?? '').localeCompare(b.lastVerifiedOn ?? '') || a.name.localeCompare(b.name, 'en-GB') || a.id - b.id);
}

const REPORT_COLUMNS = ['service_key', 'service_name', 'last_verified_on', 'last_verified_by', 'service_managers', 'contact_email', 'reminder_sent_on', 'page'] as const;

/** The report as CSV, one row per entry; managers as `Name <email>` separated by `;`. */
export function unverifiedEntriesCsv(entries: readonly UnverifiedEntry[], baseUrl: string): string {
  const rows = entries.map((e) => [
    e.key,
    e.name,
    e.lastVerifiedOn,
    e.lastVerifiedBy,
    e.managers.map((m) => `${m.fullName} <${m.email}>`).join('; '),
    e.contactEmail,
    e.remindedOn,
    `${baseUrl}/libraries/${e.id}`,
  ]);
  return [REPORT_COLUMNS, ...rows].map((cells) => `${cells.map((c) => csvCell(c)).join(',')}\r\n`).join('');
}
