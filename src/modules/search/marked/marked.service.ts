/**
 * Marked records: each owner's list of records picked from the search pages, in the order they were
 * marked. Marking is idempotent (a record is on a list once) and ignores ids that name no record.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How many records one list may hold: as deep as the result pages go. */
export const MAX_MARKED = 10_000;
/** Ids handled per statement, well under both engines' bound-parameter limits. */
const CHUNK = 500;

/** Marking more than MAX_MARKED records. */
export class MarkedListFullError extends AppError {
  constructor() {
    super(409, 'marked_list_full', `A marked list holds at most ${MAX_MARKED.toLocaleString('en-GB')} records. Export or remove some first.`);
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function countMarked(db: Db, owner: string): Promise<number> {
  const row = await db.selectFrom('marked_record').select((eb) => eb.fn.countAll<number | string>().as('n')).where('owner', '=', owner).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Adds records to the owner's list in the order given; returns how many were new.
 *
 * ### Examples
 * await markRecords(db, 'user:7', [42, 7, 42], new Date())  // 2 (42 then 7); marking them again adds 0
 */
export async function markRecords(db: Kysely<Database>, owner: string, ids: readonly number[], now: Date): Promise<number> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let added = 0;
    const markedAt = now.toISOString();
    for (const chunk of chunks(wanted)) {
      const existing = new Set((await trx.selectFrom('record').select('id').where('id', 'in', chunk).execute()).map((r) => Number(r.id)));
      const already = new Set((await trx.selectFrom('marked_record').select('record_id').where('owner', '=', owner).where('record_id', 'in', chunk).execute()).map((r) => Number(r.record_id)));
      const fresh = chunk.filter((id) => existing.has(id) && !already.has(id));
      if (fresh.length === 0) continue;
      await trx.insertInto('marked_record').values(fresh.map((record_id) => ({ owner, record_id, marked_at: markedAt }))).execute();
      added += fresh.length;
    }
    if (added > 0 && (await countMarked(trx, owner)) > MAX_MARKED) throw new MarkedListFullError();
    return added;
  });
}

/** Takes records off the owner's list; returns how many were on it. */
export async function unmarkRecords(db: Kysely<Database>, owner: string, ids: readonly number[]): Promise<number> {
  const wanted = [...new Set(ids)];
  return db.transaction().execute(async (trx) => {
    let removed = 0;
    for (const chunk of chunks(wanted)) {
      const result = await trx.deleteFrom('marked_record').where('owner', '=', owner).where('record_id', 'in', chunk).executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
    return removed;
  });
}

export async function clearMarked(db: Db, owner: string): Promise<number> {
  const result = await db.deleteFrom('marked_record').where('owner', '=', owner).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Which of these record ids are on the owner's list. */
export async function markedAmong(db: Db, owner: string, ids: readonly number[]): Promise<Set<number>> {
  const marked = new Set<number>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('marked_record').select('record_id').where('owner', '=', owner).where('record_id', 'in', chunk).execute();
    for (const row of rows) marked.add(Number(row.record_id));
  }
  return marked;
}

/** One page of the owner's marked record ids, first marked first. */
export async function markedIdsPage(db: Db, owner: string, window: { offset: number; limit: number }): Promise<number[]> {
  const rows = await db.selectFrom('marked_record').select('record_id').where('owner', '=', owner).orderBy('id').limit(window.limit).offset(window.offset).execute();
  return rows.map((row) => Number(row.record_id));
}

/** Every marked id of the owner, first marked first, a page at a time (keyset on the row id). */
export async function* streamMarkedIds(db: Db, owner: string, pageSize = CHUNK): AsyncGenerator<number[]> {
  for (let last = 0; ; ) {
    const rows = await db.selectFrom('marked_record').select(['id', 'record_id']).where('owner', '=', owner).where('id', '>', last).orderBy('id').limit(pageSize).execute();
    if (rows.length > 0) yield rows.map((row) => Number(row.record_id));
    const final = rows.at(-1);
    if (!final || rows.length < pageSize) return;
    last = Number(final.id);
  }
}

/**
 * Moves a visitor's marked records onto a member's list (at sign-in), after the member's own and in
 * the visitor's order; records on both lists stay once. Returns how many moved.
 */
export async function adoptMarked(db: Kysely<Database>, from: string, to: string): Promise<number> {
  if (from === to) return 0;
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('marked_record').select(['record_id', 'marked_at']).where('owner', '=', from).orderBy('id').execute();
    if (rows.length === 0) return 0;
    const theirs = new Set<number>();
    for (const chunk of chunks(rows.map((r) => Number(r.record_id)))) {
      for (const row of await trx.selectFrom('marked_record').select('record_id').where('owner', '=', to).where('record_id', 'in', chunk).execute()) theirs.add(Number(row.record_id));
    }
    const moving = rows.filter((r) => !theirs.has(Number(r.record_id)));
    await trx.deleteFrom('marked_record').where('owner', '=', from).execute();
    for (const chunk of chunks(moving)) {
      await trx.insertInto('marked_record').values(chunk.map((r) => ({ owner: to, record_id: Number(r.record_id), marked_at: String(r.marked_at) }))).execute();
    }
    // Over the limit after joining: the member keeps what they had and the visitor's first ones.
    const total = await countMarked(trx, to);
    if (total > MAX_MARKED) {
      const extra = await trx.selectFrom('marked_record').select('id').where('owner', '=', to).orderBy('id', 'desc').limit(total - MAX_MARKED).execute();
      for (const chunk of chunks(extra.map((r) => Number(r.id)))) await trx.deleteFrom('marked_record').where('id', 'in', chunk).execute();
    }
    return moving.length;
  });
}
