import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { Author } from './bib-record.js';
import { type BulkColumn, bulkInsert } from '../../platform/db/bulk-insert.js';
import { matchKeys as keysFor } from './match-keys.js';

type Db = Kysely<Database> | Transaction<Database>;
const CHUNK = 500;
const KEY_COLUMNS: readonly BulkColumn[] = [
  { name: 'record_id', pgType: 'bigint' },
  { name: 'match_key', pgType: 'text' },
];

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** A record with the keys it is grouped by (see match-keys.ts). */
export interface KeyedRecord {
  readonly id: number;
  readonly matchKeys: readonly string[];
  /** Has no keys stored yet (just added), so there are none to delete first. */
  readonly isNew?: boolean;
}

/** Replaces the stored match keys of these records; returns every key they now have. */
async function writeKeys(db: Db, records: readonly KeyedRecord[]): Promise<string[]> {
  const allKeys = new Set<string>();
  const stale = records.filter((record) => !record.isNew).map((record) => record.id);
  for (const ids of chunks(stale)) await db.deleteFrom('record_match_key').where('record_id', 'in', ids).execute();
  const keyRows = records.flatMap((record) => record.matchKeys.map((key) => [record.id, key]));
  await bulkInsert(db, 'record_match_key', KEY_COLUMNS, keyRows);
  for (const record of records) for (const key of record.matchKeys) allKeys.add(key);
  return [...allKeys];
}

/** Works out the match keys of stored records from their rows. */
async function keysFromRows(db: Db, recordIds: readonly number[]): Promise<KeyedRecord[]> {
  const keyed: KeyedRecord[] = [];
  for (const ids of chunks(recordIds)) {
    const rows = await db.selectFrom('record').select(['id', 'pmid', 'doi', 'title', 'pub_year', 'pages', 'authors']).where('id', 'in', ids).execute();
    for (const row of rows) {
      const firstAuthor = (JSON.parse(row.authors) as Author[])[0];
      const matchKeys = keysFor({ pmid: row.pmid, doi: row.doi, title: row.title, year: row.pub_year, pages: row.pages, firstAuthorFamily: firstAuthor?.family ?? firstAuthor?.collective ?? null });
      keyed.push({ id: row.id, matchKeys });
    }
  }
  return keyed;
}

/** Union-find over record ids: each component's representative is its smallest id. */
class Components {
  readonly #parent = new Map<number, number>();
  find(id: number): number {
    const parent = this.#parent.get(id) ?? id;
    if (parent === id) return id;
    const root = this.find(parent);
    this.#parent.set(id, root);
    return root;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.#parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  add(id: number): void {
    if (!this.#parent.has(id)) this.#parent.set(id, id);
  }
  members(): Map<number, number[]> {
    const groups = new Map<number, number[]>();
    for (const id of this.#parent.keys()) {
      const root = this.find(id);
      const members = groups.get(root);
      if (members) members.push(id);
      else groups.set(root, [id]);
    }
    return groups;
  }
}

/**
 * Refreshes the match keys of these records and regroups every record that now shares a key with them.
 * A group's id is its smallest record id; a record matching nothing has no group. Call inside the import
 * batch's transaction. Splitting a group when a record stops matching is left to `rebuildDuplicateGroups`.
 */
export async function assignDuplicateGroups(db: Db, recordIds: readonly number[]): Promise<number> {
  if (recordIds.length === 0) return 0;
  return groupKeyedRecords(db, await keysFromRows(db, recordIds));
}

/** `assignDuplicateGroups` for records whose keys are already in hand (an import batch computed them). */
export async function groupKeyedRecords(db: Db, records: readonly KeyedRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const keys = await writeKeys(db, records);
  const components = new Components();
  const groupIds = new Set<number>();
  for (const part of chunks(keys)) {
    const rows = await db.selectFrom('record_match_key').select(['record_id', 'match_key']).where('match_key', 'in', part).execute();
    const firstByKey = new Map<string, number>();
    for (const row of rows) {
      components.add(row.record_id);
      const first = firstByKey.get(row.match_key);
      if (first === undefined) firstByKey.set(row.match_key, row.record_id);
      else components.union(first, row.record_id);
    }
  }
  // Records this batch added have no group yet: only the others can bring an existing group in.
  const added = new Set(records.filter((record) => record.isNew).map((record) => record.id));
  const involved = [...components.members().values()].flat().filter((id) => !added.has(id));
  for (const ids of chunks(involved)) {
    const rows = await db.selectFrom('record').select(['id', 'duplicate_group_id']).where('id', 'in', ids).execute();
    for (const row of rows) if (row.duplicate_group_id !== null) groupIds.add(row.duplicate_group_id);
  }
  // Existing groups the records belonged to stay joined: a group is never silently broken here.
  for (const ids of chunks([...groupIds])) {
    const rows = await db.selectFrom('record').select(['id', 'duplicate_group_id']).where('duplicate_group_id', 'in', ids).execute();
    for (const row of rows) {
      components.add(row.id);
      if (row.duplicate_group_id !== null) {
        components.add(row.duplicate_group_id);
        components.union(row.id, row.duplicate_group_id);
      }
    }
  }
  let changed = 0;
  // Records that match nothing are cleared together: one statement per component was most of a batch's queries.
  const alone: number[] = [];
  const groups: [number, number[]][] = [];
  for (const [root, members] of components.members()) {
    if (members.length > 1) groups.push([root, members]);
    else if (!added.has(root)) alone.push(root);
  }
  for (const ids of chunks(alone)) {
    const result = await db.updateTable('record').set({ duplicate_group_id: null }).where('id', 'in', ids).where('duplicate_group_id', 'is not', null).executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  for (const [groupId, members] of groups) {
    for (const ids of chunks(members)) {
      const result = await db
        .updateTable('record')
        .set({ duplicate_group_id: groupId })
        .where('id', 'in', ids)
        .where((eb) => eb.or([eb('duplicate_group_id', 'is', null), eb('duplicate_group_id', '!=', groupId)]))
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
  }
  return changed;
}
