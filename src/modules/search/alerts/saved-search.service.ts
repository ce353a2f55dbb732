/**
 * A member's saved searches: save one (from the results page, the API, or a line of their search history), list,
 * change how often it emails, delete, and stop its emails from an unsubscribe link. Another member's
 * search is "not found", never "forbidden", so ids reveal nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { validate } from '../../../platform/forms/validation.js';
import { type FieldError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { resolveQuery } from '../engine/resolve.js';
import type { FacetSelection } from '../facets/facet-selection.js';
import { parseQuery } from '../query/parser.js';
import { indexWatermark, searchFailure } from './alert-search.js';
import { type HistoryLines, historyLineName, writeOutLines } from './history-lines.js';
import { MAX_NAME_LENGTH, MAX_QUERY_LENGTH, type SavedSearchInput, savedSearchInput } from './saved-search.schema.js';
import type { Frequency, SavedSearchRow } from './saved-search.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Saved searches one member may keep: plenty for a person, and a bound on what the alert job runs for them. */
export const MAX_SAVED_SEARCHES = 50;

export interface SavedSearch {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly query: string;
  readonly filters: FacetSelection;
  readonly frequency: Frequency;
  /** False once an unsubscribe link was used: the search stays, its emails stop. */
  readonly active: boolean;
  readonly createdAt: string;
  readonly lastRunAt: string | null;
  readonly lastNewCount: number | null;
  readonly lastError: string | null;
  /** The newest `record.added_at` the alert has seen (see alert-search.ts). */
  readonly lastAddedAt: string | null;
  readonly unsubscribeNonce: string;
}

/** Whether the alert emails at all. */
export const emails = (search: Pick<SavedSearch, 'active' | 'frequency'>) => search.active && search.frequency !== 'none';

export function toSavedSearch(row: SavedSearchRow): SavedSearch {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    name: row.name,
    query: row.query,
    filters: JSON.parse(row.filters) as FacetSelection,
    frequency: row.frequency,
    active: Number(row.active) === 1,
    createdAt: row.created_at,
    lastRunAt: row.last_run_at,
    lastNewCount: row.last_new_count === null ? null : Number(row.last_new_count),
    lastError: row.last_error,
    lastAddedAt: row.last_added_at,
    unsubscribeNonce: row.unsubscribe_nonce,
  };
}

/** The search must run now: a syntax error or an unknown heading is the `query` field's error. */
async function queryProblem(db: Db, query: string): Promise<FieldError | undefined> {
  try {
    await resolveQuery(db, parseQuery(query).root);
    return undefined;
  } catch (error) {
    const message = searchFailure(error);
    if (message === undefined) throw error;
    return { field: 'query', message };
  }
}

/**
 * Saves a search for a member and returns it. Records already in the index are not new to it: its first
 * email lists only records added after saving. A search that refers to lines of the member's search
 * history (`#3`) is saved with them written out from `history` (history-lines.ts). Throws
 * `ValidationError` naming each bad field.
 *
 * ### Examples
 * await saveSearch(db, userId, { name: 'Asthma reviews', query: 'asthma[mh]', filters: { publicationType: ['review'] }, frequency: 'weekly' })
 */
export async function saveSearch(db: Kysely<Database>, userId: number, input: SavedSearchInput | unknown, now = new Date(), history?: HistoryLines): Promise<SavedSearch> {
  const checked = validate(savedSearchInput, input);
  if (!checked.ok) throw new ValidationError(checked.errors, describe(checked.errors));
  const { name, query } = await withLinesWrittenOut(checked.data, history);
  const problem = await queryProblem(db, query);
  if (problem) throw new ValidationError([problem], describe([problem]));
  return db.transaction().execute(async (trx) => {
    const { n } = await trx.selectFrom('saved_search').select((eb) => eb.fn.countAll<number | string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    if (Number(n) >= MAX_SAVED_SEARCHES) {
      const full = { field: 'name', message: `You can keep ${MAX_SAVED_SEARCHES} saved searches. Delete one you no longer need first.` };
      throw new ValidationError([full], full.message);
    }
    const row = await trx
      .insertInto('saved_search')
      .values({
        user_id: userId,
        name,
        query,
        filters: JSON.stringify(checked.data.filters),
        frequency: checked.data.frequency,
        active: 1,
        created_at: now.toISOString(),
        last_added_at: await indexWatermark(trx),
        unsubscribe_nonce: randomBytes(12).toString('base64url'),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSavedSearch(row);
  });
}

/** The search with history line references written out (refused when a line is not in `history`), and its name. */
async function withLinesWrittenOut(input: { name: string; query: string }, history: HistoryLines | undefined): Promise<{ name: string; query: string }> {
  const written = await writeOutLines(input.query, history, MAX_QUERY_LENGTH);
  if (written.kind === 'refused') throw new ValidationError([written.problem], describe([written.problem]));
  if (written.kind === 'unchanged') return input;
  const name = input.name === input.query ? historyLineName(input.query, written.query, MAX_NAME_LENGTH) : input.name;
  return { name, query: written.query };
}

function describe(errors: readonly FieldError[]): string {
  return `The search cannot be saved. ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`;
}

/** A member's saved searches, newest first. */
export async function listSavedSearches(db: Db, userId: number): Promise<SavedSearch[]> {
  const rows = await db.selectFrom('saved_search').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toSavedSearch);
}

const notFound = () => new NotFoundError('not_found', 'You have no saved search with that id.');

/** One of the member's saved searches; another member's (or a missing one) is `NotFoundError`. */
export async function getSavedSearch(db: Db, userId: number, id: number): Promise<SavedSearch> {
  const row = await db.selectFrom('saved_search').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!row) throw notFound();
  return toSavedSearch(row);
}

/**
 * Sets how often the alert emails, and turns its emails back on after an unsubscribe. An alert that
 * starts emailing again counts only records added from now on, not everything since it stopped.
 */
export async function changeFrequency(db: Kysely<Database>, userId: number, id: number, frequency: Frequency): Promise<SavedSearch> {
  return db.transaction().execute(async (trx) => {
    const before = await getSavedSearch(trx, userId, id);
    const restarting = !emails(before) && frequency !== 'none';
    const row = await trx
      .updateTable('saved_search')
      .set({ frequency, active: 1, ...(restarting ? { last_added_at: (await indexWatermark(trx)) ?? before.lastAddedAt } : {}) })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSavedSearch(row);
  });
}

/** Deletes one of the member's saved searches; `NotFoundError` when they have none with that id. */
export async function deleteSavedSearch(db: Db, userId: number, id: number): Promise<void> {
  const result = await db.deleteFrom('saved_search').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound();
}

/** The saved search an unsubscribe link names, when its nonce is still the current one. */
export async function findByUnsubscribeNonce(db: Db, id: number, nonce: string): Promise<SavedSearch | undefined> {
  const row = await db.selectFrom('saved_search').selectAll().where('id', '=', id).where('unsubscribe_nonce', '=', nonce).executeTakeFirst();
  return row && toSavedSearch(row);
}

/** Stops the alert's emails (the saved search stays on its owner's list); true when it was emailing. */
export async function unsubscribe(db: Db, id: number, nonce: string): Promise<boolean> {
  const result = await db.updateTable('saved_search').set({ active: 0 }).where('id', '=', id).where('unsubscribe_nonce', '=', nonce).where('active', '=', 1).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
