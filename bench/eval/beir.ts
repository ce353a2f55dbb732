// Reads a BEIR-layout test collection: corpus.jsonl[.gz], queries.jsonl[.gz], qrels/test.tsv.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import type { Qrels } from '../../src/modules/search/ranking/relevance-metrics.js';

export interface BeirDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface BeirQuery {
  readonly id: string;
  readonly text: string;
}

const documentLine = z.object({ _id: z.union([z.string(), z.number()]).transform(String), title: z.string().default(''), text: z.string().default('') });
const queryLine = z.object({ _id: z.union([z.string(), z.number()]).transform(String), text: z.string() });

/** `name.jsonl.gz` or `name.jsonl`, whichever the folder has. */
function jsonlPath(folder: string, name: string): string {
  for (const candidate of [`${name}.jsonl.gz`, `${name}.jsonl`]) if (existsSync(join(folder, candidate))) return join(folder, candidate);
  throw new Error(`${folder}: no ${name}.jsonl or ${name}.jsonl.gz (is this a BEIR-layout folder?)`);
}

async function* lines(path: string): AsyncGenerator<{ line: string; number: number }> {
  const stream = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  let number = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    number += 1;
    if (line.trim() !== '') yield { line, number };
  }
}

async function readJsonl<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const { line, number } of lines(path)) {
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}, line ${number}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.push(parsed.data);
  }
  return out;
}

export const readCorpus = (folder: string) => readJsonl<BeirDocument>(jsonlPath(folder, 'corpus'), documentLine.transform((d) => ({ id: d._id, title: d.title, text: d.text })));
export const readQueries = (folder: string) => readJsonl<BeirQuery>(jsonlPath(folder, 'queries'), queryLine.transform((q) => ({ id: q._id, text: q.text })));

/** BEIR qrels TSV: a header line, then `query-id<TAB>corpus-id<TAB>score`. */
export async function readQrels(folder: string, split = 'test'): Promise<Qrels> {
  const path = join(folder, 'qrels', `${split}.tsv`);
  if (!existsSync(path)) throw new Error(`${path} not found`);
  const qrels = new Map<string, Map<string, number>>();
  for await (const { line, number } of lines(path)) {
    const [queryId, documentId, score] = line.split('\t');
    if (number === 1 && queryId === 'query-id') continue;
    const grade = Number(score);
    if (!queryId || !documentId || !Number.isFinite(grade)) throw new Error(`${path}, line ${number}: expected query-id, corpus-id and a numeric score`);
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    judged.set(documentId, grade);
    qrels.set(queryId, judged);
  }
  return qrels;
}
