import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abstractSections } from './abstract-sections.js';

const labels = (text: string) => abstractSections(text).map((s) => [s.label, s.nlmCategory, s.text]);

describe('structured abstracts printed as one text (NLM structured abstract labels)', () => {
  it('splits on known labels in capitals and maps them to NLM categories', () => {
    assert.deepEqual(labels('BACKGROUND: Why. MATERIALS AND METHODS: How. RESULTS: What. CONCLUSIONS: So.'), [
      ['BACKGROUND', 'BACKGROUND', 'Why.'], ['MATERIALS AND METHODS', 'METHODS', 'How.'], ['RESULTS', 'RESULTS', 'What.'], ['CONCLUSIONS', 'CONCLUSIONS', 'So.'],
    ]);
  });

  it('splits labels in title case and Embase\'s "(s)" forms, and drops the comma Ovid puts after a section', () => {
    assert.deepEqual(labels('Background: Why., Method(s): How. Conclusion(s): So.'), [
      ['Background', 'BACKGROUND', 'Why.'], ['Method(s)', 'METHODS', 'How.'], ['Conclusion(s)', 'CONCLUSIONS', 'So.'],
    ]);
  });

  it('gives none for an unstructured abstract, or one that does not start with a label', () => {
    assert.deepEqual(labels('We studied patients in the USA: all of them. RESULTS: were good.'), []);
    assert.deepEqual(labels('Patients improved. Methods were simple.'), []);
    assert.deepEqual(abstractSections(null), []);
  });

  it('does not split on a label that does not follow the end of a sentence', () => {
    assert.deepEqual(labels('OBJECTIVE: To compare the RESULTS: of two trials. METHODS: Review.').map(([label]) => label), ['OBJECTIVE', 'METHODS']);
  });
});
