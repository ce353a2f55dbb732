import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';
import { gzipSync } from 'node:zlib';
import { type MeshItem, MeshFileError } from './mesh-item.js';
import { openMeshSources, yearFromPaths } from './mesh-sources.js';

const SAMPLE = join(import.meta.dirname, 'fixtures', 'desc-sample.xml');
const MESH_2024 = sharedDataPath('mesh-2024');

type Of<K extends MeshItem['kind']> = Extract<MeshItem, { kind: K }>;
const only = <K extends MeshItem['kind']>(items: readonly MeshItem[], kind: K): Of<K>[] => items.filter((i): i is Of<K> => i.kind === kind);

async function itemsOf(paths: string[]): Promise<MeshItem[]> {
  const items: MeshItem[] = [];
  for (const source of await openMeshSources(paths)) {
    for await (const item of source.items) items.push(item);
    await source.close();
  }
  return items;
}

async function tempFile(t: TestContext, name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'khub-mesh-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const RECORD = (ui: string, name: string, tree: string) =>
  `<DescriptorRecord><DescriptorUI>${ui}</DescriptorUI><DescriptorName><String>${name}</String></DescriptorName>` +
  `<TreeNumberList><TreeNumber>${tree}</TreeNumber></TreeNumberList><ConceptList><Concept PreferredConceptYN="Y"><TermList>` +
  `<Term ConceptPreferredTermYN="Y" IsPermutedTermYN="N" RecordPreferredTermYN="Y"><String>${name}</String></Term></TermList></Concept></ConceptList></DescriptorRecord>\n`;

describe('NLM descriptor XML reader', () => {
  it('reads each record: descriptor, every term with its flags, tree numbers, the preferred concept’s scope note', async () => {
    const items = await itemsOf([SAMPLE]);
    const descriptors = only(items, 'descriptor');
    assert.equal(descriptors.length, 10);
    const type2 = descriptors.find((d) => d.ui === 'D003924');
    assert.equal(type2?.name, 'Diabetes Mellitus, Type 2');
    assert.equal(type2?.scopeNote, 'A subclass of DIABETES MELLITUS that is not INSULIN-responsive or dependent (NIDDM).');
    assert.equal(type2?.line, 458);
    const terms = only(items, 'term').filter((i) => i.descriptorUi === 'D003924');
    assert.deepEqual(
      terms.map((t) => [t.term, t.preferred, t.conceptPreferred, t.permuted]),
      [
        ['Diabetes Mellitus, Type 2', true, true, false],
        ['Type 2 Diabetes', false, false, false],
        ['NIDDM', false, false, false],
        ['Diabetes Mellitus, Non-Insulin-Dependent', false, false, false],
        ['Diabetes Mellitus, Ketosis-Resistant', false, true, false],
        ['Ketosis-Resistant Diabetes Mellitus', false, false, true],
      ],
    );
    const trees = only(items, 'tree').filter((i) => 'ui' in i.descriptor && i.descriptor.ui === 'D003924');
    assert.deepEqual(trees.map((t) => t.treeNumber), ['C18.452.394.750.149', 'C19.246.300']);
  });

  it('ignores the UIs and names of descriptors a record only refers to (pharmacological actions, see-related)', async () => {
    const items = await itemsOf([SAMPLE]);
    const descriptors = only(items, 'descriptor');
    assert.ok(!descriptors.some((d) => d.ui === 'D000900' || d.ui === 'D006943'));
    assert.equal(descriptors.find((d) => d.ui === 'D000001')?.name, 'Calcimycin');
    assert.equal(descriptors.find((d) => d.ui === 'D003920')?.name, 'Diabetes Mellitus');
    assert.deepEqual(only(items, 'problem'), []);
  });

  it('reads gzip-compressed XML the same', async (t) => {
    const gz = await tempFile(t, 'desc2024.xml.gz', gzipSync(await readFile(SAMPLE)));
    assert.equal((await itemsOf([gz])).length, (await itemsOf([SAMPLE])).length);
  });

  it('skips a malformed record with its line and reason, keeping the others', async (t) => {
    const xml = `<?xml version="1.0"?>\n<DescriptorRecordSet LanguageCode="eng">\n${RECORD('D000001', 'Calcimycin', 'D03.633')}${RECORD('X12', '', 'C99.ABC')}${RECORD('D009369', 'Neoplasms', 'C04')}</DescriptorRecordSet>\n`;
    const items = await itemsOf([await tempFile(t, 'desc.xml', xml)]);
    assert.deepEqual(
      only(items, 'problem').map((p) => `${p.line}: ${p.field}: ${p.message}`),
      ['4: DescriptorUI: "X12" is not a descriptor UI like D009203', '4: DescriptorName: is missing', '4: TreeNumber: "C99.ABC" is not a tree number like C18.452.394.750', '4: Term: a term has no String'],
    );
    assert.deepEqual(only(items, 'descriptor').map((d) => d.ui), ['D000001', 'D009369']);
  });

  it('stops at broken XML with the file, line and column', async (t) => {
    const file = await tempFile(t, 'desc.xml', `<DescriptorRecordSet>\n${RECORD('D000001', 'Calcimycin', 'D03.633')}<DescriptorRecord><DescriptorUI>D1</Descriptor>\n`);
    await assert.rejects(itemsOf([file]), (error: unknown) => error instanceof MeshFileError && /desc\.xml:3:\d+: .*\(the XML is broken\)$/.test(error.message));
  });

  it('stops at a file cut short, even when every tag so far was well formed', async (t) => {
    const file = await tempFile(t, 'desc.xml', `<DescriptorRecordSet>\n${RECORD('D000001', 'Calcimycin', 'D03.633')}`);
    await assert.rejects(itemsOf([file]), /unclosed tag: DescriptorRecordSet/);
  });

  it('stops at a truncated gzip file, naming it', async (t) => {
    const whole = gzipSync(await readFile(SAMPLE));
    const file = await tempFile(t, 'desc2024.xml.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    await assert.rejects(itemsOf([file]), (error: unknown) => error instanceof MeshFileError && /desc2024\.xml\.gz: the gzip data is damaged or incomplete/.test(error.message));
  });
});

const THESAURUS_HEADER = '"DescriptorUI","DescriptorName","ConceptUI","TermUI","TermName","ConceptPreferredTermYN","IsPermutedTermYN","LexicalTag","RecordPreferredTermYN"\n';
const TREES_HEADER = '"DescriptorUI","DescriptorName","tree_location","code","cats","mesh1","mesh2","tree1","tree2"\n';

describe('MeSH CSV readers', () => {
  it('reads the thesaurus layout: a descriptor when its UI first appears, a term for every row', async (t) => {
    const csv =
      THESAURUS_HEADER +
      '"D009203","Myocardial Infarction","M0014340","T027447","Myocardial Infarction","Y","N","NON","Y"\n' +
      '"D009203","Myocardial Infarction","M0014340","T027447","Infarction, Myocardial","N","Y","NON","N"\n' +
      '"D009203","Myocardial Infarction","M0014340","T000866941","Heart Attack","N","N","NON","N"\n';
    const items = await itemsOf([await tempFile(t, 'mesh_thesaurus.csv', csv), await tempFile(t, 'mesh_trees.csv', TREES_HEADER)]);
    assert.deepEqual(only(items, 'descriptor').map((d) => [d.ui, d.name, d.line]), [['D009203', 'Myocardial Infarction', 2]]);
    assert.deepEqual(only(items, 'term').map((i) => [i.term, i.preferred, i.permuted, i.line]), [
      ['Myocardial Infarction', true, false, 2],
      ['Infarction, Myocardial', false, true, 3],
      ['Heart Attack', false, false, 4],
    ]);
  });

  it('reports each bad row as line, column and reason, and reads on', async (t) => {
    const csv =
      THESAURUS_HEADER +
      '"X1","Bad UI","M1","T1","Bad UI","Y","N","NON","Y"\n' +
      '"D000001","Calcimycin","M0000001","T000002","","Y","maybe","NON","Y"\n' +
      '"D000001","Calcimycin","M0000001","T000002","Calcimycin","Y","N","NON","Y"\n' +
      '"D000002","Short row"\n';
    const items = await itemsOf([await tempFile(t, 'mesh_thesaurus.csv', csv), await tempFile(t, 'mesh_trees.csv', TREES_HEADER)]);
    assert.deepEqual(only(items, 'problem').map((p) => `${p.line}: ${p.field}: ${p.message}`), [
      '2: DescriptorUI: must be a descriptor UI like D009203',
      '3: TermName: the term is empty',
      '3: IsPermutedTermYN: must be Y or N',
      '5: TermName: is missing',
      '5: ConceptPreferredTermYN: must be Y or N',
      '5: IsPermutedTermYN: must be Y or N',
      '5: RecordPreferredTermYN: must be Y or N',
    ]);
    assert.deepEqual(only(items, 'term').map((i) => i.term), ['Calcimycin']);
  });

  it('counts lines as editors do when a quoted field spans lines', async (t) => {
    const csv = THESAURUS_HEADER + '"D000001","Calcimycin","M1","T1","Calci\nmycin","Y","N","NON","Y"\n"D00000X","A","M1","T1","A","Y","N","NON","Y"\n';
    const items = await itemsOf([await tempFile(t, 'mesh_thesaurus.csv', csv), await tempFile(t, 'mesh_trees.csv', TREES_HEADER)]);
    assert.deepEqual(only(items, 'problem').map((p) => p.line), [4]);
  });

  it('gives the top-level tree numbers the trees layout leaves out, by heading name, after the rows', async (t) => {
    const csv =
      TREES_HEADER +
      '"D003920","Diabetes Mellitus","C18.452.394.750","C","Diseases","Nutritional and Metabolic Diseases","Metabolic Diseases","C18","C18.452"\n' +
      '"D003920","Diabetes Mellitus","C19.246","C","Diseases","Endocrine System Diseases","Diabetes Mellitus","C19","C19.246"\n' +
      '"D004700","Endocrine System Diseases","C19","C","Diseases","Endocrine System Diseases","","C19",""\n';
    const items = await itemsOf([await tempFile(t, 'mesh_thesaurus.csv', THESAURUS_HEADER), await tempFile(t, 'mesh_trees.csv', csv)]);
    assert.deepEqual(only(items, 'tree').map((i) => [i.treeNumber, i.descriptor, i.line]), [
      ['C18.452.394.750', { ui: 'D003920' }, 2],
      ['C19.246', { ui: 'D003920' }, 3],
      ['C19', { ui: 'D004700' }, 4],
      ['C18', { name: 'Nutritional and Metabolic Diseases' }, 2],
    ]);
  });

  it('stops at broken quoting with the file and line', async (t) => {
    const csv = THESAURUS_HEADER + '"D000001","Calcimycin","M1","T1","Calcimycin","Y","N","NON","Y"\n"D000002","Bro"ken","M1"\n';
    const thesaurus = await tempFile(t, 'mesh_thesaurus.csv', csv);
    await assert.rejects(itemsOf([thesaurus, await tempFile(t, 'mesh_trees.csv', TREES_HEADER)]), (error: unknown) => error instanceof MeshFileError && error.message.startsWith(`${thesaurus}: `) && /line 3/.test(error.message));
  });
});

describe('opening MeSH files', () => {
  it('refuses a file that is not MeSH, an empty one and a missing one, naming each', async (t) => {
    await assert.rejects(itemsOf([await tempFile(t, 'etr.csv', '"RXA","A TRUST"\n')]), /etr\.csv: not a MeSH file: expected NLM descriptor XML/);
    await assert.rejects(itemsOf([await tempFile(t, 'desc2024.xml', '')]), /desc2024\.xml: not a MeSH file: the file is empty/);
    await assert.rejects(itemsOf([join(tmpdir(), 'no-such-desc2024.xml')]), /no-such-desc2024\.xml: no such file/);
  });

  it('needs the thesaurus and trees CSV files together, or one descriptor XML file', async (t) => {
    const thesaurus = await tempFile(t, 'mesh_thesaurus.csv', THESAURUS_HEADER);
    await assert.rejects(itemsOf([thesaurus]), /cannot make one MeSH vocabulary from mesh_thesaurus\.csv/);
    await assert.rejects(itemsOf([SAMPLE, thesaurus]), /cannot make one MeSH vocabulary/);
  });

  it('takes a folder, reading the thesaurus before the trees whatever the order on disk', async () => {
    const sources = await openMeshSources([MESH_2024]);
    try {
      assert.deepEqual(sources.map((s) => s.file.split('/').pop()), ['mesh_thesaurus.csv.gz', 'mesh_trees.csv.gz']);
    } finally {
      for (const source of sources) await source.close();
    }
  });

  it('tells the year from file and folder names', () => {
    assert.equal(yearFromPaths(['/data/desc2024.xml.gz']), 2024);
    assert.equal(yearFromPaths(['../shared/data/mesh-2024']), 2024);
    assert.equal(yearFromPaths(['mesh_thesaurus.csv.gz', 'mesh_trees.csv.gz']), undefined);
    assert.equal(yearFromPaths(['desc2023.xml', 'desc2024.xml']), undefined);
  });
});
