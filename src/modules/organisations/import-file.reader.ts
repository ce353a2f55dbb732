import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** How far through the file reading has got, in bytes of the file as stored (compressed, for .gz). */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/** The file cannot be read at all (missing, a folder, damaged or truncated gzip): nothing is imported. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/** One line of a text file, numbered from 1 as editors number them. */
export interface FileLine {
  readonly line: number;
  readonly text: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** Splits a stream into lines; a stream error (a truncated gzip) rejects the loop instead of ending it quietly. */
async function* splitLines(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of stream) {
    // A file or gunzip stream without an encoding yields Buffers.
    pending += decoder.write(chunk as Buffer);
    const parts = pending.split(/\r?\n/);
    pending = parts.pop() ?? '';
    yield* parts;
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}

function describeFailure(path: string, error: unknown): ImportFileError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return new ImportFileError(`${path}: no such file`);
  if (code === 'EISDIR') return new ImportFileError(`${path}: is a folder, not a file`);
  if (code.startsWith('Z_')) return new ImportFileError(`${path}: the gzip data is damaged or incomplete (${error instanceof Error ? error.message : code}); nothing was imported`);
  return new ImportFileError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
}

async function openLines(path: string, onProgress?: ReadProgress): Promise<AsyncGenerator<string>> {
  const totalBytes = (await stat(path)).size;
  const gzip = await isGzip(path);
  const raw = createReadStream(path);
  let bytesRead = 0;
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
    onProgress?.(bytesRead, totalBytes);
  });
  const source = gzip ? raw.pipe(createGunzip()) : raw;
  // pipe() does not forward errors: a read error on the file must still end the caller's loop.
  if (gzip) raw.on('error', (error) => source.destroy(error));
  return splitLines(source);
}

/**
 * The non-blank lines of a text file, plain or gzip-compressed (told apart by the gzip signature, not
 * the name), with a leading byte-order mark removed. Any failure to read becomes an `ImportFileError`
 * naming the file.
 */
export async function* readFileLines(path: string, onProgress?: ReadProgress): AsyncGenerator<FileLine> {
  try {
    let line = 0;
    for await (const text of await openLines(path, onProgress)) {
      line += 1;
      const content = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (content.trim() !== '') yield { line, text: content };
    }
  } catch (error) {
    throw describeFailure(path, error);
  }
}
