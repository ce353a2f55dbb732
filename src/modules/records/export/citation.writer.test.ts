import assert from 'node:assert/strict';
import childProcess from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { describe, it } from 'node:test';
import { asyncOf, collectText, guidelineUpdateStudy, rhodopsinStudy, sygmaTrial } from '../../../../test/helpers/record-fixtures.js';
import type { BibRecord } from '../bib-record.js';
import { emptyRecord } from '../record-mapping.js';
import { formatReference, referenceWriter } from './citation.writer.js';

describe('formatted references', () => {
  // First, so that each style's citeproc engine is built (style and locale loaded) while the network is refused.
  it('formats without reaching the network: styles and the locale ship with the package', (t) => {
    const refuse = () => {
      throw new Error('network access attempted');
    };
    t.mock.method(http, 'request', refuse);
    t.mock.method(http, 'get', refuse);
    t.mock.method(https, 'request', refuse);
    t.mock.method(https, 'get', refuse);
    t.mock.method(net, 'connect', refuse);
    t.mock.method(net, 'createConnection', refuse);
    // sync-fetch, which citation-js's URL input would use, runs its request in a child process.
    t.mock.method(childProcess, 'execFileSync', refuse);
    t.mock.method(childProcess, 'spawnSync', refuse);
    t.mock.method(childProcess, 'spawn', refuse);
    t.mock.method(globalThis, 'fetch', refuse);
    assert.throws(() => https.get('https://example.org/'), /network access attempted/, 'the guard is in place');
    for (const style of ['vancouver', 'harvard', 'apa'] as const) {
      for (const markup of ['text', 'html'] as const) assert.ok(formatReference(sygmaTrial, style, markup).length > 50);
    }
  });

  it('formats Vancouver as NLM prints it: six authors then et al., abbreviated journal and page range', () => {
    assert.equal(
      formatReference(sygmaTrial, 'vancouver', 'text', 1),
      '1. O’Byrne PM, FitzGerald JM, Bateman ED, Barnes PJ, Zhong N, Keen C, et al. Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma. N Engl J Med. 2018 May 17;378(20):1865–76.\n',
    );
  });

  it('formats Harvard (Cite Them Right) and APA 7th with the DOI, keeping non-ASCII names and the group author', () => {
    assert.equal(
      formatReference(rhodopsinStudy, 'harvard', 'text'),
      'Ramon, E. et al. (2014) “Differential light-induced responses in sectorial inherited retinal degeneration,” The Journal of biological chemistry, 289(52), pp. 35918–28. doi:10.1074/jbc.m114.609958.\n',
    );
    assert.equal(
      formatReference(guidelineUpdateStudy, 'apa', 'text'),
      'Martinez Garcia, L., Sanabria, A. J., Kotzeva, A., Diaz del Campo, P., Alonso-Coello, P., & Updating Guidelines Working Group. (2015). Efficiency of pragmatic search strategies to update clinical guidelines recommendations. BMC Medical Research Methodology, 15, 57. https://doi.org/10.1186/s12874-015-0058-2\n',
    );
    assert.match(formatReference(rhodopsinStudy, 'apa', 'text'), /^Ramon, E\., Cordomí, A\., Aguilà, M\., /);
  });

  it('numbers a Vancouver list in record order, one reference a line', async () => {
    const text = await collectText(referenceWriter('vancouver', 'text')(asyncOf([sygmaTrial, rhodopsinStudy, guidelineUpdateStudy])));
    const lines = text.trimEnd().split('\n');
    assert.deepEqual(lines.map((line) => line.slice(0, 12)), ['1. O’Byrne P', '2. Ramon E, ', '3. Martinez ']);
  });

  it('never adds 2018a/2018b letters that would depend on which records were exported together', async () => {
    const text = await collectText(referenceWriter('apa', 'text')(asyncOf([sygmaTrial, sygmaTrial])));
    assert.equal(text.match(/\(2018\)\./g)?.length, 2);
  });

  it('escapes markup in HTML, allowing only the inline tags CSL defines, inside a complete page', async () => {
    const hostile: BibRecord = {
      ...emptyRecord('ris', 'h1'),
      title: 'CO<sub>2</sub> & <script>alert(1)</script> <img src=x onerror=alert(1)> a < b',
      authors: [{ family: 'Smith & Sons', given: 'A', initials: 'A', collective: null, affiliations: [] }],
      journal: { title: 'J <i>Test</i>', isoAbbreviation: null, issn: null },
      publicationDate: { year: 2020, month: null, day: null, text: null },
    };
    const html = await collectText(referenceWriter('apa', 'html')(asyncOf([hostile])));
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>References (APA 7th edition)</title>'));
    assert.ok(html.endsWith('</div>\n</body>\n</html>\n'));
    assert.ok(!html.includes('<script>') && !html.includes('<img'), 'markup outside CSL\'s inline tags is escaped');
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.match(html, /CO<sub>2<\/sub> &#38; /);
    assert.match(html, /Smith &#38; Sons, A\./);
    assert.match(html, /a &#60; b/);
  });

  it('numbers Vancouver HTML entries too', () => {
    assert.match(formatReference(sygmaTrial, 'vancouver', 'html', 7), /<div class="csl-left-margin">7\. <\/div>/);
  });

});
