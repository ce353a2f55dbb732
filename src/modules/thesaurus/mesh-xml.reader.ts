import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DESCRIPTOR_UI, type MeshItem, type MeshProblem, MeshFileError, TREE_NUMBER } from './mesh-item.js';

interface TermDraft {
  termUi: string;
  term: string;
  preferred: boolean;
  conceptPreferred: boolean;
  permuted: boolean;
}

/** One `DescriptorRecord` as it is read. */
interface RecordDraft {
  line: number;
  depth: number;
  ui: string;
  name: string;
  scopeNote: string | null;
  preferredConcept: boolean;
  trees: string[];
  terms: TermDraft[];
  term?: TermDraft;
}

/** The elements whose text is kept, by path below `DescriptorRecord` (nested UIs and names in other lists are not). */
const CAPTURED = new Set([
  'DescriptorUI',
  'DescriptorName/String',
  'TreeNumberList/TreeNumber',
  'ConceptList/Concept/ScopeNote',
  'ConceptList/Concept/TermList/Term/TermUI',
  'ConceptList/Concept/TermList/Term/String',
]);

function yes(tag: SaxesTagPlain, attribute: string): boolean {
  return tag.attributes[attribute] === 'Y';
}

/** @internal Follows saxes events through one descriptor record at a time, queuing what each record yields. */
export class DescriptorXmlReader {
  readonly items: MeshItem[] = [];
  private readonly stack: string[] = [];
  private record: RecordDraft | undefined;
  private text: string | undefined;

  constructor(
    private readonly file: string,
    private readonly parser: SaxesParser,
  ) {
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', () => this.close());
    parser.on('text', (text) => this.append(text));
    parser.on('cdata', (text) => this.append(text));
  }

  private path(): string {
    return this.record ? this.stack.slice(this.record.depth + 1).join('/') : '';
  }

  private open(tag: SaxesTagPlain): void {
    this.stack.push(tag.name);
    if (tag.name === 'DescriptorRecord' && !this.record) {
      const start = { line: this.parser.line, depth: this.stack.length - 1, ui: '', name: '', scopeNote: null, preferredConcept: false };
      this.record = { ...start, trees: [], terms: [] };
      return;
    }
    const record = this.record;
    if (!record) return;
    const path = this.path();
    if (path === 'ConceptList/Concept') record.preferredConcept = yes(tag, 'PreferredConceptYN');
    if (path === 'ConceptList/Concept/TermList/Term') {
      const flags = { preferred: yes(tag, 'RecordPreferredTermYN'), conceptPreferred: yes(tag, 'ConceptPreferredTermYN'), permuted: yes(tag, 'IsPermutedTermYN') };
      record.term = { termUi: '', term: '', ...flags };
    }
    if (CAPTURED.has(path)) this.text = '';
  }

  private append(text: string): void {
    if (this.text !== undefined) this.text += text;
  }

  private close(): void {
    const record = this.record;
    const path = this.path();
    if (record && this.text !== undefined) this.keep(record, path, this.text.trim());
    this.text = undefined;
    if (record && path === 'ConceptList/Concept/TermList/Term' && record.term) record.terms.push(record.term);
    this.stack.pop();
    if (record && this.stack.length === record.depth) {
      this.items.push(...recordItems(this.file, record));
      this.record = undefined;
    }
  }

  private keep(record: RecordDraft, path: string, text: string): void {
    if (path === 'DescriptorUI') record.ui = text;
    else if (path === 'DescriptorName/String') record.name = text;
    else if (path === 'TreeNumberList/TreeNumber') record.trees.push(text);
    else if (path === 'ConceptList/Concept/ScopeNote' && record.preferredConcept) record.scopeNote = text;
    else if (path === 'ConceptList/Concept/TermList/Term/TermUI' && record.term) record.term.termUi = text;
    else if (path === 'ConceptList/Concept/TermList/Term/String' && record.term) record.term.term = text;
  }
}

function recordProblems(file: string, record: RecordDraft): MeshProblem[] {
  const at = { kind: 'problem' as const, file, line: record.line };
  const found: MeshProblem[] = [];
  if (!DESCRIPTOR_UI.test(record.ui)) found.push({ ...at, field: 'DescriptorUI', message: record.ui ? `"${record.ui}" is not a descriptor UI like D009203` : 'is missing' });
  if (record.name === '') found.push({ ...at, field: 'DescriptorName', message: 'is missing' });
  for (const tree of record.trees.filter((t) => !TREE_NUMBER.test(t))) found.push({ ...at, field: 'TreeNumber', message: `"${tree}" is not a tree number like C18.452.394.750` });
  if (record.terms.some((t) => t.term === '')) found.push({ ...at, field: 'Term', message: 'a term has no String' });
  return found;
}

/** A whole record's items, or its problems (and nothing else) when any part of it is malformed. */
function recordItems(file: string, record: RecordDraft): MeshItem[] {
  const found = recordProblems(file, record);
  if (found.length > 0) return found;
  const { line, ui } = record;
  const terms = record.terms.some((t) => t.preferred) ? record.terms : [{ termUi: '', term: record.name, preferred: true, conceptPreferred: true, permuted: false }, ...record.terms];
  return [
    { kind: 'descriptor', file, line, ui, name: record.name, scopeNote: record.scopeNote },
    ...terms.map((t) => ({ kind: 'term' as const, file, line, descriptorUi: ui, ...t, termUi: t.termUi || null })),
    ...record.trees.map((treeNumber) => ({ kind: 'tree' as const, file, line, treeNumber, descriptor: { ui } })),
  ];
}

/**
 * Streams NLM's descriptor XML (`desc2024.xml`): for each `DescriptorRecord`, its descriptor (UI, name,
 * the preferred concept's scope note), every term of every concept, and its tree numbers. Broken XML
 * ends the file with an error naming the line and column.
 */
export async function* readDescriptorXml(file: string, text: AsyncIterable<string>): AsyncGenerator<MeshItem> {
  const parser = new SaxesParser({ position: true, fileName: file });
  const reader = new DescriptorXmlReader(file, parser);
  try {
    for await (const chunk of text) {
      parser.write(chunk);
      yield* reader.items.splice(0);
    }
    parser.close();
  } catch (error) {
    if (error instanceof MeshFileError) throw error;
    // saxes already starts its message with file:line:column.
    throw new MeshFileError(file, `${error instanceof Error ? error.message : String(error)} (the XML is broken)`);
  }
  yield* reader.items.splice(0);
}

