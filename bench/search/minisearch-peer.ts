/**
 * MiniSearch as an in-memory peer: title and abstract of every record indexed with khub's own
 * tokenizer, and the simple strategy lines run against it. It is not Boolean-exact (a phrase is an
 * AND of its words) and searches no keywords or MeSH words, so its hit counts differ from khub's;
 * it shows what an in-memory inverted index costs and answers in, beside the database engines.
 */
import type { Kysely } from 'kysely';
import MiniSearch, { type Query } from 'minisearch';
import { streamRecords } from '../../src/modules/records/index.js';
import { tokenize } from '../../src/modules/search/index.js';
import type { Database } from '../../src/platform/db/database.js';
import { PAGE_SIZE } from './query-mix.js';
import type { SimpleLine } from './simple-lines.js';

interface Doc {
  id: number;
  title: string;
  abstract: string;
}

export interface Peer {
  readonly search: (line: SimpleLine) => { hits: number; top: number[] } | null;
  readonly indexSeconds: number;
  /** Heap growth while indexing: the index's size in memory, roughly. */
  readonly heapMb: number;
}

const PEER_FIELDS = ['title', 'abstract'];

export async function buildPeer(db: Kysely<Database>, onProgress: (done: number) => void): Promise<Peer> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  // Tokens come out of khub's tokenizer already folded; MiniSearch must not change them again.
  const index = new MiniSearch<Doc>({ fields: PEER_FIELDS, tokenize: (text) => tokenize(text), processTerm: (term) => term, searchOptions: { processTerm: (term) => term } });
  let batch: Doc[] = [];
  let done = 0;
  for await (const record of streamRecords(db, {}, 2_000)) {
    batch.push({ id: record.id, title: record.title, abstract: record.abstract ?? '' });
    if (batch.length === 2_000) {
      index.addAll(batch);
      done += batch.length;
      batch = [];
      onProgress(done);
    }
  }
  index.addAll(batch);
  onProgress(done + batch.length);
  const indexSeconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;

  const search = (line: SimpleLine) => {
    const queries: Query[] = [];
    for (const leaf of line.leaves) {
      const fields = leaf.fields.filter((f) => PEER_FIELDS.includes(f));
      if (fields.length === 0) continue;
      const last = leaf.tokens.length - 1;
      queries.push({ combineWith: 'AND', fields, queries: leaf.tokens.map((token, i) => ({ queries: [token], fields, prefix: leaf.truncated && i === last })) });
    }
    if (queries.length === 0) return null;
    const results = index.search({ combineWith: 'OR', queries });
    return { hits: results.length, top: results.slice(0, PAGE_SIZE).map((r) => Number(r.id)) };
  };
  return { search, indexSeconds, heapMb };
}
