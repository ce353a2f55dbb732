import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A term row with its descriptor's name. */
export interface TermHitRow {
  descriptor_ui: string;
  name: string;
  term: string;
  preferred: number;
  concept_preferred: number;
  permuted: number;
}

/** A descriptor at one tree number. */
export interface TreeNodeRow {
  tree_number: string;
  ui: string;
  name: string;
}

/** The newest loaded year, or undefined when no MeSH is loaded. */
export async function selectLatestYear(db: Db): Promise<number | undefined> {
  const row = await db.selectFrom('mesh_vocabulary').select((eb) => eb.fn.max('year').as('year')).executeTakeFirst();
  return row?.year ?? undefined;
}

/** Terms whose normalised form is exactly `normalised`. */
export async function selectExactTerms(db: Db, year: number, normalised: string): Promise<TermHitRow[]> {
  return db
    .selectFrom('mesh_term as t')
    .innerJoin('mesh_descriptor as d', (j) => j.onRef('d.year', '=', 't.year').onRef('d.ui', '=', 't.descriptor_ui'))
    .select(['t.descriptor_ui', 'd.name', 't.term', 't.preferred', 't.concept_preferred', 't.permuted'])
    .where('t.year', '=', year)
    .where('t.term_normalised', '=', normalised)
    .execute();
}

/** Terms whose normalised form lies in `[from, to)`, shortest first; `preferredOnly` keeps descriptor names. */
export async function selectTermRange(db: Db, year: number, range: { from: string; to: string; preferredOnly: boolean; limit: number }): Promise<TermHitRow[]> {
  // Limit the terms first and join names to those only: a one-letter prefix spans tens of thousands of terms.
  return db
    .selectFrom((eb) => {
      let terms = eb
        .selectFrom('mesh_term')
        .select(['year', 'descriptor_ui', 'term', 'term_normalised', 'preferred', 'concept_preferred', 'permuted'])
        .where('year', '=', year)
        .where('term_normalised', '>=', range.from)
        .where('term_normalised', '<', range.to);
      if (range.preferredOnly) terms = terms.where('preferred', '=', 1);
      return terms.orderBy(sql`length(term_normalised)`).orderBy('permuted').orderBy('term_normalised').limit(range.limit).as('t');
    })
    .innerJoin('mesh_descriptor as d', (j) => j.onRef('d.year', '=', 't.year').onRef('d.ui', '=', 't.descriptor_ui'))
    .select(['t.descriptor_ui', 'd.name', 't.term', 't.preferred', 't.concept_preferred', 't.permuted'])
    .orderBy(sql`length(t.term_normalised)`)
    .orderBy('t.permuted')
    .orderBy('t.term_normalised')
    .execute();
}

/** Non-permuted terms with a later word starting in `[from, to)`, shortest term first. */
export async function selectWordRange(db: Db, year: number, range: { from: string; to: string; limit: number }): Promise<{ descriptor_ui: string; name: string; term: string }[]> {
  return db
    .selectFrom('mesh_term_word as w')
    .innerJoin('mesh_descriptor as d', (j) => j.onRef('d.year', '=', 'w.year').onRef('d.ui', '=', 'w.descriptor_ui'))
    .select(['w.descriptor_ui', 'd.name', 'w.term'])
    .where('w.year', '=', year)
    .where('w.words_from', '>=', range.from)
    .where('w.words_from', '<', range.to)
    // words_from and descriptor_ui order the same on both engines (collation "C"); term would not.
    .orderBy(sql`length(w.term)`)
    .orderBy('w.words_from')
    .orderBy('w.descriptor_ui')
    .limit(range.limit)
    .execute();
}

export async function selectDescriptor(db: Db, year: number, ui: string): Promise<{ ui: string; name: string; scope_note: string | null } | undefined> {
  return db.selectFrom('mesh_descriptor').select(['ui', 'name', 'scope_note']).where('year', '=', year).where('ui', '=', ui).executeTakeFirst();
}

/** Every term of a descriptor, its name first. */
export async function selectTermsOf(db: Db, year: number, ui: string): Promise<{ term: string; preferred: number; permuted: number }[]> {
  return db
    .selectFrom('mesh_term')
    .select(['term', 'preferred', 'permuted'])
    .where('year', '=', year)
    .where('descriptor_ui', '=', ui)
    .orderBy('preferred', 'desc')
    .execute();
}

/** The tree numbers of some descriptors, in tree order. */
export async function selectTreeNumbersOf(db: Db, year: number, uis: readonly string[]): Promise<{ descriptor_ui: string; tree_number: string }[]> {
  if (uis.length === 0) return [];
  return db
    .selectFrom('mesh_tree_number')
    .select(['descriptor_ui', 'tree_number'])
    .where('year', '=', year)
    .where('descriptor_ui', 'in', [...uis])
    .orderBy('tree_number')
    .execute();
}

/** The descriptors at some tree numbers. */
export async function selectNodesAt(db: Db, year: number, treeNumbers: readonly string[]): Promise<TreeNodeRow[]> {
  if (treeNumbers.length === 0) return [];
  return db
    .selectFrom('mesh_tree_number as t')
    .innerJoin('mesh_descriptor as d', (j) => j.onRef('d.year', '=', 't.year').onRef('d.ui', '=', 't.descriptor_ui'))
    .select(['t.tree_number', 'd.ui', 'd.name'])
    .where('t.year', '=', year)
    .where('t.tree_number', 'in', [...treeNumbers])
    .orderBy('t.tree_number')
    .execute();
}

/** The descriptors one level below some tree numbers. */
export async function selectNodesUnder(db: Db, year: number, parents: readonly string[]): Promise<(TreeNodeRow & { parent_tree_number: string | null })[]> {
  if (parents.length === 0) return [];
  return db
    .selectFrom('mesh_tree_number as t')
    .innerJoin('mesh_descriptor as d', (j) => j.onRef('d.year', '=', 't.year').onRef('d.ui', '=', 't.descriptor_ui'))
    .select(['t.tree_number', 't.parent_tree_number', 'd.ui', 'd.name'])
    .where('t.year', '=', year)
    .where('t.parent_tree_number', 'in', [...parents])
    .orderBy('t.tree_number')
    .execute();
}

/**
 * Every descriptor at or below some tree numbers (PubMed's explode). Tree numbers use only letters,
 * digits and dots, so `[X, X/)` holds X and everything under `X.` and nothing else. The ranges are
 * given as values rather than joined, so both planners can estimate them and walk the primary key.
 */
export async function selectDescendants(db: Db, year: number, treeNumbers: readonly string[]): Promise<{ ui: string; name: string }[]> {
  if (treeNumbers.length === 0) return [];
  return db
    .selectFrom('mesh_tree_number as t')
    .innerJoin('mesh_descriptor as d', (j) => j.onRef('d.year', '=', 't.year').onRef('d.ui', '=', 't.descriptor_ui'))
    .select(['d.ui', 'd.name'])
    .distinct()
    .where('t.year', '=', year)
    .where((eb) => eb.or(treeNumbers.map((tree) => eb.and([eb('t.tree_number', '>=', tree), eb('t.tree_number', '<', `${tree}/`)]))))
    .execute();
}
