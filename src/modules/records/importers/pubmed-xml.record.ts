/**
 * Turns one PubMed XML record element (already read whole, alone) into a parsed item: a record, a
 * deletion, or a problem that names what is wrong.
 */
import type { BibRecord } from '../bib-record.js';
import { emptyRecord } from '../record-mapping.js';
import type { ParsedItem } from './parsed-item.js';
import { abstractOf, authorsOf, identifiersOf, keywordsOf, meshOf, publicationDate, textsOf } from './pubmed-xml.fields.js';
import { type XmlElement, at, child, childrenNamed, textAt, textOf } from './xml-element.js';

/** Every record with a PMID is stored under this source, whichever file or service it came from. */
export const PUBMED_SOURCE = 'pubmed';

/** The elements that hold one record (or one deletion) each. */
export const RECORD_ELEMENTS = new Set(['PubmedArticle', 'MedlineCitation', 'PubmedBookArticle', 'DeleteCitation']);

type Problem = Extract<ParsedItem, { kind: 'problem' }>;

function checkedPmid(pmid: string | null, position: string): string | Problem {
  if (!pmid) return { kind: 'problem', position, reason: 'no PMID' };
  if (!/^\d{1,10}$/.test(pmid)) return { kind: 'problem', position, reason: `PMID "${pmid}" is not a number` };
  return pmid;
}

function journalArticle(citation: XmlElement, pubmedData: XmlElement | undefined, pmid: string): BibRecord {
  const article = child(citation, 'Article');
  const journal = child(article, 'Journal');
  const { abstract, sections } = abstractOf(child(article, 'Abstract'));
  const ids = identifiersOf(childrenNamed(article, 'ELocationID'), [child(pubmedData, 'ArticleIdList')], childrenNamed(citation, 'OtherID'));
  const pagination = child(article, 'Pagination');
  const startEnd = [textAt(pagination, 'StartPage'), textAt(pagination, 'EndPage')].filter((page) => page !== null).join('-');
  return {
    ...emptyRecord(PUBMED_SOURCE, pmid),
    pmid,
    ...ids,
    // Some non-English articles carry only a title in their own language.
    title: textAt(article, 'ArticleTitle') ?? textAt(article, 'VernacularTitle') ?? '',
    abstract,
    abstractSections: sections,
    authors: authorsOf(child(article, 'AuthorList'), textAt(article, 'Affiliation')),
    journal: {
      title: textAt(journal, 'Title'),
      isoAbbreviation: textAt(journal, 'ISOAbbreviation') ?? textAt(citation, 'MedlineJournalInfo/MedlineTA'),
      issn: textAt(journal, 'ISSN') ?? textAt(citation, 'MedlineJournalInfo/ISSNLinking'),
    },
    volume: textAt(journal, 'JournalIssue/Volume'),
    issue: textAt(journal, 'JournalIssue/Issue'),
    pages: textAt(pagination, 'MedlinePgn') ?? (startEnd || null),
    publicationDate: publicationDate(at(journal, 'JournalIssue/PubDate')),
    languages: textsOf(article, 'Language'),
    publicationTypes: textsOf(child(article, 'PublicationTypeList'), 'PublicationType'),
    mesh: meshOf(child(citation, 'MeshHeadingList')),
    keywords: keywordsOf(citation),
  };
}

/** A book or chapter (GeneReviews, StatPearls …): the same fields where a book has them. */
function bookArticle(document: XmlElement, bookData: XmlElement | undefined, pmid: string): BibRecord {
  const book = child(document, 'Book');
  const { abstract, sections } = abstractOf(child(document, 'Abstract'));
  const authorList = childrenNamed(document, 'AuthorList').find((list) => list.attributes.Type !== 'editors') ?? child(book, 'AuthorList');
  const chapterTitle = textAt(document, 'ArticleTitle');
  const ids = identifiersOf([], [child(document, 'ArticleIdList'), child(bookData, 'ArticleIdList')], []);
  return {
    ...emptyRecord(PUBMED_SOURCE, pmid),
    pmid,
    ...ids,
    title: chapterTitle ?? textAt(book, 'BookTitle') ?? '',
    abstract,
    abstractSections: sections,
    authors: authorsOf(authorList),
    journal: { title: chapterTitle ? textAt(book, 'BookTitle') : null, isoAbbreviation: null, issn: null },
    volume: textAt(book, 'Volume'),
    publicationDate: publicationDate(child(book, 'PubDate')),
    languages: textsOf(document, 'Language'),
    publicationTypes: textsOf(document, 'PublicationType'),
    keywords: keywordsOf(document),
  };
}

function recordItem(record: BibRecord, position: string): ParsedItem {
  if (record.title === '') return { kind: 'problem', position, reason: `PMID ${record.sourceId} has no title (ArticleTitle is empty)` };
  return { kind: 'record', record, position };
}

/**
 * The parsed item for one record element.
 *
 * ### Examples
 * <DeleteCitation><PMID>123</PMID></DeleteCitation>  →  { kind: 'delete', source: 'pubmed', sourceIds: ['123'] }
 */
export function pubmedElementToItem(element: XmlElement, position: string): ParsedItem {
  if (element.name === 'DeleteCitation') {
    return { kind: 'delete', source: PUBMED_SOURCE, sourceIds: childrenNamed(element, 'PMID').map(textOf).filter((id): id is string => id !== null), position };
  }
  if (element.name === 'PubmedBookArticle') {
    const document = child(element, 'BookDocument');
    if (!document) return { kind: 'problem', position, reason: 'no BookDocument in PubmedBookArticle' };
    const pmid = checkedPmid(textAt(document, 'PMID'), position);
    if (typeof pmid !== 'string') return pmid;
    return recordItem(bookArticle(document, child(element, 'PubmedBookData'), pmid), position);
  }
  const citation = element.name === 'MedlineCitation' ? element : child(element, 'MedlineCitation');
  if (!citation) return { kind: 'problem', position, reason: 'no MedlineCitation in PubmedArticle' };
  const pmid = checkedPmid(textAt(citation, 'PMID'), position);
  if (typeof pmid !== 'string') return pmid;
  return recordItem(journalArticle(citation, child(element, 'PubmedData'), pmid), position);
}
