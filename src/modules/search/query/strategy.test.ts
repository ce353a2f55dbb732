import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printCanonical } from './print-canonical.js';
import { parseStrategy } from './strategy.js';

/** Each line as `label kind dialect: canonical` (or the comment / error text). */
function summary(text: string): string[] {
  return parseStrategy(text).map((line) => {
    if (line.kind === 'comment') return `${line.lineNumber} comment: ${line.text}`;
    if (line.kind === 'invalid') return `${line.lineNumber} ${line.label ?? '-'} invalid: ${line.error.message} (column ${line.error.column})`;
    return `${line.lineNumber} ${line.label ?? '-'} ${line.query.dialect}: ${printCanonical(line.query.root).text}`;
  });
}

describe('parseStrategy', () => {
  it('reads labels (1., 1a, 2, A., #1), skips blank lines and keeps headings', () => {
    const strategy = ['Population: low back pain', '1. back pain[mh]', '', '1a sciatica[tiab]', '#2 lumbago[tiab]', 'A. 1 OR 1a', 'Searches (combinations)', 'B. A AND #2'].join('\n');
    assert.deepEqual(summary(strategy), [
      '1 comment: Population: low back pain',
      '2 1 pubmed: "back pain"[mh]',
      '4 1a pubmed: sciatica[fields:title,abstract,keywords]',
      '5 2 pubmed: lumbago[fields:title,abstract,keywords]',
      '6 A pubmed: (#1 OR #1a)',
      '7 comment: Searches (combinations)',
      '8 B pubmed: (#A AND #2)',
    ]);
  });

  it('lets a label alone on its line, or on a heading, label the next search', () => {
    assert.deepEqual(summary(['3 Target condition: radiculopathy', 'radiculopath*[tw]', '4a', 'diagnosis[sh]'].join('\n')), [
      '1 comment: 3 Target condition: radiculopathy',
      '2 3 pubmed: radiculopath*[fields:title,abstract,keywords,meshWords,publicationTypes]',
      '4 4a pubmed: "diagnosis"[sh]',
    ]);
  });

  it('reads "Final search: A or B" as a search labelled by its heading', () => {
    assert.deepEqual(summary('a[ti]\nFinal search: A or B'), ['1 - pubmed: a[fields:title]', '2 Final search pubmed: (#A OR #B)']);
  });

  it('joins a line that starts with OR onto the search above it', () => {
    assert.deepEqual(summary('heart[ti] OR attack[ti]\nOR stroke[ti]\nstroke[ti]'), ['1 - pubmed: (heart[fields:title] OR attack[fields:title] OR stroke[fields:title])', '3 - pubmed: stroke[fields:title]']);
  });

  it('reads bare-number combinations in the strategy\'s own dialect: left to right in a PubMed strategy', () => {
    assert.deepEqual(summary('a[ti]\nb[ti]\nc[ti]\n1 OR 2 AND 3'), ['1 - pubmed: a[fields:title]', '2 - pubmed: b[fields:title]', '3 - pubmed: c[fields:title]', '4 - pubmed: ((#1 OR #2) AND #3)']);
    assert.deepEqual(summary('a.ti.\nb.ti.\nc.ti.\n1 OR 2 AND 3').slice(3), ['4 - ovid: (#1 OR (#2 AND #3))']);
  });

  it('reports a broken line as invalid and parses the rest', () => {
    assert.deepEqual(summary('heart.ti.\n2 (attack or stroke.ti.\n1 or 2'), ['1 - ovid: heart[fields:title]', '2 2 invalid: Unclosed bracket opened at column 1 (column 1)', '3 - ovid: (#1 OR #2)']);
  });
});
