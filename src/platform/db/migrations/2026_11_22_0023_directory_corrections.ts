import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

/**
 * "Report a correction" submissions kept in khub (not only emailed), so a service's editors see what is
 * still open and mark it resolved; and per site whether it is staffed on bank holidays (by default a site
 * with staffed hours is closed on them, as most NHS libraries are).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { ref, timestamp } = columnTypes(db);

  await withId(db.schema.createTable('library_correction'), db)
    .addColumn('service_id', ref, (col) => col.notNull().references('library_service.id').onDelete('cascade'))
    .addColumn('details', 'text', (col) => col.notNull())
    // What the reporter typed for a reply, if anything; never taken from their account without them seeing it.
    .addColumn('reporter_email', 'text')
    // Set when the reporter was signed in; the account may later be deleted, the report stays.
    .addColumn('reporter_user_id', ref, (col) => col.references('user_account.id').onDelete('set null'))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('resolved_at', timestamp)
    .addColumn('resolved_by_user_id', ref, (col) => col.references('user_account.id').onDelete('set null'))
    .addCheckConstraint('library_correction_status_check', sql`status in ('open', 'resolved')`)
    .execute();
  await db.schema.createIndex('library_correction_service_status_idx').on('library_correction').columns(['service_id', 'status']).execute();

  await db.schema.alterTable('library_site').addColumn('staffed_on_bank_holidays', 'integer', (col) => col.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('library_site').dropColumn('staffed_on_bank_holidays').execute();
  await db.schema.dropTable('library_correction').execute();
}
