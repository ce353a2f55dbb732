/** Where in which file something was found: `desc2024.xml:1234`, as editors and CI logs link them. */
export interface MeshPosition {
  readonly file: string;
  readonly line: number;
}

/** One thing a MeSH reader found, in file order; the importer turns them into rows. */
export type MeshItem =
  | (MeshPosition & { kind: 'descriptor'; ui: string; name: string; scopeNote: string | null })
  | (MeshPosition & {
      kind: 'term';
      descriptorUi: string;
      termUi: string | null;
      term: string;
      /** The descriptor's preferred term (its name). */
      preferred: boolean;
      /** The preferred term of its concept. */
      conceptPreferred: boolean;
      /** One of NLM's permuted forms (`Infarction, Myocardial`). */
      permuted: boolean;
    })
  | (MeshPosition & {
      kind: 'tree';
      treeNumber: string;
      /** The descriptor by UI, or (for tree numbers the CSV layout names only by heading) by name. */
      descriptor: { ui: string } | { name: string };
    })
  | MeshProblem;

/** A malformed row or record: reported with where and why, and skipped. */
export interface MeshProblem extends MeshPosition {
  readonly kind: 'problem';
  /** The column or element at fault (`tree_location`, `DescriptorUI`). */
  readonly field: string;
  readonly message: string;
}

/** A MeSH file that cannot be read (missing, truncated gzip, broken XML, not a MeSH layout): nothing is imported. */
export class MeshFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'MeshFileError';
  }
}

/** Descriptor UIs (`D009203`, and the longer `D000069550` ones). */
export const DESCRIPTOR_UI = /^D\d{6,9}$/;

/** Tree numbers: a category letter, two digits, then three-digit levels (`C18.452.394.750.149`). */
export const TREE_NUMBER = /^[A-Z]\d{2}(\.\d{3})*$/;
