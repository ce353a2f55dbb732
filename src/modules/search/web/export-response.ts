/** Sends an export as a download, streamed: chunks go out as the writer makes them (chunked encoding). */
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { ExportFormat, StoredRecord } from '../../records/index.js';

/** `khub-search-2026-11-22.ris`: what, when, and the format's extension. */
export function exportFilename(what: string, format: ExportFormat, now: Date): string {
  return `khub-${what}-${now.toISOString().slice(0, 10)}.${format.extension}`;
}

export function sendExport(reply: FastifyReply, format: ExportFormat, records: AsyncIterable<StoredRecord>, filename: string): FastifyReply {
  return reply
    .type(format.contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(format.write(records)));
}
