/**
 * The alert email: the new records (title, authors, journal, year, link) and how to stop it, as plain
 * text and as an HTML alternative with the same content, and with the headers (RFC 2369, RFC 8058)
 * that let mail clients offer their own one-click unsubscribe.
 */
import type { MailMessage } from '../../../platform/mail/mail.schema.js';
import type { StoredRecord } from '../../records/index.js';
import { authorList, journalName } from '../web/result-item.view.js';
import { type AlertEmailContent, type ListedRecord, alertEmailHtml } from './alert-email.html.js';
import { type FilterLabel, filtersText } from './filter-labels.js';
import type { SavedSearch } from './saved-search.service.js';
import { savedSearchHref } from './saved-search.view.js';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** A subject holds at most 200 characters (mail.schema.ts); long names are cut. */
const SUBJECT_NAME_LENGTH = 120;

export function alertSubject(name: string): string {
  const shown = name.length > SUBJECT_NAME_LENGTH ? `${name.slice(0, SUBJECT_NAME_LENGTH - 1)}…` : name;
  return `New records for your saved search “${shown}”`;
}

function listed(record: StoredRecord, baseUrl: string): ListedRecord {
  const source = [journalName(record), record.publicationDate.year === null ? '' : String(record.publicationDate.year)].filter(Boolean).join('. ');
  return { title: record.title || '[No title]', authors: authorList(record.authors), source, url: `${baseUrl}/records/${record.id}` };
}

function recordLines(record: ListedRecord, position: number): string[] {
  return [`${position}. ${record.title}`, ...[record.authors, record.source].filter(Boolean).map((line) => `   ${line}`), `   ${record.url}`, ''];
}

/** Every link on a line of its own, so any mail client makes it clickable. */
function alertEmailText(content: AlertEmailContent): string {
  const filters = filtersText(content.filters);
  const more = content.more > 0 ? [`…and ${content.more} more. See them all on khub:`, content.searchUrl, ''] : [];
  return [
    content.summary,
    '',
    `Search: ${content.query}`,
    ...(filters ? [`Filters: ${filters}`] : []),
    '',
    ...content.records.flatMap((record, index) => recordLines(record, index + 1)),
    ...more,
    'Run the search on khub:',
    content.searchUrl,
    '',
    'Change how often you get this email, or delete the search:',
    content.manageUrl,
    '',
    'Stop these emails (no need to sign in):',
    content.unsubscribeUrl,
  ].join('\n');
}

export interface AlertEmail {
  readonly to: string;
  readonly search: SavedSearch;
  /** The search's filters, named (filter-labels.ts). */
  readonly filters: readonly FilterLabel[];
  readonly total: number;
  readonly records: readonly StoredRecord[];
  readonly baseUrl: string;
  readonly unsubscribeUrl: string;
  readonly now: Date;
}

/** The email for one run that found new records. */
export function searchAlertEmail(email: AlertEmail): MailMessage {
  const { search, total, records, baseUrl } = email;
  const since = search.lastRunAt ? `since ${dateFormat.format(new Date(search.lastRunAt))}` : 'since you saved it';
  const content: AlertEmailContent = {
    subject: alertSubject(search.name),
    name: search.name,
    summary: `${total === 1 ? '1 new record matches' : `${total} new records match`} your saved search “${search.name}” ${since}.`,
    query: search.query,
    filters: email.filters,
    records: records.map((record) => listed(record, baseUrl)),
    more: Math.max(0, total - records.length),
    searchUrl: `${baseUrl}${savedSearchHref(search)}`,
    manageUrl: `${baseUrl}/search/alerts`,
    unsubscribeUrl: email.unsubscribeUrl,
  };
  return {
    to: email.to,
    subject: content.subject,
    text: alertEmailText(content),
    html: alertEmailHtml(content),
    headers: {
      'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}
