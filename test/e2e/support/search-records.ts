/**
 * Records for the evidence search pages' tests (route tests and browser journeys): thirty records
 * whose facts cycle unevenly (years, journals, publication types, languages, MeSH), one with a title
 * that tries to inject a script, one fully described record for the record page, and a second copy
 * of it from another source (same DOI) for "other versions". Expected answers are worked out from
 * these records by the tests, never written down.
 */
import type { BibRecord } from '../../../src/modules/records/index.js';
import { emptyRecord } from '../../../src/modules/records/index.js';

export const INJECTION_TITLE = '<script>alert("khub")</script> Diabetes & insulin <b>pumps</b>';

const JOURNALS = [
  { title: 'The Lancet', isoAbbreviation: 'Lancet', issn: '0140-6736' },
  { title: 'Diabetes care', isoAbbreviation: 'Diabetes Care', issn: '0149-5992' },
  { title: 'BMJ (Clinical research ed.)', isoAbbreviation: 'BMJ', issn: '0959-8138' },
];
const TYPES = [['Journal Article', 'Randomized Controlled Trial'], ['Journal Article', 'Review'], ['Journal Article'], ['Letter']];
const DIABETES = { ui: 'D003920', name: 'Diabetes Mellitus', qualifiers: [] };
const INFARCTION = { ui: 'D009203', name: 'Myocardial Infarction', qualifiers: [] };

function author(n: number) {
  return { family: `Author${n}`, given: 'Jane Ann', initials: null, collective: null, affiliations: [`University ${n}, Leeds, UK`] };
}

/** The fully described record the record page is tested with. */
export const FULL_RECORD: BibRecord = {
  ...emptyRecord('pubmed', '31000001'),
  pmid: '31000001',
  doi: '10.1000/khub.2020.001',
  pmcid: 'PMC7000001',
  title: 'Structured education for adults with type 2 diabetes: a randomised trial',
  abstract: 'BACKGROUND: Education helps diabetes self-care. METHODS: We randomised 400 adults. RESULTS: HbA1c fell by 5 mmol/mol. CONCLUSIONS: Education works.',
  abstractSections: [
    { label: 'BACKGROUND', nlmCategory: 'BACKGROUND', text: 'Education helps diabetes self-care.' },
    { label: 'METHODS', nlmCategory: 'METHODS', text: 'We randomised 400 adults.' },
    { label: 'RESULTS', nlmCategory: 'RESULTS', text: 'HbA1c fell by 5 mmol/mol.' },
    { label: 'CONCLUSIONS', nlmCategory: 'CONCLUSIONS', text: 'Education works.' },
  ],
  authors: [
    { family: 'Okafor', given: 'Chidi', initials: 'C', collective: null, affiliations: ['Leeds Teaching Hospitals NHS Trust, Leeds, UK'] },
    { family: 'Patel', given: 'Anita R', initials: 'AR', collective: null, affiliations: [] },
    { family: null, given: null, initials: null, collective: 'KHUB Study Group', affiliations: [] },
  ],
  journal: { title: 'Diabetes care', isoAbbreviation: 'Diabetes Care', issn: '0149-5992' },
  volume: '43',
  issue: '7',
  pages: '1500-8',
  publicationDate: { year: 2020, month: 7, day: 1, text: null },
  languages: ['eng'],
  publicationTypes: ['Journal Article', 'Randomized Controlled Trial'],
  mesh: [
    { ...DIABETES, ui: 'D003924', name: 'Diabetes Mellitus, Type 2', major: true, qualifiers: [{ ui: 'Q000628', name: 'therapy', major: false }] },
    { ui: 'D006801', name: 'Humans', major: false, qualifiers: [] },
  ],
  keywords: ['self-management', 'education'],
};

/** The same article as another database exported it (same DOI), so the two form a duplicate group. */
export const FULL_RECORD_COPY: BibRecord = {
  ...emptyRecord('embase', 'L2005000001'),
  doi: FULL_RECORD.doi,
  title: 'Structured education for adults with type 2 diabetes: A randomised trial',
  journal: { title: 'Diabetes Care', isoAbbreviation: null, issn: null },
  publicationDate: { year: 2020, month: null, day: null, text: null },
};

export function searchRecords(): BibRecord[] {
  const cycled = Array.from({ length: 30 }, (_, i): BibRecord => {
    const aboutDiabetes = i % 5 !== 4;
    return {
      ...emptyRecord('test', `s${i}`),
      title: i === 3 ? INJECTION_TITLE : i % 4 === 0 ? `Insulin pumps in adults, study ${i}` : `Diabetes care in general practice, study ${i}`,
      abstract: aboutDiabetes ? `Diabetes and insulin outcomes were measured in ${i + 10} practices. ${'Other findings. '.repeat(i % 3)}` : 'Blood pressure in older adults.',
      authors: Array.from({ length: i % 6 }, (_, n) => author(n + 1)),
      journal: JOURNALS[i % JOURNALS.length] as BibRecord['journal'],
      publicationTypes: TYPES[i % TYPES.length] as string[],
      publicationDate: { year: i % 11 === 10 ? null : 1994 + i, month: i % 2 === 0 ? 5 : null, day: null, text: null },
      languages: i % 7 === 6 ? ['fre'] : ['eng'],
      mesh: [{ ...DIABETES, major: i % 3 === 0 }, ...(i % 4 === 1 ? [{ ...INFARCTION, major: true }] : [])],
    };
  });
  return [...cycled, FULL_RECORD, FULL_RECORD_COPY];
}
