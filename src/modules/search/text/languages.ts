/**
 * Language codes as PubMed gives them (ISO 639-2/B) and their English names, so `english[la]`,
 * `eng[la]` and Ovid's `limit 5 to english language` all find a record whose language is `eng`.
 */
const NAMES: Readonly<Record<string, string>> = {
  afr: 'afrikaans', alb: 'albanian', ara: 'arabic', arm: 'armenian', bul: 'bulgarian', cat: 'catalan', chi: 'chinese',
  cze: 'czech', dan: 'danish', dut: 'dutch', eng: 'english', est: 'estonian', fin: 'finnish', fre: 'french', geo: 'georgian',
  ger: 'german', gre: 'greek', heb: 'hebrew', hin: 'hindi', hrv: 'croatian', hun: 'hungarian', ice: 'icelandic',
  ind: 'indonesian', ita: 'italian', jpn: 'japanese', kor: 'korean', lat: 'latin', lav: 'latvian', lit: 'lithuanian',
  mac: 'macedonian', may: 'malay', mul: 'multiple languages', nor: 'norwegian', per: 'persian', pol: 'polish',
  por: 'portuguese', rum: 'romanian', rus: 'russian', scr: 'croatian', slo: 'slovak', slv: 'slovenian', spa: 'spanish',
  srp: 'serbian', swe: 'swedish', tha: 'thai', tur: 'turkish', ukr: 'ukrainian', und: 'undetermined', urd: 'urdu',
  vie: 'vietnamese', wel: 'welsh',
};

/** The English name of a language code (`eng` → `english`), or undefined for a code not listed. */
export function languageName(code: string): string | undefined {
  return NAMES[code.trim().toLowerCase()];
}
