import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectRecordFormat, isRecordFormat } from './detect-format.js';

describe('detectRecordFormat', () => {
  const cases: [string, string, string | undefined][] = [
    ['an XML declaration', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE PubmedArticleSet>', 'pubmed-xml'],
    ['PubmedArticleSet without a declaration', '<PubmedArticleSet><PubmedArticle>', 'pubmed-xml'],
    ['MedlineCitationSet after a byte-order mark', '\uFEFF<MedlineCitationSet>', 'pubmed-xml'],
    ['a PubMed .nbib export (blank first line)', '\nPMID- 29768149\nOWN - NLM\nSTAT- MEDLINE\n', 'medline'],
    ['MEDLINE text with CRLF line ends', 'PMID- 1\r\nTI  - A title.\r\n', 'medline'],
    ['RIS from Ovid or Zotero', 'TY  - JOUR\nTI  - A title\nER  - \n', 'ris'],
    ['RIS after a vendor header line', 'Provider: EBSCOhost\n\nTY  - JOUR\nAU  - Smith, J\n', 'ris'],
    ['BEIR JSONL', '{"_id": "4983", "title": "Microstructural development", "text": "…"}\n', 'jsonl'],
    ['CSV', 'pmid,title\n1,A title\n', undefined],
    ['an empty file', '', undefined],
  ];
  for (const [name, head, expected] of cases) {
    it(`${name} → ${expected ?? 'unknown'}`, () => assert.equal(detectRecordFormat(head), expected));
  }

  it('accepts only the known --format names', () => {
    assert.equal(isRecordFormat('ris'), true);
    assert.equal(isRecordFormat('endnote'), false);
  });
});
