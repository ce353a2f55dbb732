/** The alert email: the new records (title, authors, journal, year, link), and how to stop it. */
import type { MailMessage } from '../../../platform/mail/mail.schema.js';
import type { StoredRecord } from '../../records/index.js';
import { authorList, journalName } from '../web/result-item.view.js';
import type { SavedSearch } from './saved-search.service.js';
import { describeFilters, savedSearchHref } from './saved-search.view.js';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** A subject holds at most 200 characters (mail.schema.ts); long names are cut. */
const SUBJECT_NAME_LENGTH = 120;

export function alertSubject(name: string): string {
  const shown = name.length > SUBJECT_NAME_LENGTH ? `${name.slice(0, SUBJECT_NAME_LENGTH - 1)}…` : name;
  return `New records for your saved search “${shown}”`;
}

function recordLines(record: StoredRecord, position: number, baseUrl: string): string[] {
  const source = [journalName(record), record.publicationDate.year === null ? '' : String(record.publicationDate.year)].filter(Boolean).join('. ');
  return [
    `${position}. ${record.title || '[No title]'}`,
    ...[authorList(record.authors), source].filter(Boolean).map((line) => `   ${line}`),
    `   ${baseUrl}/records/${record.id}`,
    '',
  ];
}

export interface AlertEmail {
  readonly to: string;
  readonly search: SavedSearch;
  readonly total: number;
  readonly records: readonly StoredRecord[];
  readonly baseUrl: string;
  readonly unsubscribeUrl: string;
  readonly now: Date;
}

/**
 * The email for one run that found new records. Every link sits on a line of its own, so any mail
 * client makes it clickable.
 */
export function searchAlertEmail(email: AlertEmail): MailMessage {
  const { search, total, records, baseUrl } = email;
  const filters = describeFilters(search.filters, email.now);
  const since = search.lastRunAt ? `since ${dateFormat.format(new Date(search.lastRunAt))}` : 'since you saved it';
  const more = total > records.length ? [`…and ${total - records.length} more. See them all on khub:`, `${baseUrl}${savedSearchHref(search)}`, ''] : [];
  const text = [
    `${total === 1 ? '1 new record matches' : `${total} new records match`} your saved search “${search.name}” ${since}.`,
    '',
    `Search: ${search.query}`,
    ...(filters ? [`Filters: ${filters}`] : []),
    '',
    ...records.flatMap((record, index) => recordLines(record, index + 1, baseUrl)),
    ...more,
    'Run the search on khub:',
    `${baseUrl}${savedSearchHref(search)}`,
    '',
    'Change how often you get this email, or delete the search:',
    `${baseUrl}/search/alerts`,
    '',
    'Stop these emails (no need to sign in):',
    email.unsubscribeUrl,
  ].join('\n');
  return { to: email.to, subject: alertSubject(search.name), text };
}
