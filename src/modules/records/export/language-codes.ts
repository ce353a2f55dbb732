/**
 * PubMed's ISO 639-2 language codes ("eng") and the ISO 639-1 / BCP 47 tags CSL and citation processors
 * use ("en"). Citation styles title-case only English items, so the mapping matters for APA.
 * Codes not listed pass through unchanged in both directions.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['afr', 'af'], ['alb', 'sq'], ['ara', 'ar'], ['arm', 'hy'], ['baq', 'eu'], ['ben', 'bn'], ['bos', 'bs'],
  ['bul', 'bg'], ['cat', 'ca'], ['chi', 'zh'], ['cze', 'cs'], ['dan', 'da'], ['dut', 'nl'], ['eng', 'en'],
  ['epo', 'eo'], ['est', 'et'], ['fin', 'fi'], ['fre', 'fr'], ['geo', 'ka'], ['ger', 'de'], ['gle', 'ga'],
  ['glg', 'gl'], ['gre', 'el'], ['heb', 'he'], ['hin', 'hi'], ['hrv', 'hr'], ['hun', 'hu'], ['ice', 'is'],
  ['ind', 'id'], ['ita', 'it'], ['jpn', 'ja'], ['kor', 'ko'], ['lat', 'la'], ['lav', 'lv'], ['lit', 'lt'],
  ['mac', 'mk'], ['may', 'ms'], ['mon', 'mn'], ['nor', 'no'], ['per', 'fa'], ['pol', 'pl'], ['por', 'pt'],
  ['rum', 'ro'], ['rus', 'ru'], ['slo', 'sk'], ['slv', 'sl'], ['spa', 'es'], ['srp', 'sr'], ['swe', 'sv'],
  ['tha', 'th'], ['tur', 'tr'], ['ukr', 'uk'], ['urd', 'ur'], ['vie', 'vi'], ['wel', 'cy'],
];

const TO_TAG = new Map(PAIRS);
const TO_CODE = new Map(PAIRS.map(([code, tag]) => [tag, code]));

/** "eng" → "en"; an unlisted code is returned as it is. */
export function languageTag(code: string): string {
  return TO_TAG.get(code.toLowerCase()) ?? code;
}

/** "en" or "en-GB" → "eng"; an unlisted tag is returned as it is. */
export function languageCode(tag: string): string {
  return TO_CODE.get(tag.toLowerCase().split('-')[0] ?? '') ?? tag;
}
