/**
 * Real PubMed records, copied by hand from `../shared/data/medline-samples/` with their real values, for
 * the export and round-trip tests:
 * - PMID 29768149 (pubmed-29768149.xml): structured abstract with non-ASCII text (β, μ), MeSH with major qualifiers;
 * - PMID 25359768 (medline16n0902.xml.gz): non-ASCII author names and affiliations, keywords, PMCID, a
 *   MEDLINE-abbreviated page range ("35918-28");
 * - PMID 26227021 (mesh-papers.medline.txt.gz): a collective author and multi-word family names; its 20
 *   named authors are abridged to 5 and its abstract sections shortened, and its MeSH ids (which the
 *   MEDLINE text does not carry) are MeSH 2024's.
 */
import type { BibRecord } from '../../src/modules/records/bib-record.js';

const SYGMA_AFFILIATION =
  'From the Firestone Institute for Respiratory Health, St. Joseph\'s Healthcare and Department of Medicine, Michael G. DeGroote School of Medicine, McMaster University, Hamilton, ON (P.M.O.), and the Institute for Heart and Lung Health, University of British Columbia, Vancouver (J.M.F.) - both in Canada; the Division of Pulmonology, Department of Medicine, University of Cape Town, Cape Town, South Africa (E.D.B.); Airway Disease Section, National Heart and Lung Institute, Imperial College, London (P.J.B.); State Key Laboratory of Respiratory Diseases, First Affiliated Hospital, Guangzhou Medical University, Guangzhou, China (N.Z.); AstraZeneca Research and Development, Gothenburg, Sweden (C.K., C.J., S.I.); AstraZeneca Research and Development, Barcelona (R.L.); and Woolcock Institute of Medical Research, University of Sydney, Sydney (H.K.R.).';

export const sygmaTrial: BibRecord = {
  source: 'pubmed',
  sourceId: '29768149',
  pmid: '29768149',
  doi: '10.1056/nejmoa1715274',
  pmcid: null,
  title: 'Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.',
  abstract: 'BACKGROUND: In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting β2-agonist may be an alternative to conventional treatment strategies. METHODS: We conducted a 52-week, double-blind trial involving patients 12 years of age or older with mild asthma. Patients were randomly assigned to one of three regimens: twice-daily placebo plus terbutaline (0.5 mg) used as needed (terbutaline group), twice-daily placebo plus budesonide-formoterol (200 μg of budesonide and 6 μg of formoterol) used as needed (budesonide-formoterol group), or twice-daily budesonide (200 μg) plus terbutaline used as needed (budesonide maintenance group). The primary objective was to investigate the superiority of as-needed budesonide-formoterol to as-needed terbutaline with regard to electronically recorded weeks with well-controlled asthma. RESULTS: A total of 3849 patients underwent randomization, and 3836 (1277 in the terbutaline group, 1277 in the budesonide-formoterol group, and 1282 in the budesonide maintenance group) were included in the full analysis and safety data sets. With respect to the mean percentage of weeks with well-controlled asthma per patient, budesonide-formoterol was superior to terbutaline (34.4% vs. 31.1% of weeks; odds ratio, 1.14; 95% confidence interval [CI], 1.00 to 1.30; P=0.046) but inferior to budesonide maintenance therapy (34.4% and 44.4%, respectively; odds ratio, 0.64; 95% CI, 0.57 to 0.73). The annual rate of severe exacerbations was 0.20 with terbutaline, 0.07 with budesonide-formoterol, and 0.09 with budesonide maintenance therapy; the rate ratio was 0.36 (95% CI, 0.27 to 0.49) for budesonide-formoterol versus terbutaline and 0.83 (95% CI, 0.59 to 1.16) for budesonide-formoterol versus budesonide maintenance therapy. The rate of adherence in the budesonide maintenance group was 78.9%. The median metered daily dose of inhaled glucocorticoid in the budesonide-formoterol group (57 μg) was 17% of the dose in the budesonide maintenance group (340 μg). CONCLUSIONS: In patients with mild asthma, as-needed budesonide-formoterol provided superior asthma-symptom control to as-needed terbutaline, assessed according to electronically recorded weeks with well-controlled asthma, but was inferior to budesonide maintenance therapy. Exacerbation rates with the two budesonide-containing regimens were similar and were lower than the rate with terbutaline. Budesonide-formoterol used as needed resulted in substantially lower glucocorticoid exposure than budesonide maintenance therapy. (Funded by AstraZeneca; SYGMA 1 ClinicalTrials.gov number, NCT02149199 .).',
  abstractSections: [
    {
      label: 'BACKGROUND',
      nlmCategory: null,
      text: 'In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting β2-agonist may be an alternative to conventional treatment strategies.',
    },
    {
      label: 'METHODS',
      nlmCategory: null,
      text: 'We conducted a 52-week, double-blind trial involving patients 12 years of age or older with mild asthma. Patients were randomly assigned to one of three regimens: twice-daily placebo plus terbutaline (0.5 mg) used as needed (terbutaline group), twice-daily placebo plus budesonide-formoterol (200 μg of budesonide and 6 μg of formoterol) used as needed (budesonide-formoterol group), or twice-daily budesonide (200 μg) plus terbutaline used as needed (budesonide maintenance group). The primary objective was to investigate the superiority of as-needed budesonide-formoterol to as-needed terbutaline with regard to electronically recorded weeks with well-controlled asthma.',
    },
    {
      label: 'RESULTS',
      nlmCategory: null,
      text: 'A total of 3849 patients underwent randomization, and 3836 (1277 in the terbutaline group, 1277 in the budesonide-formoterol group, and 1282 in the budesonide maintenance group) were included in the full analysis and safety data sets. With respect to the mean percentage of weeks with well-controlled asthma per patient, budesonide-formoterol was superior to terbutaline (34.4% vs. 31.1% of weeks; odds ratio, 1.14; 95% confidence interval [CI], 1.00 to 1.30; P=0.046) but inferior to budesonide maintenance therapy (34.4% and 44.4%, respectively; odds ratio, 0.64; 95% CI, 0.57 to 0.73). The annual rate of severe exacerbations was 0.20 with terbutaline, 0.07 with budesonide-formoterol, and 0.09 with budesonide maintenance therapy; the rate ratio was 0.36 (95% CI, 0.27 to 0.49) for budesonide-formoterol versus terbutaline and 0.83 (95% CI, 0.59 to 1.16) for budesonide-formoterol versus budesonide maintenance therapy. The rate of adherence in the budesonide maintenance group was 78.9%. The median metered daily dose of inhaled glucocorticoid in the budesonide-formoterol group (57 μg) was 17% of the dose in the budesonide maintenance group (340 μg).',
    },
    {
      label: 'CONCLUSIONS',
      nlmCategory: null,
      text: 'In patients with mild asthma, as-needed budesonide-formoterol provided superior asthma-symptom control to as-needed terbutaline, assessed according to electronically recorded weeks with well-controlled asthma, but was inferior to budesonide maintenance therapy. Exacerbation rates with the two budesonide-containing regimens were similar and were lower than the rate with terbutaline. Budesonide-formoterol used as needed resulted in substantially lower glucocorticoid exposure than budesonide maintenance therapy. (Funded by AstraZeneca; SYGMA 1 ClinicalTrials.gov number, NCT02149199 .).',
    },
  ],
  authors: [
    {
      family: 'O\'Byrne',
      given: 'Paul M',
      initials: 'PM',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'FitzGerald',
      given: 'J Mark',
      initials: 'JM',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'Bateman',
      given: 'Eric D',
      initials: 'ED',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'Barnes',
      given: 'Peter J',
      initials: 'PJ',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'Zhong',
      given: 'Nanshan',
      initials: 'N',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'Keen',
      given: 'Christina',
      initials: 'C',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'Jorup',
      given: 'Carin',
      initials: 'C',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'Lamarca',
      given: 'Rosa',
      initials: 'R',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'Ivanov',
      given: 'Stefan',
      initials: 'S',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
    {
      family: 'Reddel',
      given: 'Helen K',
      initials: 'HK',
      collective: null,
      affiliations: [
        SYGMA_AFFILIATION,
      ],
    },
  ],
  journal: { title: 'The New England journal of medicine', isoAbbreviation: 'N Engl J Med', issn: '1533-4406' },
  volume: '378',
  issue: '20',
  pages: '1865-1876',
  publicationDate: { year: 2018, month: 5, day: 17, text: null },
  languages: ['eng'],
  publicationTypes: [
    'Clinical Trial, Phase III',
    'Comparative Study',
    'Journal Article',
    'Multicenter Study',
    'Randomized Controlled Trial',
    'Research Support, Non-U.S. Gov\'t',
  ],
  mesh: [
    { ui: 'D000280', name: 'Administration, Inhalation', major: false, qualifiers: [] },
    { ui: 'D000293', name: 'Adolescent', major: false, qualifiers: [] },
    { ui: 'D000328', name: 'Adult', major: false, qualifiers: [] },
    { ui: 'D000368', name: 'Aged', major: false, qualifiers: [] },
    { ui: 'D001249', name: 'Asthma', major: false, qualifiers: [{ ui: 'Q000188', name: 'drug therapy', major: true }] },
    {
      ui: 'D001993',
      name: 'Bronchodilator Agents',
      major: false,
      qualifiers: [{ ui: 'Q000008', name: 'administration & dosage', major: true }, { ui: 'Q000009', name: 'adverse effects', major: false }],
    },
    {
      ui: 'D019819',
      name: 'Budesonide',
      major: false,
      qualifiers: [{ ui: 'Q000008', name: 'administration & dosage', major: true }, { ui: 'Q000009', name: 'adverse effects', major: false }],
    },
    { ui: 'D002648', name: 'Child', major: false, qualifiers: [] },
    { ui: 'D004311', name: 'Double-Blind Method', major: false, qualifiers: [] },
    { ui: 'D004334', name: 'Drug Administration Schedule', major: false, qualifiers: [] },
    { ui: 'D004338', name: 'Drug Combinations', major: false, qualifiers: [] },
    { ui: 'D005260', name: 'Female', major: false, qualifiers: [] },
    { ui: 'D005541', name: 'Forced Expiratory Volume', major: false, qualifiers: [] },
    {
      ui: 'D000068759',
      name: 'Formoterol Fumarate',
      major: false,
      qualifiers: [{ ui: 'Q000008', name: 'administration & dosage', major: true }, { ui: 'Q000009', name: 'adverse effects', major: false }],
    },
    { ui: 'D005938', name: 'Glucocorticoids', major: false, qualifiers: [{ ui: 'Q000008', name: 'administration & dosage', major: false }] },
    { ui: 'D006801', name: 'Humans', major: false, qualifiers: [] },
    { ui: 'D060046', name: 'Maintenance Chemotherapy', major: false, qualifiers: [] },
    { ui: 'D008297', name: 'Male', major: false, qualifiers: [] },
    { ui: 'D055118', name: 'Medication Adherence', major: false, qualifiers: [] },
    { ui: 'D008875', name: 'Middle Aged', major: false, qualifiers: [] },
    { ui: 'D011795', name: 'Surveys and Questionnaires', major: false, qualifiers: [] },
    {
      ui: 'D013726',
      name: 'Terbutaline',
      major: false,
      qualifiers: [{ ui: 'Q000008', name: 'administration & dosage', major: true }, { ui: 'Q000009', name: 'adverse effects', major: false }],
    },
    { ui: 'D055815', name: 'Young Adult', major: false, qualifiers: [] },
  ],
  keywords: [],
};

export const rhodopsinStudy: BibRecord = {
  source: 'pubmed',
  sourceId: '25359768',
  pmid: '25359768',
  doi: '10.1074/jbc.m114.609958',
  pmcid: 'PMC4276860',
  title: 'Differential light-induced responses in sectorial inherited retinal degeneration.',
  abstract: 'Retinitis pigmentosa (RP) is a group of genetically and clinically heterogeneous inherited degenerative retinopathies caused by abnormalities of photoreceptors or retinal pigment epithelium in the retina leading to progressive sight loss. Rhodopsin is the prototypical G-protein-coupled receptor located in the vertebrate retina and is responsible for dim light vision. Here, novel M39R and N55K variants were identified as causing an intriguing sector phenotype of RP in affected patients, with selective degeneration in the inferior retina. To gain insights into the molecular aspects associated with this sector RP phenotype, whose molecular mechanism remains elusive, the mutations were constructed by site-directed mutagenesis, expressed in heterologous systems, and studied by biochemical, spectroscopic, and functional assays. M39R and N55K opsins had variable degrees of chromophore regeneration when compared with WT opsin but showed no gross structural misfolding or altered trafficking. M39R showed a faster rate for transducin activation than WT rhodopsin with a faster metarhodopsinII decay, whereas N55K presented a reduced activation rate and an altered photobleaching pattern. N55K also showed an altered retinal release from the opsin binding pocket upon light exposure, affecting its optimal functional response. Our data suggest that these sector RP mutations cause different protein phenotypes that may be related to their different clinical progression. Overall, these findings illuminate the molecular mechanisms of sector RP associated with rhodopsin mutations.',
  abstractSections: [],
  authors: [
    {
      family: 'Ramon',
      given: 'Eva',
      initials: 'E',
      collective: null,
      affiliations: [
        'From the Centre de Biotecnologia Molecular, Departament d\'Enginyeria Química, Universitat Politècnica de Catalunya, Rambla de Sant Nebridi 22, 08222 Terrassa, Spain.',
      ],
    },
    {
      family: 'Cordomí',
      given: 'Arnau',
      initials: 'A',
      collective: null,
      affiliations: [
        'the Laboratori de Medicina Computacional, Unitat de Bioestadística, Facultat de Medicina, Universitat Autònoma de Barcelona, 08193 Cerdanyola del Vallès, Spain.',
      ],
    },
    {
      family: 'Aguilà',
      given: 'Mònica',
      initials: 'M',
      collective: null,
      affiliations: ['the University College London Institute of Ophthalmology, 11-43 Bath Street, London EC1V 9EL, United Kingdom, and.'],
    },
    {
      family: 'Srinivasan',
      given: 'Sundaramoorthy',
      initials: 'S',
      collective: null,
      affiliations: [
        'From the Centre de Biotecnologia Molecular, Departament d\'Enginyeria Química, Universitat Politècnica de Catalunya, Rambla de Sant Nebridi 22, 08222 Terrassa, Spain.',
      ],
    },
    {
      family: 'Dong',
      given: 'Xiaoyun',
      initials: 'X',
      collective: null,
      affiliations: [
        'From the Centre de Biotecnologia Molecular, Departament d\'Enginyeria Química, Universitat Politècnica de Catalunya, Rambla de Sant Nebridi 22, 08222 Terrassa, Spain.',
      ],
    },
    {
      family: 'Moore',
      given: 'Anthony T',
      initials: 'AT',
      collective: null,
      affiliations: [
        'the University College London Institute of Ophthalmology, 11-43 Bath Street, London EC1V 9EL, United Kingdom, and the Moorfields Eye Hospital, London EC1V 2PD, United Kingdom.',
      ],
    },
    {
      family: 'Webster',
      given: 'Andrew R',
      initials: 'AR',
      collective: null,
      affiliations: [
        'the University College London Institute of Ophthalmology, 11-43 Bath Street, London EC1V 9EL, United Kingdom, and the Moorfields Eye Hospital, London EC1V 2PD, United Kingdom.',
      ],
    },
    {
      family: 'Cheetham',
      given: 'Michael E',
      initials: 'ME',
      collective: null,
      affiliations: ['the University College London Institute of Ophthalmology, 11-43 Bath Street, London EC1V 9EL, United Kingdom, and.'],
    },
    {
      family: 'Garriga',
      given: 'Pere',
      initials: 'P',
      collective: null,
      affiliations: [
        'From the Centre de Biotecnologia Molecular, Departament d\'Enginyeria Química, Universitat Politècnica de Catalunya, Rambla de Sant Nebridi 22, 08222 Terrassa, Spain, pere.garriga@upc.edu.',
      ],
    },
  ],
  journal: { title: 'The Journal of biological chemistry', isoAbbreviation: 'J. Biol. Chem.', issn: '1083-351X' },
  volume: '289',
  issue: '52',
  pages: '35918-28',
  publicationDate: { year: 2014, month: 12, day: 26, text: null },
  languages: ['eng'],
  publicationTypes: ['Journal Article', 'Research Support, Non-U.S. Gov\'t'],
  mesh: [
    { ui: 'D000328', name: 'Adult', major: false, qualifiers: [] },
    { ui: 'D000818', name: 'Animals', major: false, qualifiers: [] },
    { ui: 'D019556', name: 'COS Cells', major: false, qualifiers: [] },
    { ui: 'D045744', name: 'Cell Line, Tumor', major: false, qualifiers: [] },
    { ui: 'D002522', name: 'Cercopithecus aethiops', major: false, qualifiers: [] },
    { ui: 'D005260', name: 'Female', major: false, qualifiers: [] },
    { ui: 'D006801', name: 'Humans', major: false, qualifiers: [] },
    { ui: 'D007700', name: 'Kinetics', major: false, qualifiers: [] },
    { ui: 'D008875', name: 'Middle Aged', major: false, qualifiers: [] },
    { ui: 'D020125', name: 'Mutation, Missense', major: false, qualifiers: [] },
    { ui: 'D055550', name: 'Protein Stability', major: false, qualifiers: [{ ui: 'Q000528', name: 'radiation effects', major: false }] },
    { ui: 'D021381', name: 'Protein Transport', major: false, qualifiers: [] },
    { ui: 'D012174', name: 'Retinitis Pigmentosa', major: false, qualifiers: [{ ui: 'Q000235', name: 'genetics', major: true }] },
    {
      ui: 'D012243',
      name: 'Rhodopsin',
      major: false,
      qualifiers: [
        { ui: 'Q000737', name: 'chemistry', major: true },
        { ui: 'Q000235', name: 'genetics', major: false },
        { ui: 'Q000378', name: 'metabolism', major: false },
      ],
    },
  ],
  keywords: [
    'G-protein-coupled Receptor',
    'Light Exposure',
    'Protein Stability',
    'Protein Structure',
    'Retinal Degeneration',
    'Rhodopsin',
    'Signal Transduction',
    'Transducin',
    'Visual Pigments',
  ],
};

const IBEROAMERICAN_COCHRANE = 'Iberoamerican Cochrane Centre - Biomedical Research Institute Sant Pau (IIB Sant Pau), Barcelona, Spain.';
const CIBERESP = 'CIBER of Epidemiology and Public Health (CIBERESP), Barcelona, Spain.';

export const guidelineUpdateStudy: BibRecord = {
  source: 'pubmed',
  sourceId: '26227021',
  pmid: '26227021',
  doi: '10.1186/s12874-015-0058-2',
  pmcid: 'PMC4521498',
  title: 'Efficiency of pragmatic search strategies to update clinical guidelines recommendations.',
  abstract:
    'BACKGROUND: A major challenge in updating clinical guidelines is to efficiently identify new, relevant evidence. We evaluated the efficiency and feasibility of two new approaches: the development of restrictive search strategies using PubMed Clinical Queries for MEDLINE and the use of the PLUS (McMaster Premium Literature Service) database. METHODS: We evaluated a random sample of recommendations from a national guideline development program and identified the references that would potentially trigger an update (key references) using an exhaustive approach. RESULTS: The restrictive approach retrieved 68.1 % fewer references than the exhaustive approach (12,486 versus 39,136), and identified 89.9 % (62/69) of key references and 88 % (22/25) of recommendation updates. CONCLUSIONS: The proposed restrictive approach is a highly efficient and feasible method to identify new evidence that triggers a recommendation update.',
  abstractSections: [
    {
      label: 'BACKGROUND',
      nlmCategory: 'BACKGROUND',
      text: 'A major challenge in updating clinical guidelines is to efficiently identify new, relevant evidence. We evaluated the efficiency and feasibility of two new approaches: the development of restrictive search strategies using PubMed Clinical Queries for MEDLINE and the use of the PLUS (McMaster Premium Literature Service) database.',
    },
    {
      label: 'METHODS',
      nlmCategory: 'METHODS',
      text: 'We evaluated a random sample of recommendations from a national guideline development program and identified the references that would potentially trigger an update (key references) using an exhaustive approach.',
    },
    {
      label: 'RESULTS',
      nlmCategory: 'RESULTS',
      text: 'The restrictive approach retrieved 68.1 % fewer references than the exhaustive approach (12,486 versus 39,136), and identified 89.9 % (62/69) of key references and 88 % (22/25) of recommendation updates.',
    },
    {
      label: 'CONCLUSIONS',
      nlmCategory: 'CONCLUSIONS',
      text: 'The proposed restrictive approach is a highly efficient and feasible method to identify new evidence that triggers a recommendation update.',
    },
  ],
  authors: [
    { family: 'Martinez Garcia', given: 'L', initials: 'L', collective: null, affiliations: [`${IBEROAMERICAN_COCHRANE} laura.martinez.garcia@cochrane.es.`] },
    { family: 'Sanabria', given: 'A J', initials: 'AJ', collective: null, affiliations: [`${IBEROAMERICAN_COCHRANE} ajsanabria@cochrane.es.`] },
    { family: 'Kotzeva', given: 'A', initials: 'A', collective: null, affiliations: ['Agency for Health Quality and Assessment of Catalonia (AQuAS), Barcelona, Spain. akotzeva@gencat.cat.', `${CIBERESP} akotzeva@gencat.cat.`] },
    { family: 'Diaz del Campo', given: 'P', initials: 'P', collective: null, affiliations: ['Health Technology Assessment Unit (UETS), Subdireccion General de Tecnologia e Innovacion Sanitaria, Consejeria de Sanidad, Madrid, Spain. petrafontecha@yahoo.es.'] },
    { family: 'Alonso-Coello', given: 'P', initials: 'P', collective: null, affiliations: [`${IBEROAMERICAN_COCHRANE} PAlonso@santpau.cat.`, `${CIBERESP} PAlonso@santpau.cat.`] },
    { family: null, given: null, initials: null, collective: 'Updating Guidelines Working Group', affiliations: [] },
  ],
  journal: { title: 'BMC medical research methodology', isoAbbreviation: 'BMC Med Res Methodol', issn: '1471-2288' },
  volume: '15',
  issue: null,
  pages: '57',
  publicationDate: { year: 2015, month: 7, day: 31, text: null },
  languages: ['eng'],
  publicationTypes: ['Journal Article', "Research Support, Non-U.S. Gov't"],
  mesh: [
    { ui: 'D005240', name: 'Feasibility Studies', major: false, qualifiers: [] },
    { ui: 'D006801', name: 'Humans', major: false, qualifiers: [] },
    { ui: 'D016247', name: 'Information Storage and Retrieval', major: false, qualifiers: [{ ui: 'Q000379', name: 'methods', major: true }] },
    { ui: 'D016239', name: 'MEDLINE', major: true, qualifiers: [] },
    { ui: 'D046650', name: 'Medical Subject Headings', major: true, qualifiers: [] },
    { ui: 'D017410', name: 'Practice Guidelines as Topic', major: false, qualifiers: [{ ui: 'Q000592', name: 'standards', major: true }] },
    { ui: 'D039781', name: 'PubMed', major: true, qualifiers: [] },
    { ui: 'D015203', name: 'Reproducibility of Results', major: false, qualifiers: [] },
  ],
  keywords: [],
};

/** The three records in file order. */
export const sampleRecords: readonly BibRecord[] = [sygmaTrial, rhodopsinStudy, guidelineUpdateStudy];

/** The items one after another as an async iterable, as a writer reads them from the database. */
export async function* asyncOf<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** A writer's chunks joined into the whole file's text. */
export async function collectText(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
