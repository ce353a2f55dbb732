/**
 * Formatted references in Vancouver, Harvard and APA, as plain text or HTML, through citation-js and
 * citeproc-js. The three CSL styles and the en-US locale ship inside `@citation-js/plugin-csl` (styles from
 * the Citation Style Language project, https://citationstyles.org, CC BY-SA 3.0: "Vancouver", "Cite Them
 * Right 11th edition - Harvard" and "American Psychological Association 7th edition"); nothing is fetched.
 * The records go in as CSL data straight to the output plugin, so citation-js's input parsers (the only
 * part of it that can reach the network, for DOIs and URLs) never run.
 */
import core from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { BibRecord } from '../bib-record.js';
import { toCslItem } from './csl-item.js';
import type { ExportFormat, ExportRecord, RecordWriter } from './export-format.js';

/** The reference styles khub offers. */
export type CitationStyle = 'vancouver' | 'harvard' | 'apa';
/** Plain text, or HTML with everything but CSL's inline markup escaped. */
export type CitationMarkup = 'text' | 'html';

const STYLES: Readonly<Record<CitationStyle, { template: string; label: string }>> = {
  vancouver: { template: 'vancouver', label: 'Vancouver' },
  harvard: { template: 'harvard1', label: 'Harvard (Cite Them Right)' },
  apa: { template: 'apa', label: 'APA 7th edition' },
};

/** Each record is formatted alone: a batch would let the style add 2018a/2018b letters that depend on the batch. */
function formatOne(record: BibRecord, style: CitationStyle, markup: CitationMarkup, number: number): string {
  // PubMed titles end with a full stop, and styles add their own punctuation after the title. The URL is
  // left out: APA and Harvard print the DOI themselves, and Vancouver would mark the article "[Internet]".
  const { URL: _url, ...item } = { ...toCslItem(record, `ref${number}`), title: record.title.replace(/(?<!\.)\.$/, '') };
  const entries = core.plugins.output.format('bibliography', [item], { template: STYLES[style].template, format: markup, lang: 'en-US', nosort: true, asEntryArray: true });
  return entries[0]?.[1] ?? '';
}

/**
 * One record as a reference; `number` is its place in a numbered (Vancouver) list.
 *
 * ### Examples
 * formatReference(record, 'vancouver', 'text', 3) // "3. O'Byrne PM, FitzGerald JM, … N Engl J Med. 2018 May 17;378(20):1865–76."
 */
export function formatReference(record: BibRecord, style: CitationStyle, markup: CitationMarkup, number = 1): string {
  const entry = formatOne(record, style, markup, number);
  if (markup === 'html') return `${entry.replace(/(<div class="csl-left-margin">)\d+\./, `$1${number}.`).trim()}\n`;
  return `${entry.replace(/^\s*\d+\.\s+/, `${number}. `).trim()}\n`;
}

function htmlStart(style: CitationStyle): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>References (${STYLES[style].label})</title>\n</head>\n<body>\n<div class="csl-bib-body">\n`;
}

/** A writer of references, numbered from 1 in record order; HTML output is a complete page. */
export function referenceWriter(style: CitationStyle, markup: CitationMarkup): RecordWriter {
  return async function* (records: AsyncIterable<ExportRecord>) {
    if (markup === 'html') yield htmlStart(style);
    let number = 0;
    for await (const record of records) {
      number += 1;
      yield formatReference(record, style, markup, number);
    }
    if (markup === 'html') yield '</div>\n</body>\n</html>\n';
  };
}

/** The six reference formats: `vancouver`, `harvard`, `apa` as text, and each with `-html`. */
export const referenceFormats: readonly ExportFormat[] = (['vancouver', 'harvard', 'apa'] as const).flatMap((style) => [
  { id: style, label: `${STYLES[style].label} references (text)`, contentType: 'text/plain; charset=utf-8', extension: 'txt', write: referenceWriter(style, 'text') },
  { id: `${style}-html`, label: `${STYLES[style].label} references (HTML)`, contentType: 'text/html; charset=utf-8', extension: 'html', write: referenceWriter(style, 'html') },
]);
