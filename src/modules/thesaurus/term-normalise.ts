/**
 * The form terms are looked up by: accents and case folded, apostrophes dropped, every other run of
 * punctuation or spaces one space. So `Heart-Attack`, `HEART ATTACK` and `heart attack` are one key,
 * and `Alzheimer's Disease` meets `Alzheimers Disease`.
 *
 * ### Examples
 * normaliseTerm('Infarction, Myocardial')  // 'infarction myocardial'
 * normaliseTerm('Sjögren’s Syndrome')       // 'sjogrens syndrome'
 */
export function normaliseTerm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The normalised term from each of its words after the first, for word-start matching.
 *
 * ### Examples
 * laterWordStarts('acute myocardial infarction')  // ['myocardial infarction', 'infarction']
 */
export function laterWordStarts(normalised: string): string[] {
  const starts: string[] = [];
  for (let at = normalised.indexOf(' '); at !== -1; at = normalised.indexOf(' ', at + 1)) {
    starts.push(normalised.slice(at + 1));
  }
  return starts;
}

/**
 * The first string after every string that starts with `prefix`, so `[prefix, prefixEnd(prefix))` is a
 * byte-order range holding exactly the strings that start with it (SQLite BINARY, PostgreSQL "C").
 *
 * ### Examples
 * prefixEnd('myocard')   // 'myocare'
 * prefixEnd('C04.557.')  // 'C04.557/'
 */
export function prefixEnd(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop();
  if (last === undefined) return '\u{10FFFF}';
  return chars.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}
