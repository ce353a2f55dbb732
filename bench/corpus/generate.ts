import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { generatePubmedXml } from './pubmed-xml-generator.js';
import { loadVocabulary } from './vocabulary.js';

/** `npm run bench:corpus -- --records 100000 --out /tmp/corpus-100k.xml.gz` writes a synthetic PubMed corpus. */
export async function writeCorpus(records: number, out: string, seed = 42): Promise<void> {
  const vocabulary = await loadVocabulary();
  const xml = Readable.from(generatePubmedXml(vocabulary, { records, seed }));
  await pipeline(xml, createGzip({ level: 1 }), createWriteStream(out));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' }, out: { type: 'string' }, seed: { type: 'string', default: '42' } } });
  if (!values.out) throw new Error('--out FILE is required');
  await writeCorpus(Number(values.records), values.out, Number(values.seed));
  process.stderr.write(`wrote ${values.records} records to ${values.out}\n`);
}
