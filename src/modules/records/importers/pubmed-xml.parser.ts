/**
 * PubMed / MEDLINE XML (`PubmedArticleSet`, `MedlineCitationSet`, plain or gzip), streamed with saxes:
 * each record's element is built while it is open and handed on as it closes, so a 30,000-record
 * baseline file never sits in memory whole. `DeleteCitation` in update files becomes deletions.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { gunzipIfCompressed } from './input-stream.js';
import { ImportFileError, type ParsedItem, type RecordParser } from './parsed-item.js';
import { RECORD_ELEMENTS, pubmedElementToItem } from './pubmed-xml.record.js';
import type { XmlElement } from './xml-element.js';

/** The document elements of the PubMed DTDs (articles, books, and the pre-2019 MEDLINE layout). */
const DOCUMENT_ELEMENTS = new Set(['PubmedArticleSet', 'MedlineCitationSet', 'PubmedBookArticleSet']);

/**
 * Parts of a record khub does not keep. They are half of a modern record's bytes (reference lists,
 * comment links, grants), so not building them keeps the per-record tree small and parsing fast.
 */
const UNUSED_ELEMENTS = new Set([
  'ReferenceList',
  'CommentsCorrectionsList',
  'History',
  'GrantList',
  'ChemicalList',
  'InvestigatorList',
  'DataBankList',
  'SupplMeshList',
  'GeneSymbolList',
  'PersonalNameSubjectList',
  'OtherAbstract',
  'CopyrightInformation',
  'CoiStatement',
  'GeneralNote',
  'DateCompleted',
  'DateRevised',
  'DateCreated',
  'ArticleDate',
]);

/** Collects one record element at a time from SAX events and turns each into a parsed item as it closes. */
class RecordCollector {
  readonly #parser: SaxesParser;
  readonly #file: string;
  readonly #open: XmlElement[] = [];
  readonly #ready: ParsedItem[] = [];
  #outerDepth = 0;
  #skipDepth = 0;
  #records = 0;

  constructor(parser: SaxesParser, file: string) {
    this.#parser = parser;
    this.#file = file;
    parser.on('opentag', (tag) => this.#openTag(tag));
    parser.on('text', (text) => this.#text(text));
    parser.on('cdata', (text) => this.#text(text));
    parser.on('closetag', () => this.#closeTag());
  }

  /** The items completed since the last call. */
  take(): ParsedItem[] {
    return this.#ready.splice(0);
  }

  #openTag(tag: SaxesTagPlain): void {
    if (this.#skipDepth > 0 || (this.#open.length > 0 && UNUSED_ELEMENTS.has(tag.name))) {
      this.#skipDepth += 1;
      return;
    }
    const element: XmlElement = { name: tag.name, attributes: tag.attributes, children: [], line: this.#parser.line };
    const parent = this.#open.at(-1);
    if (parent) {
      parent.children.push(element);
      this.#open.push(element);
    } else if (this.#outerDepth === 0 && !DOCUMENT_ELEMENTS.has(tag.name)) {
      throw new ImportFileError(this.#file, `${this.#file}: not PubMed XML: the document element is <${tag.name}>, expected <PubmedArticleSet> or <MedlineCitationSet>`);
    } else if (RECORD_ELEMENTS.has(tag.name)) {
      this.#open.push(element);
    } else {
      this.#outerDepth += 1;
    }
  }

  #text(text: string): void {
    if (this.#skipDepth === 0) this.#open.at(-1)?.children.push(text);
  }

  #closeTag(): void {
    if (this.#skipDepth > 0) {
      this.#skipDepth -= 1;
      return;
    }
    const element = this.#open.pop();
    if (!element) {
      this.#outerDepth -= 1;
      return;
    }
    if (this.#open.length > 0) return;
    if (element.name === 'DeleteCitation') {
      this.#ready.push(pubmedElementToItem(element, `line ${element.line}`));
      return;
    }
    this.#records += 1;
    this.#ready.push(pubmedElementToItem(element, `record ${this.#records} (line ${element.line})`));
  }
}

function brokenXml(file: string, parser: SaxesParser, error: Error): ImportFileError {
  // saxes prefixes its messages with "line:column: "; the position is given in words instead.
  const reason = error.message.replace(/^\d+:\d+: /, '');
  return new ImportFileError(file, `${file}: broken XML at line ${parser.line}, column ${parser.column + 1}: ${reason}`);
}

/**
 * Parses PubMed/MEDLINE XML into records (source `pubmed`, source id = PMID), deletions and problems.
 * A record without a PMID or a title is a problem; XML that is not well-formed, or a damaged gzip
 * stream, throws `ImportFileError` with the line and column (or byte) where it broke.
 */
export const parsePubmedXml: RecordParser = async function* parsePubmedXml(input, options) {
  const parser = new SaxesParser({ position: true });
  const collector = new RecordCollector(parser, options.file);
  parser.on('error', (error) => {
    throw brokenXml(options.file, parser, error);
  });
  const decoder = new TextDecoder('utf-8');
  // Records that closed before a break in the XML are still handed on; then the error is.
  const feed = function* (write: () => void): Generator<ParsedItem> {
    try {
      write();
    } finally {
      yield* collector.take();
    }
  };
  for await (const chunk of gunzipIfCompressed(input, options.file)) {
    yield* feed(() => parser.write(decoder.decode(chunk, { stream: true })));
  }
  yield* feed(() => parser.write(decoder.decode()).close());
};
