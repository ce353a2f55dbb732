import type { Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

/** Search history lines, per member, browser session or command-line run. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { timestamp, float } = columnTypes(db);
  await withId(db.schema.createTable('search_history_line'), db)
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('label', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('dialect', 'text')
    .addColumn('ast', 'text')
    .addColumn('line_refs', 'text', (col) => col.notNull())
    .addColumn('hits', 'integer')
    .addColumn('run_ms', float)
    .addColumn('error', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('run_at', timestamp, (col) => col.notNull())
    // Deleted lines stay as tombstones so their numbers are never given to a new line.
    .addColumn('deleted_at', timestamp)
    .addUniqueConstraint('search_history_line_owner_number_unique', ['owner', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_history_line').execute();
}
