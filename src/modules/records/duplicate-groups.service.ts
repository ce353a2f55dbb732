import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { assignDuplicateGroups } from './dedup.service.js';

/** One article held more than once, with each copy's source. */
export interface DuplicateGroup {
  readonly groupId: number;
  readonly records: readonly { id: number; source: string; sourceId: string; title: string; year: number | null; doi: string | null; pmid: string | null }[];
}

const BATCH = 1000;

/** Recomputes every record's match keys and groups from scratch, in one transaction. */
export async function rebuildDuplicateGroups(db: Kysely<Database>): Promise<{ records: number; groups: number }> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('record').set({ duplicate_group_id: null }).where('duplicate_group_id', 'is not', null).execute();
    await trx.deleteFrom('record_match_key').execute();
    let lastId = 0;
    let records = 0;
    for (;;) {
      const ids = (await trx.selectFrom('record').select('id').where('id', '>', lastId).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
      if (ids.length === 0) break;
      await assignDuplicateGroups(trx, ids);
      records += ids.length;
      lastId = ids[ids.length - 1] ?? lastId;
    }
    return { records, groups: await countDuplicateGroups(trx) };
  });
}

export async function countDuplicateGroups(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('record')
    .select((eb) => eb.fn.count<number | string>('duplicate_group_id').distinct().as('groups'))
    .executeTakeFirstOrThrow();
  return Number(row.groups);
}

/** Duplicate groups, largest first, each with its records. */
export async function listDuplicateGroups(db: Kysely<Database>, options: { limit?: number } = {}): Promise<DuplicateGroup[]> {
  const groups = await db
    .selectFrom('record')
    .select(['duplicate_group_id', (eb) => eb.fn.countAll<number | string>().as('size')])
    .where('duplicate_group_id', 'is not', null)
    .groupBy('duplicate_group_id')
    .orderBy('size', 'desc')
    .orderBy('duplicate_group_id')
    .limit(options.limit ?? 100)
    .execute();
  const ids = groups.map((g) => g.duplicate_group_id).filter((id): id is number => id !== null);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('record')
    .select(['id', 'source', 'source_id', 'title', 'pub_year', 'doi', 'pmid', 'duplicate_group_id'])
    .where('duplicate_group_id', 'in', ids)
    .orderBy('id')
    .execute();
  return ids.map((groupId) => ({
    groupId,
    records: rows
      .filter((r) => r.duplicate_group_id === groupId)
      .map((r) => ({ id: r.id, source: r.source, sourceId: r.source_id, title: r.title, year: r.pub_year, doi: r.doi, pmid: r.pmid })),
  }));
}

/** One duplicate group's records by id, for a record page's "other versions". */
export async function getDuplicateGroup(db: Kysely<Database>, groupId: number): Promise<DuplicateGroup> {
  const rows = await db
    .selectFrom('record')
    .select(['id', 'source', 'source_id', 'title', 'pub_year', 'doi', 'pmid'])
    .where('duplicate_group_id', '=', groupId)
    .orderBy('id')
    .execute();
  return { groupId, records: rows.map((r) => ({ id: r.id, source: r.source, sourceId: r.source_id, title: r.title, year: r.pub_year, doi: r.doi, pmid: r.pmid })) };
}
