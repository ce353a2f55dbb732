import type { FastifyInstance } from 'fastify';

export type { AbstractSection, Author, BibRecord, Journal, MeshHeading, MeshQualifier, PublicationDate, StoredRecord } from './bib-record.js';
export { emptyRecord, normaliseDoi, rowToRecord } from './record-mapping.js';

/** Bibliographic records: import, storage, de-duplication and export. */
export default async function recordsModule(_app: FastifyInstance): Promise<void> {}
