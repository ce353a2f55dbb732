import { between, seededRandom, zipfSampler } from './random.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * A deterministic synthetic PubMed XML corpus with MEDLINE-like shape: titles of 8–20 words, abstracts
 * of 120–320 words (40% structured), 1–12 authors with affiliations, 8–15 MeSH headings drawn with a
 * Zipf skew from the real vocabulary (1–3 major, some with qualifiers), publication types and
 * languages skewed like MEDLINE's, years weighted towards recent ones.
 */
export interface CorpusOptions {
  readonly records: number;
  readonly seed?: number;
  readonly firstPmid?: number;
}

const QUALIFIERS = ['drug therapy', 'therapy', 'diagnosis', 'epidemiology', 'etiology', 'prevention & control', 'genetics', 'metabolism', 'surgery', 'complications'];
const PUBLICATION_TYPES = ['Journal Article', 'Randomized Controlled Trial', 'Review', 'Systematic Review', 'Meta-Analysis', 'Case Reports', 'Comparative Study', 'Clinical Trial', 'Observational Study', 'Letter'];
const LANGUAGES = ['eng', 'eng', 'eng', 'eng', 'eng', 'eng', 'eng', 'eng', 'ger', 'fre', 'spa', 'chi', 'jpn'];
const SECTIONS = ['BACKGROUND', 'METHODS', 'RESULTS', 'CONCLUSIONS'];
const FAMILY = ['Smith', 'Jones', 'Patel', 'Wang', 'Garcia', 'Müller', 'Kim', 'Nguyen', 'Brown', 'Silva', 'Rossi', 'Cohen', 'Okafor', 'Andersson', 'O’Brien'];
const GIVEN = ['Anna', 'James', 'Priya', 'Wei', 'Maria', 'Lukas', 'Min-jun', 'Thi', 'Oliver', 'Ana', 'Giulia', 'David', 'Chinwe', 'Erik', 'Siobhán'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Yields the corpus as XML text chunks (one article each), so any size streams with flat memory. */
export function* generatePubmedXml(vocabulary: Vocabulary, options: CorpusOptions): Generator<string> {
  const random = seededRandom(options.seed ?? 42);
  const word = zipfSampler(vocabulary.words.length, random, 1.05);
  const heading = zipfSampler(vocabulary.descriptors.length, random, 0.9);
  const journal = zipfSampler(2000, random, 0.8);
  const type = zipfSampler(PUBLICATION_TYPES.length, random, 1.5);
  const sentence = (min: number, max: number) => Array.from({ length: between(random, min, max) }, () => vocabulary.words[word()]).join(' ');

  yield '<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n';
  for (let i = 0; i < options.records; i += 1) {
    const pmid = (options.firstPmid ?? 10_000_000) + i;
    const year = 2025 - Math.floor(35 * random() ** 2);
    const abstract = random() < 0.4
      ? SECTIONS.map((label) => `<AbstractText Label="${label}" NlmCategory="${label}">${escape(sentence(30, 80))}.</AbstractText>`).join('')
      : `<AbstractText>${escape(sentence(120, 320))}.</AbstractText>`;
    const authors = Array.from({ length: between(random, 1, 12) }, (_, a) => {
      const family = FAMILY[(pmid + a) % FAMILY.length] ?? 'Smith';
      const given = GIVEN[(pmid * 7 + a) % GIVEN.length] ?? 'Anna';
      return `<Author ValidYN="Y"><LastName>${escape(family)}</LastName><ForeName>${escape(given)}</ForeName><Initials>${given[0]}</Initials><AffiliationInfo><Affiliation>Department of ${escape(sentence(1, 2))}, University Hospital ${a % 50}, United Kingdom.</Affiliation></AffiliationInfo></Author>`;
    }).join('');
    const headingCount = between(random, 8, 15);
    const seen = new Set<number>();
    const mesh = Array.from({ length: headingCount }, (_, h) => {
      let index = heading();
      while (seen.has(index)) index = (index + 1) % vocabulary.descriptors.length;
      seen.add(index);
      const descriptor = vocabulary.descriptors[index] ?? { ui: 'D000001', name: 'Calcimycin' };
      const qualifier = random() < 0.35 ? `<QualifierName UI="Q0000${h}" MajorTopicYN="${random() < 0.3 ? 'Y' : 'N'}">${escape(QUALIFIERS[between(random, 0, QUALIFIERS.length - 1)] ?? '')}</QualifierName>` : '';
      return `<MeshHeading><DescriptorName UI="${descriptor.ui}" MajorTopicYN="${h < between(random, 1, 3) ? 'Y' : 'N'}">${escape(descriptor.name)}</DescriptorName>${qualifier}</MeshHeading>`;
    }).join('');
    const first = between(random, 1, 2000);
    yield `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">${pmid}</PMID><Article PubModel="Print"><Journal><ISSN IssnType="Print">${String(1000 + journal()).padStart(4, '0')}-${String(pmid % 10000).padStart(4, '0')}</ISSN><JournalIssue CitedMedium="Print"><Volume>${between(random, 1, 400)}</Volume><Issue>${between(random, 1, 12)}</Issue><PubDate><Year>${year}</Year><Month>${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][between(random, 0, 11)]}</Month></PubDate></JournalIssue><Title>Journal of ${escape(sentence(1, 3))} ${journal()}</Title><ISOAbbreviation>J ${journal()}</ISOAbbreviation></Journal><ArticleTitle>${escape(sentence(8, 20))}.</ArticleTitle><Pagination><MedlinePgn>${first}-${first + between(random, 2, 14)}</MedlinePgn></Pagination><ELocationID EIdType="doi" ValidYN="Y">10.${1000 + journal()}/syn.${pmid}</ELocationID><Abstract>${abstract}</Abstract><AuthorList CompleteYN="Y">${authors}</AuthorList><Language>${LANGUAGES[between(random, 0, LANGUAGES.length - 1)]}</Language><PublicationTypeList><PublicationType UI="D016428">${PUBLICATION_TYPES[type()]}</PublicationType></PublicationTypeList></Article><MeshHeadingList>${mesh}</MeshHeadingList></MedlineCitation></PubmedArticle>\n`;
  }
  yield '</PubmedArticleSet>\n';
}
