/**
 * MeSH qualifiers (subheadings) by their two-letter abbreviation, as Ovid writes them (`exp Asthma/dt`,
 * `dt.fs.`); PubMed writes the names (`asthma/drug therapy[mh]`). Both are matched by name.
 */
import { tokenKey } from './tokenize.js';

const NAMES: Readonly<Record<string, string>> = {
  ab: 'abnormalities', ad: 'administration & dosage', ae: 'adverse effects', ag: 'agonists', ah: 'anatomy & histology',
  ai: 'antagonists & inhibitors', an: 'analysis', bi: 'biosynthesis', bl: 'blood', bs: 'blood supply',
  cf: 'cerebrospinal fluid', ch: 'chemistry', ci: 'chemically induced', cl: 'classification', cn: 'congenital',
  co: 'complications', cs: 'chemical synthesis', ct: 'contraindications', cy: 'cytology', de: 'drug effects',
  df: 'deficiency', dg: 'diagnostic imaging', dh: 'diet therapy', di: 'diagnosis', dt: 'drug therapy',
  du: 'diagnostic use', ec: 'economics', ed: 'education', eh: 'ethnology', em: 'embryology', en: 'enzymology',
  ep: 'epidemiology', es: 'ethics', et: 'etiology', gd: 'growth & development', ge: 'genetics', hi: 'history',
  im: 'immunology', in: 'injuries', ip: 'isolation & purification', ir: 'innervation', is: 'instrumentation',
  lj: 'legislation & jurisprudence', ma: 'manpower', me: 'metabolism', mi: 'microbiology', mo: 'mortality',
  mt: 'methods', nu: 'nursing', og: 'organization & administration', pa: 'pathology', pc: 'prevention & control',
  pd: 'pharmacology', ph: 'physiology', pk: 'pharmacokinetics', po: 'poisoning', pp: 'physiopathology',
  ps: 'parasitology', px: 'psychology', py: 'pathogenicity', ra: 'radiography', re: 'radiation effects',
  rh: 'rehabilitation', ri: 'radionuclide imaging', rt: 'radiotherapy', sc: 'secondary', sd: 'supply & distribution',
  se: 'secretion', sn: 'statistics & numerical data', st: 'standards', su: 'surgery', th: 'therapy',
  tm: 'transmission', to: 'toxicity', tr: 'transplantation', tu: 'therapeutic use', ul: 'ultrastructure',
  ur: 'urine', us: 'ultrasonography', ve: 'veterinary', vi: 'virology',
};

/**
 * The comparable form of a qualifier as a searcher wrote it: an abbreviation becomes its name; then
 * tokens joined by spaces.
 *
 * ### Examples
 * qualifierKey('dt')                     // 'drug therapy'
 * qualifierKey('Administration & Dosage') // 'administration dosage'
 */
export function qualifierKey(written: string): string {
  return tokenKey(NAMES[written.trim().toLowerCase()] ?? written);
}
