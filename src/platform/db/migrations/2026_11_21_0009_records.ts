import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { timestamp } = columnTypes(db);
  await withId(db.schema.createTable('record'), db)
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('source_id', 'text', (col) => col.notNull())
    .addColumn('pmid', 'text')
    .addColumn('doi', 'text')
    .addColumn('pmcid', 'text')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('abstract', 'text')
    .addColumn('abstract_sections', 'text', (col) => col.notNull())
    .addColumn('authors', 'text', (col) => col.notNull())
    .addColumn('journal_title', 'text')
    .addColumn('journal_iso', 'text')
    .addColumn('issn', 'text')
    .addColumn('volume', 'text')
    .addColumn('issue', 'text')
    .addColumn('pages', 'text')
    .addColumn('pub_year', 'integer')
    .addColumn('pub_month', 'integer')
    .addColumn('pub_day', 'integer')
    .addColumn('pub_date_text', 'text')
    .addColumn('languages', 'text', (col) => col.notNull())
    .addColumn('publication_types', 'text', (col) => col.notNull())
    .addColumn('mesh', 'text', (col) => col.notNull())
    .addColumn('keywords', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('duplicate_group_id', 'integer')
    .addColumn('added_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('record_source_unique', ['source', 'source_id'])
    .execute();
  await db.schema.createIndex('record_pmid_idx').on('record').column('pmid').execute();
  await db.schema.createIndex('record_doi_idx').on('record').column('doi').execute();
  await db.schema.createIndex('record_added_at_idx').on('record').column('added_at').execute();
  await db.schema.createIndex('record_updated_at_idx').on('record').column('updated_at').execute();
  await db.schema.createIndex('record_duplicate_group_idx').on('record').column('duplicate_group_id').execute();

  await withId(db.schema.createTable('import_run'), db)
    .addColumn('input', 'text', (col) => col.notNull())
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('added', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('problems', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('error', 'text')
    .addColumn('started_at', timestamp, (col) => col.notNull())
    .addColumn('finished_at', timestamp)
    .addCheckConstraint('import_run_status_check', sql`status in ('running', 'completed', 'failed')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_run').execute();
  await db.schema.dropTable('record').execute();
}
