import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { MeshFileError } from './mesh-item.js';

/** The MeSH layouts khub reads, told apart by content rather than by file name. */
export type MeshLayout = 'descriptor-xml' | 'thesaurus-csv' | 'trees-csv';

/** How far through a file reading has got, in bytes as stored (compressed, for .gz). */
export type BytesRead = (bytesRead: number, totalBytes: number) => void;

/** An opened MeSH file: its layout and its text, decoded and decompressed, read as it is consumed. */
export interface MeshFile {
  readonly path: string;
  readonly layout: MeshLayout;
  readonly totalBytes: number;
  readonly text: AsyncIterable<string>;
  /** Stops reading and releases the file, whether or not its text was read to the end. */
  close(): Promise<void>;
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Turns any failure to read into one message naming the file (a truncated gzip says so). */
export function describeReadFailure(path: string, error: unknown): MeshFileError {
  if (error instanceof MeshFileError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT') return new MeshFileError(path, `${path}: no such file`);
  if (code === 'EISDIR') return new MeshFileError(path, `${path}: is a folder, not a file`);
  if (code.startsWith('Z_')) return new MeshFileError(path, `${path}: the gzip data is damaged or incomplete (${reason})`);
  return new MeshFileError(path, `${path}: ${reason}`);
}

async function* decodedText(path: string, gzip: boolean, totalBytes: number, onBytes?: BytesRead): AsyncGenerator<string> {
  const raw = createReadStream(path);
  let bytesRead = 0;
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
    onBytes?.(bytesRead, totalBytes);
  });
  const source = gzip ? raw.pipe(createGunzip()) : raw;
  // pipe() does not forward errors: a read error on the file must still end the consumer's loop.
  if (gzip) raw.on('error', (error) => source.destroy(error));
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of source) {
      // File and gunzip streams without an encoding yield Buffers.
      const text = decoder.write(chunk as Buffer);
      if (text !== '') yield text;
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  } catch (error) {
    throw describeReadFailure(path, error);
  } finally {
    raw.destroy();
  }
}

function headerColumns(head: string): string[] {
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
}

/** The layout a file's first few kilobytes show, or undefined when it is none of them. */
export function detectLayout(head: string): MeshLayout | undefined {
  const start = head.trimStart();
  if (start.startsWith('<')) return /<DescriptorRecordSet[\s>]/.test(start) ? 'descriptor-xml' : undefined;
  const columns = headerColumns(start);
  if (!columns.includes('DescriptorUI')) return undefined;
  if (columns.includes('TermName')) return 'thesaurus-csv';
  if (columns.includes('tree_location')) return 'trees-csv';
  return undefined;
}

/**
 * Opens a MeSH file, plain or gzip-compressed (told apart by the gzip signature, not the name), and
 * tells its layout from its first chunk, which is handed on with the rest.
 */
export async function openMeshFile(path: string, onBytes?: BytesRead): Promise<MeshFile> {
  let totalBytes: number;
  let gzip: boolean;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    totalBytes = info.size;
    gzip = await isGzip(path);
  } catch (error) {
    throw describeReadFailure(path, error);
  }
  const chunks = decodedText(path, gzip, totalBytes, onBytes);
  const first = await chunks.next();
  const head = first.done ? '' : first.value.replace(/^\uFEFF/, '');
  const layout = detectLayout(head);
  if (!layout) {
    await chunks.return(undefined);
    const what = head.trim() === '' ? 'the file is empty' : 'expected NLM descriptor XML (DescriptorRecordSet) or the mesh_thesaurus / mesh_trees CSV layout';
    throw new MeshFileError(path, `${path}: not a MeSH file: ${what}`);
  }
  async function* text(): AsyncGenerator<string> {
    if (head !== '') yield head;
    yield* chunks;
  }
  const close = async () => {
    await chunks.return(undefined);
  };
  return { path, layout, totalBytes, text: text(), close };
}
