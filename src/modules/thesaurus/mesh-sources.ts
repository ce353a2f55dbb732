import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readThesaurusCsv, readTreesCsv } from './mesh-csv.reader.js';
import { type BytesRead, type MeshFile, openMeshFile } from './mesh-file.reader.js';
import { type MeshItem, MeshFileError } from './mesh-item.js';
import { readDescriptorXml } from './mesh-xml.reader.js';

/** One file's items, ready for the importer. */
export interface MeshSource {
  readonly file: string;
  readonly items: AsyncIterable<MeshItem>;
  /** Releases the file; call when done with it, read to the end or not. */
  close(): Promise<void>;
}

const MESH_FILE = /\.(csv|xml)(\.gz)?$/i;

/** The files to read: each path itself, or for a folder the `.csv`/`.xml` files (plain or `.gz`) in it. */
async function expandFolders(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const isFolder = await stat(path).then((s) => s.isDirectory(), () => false);
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const inside = (await readdir(path)).filter((name) => MESH_FILE.test(name)).sort();
    if (inside.length === 0) throw new MeshFileError(path, `${path}: no .csv or .xml files (plain or .gz) in this folder`);
    files.push(...inside.map((name) => join(path, name)));
  }
  return files;
}

/**
 * The MeSH year a set of paths names (`desc2024.xml`, `mesh-2024/`), or undefined when they name none
 * or disagree.
 */
export function yearFromPaths(paths: readonly string[]): number | undefined {
  const years = new Set<number>();
  for (const path of paths) {
    for (const match of path.matchAll(/(?<!\d)(19[6-9]\d|20\d\d)(?!\d)/g)) years.add(Number(match[1]));
  }
  return years.size === 1 ? [...years][0] : undefined;
}

function itemsOf(file: MeshFile): AsyncIterable<MeshItem> {
  if (file.layout === 'descriptor-xml') return readDescriptorXml(file.path, file.text);
  if (file.layout === 'thesaurus-csv') return readThesaurusCsv(file.path, file.text);
  return readTreesCsv(file.path, file.text);
}

async function closeAll(files: readonly { close(): Promise<void> }[]): Promise<void> {
  for (const file of files) await file.close();
}

/** Checks the files make one vocabulary: one descriptor XML, or the thesaurus CSV with the trees CSV. */
function checkCombination(files: readonly MeshFile[]): void {
  const count = (layout: MeshFile['layout']) => files.filter((f) => f.layout === layout).length;
  const names = files.map((f) => basename(f.path)).join(', ');
  const first = files[0]?.path ?? '';
  const xml = count('descriptor-xml');
  if (xml === 1 && files.length === 1) return;
  if (xml === 0 && count('thesaurus-csv') === 1 && count('trees-csv') === 1 && files.length === 2) return;
  throw new MeshFileError(
    first,
    `cannot make one MeSH vocabulary from ${names}: give one descriptor XML file (desc2024.xml[.gz]), or the thesaurus CSV and the trees CSV together (mesh_thesaurus.csv.gz mesh_trees.csv.gz, or their folder)`,
  );
}

/**
 * Opens the files (folders expanded), tells each one's layout from its content, checks they make one
 * vocabulary, and orders them so descriptors are read before the tree numbers that refer to them.
 */
export async function openMeshSources(paths: readonly string[], onBytes?: (file: string, ...read: Parameters<BytesRead>) => void): Promise<MeshSource[]> {
  const files: MeshFile[] = [];
  // Opening reads each file's first chunk; progress is reported only once a file's turn has come.
  const reading = new Set<string>();
  try {
    for (const path of await expandFolders(paths)) files.push(await openMeshFile(path, (done, total) => reading.has(path) && onBytes?.(path, done, total)));
    checkCombination(files);
  } catch (error) {
    await closeAll(files);
    throw error;
  }
  const order = (file: MeshFile) => (file.layout === 'trees-csv' ? 1 : 0);
  const items = async function* (file: MeshFile): AsyncGenerator<MeshItem> {
    reading.add(file.path);
    yield* itemsOf(file);
  };
  return [...files].sort((a, b) => order(a) - order(b)).map((file) => ({ file: file.path, items: items(file), close: file.close }));
}
