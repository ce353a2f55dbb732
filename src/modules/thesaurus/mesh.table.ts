import type { Insertable, Selectable } from 'kysely';

/**
 * One year of MeSH that has been loaded. Every other `mesh_*` row carries its year, so a re-import
 * replaces exactly one year's rows, in one transaction.
 */
export interface MeshVocabularyTable {
  year: number;
  /** The files it came from, comma-separated, for operators. */
  source: string;
  descriptor_count: number;
  term_count: number;
  tree_number_count: number;
  imported_at: string;
}

/** A MeSH descriptor (main heading). */
export interface MeshDescriptorTable {
  year: number;
  /** `D009203` */
  ui: string;
  /** The preferred name, `Myocardial Infarction`. */
  name: string;
  /** The preferred concept's scope note; the CSV layout has none. */
  scope_note: string | null;
}

/** An entry term of a descriptor (its name is one of them, with `preferred = 1`). */
export interface MeshTermTable {
  year: number;
  descriptor_ui: string;
  term_ui: string | null;
  /** As NLM spells it: `Heart Attack`. */
  term: string;
  /** `normaliseTerm(term)`: lower-case, no punctuation or accents, single spaces, for look-ups. */
  term_normalised: string;
  /** 1 for the descriptor's preferred term (its name), else 0. */
  preferred: number;
  /** 1 for the preferred term of its concept, else 0. */
  concept_preferred: number;
  /** 1 for NLM's permuted forms (`Infarction, Myocardial`), else 0. */
  permuted: number;
}

/**
 * A word start inside a non-permuted entry term: the normalised term from its second, third … word on
 * (`infarction` for `myocardial infarction`), so word-start suggestions are an index range scan.
 */
export interface MeshTermWordTable {
  year: number;
  words_from: string;
  descriptor_ui: string;
  term: string;
}

/** A descriptor's place in the MeSH tree; a descriptor may have several. */
export interface MeshTreeNumberTable {
  year: number;
  /** `C18.452.394.750.149`; compared byte-wise (collation "C" on PostgreSQL) for prefix ranges. */
  tree_number: string;
  descriptor_ui: string;
  /** `C18.452.394.750`; null at the top level (`C18`). */
  parent_tree_number: string | null;
}

export type MeshVocabularyRow = Selectable<MeshVocabularyTable>;
export type MeshDescriptorRow = Selectable<MeshDescriptorTable>;
export type NewMeshDescriptorRow = Insertable<MeshDescriptorTable>;
export type NewMeshTermRow = Insertable<MeshTermTable>;
export type NewMeshTermWordRow = Insertable<MeshTermWordTable>;
export type NewMeshTreeNumberRow = Insertable<MeshTreeNumberTable>;
