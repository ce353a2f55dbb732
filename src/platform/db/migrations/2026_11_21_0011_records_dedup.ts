import type { Kysely } from 'kysely';
import { columnTypes } from '../columns.js';

/** Match keys (`pmid:…`, `doi:…`, `tyf:title|year|first page or author`) that tie records of one article together. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { ref } = columnTypes(db);
  await db.schema
    .createTable('record_match_key')
    .addColumn('record_id', ref, (col) => col.notNull().references('record.id').onDelete('cascade'))
    .addColumn('match_key', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('record_match_key_pk', ['record_id', 'match_key'])
    .execute();
  await db.schema.createIndex('record_match_key_key_idx').on('record_match_key').column('match_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('record_match_key').execute();
}
