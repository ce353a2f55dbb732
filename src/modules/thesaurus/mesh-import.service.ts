import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import { analyseTables, deleteVocabulary, findVocabulary, insertVocabulary, lockYear } from './mesh-import.repository.js';
import { type MeshProblem, MeshFileError } from './mesh-item.js';
import { type MeshCounts, MeshRowWriter } from './mesh-row.writer.js';
import { type MeshSource, openMeshSources, yearFromPaths } from './mesh-sources.js';

/** How far reading has got through one file, in bytes as stored. */
export interface MeshImportProgress {
  readonly file: string;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface MeshImportOptions {
  /** The MeSH year; by default the one the file or folder names carry (`desc2024.xml`, `mesh-2024/`). */
  readonly year?: number;
  readonly onProgress?: (progress: MeshImportProgress) => void;
  /** Who is importing, for the audit log (default: the command line). */
  readonly actor?: AuditActor;
  readonly now?: Date;
}

/** What an import did. */
export interface MeshImportSummary extends MeshCounts {
  readonly year: number;
  readonly files: readonly string[];
  /** The counts of the vocabulary this import replaced, if the year was loaded before. */
  readonly replaced: MeshCounts | null;
  /** Skipped rows and records, each with file, line, field and reason (the first 1,000). */
  readonly problems: readonly MeshProblem[];
  readonly problemCount: number;
}

function checkYear(year: number | undefined, paths: readonly string[]): number {
  const first = paths[0] ?? '';
  if (year === undefined) throw new MeshFileError(first, `cannot tell the MeSH year from ${paths.join(', ')}; give it with --year`);
  if (!Number.isInteger(year) || year < 1960 || year > 2100) throw new MeshFileError(first, `${year} is not a MeSH year (1960 to 2100)`);
  return year;
}

/**
 * Imports one year of MeSH from NLM's descriptor XML (`desc2024.xml[.gz]`) or from the thesaurus and
 * trees CSV files (or their folder), replacing that year's vocabulary in one transaction: readers see
 * the old vocabulary until the new one is complete, and a broken file leaves the old one in place.
 * Malformed rows or records are skipped and listed.
 */
export async function importMesh(db: Kysely<Database>, paths: readonly string[], options: MeshImportOptions = {}): Promise<MeshImportSummary> {
  const year = checkYear(options.year ?? yearFromPaths(paths), paths);
  const sources = await openMeshSources(paths, (file, bytesRead, totalBytes) => options.onProgress?.({ file, bytesRead, totalBytes }));
  return importMeshSources(db, sources, { ...options, year });
}

/**
 * Imports items already opened (`importMesh` does the opening); tests use it to import a filtered
 * stream. Closes every source, whatever happens.
 */
export async function importMeshSources(db: Kysely<Database>, sources: readonly MeshSource[], options: MeshImportOptions & { year: number }): Promise<MeshImportSummary> {
  const { year } = options;
  const now = options.now ?? new Date();
  const files = sources.map((s) => s.file);
  try {
    return await db.transaction().execute(async (trx) => {
      await lockYear(trx, year);
      const previous = await findVocabulary(trx, year);
      await deleteVocabulary(trx, year);
      const writer = new MeshRowWriter(trx, year);
      for (const source of sources) {
        for await (const item of source.items) await writer.add(item);
      }
      await writer.flush();
      // An empty result means the wrong files, not an empty MeSH: keep what was there.
      if (writer.counts.descriptors === 0) throw new MeshFileError(files[0] ?? '', `no descriptors found in ${files.join(', ')}; the ${year} vocabulary was left as it was`);
      const { descriptors, terms, treeNumbers } = writer.counts;
      const source = files.map((f) => basename(f)).join(', ');
      await analyseTables(trx);
      await insertVocabulary(trx, { year, source, descriptor_count: descriptors, term_count: terms, tree_number_count: treeNumbers, imported_at: now.toISOString() });
      const replaced = previous ? { descriptors: previous.descriptor_count, terms: previous.term_count, treeNumbers: previous.tree_number_count } : null;
      const details = { files: source, descriptors, terms, treeNumbers, problems: writer.problemCount, replaced };
      await recordAudit(trx, { actor: options.actor ?? 'cli', action: 'thesaurus.import', targetType: 'mesh_vocabulary', targetId: year, details }, now);
      return { year, files, ...writer.counts, replaced, problems: writer.problems, problemCount: writer.problemCount };
    });
  } finally {
    for (const source of sources) await source.close();
  }
}
