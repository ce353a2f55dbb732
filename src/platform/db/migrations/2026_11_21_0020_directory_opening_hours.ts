import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../columns.js';

/**
 * Structured opening hours per library site, and what keeping the directory current needs: services
 * offered can be retired without losing history, and each service records when its yearly verification
 * reminder was last sent. A site's free-text `staffed_hours` stays as it was written: khub reads it as
 * hours where it can until the site is next saved, which writes spans here and clears the text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { ref, timestamp } = columnTypes(db);

  await db.schema
    .createTable('library_site_opening')
    .addColumn('site_id', ref, (col) => col.notNull().references('library_site.id').onDelete('cascade'))
    // ISO 8601 weekday: 1 is Monday, 7 is Sunday.
    .addColumn('weekday', 'integer', (col) => col.notNull())
    // UK local time as HH:MM; a span may close at 24:00. Text sorts like the clock.
    .addColumn('opens', 'text', (col) => col.notNull())
    .addColumn('closes', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('library_site_opening_pk', ['site_id', 'weekday', 'opens'])
    .addCheckConstraint('library_site_opening_weekday_check', sql`weekday between 1 and 7`)
    .addCheckConstraint('library_site_opening_span_check', sql`opens < closes`)
    .execute();

  await db.schema.alterTable('service_offered').addColumn('retired_at', timestamp).execute();
  // YYYY-MM-DD of the last reminder, so the daily job sends one per yearly cycle.
  await db.schema.alterTable('library_service').addColumn('verification_reminded_on', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('library_service').dropColumn('verification_reminded_on').execute();
  await db.schema.alterTable('service_offered').dropColumn('retired_at').execute();
  await db.schema.dropTable('library_site_opening').execute();
}
