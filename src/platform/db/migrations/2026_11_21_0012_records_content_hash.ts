import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// Frozen copies of the content columns and hash as this migration shipped them: later changes to
// record-mapping.ts must not change what this migration did.
const CONTENT_COLUMNS = [
  'source', 'source_id', 'pmid', 'doi', 'pmcid', 'title', 'abstract', 'abstract_sections', 'authors', 'journal_title', 'journal_iso', 'issn',
  'volume', 'issue', 'pages', 'pub_year', 'pub_month', 'pub_day', 'pub_date_text', 'languages', 'publication_types', 'mesh', 'keywords',
] as const;
const CHUNK = 1000;

function contentHash(values: readonly unknown[]): string {
  return createHash('sha256')
    .update(values.map((value) => (value === null || value === undefined ? '\u0000' : String(value))).join('\u0001'))
    .digest('hex');
}

/**
 * Records' content hash is now taken over the stored column values joined, instead of over the
 * columns re-serialised as one JSON object (which escaped every JSON column a second time and was a
 * sixth of an import's CPU). Stored hashes are recomputed so a re-import still sees unchanged records
 * as unchanged and leaves their `updated_at`, which alerts rely on, alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db as Kysely<{ record: Record<string, unknown> & { id: number; content_hash: string } }>;
  let after = 0;
  for (;;) {
    const rows = await table
      .selectFrom('record')
      .select(['id', ...CONTENT_COLUMNS])
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      await table
        .updateTable('record')
        .set({ content_hash: contentHash(CONTENT_COLUMNS.map((name) => row[name])) })
        .where('id', '=', row.id)
        .execute();
    }
    after = Number(rows.at(-1)?.id);
  }
}

/** The old hash cannot be rebuilt without the old code; a re-import after going down reports every record as updated once. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`select 1`.execute(db);
}
