import type { Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

/** Records marked from the search pages, per member or browser session; a record marks once per owner. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { ref, timestamp } = columnTypes(db);
  await withId(db.schema.createTable('marked_record'), db)
    .addColumn('owner', 'text', (col) => col.notNull())
    // A record deleted by a later import leaves nobody's list.
    .addColumn('record_id', ref, (col) => col.notNull().references('record.id').onDelete('cascade'))
    .addColumn('marked_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('marked_record_owner_record_unique', ['owner', 'record_id'])
    .execute();
  // The list is read in the order things were marked; `id` breaks ties within one submission.
  await db.schema.createIndex('marked_record_owner_id_idx').on('marked_record').columns(['owner', 'id']).execute();
  await db.schema.createIndex('marked_record_record_idx').on('marked_record').column('record_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('marked_record').execute();
}
