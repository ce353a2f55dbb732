import type { Kysely } from 'kysely';

/**
 * Drops `record_doi_idx`. Nothing reads records by DOI through it: de-duplication finds DOIs through
 * `record_match_key` (`doi:` keys) and the search index keeps its own DOI column. DOIs arrive in random
 * order, so at 1,000,000 records every insert dirtied a different page of this index; without it a
 * 1,000,000-record SQLite import writes 14% fewer bytes and spends 10% less CPU (docs/performance.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('record_doi_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('record_doi_idx').on('record').column('doi').execute();
}
