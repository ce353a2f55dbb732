import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuerySyntaxError, formatWithCaret } from './errors.js';
import { parseQuery } from './parser.js';

function errorOf(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`${query} parsed`);
}

describe('syntax errors: where and what to do', () => {
  const cases: [string, { message: string; hint: string | null; offset: number; line: number; column: number }][] = [
    ['heart AND (attack OR stroke', { message: 'Unclosed bracket opened at column 11', hint: 'Add a ) to close it.', offset: 10, line: 1, column: 11 }],
    ['heart) OR stroke', { message: 'Unmatched ) at column 6', hint: 'Remove it, or add the ( it closes.', offset: 5, line: 1, column: 6 }],
    ['heart[tiabx]', { message: 'Unknown field tag [tiabx]', hint: 'Did you mean [tiab]?', offset: 5, line: 1, column: 6 }],
    ['heart[Titel]', { message: 'Unknown field tag [Titel]', hint: 'Did you mean [title]?', offset: 5, line: 1, column: 6 }],
    ['heart AND', { message: 'Nothing after AND', hint: 'Add a search after AND, or remove it.', offset: 6, line: 1, column: 7 }],
    ['heart AND OR attack', { message: 'Nothing between AND and OR', hint: 'Remove one of the operators, or put a search between them.', offset: 10, line: 1, column: 11 }],
    ['OR heart', { message: 'OR has nothing before it', hint: 'Put a search before OR, or remove it.', offset: 0, line: 1, column: 1 }],
    ['"heart attack', { message: 'Unclosed quote', hint: 'Add a closing " after the phrase, or remove the stray quote.', offset: 0, line: 1, column: 1 }],
    ['heart AND ()', { message: 'Empty brackets', hint: 'Put a search between ( and ), or remove them.', offset: 10, line: 1, column: 11 }],
    ['heart[tiab', { message: 'Unclosed [ opened at column 6', hint: 'Close the field tag with ], like [tiab].', offset: 5, line: 1, column: 6 }],
    ['heart\nOR (attack', { message: 'Unclosed bracket opened at column 4', hint: 'Add a ) to close it.', offset: 9, line: 2, column: 4 }],
    ['therap*[mh]', { message: 'Subject heading "therap*" has a wildcard', hint: 'Headings are matched whole: remove the truncation, or search the words with [tiab] or .ti,ab. instead.', offset: 0, line: 1, column: 1 }],
    ['exp heart', { message: 'exp only applies to subject headings', hint: 'Write exp Heading/ (Ovid) or Heading[mh] (PubMed).', offset: 0, line: 1, column: 1 }],
    ['heart adj100 attack', { message: 'adj100 is not a distance Ovid allows', hint: 'Use adj1 to adj99: adj3 means within three words, in any order.', offset: 6, line: 1, column: 7 }],
    ['(1 or 2).ti.', { message: 'A field cannot apply to line 1', hint: 'To search for the number, quote it: "1".', offset: 1, line: 1, column: 2 }],
    ['', { message: 'The query is empty', hint: 'Type a word, a phrase in quotes or a field-tagged search such as asthma[mh].', offset: 0, line: 1, column: 1 }],
    ['2015:20x4[dp]', { message: '"20x4" is not a date', hint: 'Write dates as YYYY, YYYY/MM or YYYY/MM/DD; ranges as 2015:2024[dp].', offset: 0, line: 1, column: 1 }],
  ];
  for (const [query, expected] of cases) {
    it(JSON.stringify(query), () => assert.deepEqual(errorOf(query).toDetails(), expected));
  }

  it('is a QuerySyntaxError with a stable code', () => {
    const error = errorOf('heart AND');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'QuerySyntaxError');
    assert.equal(error.code, 'query_syntax_error');
  });
});

describe('formatWithCaret', () => {
  it('prints the line, a caret under the column, the message and the hint', () => {
    const source = 'asthma[mh] AND heart[tiabx]';
    assert.equal(formatWithCaret(source, errorOf(source).toDetails()), ['asthma[mh] AND heart[tiabx]', '                    ^', 'Unknown field tag [tiabx]', 'hint: Did you mean [tiab]?'].join('\n'));
  });

  it('points into the right line of a multi-line query, keeping tabs so the caret lines up', () => {
    const source = 'heart\n\t(attack OR';
    assert.equal(formatWithCaret(source, errorOf(source).toDetails()), ['\t(attack OR', '\t        ^', 'Nothing after OR', 'hint: Add a search after OR, or remove it.'].join('\n'));
  });
});
