import type { Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

/**
 * Saved search strategies: a member's history kept under a name, each line with its text, its query
 * (line references as the history's numbers), the hits it had and when it ran, so a later re-run can
 * be shown beside the counts the searcher reported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { ref, timestamp } = columnTypes(db);
  await withId(db.schema.createTable('search_strategy'), db)
    .addColumn('user_id', ref, (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('rerun_at', timestamp)
    .execute();
  await db.schema.createIndex('search_strategy_user_idx').on('search_strategy').columns(['user_id', 'created_at']).execute();

  await withId(db.schema.createTable('search_strategy_line'), db)
    .addColumn('strategy_id', ref, (col) => col.notNull().references('search_strategy.id').onDelete('cascade'))
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('label', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('ast', 'text')
    .addColumn('hits', 'integer')
    .addColumn('error', 'text')
    .addColumn('run_at', timestamp, (col) => col.notNull())
    .addColumn('rerun_hits', 'integer')
    .addColumn('rerun_error', 'text')
    .addUniqueConstraint('search_strategy_line_number_unique', ['strategy_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_strategy_line').execute();
  await db.schema.dropTable('search_strategy').execute();
}
