import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { describeReadFailure } from './mesh-file.reader.js';
import { DESCRIPTOR_UI, type MeshItem, type MeshProblem, TREE_NUMBER } from './mesh-item.js';

const required = (what: string) => z.string({ error: 'is missing' }).trim().min(1, `${what} is empty`);
const yesNo = z.enum(['Y', 'N'], { error: 'must be Y or N' });
const descriptorUi = required('the descriptor UI').regex(DESCRIPTOR_UI, 'must be a descriptor UI like D009203');

/** A row of `mesh_thesaurus.csv`: one term of one descriptor. */
const thesaurusRow = z.object({
  DescriptorUI: descriptorUi,
  DescriptorName: required('the descriptor name'),
  TermUI: z.string().trim().optional(),
  TermName: required('the term'),
  ConceptPreferredTermYN: yesNo,
  IsPermutedTermYN: yesNo,
  RecordPreferredTermYN: yesNo,
});

const treeNumber = required('the tree number').regex(TREE_NUMBER, 'must be a tree number like C18.452.394.750');

/** A row of `mesh_trees.csv`: one tree number; `tree1`/`mesh1` name its top-level ancestor. */
const treesRow = z.object({
  DescriptorUI: descriptorUi,
  tree_location: treeNumber,
  tree1: z.string().optional(),
  mesh1: z.string().optional(),
});

interface CsvRow {
  readonly line: number;
  readonly row: unknown;
}

/** The rows of a CSV text with the line each ends on; broken quoting ends the file with its line. */
async function* csvRows(file: string, text: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  const source = Readable.from(text);
  const parser = source.pipe(parse({ columns: true, bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  // pipe() does not forward errors: an unreadable file must end the loop below, not stall it.
  source.on('error', (error) => parser.destroy(error));
  try {
    for await (const item of parser as AsyncIterable<{ record: unknown; info: { lines: number } }>) {
      yield { line: item.info.lines, row: item.record };
    }
  } catch (error) {
    throw describeReadFailure(file, error);
  }
}

function problems(file: string, line: number, error: z.ZodError): MeshProblem[] {
  return error.issues.map((issue) => ({ kind: 'problem', file, line, field: String(issue.path[0] ?? 'row'), message: issue.message }));
}

/**
 * Reads the `mesh_thesaurus.csv` layout (DescriptorUI, DescriptorName, ConceptUI, TermUI, TermName,
 * ConceptPreferredTermYN, IsPermutedTermYN, LexicalTag, RecordPreferredTermYN): a descriptor the first
 * time its UI appears, and a term for every row. A bad row is a problem and is skipped.
 */
export async function* readThesaurusCsv(file: string, text: AsyncIterable<string>): AsyncGenerator<MeshItem> {
  const seen = new Set<string>();
  for await (const { line, row } of csvRows(file, text)) {
    const parsed = thesaurusRow.safeParse(row);
    if (!parsed.success) {
      yield* problems(file, line, parsed.error);
      continue;
    }
    const r = parsed.data;
    if (!seen.has(r.DescriptorUI)) {
      seen.add(r.DescriptorUI);
      yield { kind: 'descriptor', file, line, ui: r.DescriptorUI, name: r.DescriptorName, scopeNote: null };
    }
    yield {
      kind: 'term',
      file,
      line,
      descriptorUi: r.DescriptorUI,
      termUi: r.TermUI || null,
      term: r.TermName,
      preferred: r.RecordPreferredTermYN === 'Y',
      conceptPreferred: r.ConceptPreferredTermYN === 'Y',
      permuted: r.IsPermutedTermYN === 'Y',
    };
  }
}

/**
 * Reads the `mesh_trees.csv` layout (DescriptorUI, DescriptorName, tree_location, code, cats, mesh1,
 * mesh2, tree1, tree2). That layout leaves out the top-level tree numbers (`C04` Neoplasms) but names
 * each row's top-level heading in `tree1`/`mesh1`; those missing ones are given at the end, by name.
 */
export async function* readTreesCsv(file: string, text: AsyncIterable<string>): AsyncGenerator<MeshItem> {
  const explicit = new Set<string>();
  const implied = new Map<string, { name: string; line: number }>();
  for await (const { line, row } of csvRows(file, text)) {
    const parsed = treesRow.safeParse(row);
    if (!parsed.success) {
      yield* problems(file, line, parsed.error);
      continue;
    }
    const r = parsed.data;
    explicit.add(r.tree_location);
    const top = r.tree1?.trim();
    const name = r.mesh1?.trim();
    if (top && name && TREE_NUMBER.test(top) && !implied.has(top)) implied.set(top, { name, line });
    yield { kind: 'tree', file, line, treeNumber: r.tree_location, descriptor: { ui: r.DescriptorUI } };
  }
  for (const [top, { name, line }] of implied) {
    if (!explicit.has(top)) yield { kind: 'tree', file, line, treeNumber: top, descriptor: { name } };
  }
}
