/**
 * "A term in 20% of records": the token whose document frequency in the default fields (title,
 * abstract, keywords, MeSH words) is nearest 20%, estimated on the first records by id — the same
 * records in every database of one size, so every backend times the same word.
 */
import type { Kysely } from 'kysely';
import { streamRecords } from '../../src/modules/records/index.js';
import { tokenize } from '../../src/modules/search/index.js';
import type { Database } from '../../src/platform/db/database.js';

const SAMPLE = 20_000;

export async function termNearShare(db: Kysely<Database>, share = 0.2): Promise<{ term: string; sampleShare: number }> {
  const documents = new Map<string, number>();
  let seen = 0;
  for await (const record of streamRecords(db, {}, 2_000)) {
    const text = [record.title, record.abstract ?? '', ...record.keywords, ...record.mesh.flatMap((h) => [h.name, ...h.qualifiers.map((q) => q.name)])].join(' ');
    for (const token of new Set(tokenize(text))) documents.set(token, (documents.get(token) ?? 0) + 1);
    seen += 1;
    if (seen >= SAMPLE) break;
  }
  let best = { term: '', sampleShare: 0 };
  for (const [term, n] of documents) {
    const here = n / seen;
    const closer = Math.abs(here - share) < Math.abs(best.sampleShare - share);
    // Ties go to the alphabetically first term, so the choice never depends on Map order.
    if (closer || (Math.abs(here - share) === Math.abs(best.sampleShare - share) && term < best.term)) best = { term, sampleShare: here };
  }
  return best;
}
