/**
 * Structured abstracts in the text formats. MEDLINE text and RIS print an abstract as one paragraph
 * ("BACKGROUND: … METHODS: …"); the labels are found again so the sections keep their labels and NLM
 * categories, as the PubMed XML importer keeps them from `AbstractText Label=… NlmCategory=…`.
 */
import type { AbstractSection } from '../bib-record.js';

type Category = 'BACKGROUND' | 'OBJECTIVE' | 'METHODS' | 'RESULTS' | 'CONCLUSIONS' | 'UNASSIGNED';

/**
 * Labels NLM's structured-abstract list maps to each category, as journals print them most often
 * (https://www.nlm.nih.gov/bsd/policy/structured_abstracts.html).
 * Only these split an abstract, so a capitalised word that merely ends a sentence ("… in the USA: …") never does.
 */
const LABELS: Readonly<Record<Category, readonly string[]>> = {
  BACKGROUND: ['BACKGROUND', 'INTRODUCTION', 'CONTEXT', 'RATIONALE', 'IMPORTANCE', 'BACKGROUND AND AIMS', 'BACKGROUND AND AIM', 'BACKGROUND AND OBJECTIVES', 'BACKGROUND AND OBJECTIVE', 'BACKGROUND AND PURPOSE', 'BACKGROUND/AIMS', 'BACKGROUND/OBJECTIVES'],
  OBJECTIVE: ['OBJECTIVE', 'OBJECTIVES', 'AIM', 'AIMS', 'PURPOSE', 'GOAL', 'GOALS', 'AIMS AND OBJECTIVES', 'STUDY OBJECTIVE', 'STUDY OBJECTIVES', 'HYPOTHESIS', 'RESEARCH QUESTION', 'PURPOSE OF REVIEW', 'PURPOSE OF THE STUDY'],
  METHODS: [
    'METHODS', 'METHOD', 'MATERIALS AND METHODS', 'MATERIAL AND METHODS', 'METHODS AND MATERIALS', 'PATIENTS AND METHODS', 'SUBJECTS AND METHODS', 'METHODOLOGY',
    'DESIGN', 'STUDY DESIGN', 'RESEARCH DESIGN AND METHODS', 'DESIGN AND METHODS', 'DESIGN, SETTING, AND PARTICIPANTS', 'DESIGN, SETTING AND PARTICIPANTS', 'SETTING', 'SETTINGS',
    'PARTICIPANTS', 'PATIENTS', 'SUBJECTS', 'POPULATION', 'INTERVENTION', 'INTERVENTIONS', 'MEASUREMENTS', 'MAIN OUTCOME MEASURES', 'MAIN OUTCOMES AND MEASURES', 'OUTCOME MEASURES',
    'DATA SOURCES', 'STUDY SELECTION', 'DATA EXTRACTION', 'EVIDENCE ACQUISITION', 'SEARCH METHODS', 'SEARCH STRATEGY', 'SELECTION CRITERIA', 'ELIGIBILITY CRITERIA',
    'DATA COLLECTION AND ANALYSIS', 'EXPERIMENTAL DESIGN', 'APPROACH', 'CASE PRESENTATION', 'CASE REPORT', 'CASE DESCRIPTION',
    'PATIENT(S)', 'INTERVENTION(S)', 'MAIN OUTCOME MEASURE(S)', 'METHODS AND RESULTS',
  ],
  RESULTS: ['RESULTS', 'RESULT', 'FINDINGS', 'MAIN RESULTS', 'KEY RESULTS', 'OBSERVATIONS', 'DATA SYNTHESIS', 'EVIDENCE SYNTHESIS'],
  CONCLUSIONS: [
    'CONCLUSIONS', 'CONCLUSION', 'INTERPRETATION', 'CONCLUSIONS AND RELEVANCE', "AUTHORS' CONCLUSIONS", 'DISCUSSION', 'IMPLICATIONS', 'CONCLUSIONS AND IMPLICATIONS',
    'CLINICAL RELEVANCE', 'SIGNIFICANCE', 'IMPLICATIONS FOR PRACTICE', 'LIMITATIONS',
  ],
  UNASSIGNED: ['AVAILABILITY', 'AVAILABILITY AND IMPLEMENTATION', 'CONTACT', 'SUPPLEMENTARY INFORMATION', 'TRIAL REGISTRATION', 'CLINICAL TRIAL REGISTRATION', 'REGISTRATION', 'FUNDING', 'LEVEL OF EVIDENCE', 'SUMMARY', 'FINANCIAL DISCLOSURE'],
};

const CATEGORY_OF: ReadonlyMap<string, Category> = new Map(
  (Object.entries(LABELS) as [Category, readonly string[]][]).flatMap(([category, labels]) => labels.map((label) => [label, category] as const)),
);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// Longest first, so "MATERIALS AND METHODS" wins over "METHODS". "(s)" covers Embase's "Result(s):".
const alternatives = [...CATEGORY_OF.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
/** A label at the start, or after the end of a sentence (Ovid joins sections with "., "). */
const LABEL = new RegExp(`(?:^|(?<=[.?!)\\]]["”']?,?\\s+))(${alternatives})(\\(s\\))?:\\s+`, 'gi');

const STARTS_WITH_LABEL = /^[A-Z][A-Za-z'()/&, -]{1,60}:\s/;

/** True for "METHODS" and "Methods", false for "methods": a label starts with a capital. */
const looksLikeLabel = (printed: string) => /^[A-Z]/.test(printed);

function categoryOf(label: string): Category {
  const key = label.toUpperCase().replace(/\(S\)$/, 'S').replace(/\s+/g, ' ');
  return CATEGORY_OF.get(key) ?? CATEGORY_OF.get(key.replace(/S$/, '')) ?? 'UNASSIGNED';
}

/**
 * The sections of an abstract printed as one text, when it starts with a known label; otherwise none
 * (an unstructured abstract has no sections, as in PubMed XML).
 *
 * ### Examples
 * abstractSections('BACKGROUND: Why. METHODS: How.')
 *   → [{ label: 'BACKGROUND', nlmCategory: 'BACKGROUND', text: 'Why.' }, { label: 'METHODS', nlmCategory: 'METHODS', text: 'How.' }]
 * abstractSections('We studied patients in the USA: all of them.') → []
 */
export function abstractSections(abstract: string | null): AbstractSection[] {
  const text = (abstract ?? '').trim();
  // Most abstracts are unstructured: a cheap look at the start spares them the search for labels.
  if (!STARTS_WITH_LABEL.test(text)) return [];
  const matches = [...text.matchAll(LABEL)].filter((match) => looksLikeLabel(match[1] ?? ''));
  if (matches[0]?.index !== 0) return [];
  return matches.map((match, i) => {
    const label = `${match[1] ?? ''}${match[2] ?? ''}`;
    const start = (match.index ?? 0) + match[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    // Ovid ends a section with ".," before the next label; the comma belongs to neither.
    const body = text.slice(start, end).trim().replace(/(?<=[.?!])\s*,$/, '');
    return { label, nlmCategory: categoryOf(label), text: body };
  });
}
