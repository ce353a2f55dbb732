import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import type { MeshVocabularyRow, NewMeshDescriptorRow, NewMeshTermRow, NewMeshTermWordRow, NewMeshTreeNumberRow } from './mesh.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Rows a statement: up to 8 columns × 2,000 stays under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
export const INSERT_ROWS = 2_000;

/** The year's vocabulary row, if that year is loaded. */
export async function findVocabulary(db: Db, year: number): Promise<MeshVocabularyRow | undefined> {
  return db.selectFrom('mesh_vocabulary').selectAll().where('year', '=', year).executeTakeFirst();
}

/** Every loaded year, newest first. */
export async function listVocabularyRows(db: Db): Promise<MeshVocabularyRow[]> {
  return db.selectFrom('mesh_vocabulary').selectAll().orderBy('year', 'desc').execute();
}

/**
 * PostgreSQL: waits for any other import of the same year to finish first, so two imports never
 * interleave their rows. SQLite has one writer at a time already.
 */
export async function lockYear(trx: Transaction<Database>, year: number): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${0x6d657368}, ${year})`.execute(trx);
}

/** Removes every row of one year; call inside the transaction that writes its replacement. */
export async function deleteVocabulary(trx: Transaction<Database>, year: number): Promise<void> {
  await trx.deleteFrom('mesh_tree_number').where('year', '=', year).execute();
  await trx.deleteFrom('mesh_term_word').where('year', '=', year).execute();
  await trx.deleteFrom('mesh_term').where('year', '=', year).execute();
  await trx.deleteFrom('mesh_descriptor').where('year', '=', year).execute();
  await trx.deleteFrom('mesh_vocabulary').where('year', '=', year).execute();
}

export async function insertDescriptors(trx: Transaction<Database>, rows: readonly NewMeshDescriptorRow[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('mesh_descriptor').values(rows).execute();
}

export async function insertTerms(trx: Transaction<Database>, rows: readonly NewMeshTermRow[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('mesh_term').values(rows).execute();
}

export async function insertTermWords(trx: Transaction<Database>, rows: readonly NewMeshTermWordRow[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('mesh_term_word').values(rows).execute();
}

export async function insertTreeNumbers(trx: Transaction<Database>, rows: readonly NewMeshTreeNumberRow[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('mesh_tree_number').values(rows).execute();
}

/**
 * Refreshes the planner's statistics for the MeSH tables. Without them SQLite sees `year` leading every
 * index and walks a whole year to find one tree number (minutes for an explode instead of milliseconds).
 */
export async function analyseTables(trx: Transaction<Database>): Promise<void> {
  for (const table of ['mesh_descriptor', 'mesh_term', 'mesh_term_word', 'mesh_tree_number']) await sql`analyze ${sql.table(table)}`.execute(trx);
}

export async function insertVocabulary(trx: Transaction<Database>, row: MeshVocabularyRow): Promise<void> {
  await trx.insertInto('mesh_vocabulary').values(row).execute();
}
