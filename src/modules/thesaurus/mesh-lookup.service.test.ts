import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';
import type { Kysely } from 'kysely';
import { eachDialect, openTestDatabase, type TestDatabase } from '../../../test/helpers/databases.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { importMesh, importMeshSources } from './mesh-import.service.js';
import type { MeshItem } from './mesh-item.js';
import { children, descendants, findDescriptorByTerm, findDescriptorsByTerm, getDescriptor, listVocabularies, parents, suggest, treePositions } from './index.js';
import { type MeshSource, openMeshSources } from './mesh-sources.js';

const MESH_2024 = sharedDataPath('mesh-2024');

/** The branches the per-dialect suites load: every descriptor with a tree number in them (about 2,500 of 30,764), with all its terms and tree numbers. */
const BRANCHES = ['A07', 'C04', 'C14', 'C18', 'C19', 'C23'];
const inBranches = (tree: string) => BRANCHES.some((b) => tree === b || tree.startsWith(`${b}.`));

/** Reads the subset once (two passes over the CSV files) and keeps its items for every dialect's suite. */
async function readSubset(): Promise<{ file: string; items: MeshItem[] }[]> {
  const chosen = new Set<string>();
  // The CSV layout names top-level headings (Neoplasms at C04) only by name, in the trees file.
  const topNames = new Set<string>();
  const [thesaurus, trees] = await openMeshSources([MESH_2024]);
  for await (const item of trees?.items ?? []) {
    if (item.kind !== 'tree' || !inBranches(item.treeNumber)) continue;
    if ('ui' in item.descriptor) chosen.add(item.descriptor.ui);
    else topNames.add(item.descriptor.name);
  }
  await thesaurus?.close();
  const keep = (item: MeshItem) => {
    if (item.kind === 'descriptor' && topNames.has(item.name)) chosen.add(item.ui);
    if (item.kind === 'descriptor') return chosen.has(item.ui);
    if (item.kind === 'term') return chosen.has(item.descriptorUi);
    if (item.kind === 'tree') return 'ui' in item.descriptor ? chosen.has(item.descriptor.ui) : inBranches(item.treeNumber);
    return true;
  };
  const kept: { file: string; items: MeshItem[] }[] = [];
  for (const source of await openMeshSources([MESH_2024])) {
    const items: MeshItem[] = [];
    for await (const item of source.items) if (keep(item)) items.push(item);
    kept.push({ file: source.file, items });
  }
  return kept;
}

let subset: ReturnType<typeof readSubset> | undefined;

async function subsetSources(): Promise<MeshSource[]> {
  subset ??= readSubset();
  const replay = async function* (items: readonly MeshItem[]): AsyncGenerator<MeshItem> {
    yield* items;
  };
  return (await subset).map(({ file, items }) => ({ file, items: replay(items), close: async () => undefined }));
}

/** Facts from MeSH 2024 that hold on the subset and on the full vocabulary alike. */
function meshFacts(getDb: () => Kysely<Database>): void {
  it('maps an entry term to its descriptor: "Heart Attack" is Myocardial Infarction', async () => {
    const match = await findDescriptorByTerm(getDb(), 'Heart Attack');
    assert.deepEqual(match && { ui: match.ui, name: match.name, matchedTerms: match.matchedTerms, isName: match.isName }, { ui: 'D009203', name: 'Myocardial Infarction', matchedTerms: ['Heart Attack'], isName: false });
  });

  it('ignores case, punctuation and spacing', async () => {
    for (const typed of ['heart-attack', 'HEART ATTACK', '  Heart   attack! ', 'Infarction, Myocardial', 'infarction myocardial']) {
      assert.equal((await findDescriptorByTerm(getDb(), typed))?.ui, 'D009203', typed);
    }
  });

  it('maps "cancer" to Neoplasms, whose top-level tree number C04 the CSV layout leaves implicit', async () => {
    const match = await findDescriptorByTerm(getDb(), 'cancer');
    assert.deepEqual(match && [match.ui, match.name, match.treeNumbers], ['D009369', 'Neoplasms', ['C04']]);
    assert.equal((await findDescriptorByTerm(getDb(), 'neoplasms'))?.isName, true);
  });

  it('finds nothing for a term that is not in MeSH', async () => {
    assert.equal(await findDescriptorByTerm(getDb(), 'myocard'), undefined);
    assert.deepEqual(await findDescriptorsByTerm(getDb(), ' -- '), []);
  });

  it('gives a descriptor with its entry terms and tree numbers', async () => {
    const type2 = await getDescriptor(getDb(), 'd003924');
    assert.equal(type2.name, 'Diabetes Mellitus, Type 2');
    assert.deepEqual(type2.treeNumbers, ['C18.452.394.750.149', 'C19.246.300']);
    for (const term of ['NIDDM', 'Type 2 Diabetes', 'Diabetes Mellitus, Non-Insulin-Dependent']) assert.ok(type2.entryTerms.includes(term), term);
    assert.ok(!type2.entryTerms.includes('Diabetes, Type 2'), 'permuted forms are left out');
    await assert.rejects(getDescriptor(getDb(), 'D999999'), (error: unknown) => error instanceof NotFoundError && error.code === 'mesh_descriptor_not_found');
  });

  it('explodes Diabetes Mellitus to itself and everything below it, Type 1 and Type 2 included', async () => {
    const uis = (await descendants(getDb(), 'D003920')).map((d) => d.ui);
    for (const ui of ['D003920', 'D003922', 'D003924', 'D003923', 'D048909']) assert.ok(uis.includes(ui), ui);
    assert.ok(!uis.includes('D044882'), 'not its parent');
    assert.equal((await descendants(getDb(), 'D009369')).length, 699);
    assert.deepEqual(await descendants(getDb(), 'D999999'), []);
  });

  it('gives parents and children at every tree number', async () => {
    assert.deepEqual(await parents(getDb(), 'D003924'), [{ ui: 'D003920', name: 'Diabetes Mellitus', treeNumbers: ['C18.452.394.750', 'C19.246'] }]);
    const below = await children(getDb(), 'D003920');
    assert.deepEqual(below.map((c) => c.ui).sort(), ['D000071698', 'D003921', 'D003922', 'D003924', 'D011236', 'D016640', 'D048909', 'D056731']);
    assert.deepEqual(below.find((c) => c.ui === 'D016640')?.treeNumbers, ['C18.452.394.750.448', 'C19.246.200']);
  });

  it('gives each tree position with the path from the top and the children there', async () => {
    const [first] = await treePositions(getDb(), 'D003924');
    assert.equal(first?.treeNumber, 'C18.452.394.750.149');
    assert.deepEqual(first?.category, { letter: 'C', name: 'Diseases' });
    assert.deepEqual(first?.ancestors.map((a) => `${a.treeNumber} ${a.ui}`), ['C18 D009750', 'C18.452 D008659', 'C18.452.394 D044882', 'C18.452.394.750 D003920']);
    assert.deepEqual(first?.children, [{ treeNumber: 'C18.452.394.750.149.500', ui: 'D003923', name: 'Diabetes Mellitus, Lipoatrophic' }]);
  });

  it('suggests names starting with the text, shortest first', async () => {
    const found = await suggest(getDb(), 'myocard', 10);
    assert.deepEqual(found.slice(0, 5).map((s) => s.name), ['Myocardium', 'Myocarditis', 'Myocardial Bridging', 'Myocardial Ischemia', 'Myocardial Stunning']);
    assert.ok(found.slice(0, 5).every((s) => s.match === 'name-prefix'));
    assert.ok(found.some((s) => s.ui === 'D009203'), 'Myocardial Infarction is among them');
    assert.deepEqual(found[0]?.treeNumbers.includes('A07.541.704'), true);
  });

  it('ranks an exact entry term first, then by kind of match, one suggestion per descriptor', async () => {
    const found = await suggest(getDb(), 'heart attack', 20);
    assert.deepEqual(found[0] && [found[0].ui, found[0].term, found[0].match], ['D009203', 'Heart Attack', 'exact']);
    const order = ['exact', 'name-prefix', 'term-prefix', 'word-start'];
    const ranks = (await suggest(getDb(), 'infarct', 40)).map((s) => order.indexOf(s.match));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    const words = await suggest(getDb(), 'attack', 40);
    assert.equal(new Set(words.map((s) => s.ui)).size, words.length);
    assert.deepEqual(words.find((s) => s.ui === 'D009203')?.match, 'word-start');
  });
}

eachDialect('MeSH 2024 look-ups, on branches A07 C04 C14 C18 C19 C23', (getDb) => {
  before(async () => {
    await importMeshSources(getDb(), await subsetSources(), { year: 2024 });
  });
  describe('facts', () => meshFacts(getDb));
});

describe('the full MeSH 2024 vocabulary [sqlite]', () => {
  let testDb: TestDatabase | undefined;
  const getDb = () => {
    if (!testDb) throw new Error('test database not open yet');
    return testDb.db;
  };
  before(async () => {
    testDb = await openTestDatabase('sqlite');
  });
  after(() => testDb?.close());

  it('imports every descriptor, term and tree number, with the top-level tree numbers added', async () => {
    const summary = await importMesh(getDb(), [MESH_2024]);
    assert.deepEqual([summary.year, summary.descriptors, summary.terms, summary.treeNumbers, summary.problemCount], [2024, 30_764, 263_931, 64_342 + 115, 0]);
    assert.deepEqual((await listVocabularies(getDb())).map((v) => [v.year, v.source]), [[2024, 'mesh_thesaurus.csv.gz, mesh_trees.csv.gz']]);
  });

  describe('facts', () => meshFacts(getDb));

  it('gives every descriptor a term leads to when it leads to several', async () => {
    assert.deepEqual((await findDescriptorsByTerm(getDb(), 'transition care')).map((m) => m.ui), ['D000069341', 'D010360']);
  });
});
