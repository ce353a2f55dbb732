import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sharedDataPath } from '../../test/helpers/shared-data.js';
import { createGunzip } from 'node:zlib';
import { seededRandom } from './random.js';

/** The real MeSH 2024 vocabulary, read from the shared data folder (never copied into the repository). */
export const MESH_THESAURUS = sharedDataPath('mesh-2024', 'mesh_thesaurus.csv.gz');

export interface Vocabulary {
  /** Descriptors in a shuffled but fixed order, so Zipf ranks are not alphabetical. */
  readonly descriptors: readonly { ui: string; name: string }[];
  /** Words taken from MeSH terms, shuffled the same way: realistic biomedical text. */
  readonly words: readonly string[];
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Descriptors and a word list from the MeSH thesaurus CSV (preferred terms and entry terms). */
export async function loadVocabulary(path = MESH_THESAURUS, seed = 2024): Promise<Vocabulary> {
  const descriptors = new Map<string, string>();
  const words = new Set<string>();
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()) });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const [ui, name, , , term] = line.split('","').map((cell) => cell.replace(/^"|"$/g, ''));
    if (!ui || !name || !term) continue;
    descriptors.set(ui, name);
    for (const word of term.toLowerCase().split(/[^a-z]+/)) if (word.length >= 3 && word.length <= 14) words.add(word);
  }
  const random = seededRandom(seed);
  return {
    descriptors: shuffle([...descriptors].map(([ui, name]) => ({ ui, name })), random),
    words: shuffle([...words], random),
  };
}
