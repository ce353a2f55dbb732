/**
 * The HTML part of the alert email: the same content as the plain text, in real headings, lists and
 * links so that screen readers can move through it, with no images, no remote styles and no tracking.
 * Every value is escaped: titles and names come from imported records and from members.
 */
import type { FilterLabel } from './filter-labels.js';

/** One new record as the email lists it. */
export interface ListedRecord {
  readonly title: string;
  readonly authors: string;
  /** Journal and year. */
  readonly source: string;
  readonly url: string;
}

/** What both parts of the email say. */
export interface AlertEmailContent {
  readonly subject: string;
  readonly name: string;
  /** "2 new records match your saved search “Asthma” since 3 March 2026." */
  readonly summary: string;
  readonly query: string;
  readonly filters: readonly FilterLabel[];
  readonly records: readonly ListedRecord[];
  /** New records not listed (beyond the cap), reached through the search's link. */
  readonly more: number;
  readonly searchUrl: string;
  readonly manageUrl: string;
  readonly unsubscribeUrl: string;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in an element or a double-quoted attribute. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;

function recordItem(record: ListedRecord): string {
  const details = [record.authors, record.source].filter(Boolean).map((line) => `<br>${escapeHtml(line)}`).join('');
  return `<li style="margin-bottom:16px">${link(record.url, record.title)}${details}</li>`;
}

function searchDetails(content: AlertEmailContent): string {
  const filters = content.filters.map((filter) => `<dt style="font-weight:bold">${escapeHtml(filter.title)}</dt><dd style="margin:0 0 8px 0">${escapeHtml(filter.values.join(' or '))}</dd>`);
  return `<dl><dt style="font-weight:bold">Search</dt><dd style="margin:0 0 8px 0"><code>${escapeHtml(content.query)}</code></dd>${filters.join('')}</dl>`;
}

/** The HTML document for the email. */
export function alertEmailHtml(content: AlertEmailContent): string {
  const more = content.more > 0 ? `<p>…and ${content.more} more. ${link(content.searchUrl, 'See them all on khub')}</p>` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#212b32;margin:0;padding:16px">',
    `<h1 style="font-size:24px">New records for “${escapeHtml(content.name)}”</h1>`,
    `<p>${escapeHtml(content.summary)}</p>`,
    '<h2 style="font-size:20px">Your saved search</h2>',
    searchDetails(content),
    '<h2 style="font-size:20px">New records</h2>',
    `<ol>${content.records.map(recordItem).join('')}</ol>`,
    more,
    '<h2 style="font-size:20px">Your alert</h2>',
    '<ul>',
    `<li>${link(content.searchUrl, 'Run the search on khub')}</li>`,
    `<li>${link(content.manageUrl, 'Change how often you get this email, or delete the search')}</li>`,
    `<li>${link(content.unsubscribeUrl, 'Stop these emails')} (no need to sign in)</li>`,
    '</ul>',
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}
