/** The shared real-strategy datasets, read in place for the tests (test support only). */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sharedDataPath } from '../shared-data.js';

export interface Strategy {
  readonly id: string;
  readonly query: string;
}

function readJsonLines(path: string, id: (row: Record<string, unknown>) => string): Strategy[] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map((row) => ({ id: id(row), query: String(row.query) }));
}

/** The 50 CLEF TAR 2017 reviews' strategies, as their information specialists wrote them. */
export const clefStrategies = () => readJsonLines(sharedDataPath('clef-tar', 'tar2017-topics.jsonl.gz'), (row) => String(row.topic));
/** The 40 PubMed queries of the systematic-review seed collection. */
export const sysrevQueries = () => readJsonLines(sharedDataPath('sysrev-seed-collection', 'collection_data', 'overall_collection.jsonl.gz'), (row) => `sysrev ${String(row.id)}`);
