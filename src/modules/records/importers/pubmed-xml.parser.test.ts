import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { sharedDataPath } from '../../../../test/helpers/shared-data.js';
import { gzipSync } from 'node:zlib';
import type { BibRecord } from '../bib-record.js';
import { ImportFileError, type ParsedItem } from './parsed-item.js';
import { parsePubmedXml } from './pubmed-xml.parser.js';

const SAMPLES = sharedDataPath('medline-samples');

async function parseFile(path: string): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of parsePubmedXml(createReadStream(path), { file: path })) items.push(item);
  return items;
}

async function parseText(text: string | Buffer, file = 'crafted.xml'): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of parsePubmedXml(Readable.from([typeof text === 'string' ? Buffer.from(text) : text]), { file })) items.push(item);
  return items;
}

function recordOf(items: readonly ParsedItem[], pmid: string): BibRecord {
  const item = items.find((i) => i.kind === 'record' && i.record.sourceId === pmid);
  assert.ok(item?.kind === 'record', `PMID ${pmid} not parsed`);
  return item.record;
}

const article = (inner: string) => `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">${inner}</MedlineCitation></PubmedArticle>`;
const set = (...articles: string[]) => `<?xml version="1.0"?>\n<PubmedArticleSet>\n${articles.join('\n')}\n</PubmedArticleSet>\n`;

describe('parsePubmedXml on NLM samples', () => {
  it('reads all 604 citations and the DeleteCitation of the 2016 MEDLINE update file (MedlineCitationSet, gzip)', async () => {
    const items = await parseFile(resolve(SAMPLES, 'medline16n0902.xml.gz'));
    assert.equal(items.filter((i) => i.kind === 'record').length, 604);
    assert.equal(items.filter((i) => i.kind === 'problem').length, 0);
    assert.deepEqual(items.at(-1), { kind: 'delete', source: 'pubmed', sourceIds: ['26432306'], position: 'line 89980' });
  });

  it('keeps a structured abstract, authors with affiliations, journal, MeSH flags and the PMCID from OtherID', async () => {
    const items = await parseFile(resolve(SAMPLES, 'medline16n0902.xml.gz'));
    const record = recordOf(items, '17942999');
    assert.equal(record.source, 'pubmed');
    assert.equal(record.pmid, '17942999');
    assert.equal(record.title, 'Neuroplasticity in the processing of pitch dimensions: a multidimensional scaling analysis of the mismatch negativity.');
    assert.deepEqual(record.abstractSections.map((s) => [s.label, s.nlmCategory]), [['PURPOSE', 'OBJECTIVE'], ['METHODS', 'METHODS'], ['RESULTS', 'RESULTS'], ['CONCLUSIONS', 'CONCLUSIONS']]);
    assert.match(record.abstract ?? '', /^PURPOSE: An auditory electrophysiological study .* CONCLUSIONS: The MMN can serve/);
    assert.deepEqual(record.authors[0], { family: 'Chandrasekaran', given: 'Bharath', initials: 'B', collective: null, affiliations: ['Department of Speech Language & Hearing Sciences, Purdue University, West Lafayette, IN 47907-2038, USA.'] });
    assert.deepEqual(record.authors.map((a) => a.initials), ['B', 'JT', 'A']);
    assert.deepEqual(record.journal, { title: 'Restorative neurology and neuroscience', isoAbbreviation: 'Restor. Neurol. Neurosci.', issn: '0922-6028' });
    assert.deepEqual([record.volume, record.issue, record.pages], ['25', '3-4', '195-210']);
    assert.deepEqual(record.publicationDate, { year: 2007, month: null, day: null, text: null });
    assert.deepEqual(record.languages, ['eng']);
    assert.deepEqual(record.publicationTypes, ['Journal Article', "Research Support, Non-U.S. Gov't"]);
    assert.deepEqual(record.mesh.find((m) => m.ui === 'D005072'), { ui: 'D005072', name: 'Evoked Potentials, Auditory', major: false, qualifiers: [{ ui: 'Q000502', name: 'physiology', major: false }] });
    assert.deepEqual(record.mesh.find((m) => m.ui === 'D009473'), { ui: 'D009473', name: 'Neuronal Plasticity', major: false, qualifiers: [{ ui: 'Q000502', name: 'physiology', major: true }] });
    assert.equal(record.mesh.length, 11);
    assert.equal(record.pmcid, 'PMC4380289');
  });

  it('reads a MedlineDate, major descriptors and major qualifiers, an ORCID and a collective author', async () => {
    const items = await parseFile(resolve(SAMPLES, 'medline16n0902.xml.gz'));
    const psychosomatics = recordOf(items, '18621939');
    assert.deepEqual(psychosomatics.publicationDate, { year: 2008, month: null, day: null, text: '2008 Jul-Aug' });
    assert.equal(psychosomatics.doi, '10.1176/appi.psy.49.4.332');
    assert.deepEqual(psychosomatics.mesh.find((m) => m.name === 'Alcoholism')?.qualifiers.map((q) => [q.name, q.major]), [['diagnosis', true], ['epidemiology', true]]);
    assert.equal(psychosomatics.mesh.find((m) => m.ui === 'D039721')?.major, true);
    assert.equal(recordOf(items, '26411977').authors.find((a) => a.family === 'Sugrue')?.orcid, '0000-0001-9921-6968');
    assert.deepEqual(recordOf(items, '25345997').authors[0], { family: null, given: null, initials: null, collective: 'Movement Disorder Group', affiliations: [] });
  });

  it('reads the current DTD: DOI from ELocationID, month names, keywords, an unstructured abstract', async () => {
    const items = await parseFile(resolve(SAMPLES, 'test_current_medline.xml.gz'));
    assert.deepEqual(items.map((i) => i.kind === 'record' && i.record.sourceId), ['36400559', '2930949', '11446611', '28786991']);
    const backPain = recordOf(items, '36400559');
    assert.equal(backPain.doi, '10.1016/j.ncl.2022.07.002');
    assert.deepEqual(backPain.publicationDate, { year: 2023, month: 2, day: null, text: null });
    assert.deepEqual(backPain.keywords, ['Back pain', 'Diagnosis', 'Management', 'Outpatient']);
    assert.deepEqual(backPain.abstractSections, []);
    assert.match(backPain.abstract ?? '', /persists for greater than 6\u00a0weeks/);
    assert.deepEqual(backPain.mesh.find((m) => m.ui === 'D017116'), {
      ui: 'D017116',
      name: 'Low Back Pain',
      major: true,
      qualifiers: [
        { ui: 'Q000175', name: 'diagnosis', major: false },
        { ui: 'Q000209', name: 'etiology', major: false },
        { ui: 'Q000628', name: 'therapy', major: false },
      ],
    });
  });

  it('takes ids from the article\'s own ArticleIdList, never from its reference list', async () => {
    const items = await parseFile(resolve(SAMPLES, 'test_current_medline.xml.gz'));
    const lowBackPain = recordOf(items, '2930949');
    assert.deepEqual([lowBackPain.pmcid, lowBackPain.doi], ['PMC1306303', null]);
    assert.deepEqual([recordOf(items, '11446611').doi, recordOf(items, '11446611').pmcid], ['10.7861/clinmedicine.1-3-188', 'PMC4951901']);
    assert.deepEqual(recordOf(items, '11446611').publicationDate, { year: 2001, month: null, day: null, text: '2001 May-Jun' });
    assert.equal(recordOf(items, '28786991').pages, 'e0180707');
  });

  it('flattens inline markup in an abstract and reads a full PubDate (pubmed-29768149.xml)', async () => {
    const items = await parseFile(resolve(SAMPLES, 'pubmed-29768149.xml'));
    const record = recordOf(items, '29768149');
    assert.equal(record.title, 'Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.');
    assert.equal(record.abstractSections[0]?.text, 'In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting \u03b2 2-agonist may be an alternative to conventional treatment strategies.');
    assert.deepEqual(record.abstractSections.map((s) => s.label), ['BACKGROUND', 'METHODS', 'RESULTS', 'CONCLUSIONS']);
    assert.deepEqual(record.publicationDate, { year: 2018, month: 5, day: 17, text: null });
    assert.deepEqual(record.journal, { title: 'The New England journal of medicine', isoAbbreviation: 'N Engl J Med', issn: '1533-4406' });
    assert.equal(record.doi, '10.1056/nejmoa1715274');
    assert.equal(record.authors.length, 10);
    assert.deepEqual([record.authors[0]?.family, record.authors[0]?.given, record.authors[0]?.initials], ["O'Byrne", 'Paul M', 'PM']);
    assert.deepEqual(record.mesh.find((m) => m.name === 'Asthma'), { ui: 'D001249', name: 'Asthma', major: false, qualifiers: [{ ui: 'Q000188', name: 'drug therapy', major: true }] });
    assert.equal(record.publicationTypes.includes('Randomized Controlled Trial'), true);
  });
});

describe('parsePubmedXml on crafted files', () => {
  it('yields records and deletions of an update file in file order', async () => {
    const xml = set(article('<PMID>101</PMID><Article><ArticleTitle>New.</ArticleTitle></Article>'), '<DeleteCitation>\n<PMID Version="1">7</PMID>\n<PMID Version="1">8</PMID>\n</DeleteCitation>');
    const items = await parseText(xml);
    assert.deepEqual(items.map((i) => i.kind), ['record', 'delete']);
    assert.deepEqual(items[1], { kind: 'delete', source: 'pubmed', sourceIds: ['7', '8'], position: 'line 4' });
  });

  it('reports a record without a PMID or a title by record number and line, and carries on', async () => {
    const xml = set(article('<PMID>1</PMID><Article><ArticleTitle>One.</ArticleTitle></Article>'), article('<Article><ArticleTitle>No id.</ArticleTitle></Article>'), article('<PMID>3</PMID><Article><ArticleTitle></ArticleTitle></Article>'), article('<PMID>4</PMID><Article><ArticleTitle>Four.</ArticleTitle></Article>'));
    const items = await parseText(xml);
    assert.deepEqual(items.map((i) => i.kind), ['record', 'problem', 'problem', 'record']);
    assert.deepEqual(items[1], { kind: 'problem', position: 'record 2 (line 4)', reason: 'no PMID' });
    assert.deepEqual(items[2], { kind: 'problem', position: 'record 3 (line 5)', reason: 'PMID 3 has no title (ArticleTitle is empty)' });
  });

  it('flattens <i>, <sup> and <sub> in titles, reads Season dates and skips authors NLM marked invalid', async () => {
    const xml = set(
      article(`<PMID>5</PMID><Article><Journal><JournalIssue><PubDate><Year>2015</Year><Season>Winter</Season></PubDate></JournalIssue></Journal>
        <ArticleTitle>Effect of <i>Helicobacter pylori</i> on CO<sub>2</sub> and m<sup>2</sup>.</ArticleTitle>
        <AuthorList><Author ValidYN="N"><LastName>Wrong</LastName></Author><Author ValidYN="Y"><LastName>Right</LastName><ForeName>A</ForeName></Author></AuthorList></Article>`),
    );
    const [item] = await parseText(xml);
    assert.ok(item?.kind === 'record');
    assert.equal(item.record.title, 'Effect of Helicobacter pylori on CO2 and m2.');
    assert.deepEqual(item.record.publicationDate, { year: 2015, month: null, day: null, text: '2015 Winter' });
    assert.deepEqual(item.record.authors.map((a) => a.family), ['Right']);
  });

  it('reads a PubMed book chapter (PubmedBookArticle)', async () => {
    const xml = `<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID>20301295</PMID><ArticleIdList><ArticleId IdType="bookaccession">NBK1116</ArticleId></ArticleIdList>
      <Book><BookTitle>GeneReviews</BookTitle><PubDate><Year>1993</Year></PubDate></Book><ArticleTitle>Alpha-Thalassemia</ArticleTitle><Language>eng</Language>
      <AuthorList Type="authors"><Author><LastName>Tamary</LastName><ForeName>Hannah</ForeName><Initials>H</Initials></Author></AuthorList></BookDocument></PubmedBookArticle></PubmedArticleSet>`;
    const [item] = await parseText(xml);
    assert.ok(item?.kind === 'record');
    assert.deepEqual([item.record.sourceId, item.record.title, item.record.journal.title, item.record.publicationDate.year], ['20301295', 'Alpha-Thalassemia', 'GeneReviews', 1993]);
    assert.equal(item.record.authors[0]?.family, 'Tamary');
  });

  it('throws ImportFileError with the line and column where the XML breaks', async () => {
    const xml = set(article('<PMID>1</PMID><Article><ArticleTitle>One.</ArticleTitle></Article>'), '<PubmedArticle><MedlineCitation><PMID>2</PMID></Article>');
    await assert.rejects(parseText(xml, 'broken.xml'), (error: unknown) => {
      assert.ok(error instanceof ImportFileError);
      assert.equal(error.file, 'broken.xml');
      assert.match(error.message, /^broken\.xml: broken XML at line 4, column \d+: unexpected close tag/);
      return true;
    });
  });

  it('throws ImportFileError for a file that ends in the middle of a record', async () => {
    await assert.rejects(parseText('<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>', 'cut.xml'), /cut\.xml: broken XML at line 1, column \d+: unclosed tag: MedlineCitation/);
  });

  it('throws ImportFileError for XML that is not PubMed', async () => {
    await assert.rejects(parseText('<?xml version="1.0"?><DescriptorRecordSet/>', 'desc.xml'), /desc\.xml: not PubMed XML: the document element is <DescriptorRecordSet>/);
  });

  it('reads gzip by its signature, and throws ImportFileError for a truncated gzip after the records before the cut', async () => {
    const whole = readFileSync(resolve(SAMPLES, 'medline16n0902.xml.gz'));
    const items: ParsedItem[] = [];
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    await assert.rejects(
      (async () => {
        for await (const item of parsePubmedXml(Readable.from([cut]), { file: 'half.xml.gz' })) items.push(item);
      })(),
      (error: unknown) => error instanceof ImportFileError && /^half\.xml\.gz: the gzip data is damaged or truncated \(unexpected end of file\)/.test(error.message),
    );
    assert.ok(items.length > 100 && items.length < 604, `${items.length} records before the cut`);
    const gzipped = await parseText(gzipSync(set(article('<PMID>9</PMID><Article><ArticleTitle>Zipped.</ArticleTitle></Article>'))), 'no-extension');
    assert.equal(gzipped.length, 1);
  });
});
