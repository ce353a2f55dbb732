import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

/**
 * Saved searches and their email alerts (khub issue 6): a member's search and facet filters, how often
 * to email what is new, and what the last run saw, so the next run sends only records added since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { ref, timestamp } = columnTypes(db);
  await withId(db.schema.createTable('saved_search'), db)
    .addColumn('user_id', ref, (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('query', 'text', (col) => col.notNull())
    // JSON FacetSelection: the filters chosen beside the search box.
    .addColumn('filters', 'text', (col) => col.notNull())
    .addColumn('frequency', 'text', (col) => col.notNull())
    // 0 once unsubscribed from the email; choosing a frequency again turns it back on.
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('last_run_at', timestamp)
    .addColumn('last_new_count', 'integer')
    .addColumn('last_error', 'text')
    // The newest `record.added_at` the index held when the alert last ran (or was saved): later ones are new.
    .addColumn('last_added_at', timestamp)
    // Part of every unsubscribe link; a new nonce retires the old links.
    .addColumn('unsubscribe_nonce', 'text', (col) => col.notNull())
    .addCheckConstraint('saved_search_frequency_check', sql`frequency in ('none', 'daily', 'weekly', 'monthly')`)
    .execute();
  await db.schema.createIndex('saved_search_user_idx').on('saved_search').column('user_id').execute();
  await db.schema.createIndex('saved_search_due_idx').on('saved_search').columns(['active', 'frequency', 'last_run_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('saved_search').execute();
}
