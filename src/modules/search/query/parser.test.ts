import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialect } from './ast.js';
import { parseQuery } from './parser.js';
import { printCanonical } from './print-canonical.js';

/** How a query was read, as the canonical form shows it to the searcher. */
const read = (query: string, dialect?: Dialect) => printCanonical(parseQuery(query, { dialect }).root).text;
const dialectOf = (query: string) => parseQuery(query).dialect;

describe('parseQuery: precedence per dialect', () => {
  const cases: [string, string][] = [
    // PubMed: left to right, no precedence (NLM's salmonella example).
    ['salmonella[tiab] AND hamburger[tiab] OR eggs[tiab]', '((salmonella[fields:title,abstract,keywords] AND hamburger[fields:title,abstract,keywords]) OR eggs[fields:title,abstract,keywords])'],
    ['a[ti] OR b[ti] AND c[ti]', '((a[fields:title] OR b[fields:title]) AND c[fields:title])'],
    ['a[ti] NOT b[ti] OR c[ti]', '((a[fields:title] NOT b[fields:title]) OR c[fields:title])'],
    // Ovid: AND before NOT before OR (the CIAP example).
    ['children.ti. OR adolescents.ti. AND obesity.ti.', '(children[fields:title] OR (adolescents[fields:title] AND obesity[fields:title]))'],
    ['a.ti. not b.ti. and c.ti.', '(a[fields:title] NOT (b[fields:title] AND c[fields:title]))'],
    ['a.ti. or b.ti. not c.ti.', '(a[fields:title] OR (b[fields:title] NOT c[fields:title]))'],
    // khub (no markers) reads like Ovid.
    ['children OR adolescents AND obesity', '(children OR (adolescents AND obesity))'],
    ['a NOT b NOT c', '((a NOT b) NOT c)'],
    ['a or (b or c) or d', '(a OR b OR c OR d)'],
  ];
  for (const [query, expected] of cases) it(query, () => assert.equal(read(query), expected));
});

describe('parseQuery: words, phrases and adjacency', () => {
  const cases: [string, string][] = [
    ['heart attack', '(heart AND attack)'],
    ['"heart attack"', '"heart attack"'],
    ['\u201cheart attack\u201d', '"heart attack"'],
    ['"Practice Patterns, Physicians\u201d[Mesh]', '"Practice Patterns, Physicians"[mh]'],
    ['heart attack.ti.', '"heart attack"[fields:title]'],
    ['back pain[mesh]', '"back pain"[mh]'],
    ['liver function test[tiab]', '"liver function test"[fields:title,abstract,keywords]'],
    ['likelihood ratio*[tw]', '"likelihood ratio*"[fields:title,abstract,keywords,meshWords,publicationTypes]'],
    ['sepsis "septic shock" fluid therapy[tiab]', '(sepsis AND "septic shock" AND "fluid therapy"[fields:title,abstract,keywords])'],
    ['Atonic[tiab] Impaired[tiab]', '(Atonic[fields:title,abstract,keywords] AND Impaired[fields:title,abstract,keywords])'],
    ['"Autopsy"[tiab]', 'Autopsy[fields:title,abstract,keywords]'],
  ];
  for (const [query, expected] of cases) it(query, () => assert.equal(read(query), expected));
});

describe('parseQuery: truncation and wildcards', () => {
  it('reads *, $, $N, #, ? and Ovid : into pattern parts', () => {
    const parts = (query: string) => {
      const root = parseQuery(query).root;
      return root.kind === 'term' ? root.word.parts : null;
    };
    assert.deepEqual(parts('therap*'), [{ kind: 'literal', text: 'therap' }, { kind: 'any', max: null }]);
    assert.deepEqual(parts('therap$.tw.'), [{ kind: 'literal', text: 'therap' }, { kind: 'any', max: null }]);
    assert.deepEqual(parts('node$1.tw.'), [{ kind: 'literal', text: 'node' }, { kind: 'any', max: 1 }]);
    assert.deepEqual(parts('wom#n'), [{ kind: 'literal', text: 'wom' }, { kind: 'one' }, { kind: 'literal', text: 'n' }]);
    assert.deepEqual(parts('colo?r'), [{ kind: 'literal', text: 'colo' }, { kind: 'optional' }, { kind: 'literal', text: 'r' }]);
    assert.deepEqual(parts('diagnos:.mp.'), [{ kind: 'literal', text: 'diagnos' }, { kind: 'any', max: null }]);
    assert.deepEqual(parts('covid:19'), [{ kind: 'literal', text: 'covid:19' }]);
    assert.deepEqual(parts('a\\*b'), [{ kind: 'literal', text: 'a*b' }]);
  });
});

describe('parseQuery: PubMed tags', () => {
  const cases: [string, string][] = [
    ['heart[TIAB]', 'heart[fields:title,abstract,keywords]'],
    ['heart[Title/Abstract]', 'heart[fields:title,abstract,keywords]'],
    ['heart[mesh ]', '"heart"[mh]'],
    ['exp Child [mesh]', '"Child"[mh]'],
    ['Rupture [mh:noexp]', '"Rupture"[mh:noexp]'],
    ['diagnosis[mesh:noexp]', '"diagnosis"[mh:noexp]'],
    ['"Masks/adverse effects"[MAJR]', '"Masks/adverse effects"[majr]'],
    ['asthma/dt[mh]', '"asthma/dt"[mh]'],
    ['heart[all]', 'heart[fields:title,abstract,keywords,meshWords,publicationTypes,authors,journal,language]'],
    ['heart[ot]', 'heart[fields:keywords]'],
    ['smith j[au]', '"smith j"[au]'],
    ['smith*[1au]', '"smith*"[1au]'],
    ['"Cochrane Database Syst Rev"[jour]', '"Cochrane Database Syst Rev"[ta]'],
    ['english[la]', '"english"[la]'],
    ['randomized controlled trial[pt]', '"randomized controlled trial"[pt]'],
    ['drug therapy[sh]', '"drug therapy"[sh]'],
    ['12345678[pmid]', '"12345678"[pmid]'],
    ['10.1000/xyz[doi]', '"10.1000/xyz"[doi]'],
    ['2015:2024[dp]', '2015:2024[dp]'],
    ['2015/01/01:2024/12/31[dp]', '2015/01/01:2024/12/31[dp]'],
    ['2019[pdat]', '2019[dp]'],
    ['"hip pain"[tiab:~3]', '(hip NEAR/3 pain)[fields:title,abstract,keywords]'],
    ['"COVID-19"[Supplementary Concept]', 'COVID-19[fields:meshWords]'],
    ['#3 AND #1a', '(#3 AND #1a)'],
  ];
  for (const [query, expected] of cases) it(query, () => assert.equal(read(query), expected));
});

describe('parseQuery: Ovid syntax', () => {
  const cases: [string, string][] = [
    ['exp Dementia/', '"Dementia"[mh]'],
    ['Dementia/', '"Dementia"[mh:noexp]'],
    ['*Dementia/', '"Dementia"[majr:noexp]'],
    ['exp *Dementia/dt', '"Dementia/dt"[majr]'],
    ['Lasers/du [Diagnostic Use]', '"Lasers/du"[mh:noexp]'],
    ['Fractures, Bone/di, ra, ri [Diagnosis, Radiography, Radionuclide Imaging]', '"Fractures, Bone/di/ra/ri"[mh:noexp]'],
    ['exp "sensitivity and specificity"/', '"sensitivity and specificity"[mh]'],
    ['(a or b).ti,ab.', '(a[fields:title,abstract] OR b[fields:title,abstract])'],
    ['kala-azar.ti,ab', 'kala-azar[fields:title,abstract]'],
    ['(Xpert or (near* patient)). tw.', '(Xpert[fields:title,abstract] OR "near* patient"[fields:title,abstract])'],
    ['heart.ti. ab .', 'heart[fields:title,abstract]'],
    ['heart.tw,ot.', 'heart[fields:title,abstract]'],
    ['heart.mp. [mp=title, abstract, original title]', 'heart[fields:title,abstract,keywords,meshWords]'],
    ['dt.fs.', '"dt"[sh]'],
    ['(cf or bl).fs.', '("cf"[sh] OR "bl"[sh])'],
    ['Humans.sh.', '"Humans"[mh:noexp]'],
    ['case reports.pt.', '"case reports"[pt]'],
    ['Crenshaw A$.au.', '"Crenshaw A*"[au]'],
    ['2015.yr.', '2015[dp]'],
    ['(2012* or 2013*).ed.', '(2012[edat] OR 2013[edat])'],
    ['optic adj2 nerve$ adj2 head', '(optic NEAR/1 nerve* NEAR/1 head)'],
    ['(retinal adj nerve) adj5 fibre', '((retinal NEAR/0 nerve) NEAR/4 fibre)'],
    ['((a or b) adj3 c).tw.', '((a OR b) NEAR/2 c)[fields:title,abstract]'],
    ['or/1-3,5', '(#1 OR #2 OR #3 OR #5)'],
    ['and/3,4', '(#3 AND #4)'],
    ['1 or 2 or ICH.tw.', '(#1 OR #2 OR ICH[fields:title,abstract])'],
    ['trisomy 21.mp.', '"trisomy 21"[fields:title,abstract,keywords,meshWords]'],
    ['"interleukin 2".tw. or 2', '("interleukin 2"[fields:title,abstract] OR #2)'],
    ['exp glaucoma/ (442)', '"glaucoma"[mh]'],
    ['limit 6 to (english language and humans and yr="2015-2024")', 'limit (#6) to (la="english" and humans and yr="2015-2024")'],
    ['limit 27 to ed=19460101-20160719', 'limit (#27) to (ed="1946/01/01-2016/07/19")'],
    ['limit 31 to "reviews (maximizes specificity)"', 'limit (#31) to (filter="reviews (maximizes specificity)")'],
    ['limit 1 to yr="2007 -Current"', 'limit (#1) to (yr="2007-current")'],
  ];
  for (const [query, expected] of cases) it(query, () => assert.equal(read(query), expected));
});

describe('parseQuery: dialect detection', () => {
  const cases: [string, Dialect][] = [
    ['heart[tiab]', 'pubmed'],
    ['#1 AND #2', 'pubmed'],
    ['heart.ti.', 'ovid'],
    ['exp heart/', 'ovid'],
    ['heart adj3 attack', 'ovid'],
    ['therap$', 'ovid'],
    ['or/1-5', 'ovid'],
    ['1 and 2', 'ovid'],
    ['heart attack', 'khub'],
    ['A or B or C', 'khub'],
    // Mixed: the majority of markers wins (CLEF CD008643 writes `exp Child [mesh]`), the first breaks a tie.
    ['(exp Child [mesh] OR exp Infant [mesh]) NOT Adolescent [mesh]', 'pubmed'],
    ['heart.ti. OR attack[ti]', 'ovid'],
  ];
  for (const [query, dialect] of cases) it(`${query} → ${dialect}`, () => assert.equal(dialectOf(query), dialect));

  it('lets the caller force the dialect', () => {
    assert.equal(read('a OR b AND c', 'pubmed'), '((a OR b) AND c)');
    assert.equal(read('heart attack', 'ovid'), '"heart attack"');
  });
});

describe('parseQuery: line references and numbers', () => {
  const cases: [string, string][] = [
    ['1a and (2a or 3) not 5', '((#1a AND (#2a OR #3)) NOT #5)'],
    ['A or B or C or D', '(#A OR #B OR #C OR #D)'],
    ['#1 OR #2 OR 6', '(#1 OR #2 OR #6)'],
    ['covid 19', '(covid AND "19")'],
    ['heart AND 19', '(heart AND "19")'],
  ];
  for (const [query, expected] of cases) it(query, () => assert.equal(read(query), expected));
});

describe('parseQuery: spans', () => {
  it('records where every node came from', () => {
    const root = parseQuery('(heart[tiab] OR "heart attack") AND exp Dementia/').root;
    assert.equal(root.kind, 'and');
    if (root.kind !== 'and') return;
    assert.deepEqual(root.span, { start: 0, end: 49 });
    const [group, heading] = root.children;
    assert.deepEqual(group?.span, { start: 0, end: 31 });
    assert.deepEqual(heading?.span, { start: 36, end: 49 });
    assert.deepEqual(group?.kind === 'or' ? group.children.map((c) => c.span) : [], [{ start: 1, end: 12 }, { start: 16, end: 30 }]);
  });
});
