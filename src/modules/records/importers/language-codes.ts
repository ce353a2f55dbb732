/**
 * Languages as ISO 639-2 codes, the bibliographic ("B") forms PubMed uses ('eng', 'fre', 'ger'). Vendors
 * print names ("English"), ISO 639-1 codes ("en", from Zotero) or codes; names and two-letter codes are
 * mapped, three-letter codes are kept as given.
 */

/** Name (lower case) and ISO 639-1 code → ISO 639-2/B code, for the languages MEDLINE indexes most. */
const CODES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    english: 'eng', en: 'eng',
    french: 'fre', fr: 'fre',
    german: 'ger', de: 'ger',
    spanish: 'spa', es: 'spa',
    italian: 'ita', it: 'ita',
    portuguese: 'por', pt: 'por',
    dutch: 'dut', nl: 'dut',
    russian: 'rus', ru: 'rus',
    chinese: 'chi', zh: 'chi', mandarin: 'chi',
    japanese: 'jpn', ja: 'jpn',
    korean: 'kor', ko: 'kor',
    polish: 'pol', pl: 'pol',
    swedish: 'swe', sv: 'swe',
    danish: 'dan', da: 'dan',
    norwegian: 'nor', no: 'nor', nb: 'nob', nn: 'nno',
    finnish: 'fin', fi: 'fin',
    icelandic: 'ice', is: 'ice',
    czech: 'cze', cs: 'cze',
    slovak: 'slo', sk: 'slo',
    slovenian: 'slv', sl: 'slv',
    hungarian: 'hun', hu: 'hun',
    romanian: 'rum', ro: 'rum',
    bulgarian: 'bul', bg: 'bul',
    croatian: 'hrv', hr: 'hrv',
    serbian: 'srp', sr: 'srp',
    greek: 'gre', el: 'gre',
    turkish: 'tur', tr: 'tur',
    hebrew: 'heb', he: 'heb',
    arabic: 'ara', ar: 'ara',
    persian: 'per', farsi: 'per', fa: 'per',
    hindi: 'hin', hi: 'hin',
    urdu: 'urd', ur: 'urd',
    bengali: 'ben', bn: 'ben',
    thai: 'tha', th: 'tha',
    vietnamese: 'vie', vi: 'vie',
    indonesian: 'ind', id: 'ind',
    malay: 'may', ms: 'may',
    ukrainian: 'ukr', uk: 'ukr',
    lithuanian: 'lit', lt: 'lit',
    latvian: 'lav', lv: 'lav',
    estonian: 'est', et: 'est',
    catalan: 'cat', ca: 'cat',
    welsh: 'wel', cy: 'wel',
    irish: 'gle', ga: 'gle',
    afrikaans: 'afr', af: 'afr',
    latin: 'lat', la: 'lat',
    esperanto: 'epo', eo: 'epo',
    multiple: 'mul', multilingual: 'mul',
    undetermined: 'und', unknown: 'und',
  }),
);

/**
 * The ISO 639-2 code for a language as a source printed it; unknown names are kept as printed so nothing
 * is lost.
 *
 * ### Examples
 * languageCode('English') → 'eng';  languageCode('en') → 'eng';  languageCode('fre') → 'fre'
 */
export function languageCode(value: string): string | null {
  const text = value.trim().replace(/\.$/, '');
  if (text === '') return null;
  const key = text.toLowerCase();
  const mapped = CODES.get(key);
  if (mapped) return mapped;
  // Zotero and browsers write locales ("en-GB", "pt_BR"); the language is the part before the region.
  const locale = /^([a-z]{2})[-_][a-z]{2,4}$/i.exec(text);
  const fromLocale = locale?.[1] ? CODES.get(locale[1].toLowerCase()) : undefined;
  if (fromLocale) return fromLocale;
  return /^[a-z]{3}$/i.test(text) ? key : text;
}

/** Every language in a field that may list several ("English; French", "eng, fre"), without repeats. */
export function languageCodes(values: readonly string[]): string[] {
  const codes = values.flatMap((value) => value.split(/\s*[;,/]\s*|\s+and\s+/i)).map(languageCode);
  return [...new Set(codes.filter((code): code is string => code !== null))];
}
