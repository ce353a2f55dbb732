import type { FastifyInstance } from 'fastify';

export type { AbstractSection, Author, BibRecord, Journal, MeshHeading, MeshQualifier, PublicationDate, StoredRecord } from './bib-record.js';
export { emptyRecord, normaliseDoi, rowToRecord } from './record-mapping.js';
export { type RecordFormat, RECORD_FORMATS, detectRecordFormat, isRecordFormat } from './importers/detect-format.js';
export { ImportFileError, type ParsedItem, type RecordParser } from './importers/parsed-item.js';
export { parsePubmedXml } from './importers/pubmed-xml.parser.js';
export { type RecordImportOptions, type RecordImportProgress, type RecordImportSummary, importRecords } from './record-import.service.js';
export { type InputImportResult, RecordImportRun, type RunOptions, type SkippedRecord } from './record-import.run.js';
export { type ImportRunSummary, type RecordStats, getRecordStats } from './record-stats.service.js';

/** Bibliographic records: import, storage, de-duplication and export. */
export default async function recordsModule(_app: FastifyInstance): Promise<void> {}

export { EXPORT_FORMATS, findExportFormat } from './export/export-formats.js';
export type { ExportFormat, ExportRecord, RecordWriter } from './export/export-format.js';
export { exportRecords, writeChunks, type ExportOptions } from './export/export-records.js';
export { countSelectedRecords, findMissingRecordIds, streamRecords, type RecordSelection } from './export/record-stream.js';
export { formatReference, type CitationMarkup, type CitationStyle } from './export/citation.writer.js';
export { toCslItem, type CslItem } from './export/csl-item.js';
export { cslItemToRecord } from './export/csl-item.schema.js';
export { importFromPubmed, type PubmedImportOptions } from './pubmed/pubmed-import.service.js';
export { assignDuplicateGroups } from './dedup.service.js';
export { type DuplicateGroup, countDuplicateGroups, getDuplicateGroup, listDuplicateGroups, rebuildDuplicateGroups } from './duplicate-groups.service.js';
export { type RecordVersion, listRecordRows, listRecordVersions } from './record-versions.service.js';
export type { RecordRow } from './record.table.js';
