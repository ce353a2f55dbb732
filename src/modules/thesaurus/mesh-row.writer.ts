import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { INSERT_ROWS, insertDescriptors, insertTermWords, insertTerms, insertTreeNumbers } from './mesh-import.repository.js';
import type { MeshItem, MeshPosition, MeshProblem } from './mesh-item.js';
import type { NewMeshDescriptorRow, NewMeshTermRow, NewMeshTermWordRow, NewMeshTreeNumberRow } from './mesh.table.js';
import { laterWordStarts, normaliseTerm } from './term-normalise.js';

/** Problems kept in full for the summary; beyond this they are only counted. */
const KEPT_PROBLEMS = 1_000;

/** What one import wrote. */
export interface MeshCounts {
  descriptors: number;
  terms: number;
  treeNumbers: number;
}

type ItemOf<K extends MeshItem['kind']> = Extract<MeshItem, { kind: K }>;

/**
 * @internal Checks items against what came before (a UI seen twice, a term or tree number for a
 * descriptor that does not exist) and writes them in large multi-row inserts within the import's transaction.
 */
export class MeshRowWriter {
  readonly counts: MeshCounts = { descriptors: 0, terms: 0, treeNumbers: 0 };
  readonly problems: MeshProblem[] = [];
  problemCount = 0;
  private readonly uis = new Set<string>();
  private readonly uiByName = new Map<string, string>();
  private readonly termKeys = new Set<string>();
  private readonly treeNumbers = new Set<string>();
  private descriptors: NewMeshDescriptorRow[] = [];
  private terms: NewMeshTermRow[] = [];
  private words: NewMeshTermWordRow[] = [];
  private trees: NewMeshTreeNumberRow[] = [];

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly year: number,
  ) {}

  /** Takes one item; writes a batch whenever one is full. */
  async add(item: MeshItem): Promise<void> {
    if (item.kind === 'descriptor') this.addDescriptor(item);
    else if (item.kind === 'term') this.addTerm(item);
    else if (item.kind === 'tree') this.addTree(item);
    else this.report(item);
    if (Math.max(this.descriptors.length, this.terms.length, this.words.length, this.trees.length) >= INSERT_ROWS) await this.flush();
  }

  /** Writes whatever is buffered. */
  async flush(): Promise<void> {
    const [descriptors, terms, words, trees] = [this.descriptors, this.terms, this.words, this.trees];
    this.descriptors = [];
    this.terms = [];
    this.words = [];
    this.trees = [];
    await insertDescriptors(this.trx, descriptors);
    await insertTerms(this.trx, terms);
    await insertTermWords(this.trx, words);
    await insertTreeNumbers(this.trx, trees);
  }

  private report(problem: MeshProblem): void {
    this.problemCount += 1;
    if (this.problems.length < KEPT_PROBLEMS) this.problems.push(problem);
  }

  private problem(at: MeshPosition, field: string, message: string): void {
    this.report({ kind: 'problem', file: at.file, line: at.line, field, message });
  }

  private addDescriptor(item: ItemOf<'descriptor'>): void {
    if (this.uis.has(item.ui)) return this.problem(item, 'DescriptorUI', `${item.ui} appears more than once; only the first is kept`);
    this.uis.add(item.ui);
    if (!this.uiByName.has(item.name)) this.uiByName.set(item.name, item.ui);
    this.descriptors.push({ year: this.year, ui: item.ui, name: item.name, scope_note: item.scopeNote });
    this.counts.descriptors += 1;
  }

  private addTerm(item: ItemOf<'term'>): void {
    if (!this.uis.has(item.descriptorUi)) return this.problem(item, 'DescriptorUI', `${item.descriptorUi} has no descriptor; the term "${item.term}" is skipped`);
    const key = `${item.descriptorUi}\t${item.term}`;
    // NLM lists a handful of terms twice under one descriptor (in two concepts); one row is enough.
    if (this.termKeys.has(key)) return;
    this.termKeys.add(key);
    const normalised = normaliseTerm(item.term);
    const flag = (value: boolean) => (value ? 1 : 0);
    this.terms.push({
      year: this.year,
      descriptor_ui: item.descriptorUi,
      term_ui: item.termUi,
      term: item.term,
      term_normalised: normalised,
      preferred: flag(item.preferred),
      concept_preferred: flag(item.conceptPreferred),
      permuted: flag(item.permuted),
    });
    this.counts.terms += 1;
    // Permuted forms only reorder the words of a term that is indexed already.
    if (item.permuted) return;
    for (const wordsFrom of laterWordStarts(normalised)) this.words.push({ year: this.year, words_from: wordsFrom, descriptor_ui: item.descriptorUi, term: item.term });
  }

  private addTree(item: ItemOf<'tree'>): void {
    const ui = 'ui' in item.descriptor ? item.descriptor.ui : this.uiByName.get(item.descriptor.name);
    if (ui === undefined || !this.uis.has(ui)) {
      const which = 'ui' in item.descriptor ? item.descriptor.ui : `named "${item.descriptor.name}"`;
      return this.problem(item, 'DescriptorUI', `no descriptor ${which}; tree number ${item.treeNumber} is skipped`);
    }
    if (this.treeNumbers.has(item.treeNumber)) return this.problem(item, 'TreeNumber', `tree number ${item.treeNumber} appears more than once; only the first is kept`);
    this.treeNumbers.add(item.treeNumber);
    const dot = item.treeNumber.lastIndexOf('.');
    this.trees.push({ year: this.year, tree_number: item.treeNumber, descriptor_ui: ui, parent_tree_number: dot === -1 ? null : item.treeNumber.slice(0, dot) });
    this.counts.treeNumbers += 1;
  }
}
