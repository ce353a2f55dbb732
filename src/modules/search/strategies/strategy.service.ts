/**
 * Saved search strategies: a member names and saves their history, and later runs it again to see
 * each line's count then and now, with both dates (what a systematic review's update search reports).
 * A re-run counts the saved queries as they are; it does not touch the member's history.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { headingCache } from '../engine/resolve.js';
import { countMatches } from '../engine/search.js';
import { searchError } from '../history/line-error.js';
import type { HistoryLine } from '../history/history.service.js';
import type { QueryNode } from '../query/ast.js';

export interface SavedStrategySummary {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string;
  readonly rerunAt: string | null;
  readonly lines: number;
}

export interface SavedStrategyLine {
  readonly number: number;
  readonly label: string | null;
  readonly text: string;
  readonly hits: number | null;
  readonly error: string | null;
  readonly runAt: string;
  readonly rerunHits: number | null;
  readonly rerunError: string | null;
}

export interface SavedStrategy extends Omit<SavedStrategySummary, 'lines'> {
  readonly lines: readonly SavedStrategyLine[];
}

/** Saves the history's lines under a name, in one transaction; returns the strategy's id. */
export async function saveStrategy(db: Kysely<Database>, userId: number, name: string, lines: readonly HistoryLine[], now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('search_strategy').values({ user_id: userId, name, created_at: now.toISOString(), rerun_at: null }).returning('id').executeTakeFirstOrThrow();
    if (lines.length > 0) {
      await trx
        .insertInto('search_strategy_line')
        .values(
          lines.map((line) => ({
            strategy_id: Number(id),
            number: line.number,
            label: line.label,
            text: line.text,
            ast: line.query ? JSON.stringify(line.query) : null,
            hits: line.hits,
            error: line.error?.message ?? null,
            run_at: line.runAt,
            rerun_hits: null,
            rerun_error: null,
          })),
        )
        .execute();
    }
    return Number(id);
  });
}

/** The member's strategies, newest first. */
export async function listStrategies(db: Kysely<Database>, userId: number): Promise<SavedStrategySummary[]> {
  const rows = await db
    .selectFrom('search_strategy as s')
    .leftJoin('search_strategy_line as l', 'l.strategy_id', 's.id')
    .select(['s.id', 's.name', 's.created_at', 's.rerun_at', (eb) => eb.fn.count<number | string>('l.id').as('lines')])
    .where('s.user_id', '=', userId)
    .groupBy(['s.id', 's.name', 's.created_at', 's.rerun_at'])
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, createdAt: r.created_at, rerunAt: r.rerun_at, lines: Number(r.lines) }));
}

/** One of the member's strategies with its lines; undefined when there is none with that id, or it is someone else's. */
export async function findStrategy(db: Kysely<Database>, userId: number, id: number): Promise<SavedStrategy | undefined> {
  const strategy = await db.selectFrom('search_strategy').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!strategy) return undefined;
  const lines = await db.selectFrom('search_strategy_line').selectAll().where('strategy_id', '=', id).orderBy('number').execute();
  return {
    id: Number(strategy.id),
    name: strategy.name,
    createdAt: strategy.created_at,
    rerunAt: strategy.rerun_at,
    lines: lines.map((l) => ({ number: l.number, label: l.label, text: l.text, hits: l.hits, error: l.error, runAt: l.run_at, rerunHits: l.rerun_hits, rerunError: l.rerun_error })),
  };
}

/** Counts every saved line again against today's index and keeps the new counts; false when the strategy is not the member's. */
export async function rerunStrategy(db: Kysely<Database>, userId: number, id: number, now = new Date()): Promise<boolean> {
  const strategy = await db.selectFrom('search_strategy').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!strategy) return false;
  const lines = await db.selectFrom('search_strategy_line').select(['id', 'number', 'ast']).where('strategy_id', '=', id).orderBy('number').execute();
  const queries = new Map(lines.flatMap((l) => (l.ast ? [[String(l.number), JSON.parse(l.ast) as QueryNode] as const] : [])));
  const headings = headingCache();
  const results: { id: number; hits: number | null; error: string | null }[] = [];
  for (const line of lines) {
    const query = queries.get(String(line.number));
    if (!query) {
      results.push({ id: Number(line.id), hits: null, error: 'This line did not parse when it was saved' });
      continue;
    }
    try {
      results.push({ id: Number(line.id), hits: await countMatches(db, query, { resolveLine: (label) => queries.get(label), headings }), error: null });
    } catch (error) {
      results.push({ id: Number(line.id), hits: null, error: searchError(error).message });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const r of results) await trx.updateTable('search_strategy_line').set({ rerun_hits: r.hits, rerun_error: r.error }).where('id', '=', r.id).execute();
    await trx.updateTable('search_strategy').set({ rerun_at: now.toISOString() }).where('id', '=', id).execute();
  });
  return true;
}

/** Deletes one of the member's strategies; false when it is not theirs or does not exist. */
export async function deleteStrategy(db: Kysely<Database>, userId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('search_strategy').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
