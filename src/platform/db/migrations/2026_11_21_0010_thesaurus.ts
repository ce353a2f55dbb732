import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../columns.js';
import { dialectOf } from '../dialect.js';

/**
 * MeSH, one vocabulary per year: descriptors, entry terms, word starts (for suggestions) and tree numbers.
 * No foreign keys: a year is written and replaced whole by one importer that checks references itself,
 * and a quarter of a million term rows load faster without per-row checks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { timestamp } = columnTypes(db);
  // Prefix look-ups are byte ranges (`>= 'C04.557' and < 'C04.557/'`); PostgreSQL's default collation
  // ignores punctuation when ordering, so these columns use "C". SQLite compares bytes already.
  const key = dialectOf(db) === 'postgres' ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('mesh_vocabulary')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('descriptor_count', 'integer', (col) => col.notNull())
    .addColumn('term_count', 'integer', (col) => col.notNull())
    .addColumn('tree_number_count', 'integer', (col) => col.notNull())
    .addColumn('imported_at', timestamp, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('mesh_descriptor')
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('ui', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('scope_note', 'text')
    .addPrimaryKeyConstraint('mesh_descriptor_pk', ['year', 'ui'])
    .execute();

  await db.schema
    .createTable('mesh_term')
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('descriptor_ui', 'text', (col) => col.notNull())
    .addColumn('term_ui', 'text')
    .addColumn('term', 'text', (col) => col.notNull())
    .addColumn('term_normalised', key, (col) => col.notNull())
    .addColumn('preferred', 'integer', (col) => col.notNull())
    .addColumn('concept_preferred', 'integer', (col) => col.notNull())
    .addColumn('permuted', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('mesh_term_normalised_idx').on('mesh_term').columns(['year', 'term_normalised']).execute();
  await db.schema.createIndex('mesh_term_descriptor_idx').on('mesh_term').columns(['year', 'descriptor_ui']).execute();

  await db.schema
    .createTable('mesh_term_word')
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('words_from', key, (col) => col.notNull())
    .addColumn('descriptor_ui', 'text', (col) => col.notNull())
    .addColumn('term', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('mesh_term_word_idx').on('mesh_term_word').columns(['year', 'words_from']).execute();

  await db.schema
    .createTable('mesh_tree_number')
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('tree_number', key, (col) => col.notNull())
    .addColumn('descriptor_ui', 'text', (col) => col.notNull())
    .addColumn('parent_tree_number', key)
    .addPrimaryKeyConstraint('mesh_tree_number_pk', ['year', 'tree_number'])
    .execute();
  await db.schema.createIndex('mesh_tree_number_descriptor_idx').on('mesh_tree_number').columns(['year', 'descriptor_ui']).execute();
  await db.schema.createIndex('mesh_tree_number_parent_idx').on('mesh_tree_number').columns(['year', 'parent_tree_number']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['mesh_tree_number', 'mesh_term_word', 'mesh_term', 'mesh_descriptor', 'mesh_vocabulary']) {
    await db.schema.dropTable(table).execute();
  }
}
