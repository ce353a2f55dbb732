import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asyncOf, collectText, guidelineUpdateStudy, rhodopsinStudy, sygmaTrial } from '../../../../test/helpers/record-fixtures.js';
import { emptyRecord } from '../record-mapping.js';
import { toCslItem } from './csl-item.js';
import { cslItemToRecord } from './csl-item.schema.js';
import { writeCslJson } from './csl-json.writer.js';

describe('CSL-JSON writer', () => {
  it('writes one JSON array of CSL items, an item a line', async () => {
    const text = await collectText(writeCslJson(asyncOf([sygmaTrial, rhodopsinStudy, guidelineUpdateStudy])));
    const items = JSON.parse(text) as unknown[];
    assert.equal(items.length, 3);
    assert.equal(text.split('\n').length, 1 + 3 + 1 + 1);
  });

  it('writes an empty array when there are no records', async () => {
    assert.deepEqual(JSON.parse(await collectText(writeCslJson(asyncOf([])))), []);
  });

  it('maps every field CSL has a place for', () => {
    assert.deepEqual(toCslItem(rhodopsinStudy), {
      id: 'pubmed:25359768',
      type: 'article-journal',
      title: 'Differential light-induced responses in sectorial inherited retinal degeneration.',
      author: rhodopsinStudy.authors.map((a) => ({ family: a.family, given: a.given })),
      'container-title': 'The Journal of biological chemistry',
      'container-title-short': 'J. Biol. Chem.',
      ISSN: '1083-351X',
      volume: '289',
      issue: '52',
      page: '35918-28',
      issued: { 'date-parts': [[2014, 12, 26]] },
      DOI: '10.1074/jbc.m114.609958',
      PMID: '25359768',
      PMCID: 'PMC4276860',
      abstract: rhodopsinStudy.abstract,
      language: 'en',
      keyword: rhodopsinStudy.keywords.join(', '),
      URL: 'https://doi.org/10.1074/jbc.m114.609958',
    });
  });

  it('writes a group author as a literal name, a structured abstract with its labels, and a non-plain date in raw', () => {
    const item = toCslItem({ ...guidelineUpdateStudy, abstract: null, publicationDate: { year: 2015, month: null, day: null, text: '2015 Summer' } });
    assert.deepEqual(item.author?.at(-1), { literal: 'Updating Guidelines Working Group' });
    assert.deepEqual(item.author?.[0], { family: 'Martinez Garcia', given: 'L' });
    assert.match(item.abstract ?? '', /^BACKGROUND: A major challenge .* CONCLUSIONS: The proposed/);
    assert.deepEqual(item.issued, { 'date-parts': [[2015]], raw: '2015 Summer' });
  });

  it('leaves out what the record does not have', () => {
    assert.deepEqual(toCslItem({ ...emptyRecord('beir-scifact', '4983'), title: 'T' }), { id: 'beir-scifact:4983', type: 'article-journal', title: 'T' });
  });
});

describe('CSL-JSON items back into records', () => {
  it('reads an item khub wrote back into the fields CSL carries', () => {
    const result = cslItemToRecord(JSON.parse(JSON.stringify(toCslItem(rhodopsinStudy))));
    assert.ok(result.ok);
    const { record } = result;
    assert.deepEqual([record.source, record.sourceId, record.pmid, record.doi, record.pmcid], ['pubmed', '25359768', '25359768', '10.1074/jbc.m114.609958', 'PMC4276860']);
    assert.deepEqual(record.authors[1], { family: 'Cordomí', given: 'Arnau', initials: 'A', collective: null, affiliations: [] });
    assert.deepEqual(record.languages, ['eng']);
  });

  it('takes the source from an id without a PMID, and a default source from a bare id', () => {
    const prefixed = cslItemToRecord({ id: 'beir-scifact:4983', type: 'article-journal', title: 'T' });
    const bare = cslItemToRecord({ id: 17, title: 'T' }, { source: 'zotero' });
    assert.deepEqual(prefixed.ok && [prefixed.record.source, prefixed.record.sourceId], ['beir-scifact', '4983']);
    assert.deepEqual(bare.ok && [bare.record.source, bare.record.sourceId], ['zotero', '17']);
  });

  it('says what is wrong with an item that is not one', () => {
    assert.deepEqual(cslItemToRecord({ id: 'x', title: '', author: [{ given: 'Only' }] }), {
      ok: false,
      reason: 'title: an item needs a title; author.0: Invalid input',
    });
  });
});
