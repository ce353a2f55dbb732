/**
 * The words of free text that count for ranking: lower-cased, accents removed, split on anything
 * that is not a letter or digit, without the commonest English words (Lucene's default English stop
 * set, as the published BM25 baselines use) and without repeats.
 */
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

export function rankingTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !STOP_WORDS.has(word));
  return [...new Set(words)];
}
