import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { type TreeNodeRow, selectDescendants, selectDescriptor, selectNodesAt, selectNodesUnder, selectTreeNumbersOf } from './mesh-lookup.repository.js';
import type { DescriptorRef } from './mesh-lookup.service.js';
import { type LookupOptions, readVocabulary } from './mesh-read.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A descriptor related to another through the tree, with the tree numbers where it is so related. */
export interface RelatedDescriptor extends DescriptorRef {
  readonly treeNumbers: readonly string[];
}

/** A descriptor at one tree number. */
export interface TreeNode extends DescriptorRef {
  readonly treeNumber: string;
}

/** One of a descriptor's places in the tree: the path down to it and what hangs directly below. */
export interface TreePosition {
  readonly treeNumber: string;
  /** The MeSH category (`C`, `Diseases`). */
  readonly category: { readonly letter: string; readonly name: string };
  /** From the top (`C18`) down to the parent. */
  readonly ancestors: readonly TreeNode[];
  readonly children: readonly TreeNode[];
}

/** MeSH's 16 categories, which have no descriptors of their own. */
const CATEGORIES: Readonly<Record<string, string>> = {
  A: 'Anatomy',
  B: 'Organisms',
  C: 'Diseases',
  D: 'Chemicals and Drugs',
  E: 'Analytical, Diagnostic and Therapeutic Techniques, and Equipment',
  F: 'Psychiatry and Psychology',
  G: 'Phenomena and Processes',
  H: 'Disciplines and Occupations',
  I: 'Anthropology, Education, Sociology, and Social Phenomena',
  J: 'Technology, Industry, and Agriculture',
  K: 'Humanities',
  L: 'Information Science',
  M: 'Named Groups',
  N: 'Health Care',
  V: 'Publication Characteristics',
  Z: 'Geographicals',
};

// One collator for every sort: String#localeCompare builds one per call, which an explode of 4,000 headings feels.
const collator = new Intl.Collator('en');
const byName = (a: DescriptorRef, b: DescriptorRef) => collator.compare(a.name, b.name) || collator.compare(a.ui, b.ui);

function groupByDescriptor(rows: readonly TreeNodeRow[]): RelatedDescriptor[] {
  const byUi = new Map<string, { ui: string; name: string; treeNumbers: string[] }>();
  for (const row of rows) {
    const entry = byUi.get(row.ui) ?? { ui: row.ui, name: row.name, treeNumbers: [] };
    entry.treeNumbers.push(row.tree_number);
    byUi.set(row.ui, entry);
  }
  return [...byUi.values()].sort(byName);
}

function parentOf(treeNumber: string): string | undefined {
  const dot = treeNumber.lastIndexOf('.');
  return dot === -1 ? undefined : treeNumber.slice(0, dot);
}

/** Every tree number above one, from the top: `C18.452.394` → `C18`, `C18.452`. */
function ancestorsOf(treeNumber: string): string[] {
  const parts = treeNumber.split('.');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

async function ownTreeNumbers(db: Db, year: number, ui: string): Promise<string[]> {
  return (await selectTreeNumbersOf(db, year, [ui.trim().toUpperCase()])).map((r) => r.tree_number);
}

/**
 * The descriptors directly above a descriptor, at any of its tree numbers.
 *
 * ### Examples
 * await parents(db, 'D003924')  // [{ ui: 'D003920', name: 'Diabetes Mellitus', treeNumbers: ['C18.452.394.750', 'C19.246'] }]
 */
export async function parents(db: Db, ui: string, options: LookupOptions = {}): Promise<RelatedDescriptor[]> {
  return readVocabulary(db, options, [], async (reader, year) => {
    const above = (await ownTreeNumbers(reader, year, ui)).map(parentOf).filter((t): t is string => t !== undefined);
    return groupByDescriptor(await selectNodesAt(reader, year, above));
  });
}

/** The descriptors directly below a descriptor, at any of its tree numbers. */
export async function children(db: Db, ui: string, options: LookupOptions = {}): Promise<RelatedDescriptor[]> {
  return readVocabulary(db, options, [], async (reader, year) => groupByDescriptor(await selectNodesUnder(reader, year, await ownTreeNumbers(reader, year, ui))));
}

/**
 * Explode: the descriptor and every descriptor below any of its tree numbers, by name. Empty when
 * there is no such descriptor.
 *
 * ### Examples
 * (await descendants(db, 'D003920')).map((d) => d.ui)  // ['D048909', 'D003920', 'D003921', 'D003923', 'D003922', 'D003924', …] (21 in MeSH 2024)
 */
export async function descendants(db: Db, ui: string, options: LookupOptions = {}): Promise<DescriptorRef[]> {
  return readVocabulary(db, options, [], async (reader, year) => {
    const own = await ownTreeNumbers(reader, year, ui);
    const found = await selectDescendants(reader, year, own);
    // A descriptor without tree numbers (Male, Female) still explodes to itself.
    if (found.length > 0) return found.sort(byName);
    const self = await selectDescriptor(reader, year, ui.trim().toUpperCase());
    return self ? [{ ui: self.ui, name: self.name }] : [];
  });
}

/** Each of a descriptor's places in the tree, with the path from the top and the children there. */
export async function treePositions(db: Db, ui: string, options: LookupOptions = {}): Promise<TreePosition[]> {
  return readVocabulary(db, options, [], async (reader, year) => {
    const own = await ownTreeNumbers(reader, year, ui);
    const above = new Map((await selectNodesAt(reader, year, own.flatMap(ancestorsOf))).map((r) => [r.tree_number, r]));
    const below = await selectNodesUnder(reader, year, own);
    const node = (r: TreeNodeRow): TreeNode => ({ treeNumber: r.tree_number, ui: r.ui, name: r.name });
    return own.map((treeNumber) => {
      const letter = treeNumber.charAt(0);
      const ancestors = ancestorsOf(treeNumber).flatMap((t) => {
        const found = above.get(t);
        return found ? [node(found)] : [];
      });
      const kids = below.filter((r) => r.parent_tree_number === treeNumber).map(node);
      return { treeNumber, category: { letter, name: CATEGORIES[letter] ?? letter }, ancestors, children: kids };
    });
  });
}
