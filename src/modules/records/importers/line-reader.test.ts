import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { readLines } from './line-reader.js';
import { ImportFileError } from './parsed-item.js';

async function linesOf(chunks: (string | Buffer)[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const batch of readLines(Readable.from(chunks), 'test.txt')) for (const line of batch) out.push([line.number, line.text]);
  return out;
}

describe('reading lines from a stream', () => {
  it('splits LF, CRLF and lone CR endings, even when a CRLF or a character is split between chunks', async () => {
    const euro = Buffer.from('€', 'utf8');
    const chunks = [Buffer.from('\uFEFFone\r'), Buffer.from('\ntwo\rthree '), euro.subarray(0, 1), Buffer.concat([euro.subarray(1), Buffer.from('\n\nlast')])];
    assert.deepEqual(await linesOf(chunks), [[1, 'one'], [2, 'two'], [3, 'three €'], [4, ''], [5, 'last']]);
  });

  it('gives no line for an empty input or a final line ending', async () => {
    assert.deepEqual(await linesOf([]), []);
    assert.deepEqual(await linesOf(['a\n']), [[1, 'a']]);
    assert.deepEqual(await linesOf(['a\r']), [[1, 'a']]);
  });

  it('turns a stream error into an ImportFileError naming the file and the last whole line', async () => {
    async function* broken() {
      yield Buffer.from('first\nsecond\nthi');
      throw new Error('disk went away');
    }
    await assert.rejects(async () => {
      for await (const batch of readLines(Readable.from(broken()), 'broken.ris')) assert.ok(batch.length > 0);
    }, new ImportFileError('broken.ris', 'broken.ris: reading stopped after line 2: disk went away'));
  });
});
