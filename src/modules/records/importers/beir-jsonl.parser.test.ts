import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedDataPath } from '../../../../test/helpers/shared-data.js';
import { createGunzip } from 'node:zlib';
import { parseBeirJsonl } from './beir-jsonl.parser.js';
import { parseAll, parseItems } from './parse-all.js';
import type { ParsedItem } from './parsed-item.js';

const SCIFACT = sharedDataPath('beir-scifact', 'corpus.jsonl.gz');

describe('BEIR JSONL: the SciFact corpus (corpus.jsonl.gz, 5,183 documents)', () => {
  it('reads every document under the given source, with _id as its id and text as its abstract', async () => {
    const items: ParsedItem[] = [];
    const input = createReadStream(SCIFACT).pipe(createGunzip());
    for await (const item of parseBeirJsonl(input, { file: 'corpus.jsonl', source: 'beir-scifact' })) items.push(item);
    const records = items.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
    assert.equal(items.length, 5183);
    assert.equal(records.length, 5183);
    assert.equal(new Set(records.map((r) => r.sourceId)).size, 5183);
    const [first] = items;
    assert.equal(first?.position, 'line 1');
    assert.deepEqual(first?.kind === 'record' && [first.record.source, first.record.sourceId, first.record.title], [
      'beir-scifact', '4983', 'Microstructural development of human newborn cerebral white matter assessed in vivo by diffusion tensor magnetic resonance imaging.',
    ]);
    assert.match(first?.kind === 'record' ? (first.record.abstract ?? '') : '', /^Alterations of the architecture of cerebral white matter in the developing human brain/);
    const last = records[records.length - 1];
    assert.deepEqual([last?.sourceId, last?.title], ['198309074', 'Adhesion molecules and chemokines: relation to anthropometric, body composition, biochemical and dietary variables']);
  });
});

describe('BEIR JSONL: edge cases', () => {
  it("stores documents under source beir unless told otherwise, with numeric ids as text and metadata's ids kept", async () => {
    const text = '{"_id": 17, "title": "T", "text": "Body.", "metadata": {"pubmed_id": "31234567", "url": "https://doi.org/10.1000/ABC"}}\n';
    const [record] = await parseAll(parseBeirJsonl, text);
    assert.deepEqual([record?.source, record?.sourceId, record?.pmid, record?.doi, record?.abstract], ['beir', '17', '31234567', '10.1000/abc', 'Body.']);
  });

  it('accepts a document without a title (MS MARCO, ArguAna) and skips blank lines', async () => {
    const items = await parseItems(parseBeirJsonl, '\n{"_id": "d1", "title": "", "text": "Only text."}\n\n');
    assert.deepEqual(items.map((i) => [i.kind, i.position, i.kind === 'record' && i.record.title]), [['record', 'line 2', '']]);
  });

  it('reports a line that is not JSON, lacks _id, is not an object or has nothing to search, with its line number', async () => {
    const text = ['{"_id": "ok", "title": "Fine", "text": "x"}', '{"_id": "cut", "title": "Trunc', '{"title": "No id", "text": "x"}', '[1, 2]', '{"_id": "e", "title": " ", "text": ""}', '{"_id": "", "text": "x"}'].join('\n');
    const items = await parseItems(parseBeirJsonl, text, { file: 'corpus.jsonl' });
    assert.deepEqual(items.map((i) => [i.kind, i.position]), [['record', 'line 1'], ['problem', 'line 2'], ['problem', 'line 3'], ['problem', 'line 4'], ['problem', 'line 5'], ['problem', 'line 6']]);
    const reasons = items.flatMap((i) => (i.kind === 'problem' ? [i.reason] : []));
    assert.match(reasons[0] ?? '', /^not valid JSON: /);
    assert.equal(reasons[1], '_id must be a non-empty string or a number');
    assert.match(reasons[2] ?? '', /object/);
    assert.equal(reasons[3], 'document e has neither title nor text');
    assert.equal(reasons[4], '_id must not be empty');
  });
});
