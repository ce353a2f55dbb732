import { type Kysely, sql } from 'kysely';

/**
 * A counter every write to the search index raises in the same transaction, so a server holding a copy
 * of the index in memory (the facet columns) can tell with one small read whether its copy is current.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_index_version')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('version', 'bigint', (col) => col.notNull())
    .execute();
  await sql`insert into search_index_version (id, version) values (1, 1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_index_version').execute();
}
