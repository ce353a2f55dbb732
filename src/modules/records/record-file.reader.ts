import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DETECTION_BYTES } from './importers/detect-format.js';
import { byteStream, gunzipIfCompressed } from './importers/input-stream.js';
import { ImportFileError } from './importers/parsed-item.js';

/** Read in 256 KiB pieces rather than 64 KiB: fewer hops through the event loop, and still a smooth progress bar. */
const READ_CHUNK_BYTES = 256 * 1024;

/** A records file opened for import: its decompressed text as a stream, with its start read ahead for format detection. */
export interface RecordFile {
  /** The first few KiB of decompressed text (for detection; the stream still starts at byte 0). */
  readonly head: string;
  /** The decompressed bytes, from the start. */
  readonly stream: NodeJS.ReadableStream;
  /** The file's size on disk (compressed, for .gz). */
  readonly totalBytes: number;
  /** How many bytes of the file (as stored) have been read so far, for the progress bar. */
  bytesRead(): number;
  /** Releases the file if the import stops before the end. */
  close(): void;
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ImportFileError(path, `${path}: is a folder, not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    throw new ImportFileError(path, code === 'ENOENT' ? `${path}: no such file` : `${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Opens a records file, plain or gzip (told apart by the gzip signature), and reads ahead its first
 * few KiB of text. A missing file, a folder or a damaged gzip start throws `ImportFileError`.
 */
export async function openRecordFile(path: string): Promise<RecordFile> {
  const totalBytes = await fileSize(path);
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  let bytesRead = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of raw) {
      // A file stream without an encoding yields Buffers.
      const buffer = chunk as Buffer;
      bytesRead += buffer.length;
      yield buffer;
    }
  }
  const text = gunzipIfCompressed(counted(), path)[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let length = 0;
  try {
    while (length < DETECTION_BYTES) {
      const next = await text.next();
      if (next.done) break;
      parts.push(next.value);
      length += next.value.length;
    }
  } catch (error) {
    raw.destroy();
    throw error;
  }
  const head = Buffer.concat(parts);
  return {
    head: new TextDecoder('utf-8').decode(head.subarray(0, DETECTION_BYTES)),
    stream: byteStream(prepend(head, text)),
    totalBytes,
    bytesRead: () => bytesRead,
    close: () => raw.destroy(),
  };
}
