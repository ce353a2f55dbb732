import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StrategyLine } from './ast.js';
import { parseStrategy } from './strategy.js';
import { type Strategy, clefStrategies, sysrevQueries } from '../../../../test/helpers/query/real-strategies.js';

function tally(strategies: readonly Strategy[]) {
  const counts = { lines: 0, queries: 0, comments: 0, invalid: 0 };
  const invalid: { id: string; line: StrategyLine }[] = [];
  const byId = new Map<string, StrategyLine[]>();
  for (const strategy of strategies) {
    const lines = parseStrategy(strategy.query);
    byId.set(strategy.id, lines);
    for (const line of lines) {
      counts.lines += 1;
      if (line.kind === 'query') counts.queries += 1;
      else if (line.kind === 'comment') counts.comments += 1;
      else {
        counts.invalid += 1;
        invalid.push({ id: strategy.id, line });
      }
    }
  }
  return { counts, invalid, byId };
}

describe('real published strategies', () => {
  const clef = tally(clefStrategies());
  const sysrev = tally(sysrevQueries());

  it('reads every line of the 50 CLEF strategies as a search or a heading, except one genuinely broken line', () => {
    console.log('CLEF TAR 2017:', clef.counts);
    // CD007394 line 9 is `Serology"[MeSH]`: its opening quote is missing, so the quote it has opens a phrase that never closes.
    assert.deepEqual(
      clef.invalid.map(({ id, line }) => [id, line.lineNumber, line.kind === 'invalid' ? line.error.message : '']),
      [['CD007394', 9, 'Unclosed quote']],
    );
    assert.equal(clef.counts.lines, clef.counts.queries + clef.counts.comments + clef.counts.invalid);
  });

  it('reads every one of the 40 seed-collection queries as a single PubMed search', () => {
    console.log('sysrev seed collection:', sysrev.counts);
    assert.deepEqual(sysrev.invalid.map(({ id, line }) => [id, line.kind === 'invalid' ? line.error : null]), []);
    for (const [id, lines] of sysrev.byId) assert.deepEqual([id, lines.map((l) => [l.kind, l.kind === 'query' ? l.query.dialect : null])], [id, [['query', 'pubmed']]]);
  });

  it('keeps the headings between searches and passes a heading label on to the search under it (CD007431)', () => {
    const lines = clef.byId.get('CD007431') ?? [];
    const summary = lines.map((l) => (l.kind === 'comment' ? `comment: ${l.text}` : `${l.label ?? '-'}`));
    assert.deepEqual(summary, [
      'comment: 1 Index test: tests performed during physical examination',
      '1a',
      '1b',
      'comment: 2 Population: low-back pain and anatomical location',
      '2a',
      '2b',
      'comment: 3 Target condition: lumbar radiculopathy',
      '3',
      'comment: 4 Methodological filter (primary diagnostic studies)',
      '4a',
      '4b',
      '4c',
      'comment: 5. Exclusion criteria: children, reviews, case reports, animal studies',
      '5',
      'comment: Searches (combinations)',
      'A',
      'B',
      'C',
      'D',
      'Final search',
    ]);
  });

  it('reads every Ovid strategy line by line in the Ovid dialect, with its numbered combinations as line references', () => {
    const lines = clef.byId.get('CD008803') ?? [];
    assert.equal(lines.length, 41);
    assert.ok(lines.every((l) => l.kind === 'query' && l.query.dialect === 'ovid'));
    const last = lines[38];
    assert.deepEqual(last?.kind === 'query' ? last.query.root : null, {
      kind: 'not',
      include: { kind: 'lineRef', label: '35', span: { start: 0, end: 2 } },
      exclude: { kind: 'lineRef', label: '38', span: { start: 7, end: 9 } },
      span: { start: 0, end: 9 },
    });
  });
});
