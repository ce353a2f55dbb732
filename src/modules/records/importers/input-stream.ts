/**
 * Byte-level helpers shared by the import pipeline and the parsers: gzip is recognised by its signature
 * (never the file name) and decompressed as a stream, so a baseline file is never held whole.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ImportFileError } from './parsed-item.js';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** Larger than zlib's 16 KiB default: each chunk is a trip through the thread pool and a parser write. */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

function toBuffer(chunk: string | Buffer | Uint8Array): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
}

/** True when the bytes start with the gzip signature (1f 8b). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

async function* remaining(iterator: AsyncIterator<string | Buffer | Uint8Array>, head: Buffer): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield toBuffer(next.value);
}

/** Reads until there are enough bytes to recognise a signature (file streams give 64 KiB at once; tests may give less). */
async function readHead(iterator: AsyncIterator<string | Buffer | Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < GZIP_MAGIC.length) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = toBuffer(next.value);
    parts.push(chunk);
    length += chunk.length;
  }
  return Buffer.concat(parts);
}

function describeZlibError(file: string, error: unknown, bytesOut: number): ImportFileError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ImportFileError(file, `${file}: the gzip data is damaged or truncated (${reason}) after ${bytesOut} bytes of decompressed text`);
}

/**
 * The input's bytes, decompressed when they start with the gzip signature. A damaged or truncated gzip
 * stream ends the iteration with an `ImportFileError` naming the file.
 */
export async function* gunzipIfCompressed(input: AsyncIterable<string | Buffer | Uint8Array>, file: string): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]();
  const head = await readHead(iterator);
  if (!isGzip(head)) {
    yield* remaining(iterator, head);
    return;
  }
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  // pipeline() destroys the gunzip stream with the source's error, so the loop below sees it.
  pipeline(Readable.from(remaining(iterator, head)), gunzip).catch(() => undefined);
  let bytesOut = 0;
  try {
    for await (const chunk of gunzip) {
      const buffer = toBuffer(chunk as Buffer);
      bytesOut += buffer.length;
      yield buffer;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw describeZlibError(file, error, bytesOut);
  } finally {
    gunzip.destroy();
  }
}

/** A byte stream (not object mode) over an async iterable of buffers, as the parsers' contract takes. */
export function byteStream(chunks: AsyncIterable<Buffer>): Readable {
  return Readable.from(chunks, { objectMode: false });
}
