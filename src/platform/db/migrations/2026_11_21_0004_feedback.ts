import type { Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { timestamp } = columnTypes(db);
  await withId(db.schema.createTable('feedback'), db)
    .addColumn('rating', 'text', (col) => col.notNull())
    .addColumn('comments', 'text', (col) => col.notNull())
    .addColumn('email', 'text')
    .addColumn('page', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feedback').execute();
}
