/**
 * BibTeX citation keys: first author's family name, year and first significant title word
 * ("OByrne2018Inhaled"), ASCII only, made unique within one export with a, b, … suffixes.
 */
import type { BibRecord } from '../bib-record.js';

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'for', 'and', 'to', 'at', 'by', 'with', 'from', 'is', 'are', 'as']);

/** Letters and digits only, accents dropped: "Cordomí" → "Cordomi", "O'Byrne" → "OByrne". */
export function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '');
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function firstAuthorPart(record: BibRecord): string {
  const first = record.authors[0];
  const name = first?.family ?? first?.collective?.split(/\s+/)[0] ?? first?.given ?? '';
  return capitalised(asciiWord(name)) || 'Anon';
}

function titlePart(title: string): string {
  for (const raw of title.split(/\s+/)) {
    const word = asciiWord(raw);
    if (word !== '' && !STOP_WORDS.has(word.toLowerCase())) return capitalised(word);
  }
  return '';
}

/** The key before de-duplication, e.g. "Ramon2014Differential"; "Anon" and "nd" stand in for no author, no year. */
export function baseCitationKey(record: BibRecord): string {
  const year = record.publicationDate.year === null ? 'nd' : String(record.publicationDate.year);
  return `${firstAuthorPart(record)}${year}${titlePart(record.title)}`;
}

/** a, b, …, z, aa, ab, …: the nth repeat's suffix (n from 1). */
function suffix(n: number): string {
  let text = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) text = String.fromCharCode(97 + ((rest - 1) % 26)) + text;
  return text;
}

/**
 * Hands out keys for one export in record order: the first record with a base key gets it plain, later ones
 * get a, b, … — so the same records in the same order always get the same keys.
 */
export function citationKeys(): (record: BibRecord) => string {
  const used = new Set<string>();
  const repeats = new Map<string, number>();
  return (record) => {
    const base = baseCitationKey(record);
    let key = base;
    for (let n = repeats.get(base) ?? 0; used.has(key); ) {
      n += 1;
      key = `${base}${suffix(n)}`;
      repeats.set(base, n);
    }
    used.add(key);
    return key;
  };
}
