/**
 * Publication dates as the text formats print them: MEDLINE's `DP` ("2017 Mar 15", "2016 Winter",
 * "1998 Dec-1999 Jan") and RIS's `PY`/`Y1`/`DA` ("2019///", "2019/03/15/", "Sep 14"). A plain date fills
 * year, month and day; anything else keeps its first year and the text as printed, as the PubMed XML
 * importer does with `MedlineDate` and `Season`.
 */
import type { PublicationDate } from '../bib-record.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const EMPTY: PublicationDate = { year: null, month: null, day: null, text: null };

function monthOf(token: string | undefined): number | null {
  if (!token) return null;
  if (/^\d{1,2}$/.test(token)) {
    const month = Number(token);
    return month >= 1 && month <= 12 ? month : null;
  }
  // "Mar", "March", "Sept" and "Sept." all name a month; "Marvel" does not.
  const name = token.toLowerCase().replace(/\.$/, '');
  const index = name.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(name)) : -1;
  return index >= 0 ? index + 1 : null;
}

function dayOf(token: string | undefined): number | null {
  if (!token || !/^\d{1,2}$/.test(token)) return null;
  const day = Number(token);
  return day >= 1 && day <= 31 ? day : null;
}

function yearOf(token: string | undefined): number | null {
  return token && /^\d{4}$/.test(token) ? Number(token) : null;
}

/** A date from its parts as printed, or null when a part is there but is not a month or a day. */
function fromParts(yearText: string | undefined, monthText?: string, dayText?: string): PublicationDate | null {
  const year = yearOf(yearText);
  const month = monthOf(monthText);
  const day = dayOf(dayText);
  if (year === null || (monthText !== undefined && month === null) || (dayText !== undefined && day === null)) return null;
  return { year, month, day: month === null ? null : day, text: null };
}

/** "2017", "2017 Mar", "2017 Mar 15", "2017-03-15", "March 2017", "15 March 2017": a date with nothing left over. */
function plainDate(text: string): PublicationDate | null {
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (iso) return fromParts(iso[1], iso[2], iso[3]);
  const tokens = text.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  if (tokens.length > 3) return null;
  const [first, second, third] = tokens;
  if (yearOf(first) !== null) return fromParts(first, second, third);
  // Year-last forms are how EndNote and some vendors print dates.
  if (tokens.length === 2) return fromParts(second, first);
  const monthFirst = first !== undefined && !/^\d+$/.test(first);
  return monthFirst ? fromParts(third, first, second) : fromParts(third, second, first);
}

/**
 * A date as PubMed prints it in MEDLINE's `DP`, or as any vendor prints one in free text.
 *
 * ### Examples
 * parsePublicationDate('2017 Mar 15')        → { year: 2017, month: 3, day: 15, text: null }
 * parsePublicationDate('2016 Winter')        → { year: 2016, month: null, day: null, text: '2016 Winter' }
 * parsePublicationDate('1998 Dec-1999 Jan')  → { year: 1998, month: null, day: null, text: '1998 Dec-1999 Jan' }
 */
export function parsePublicationDate(value: string | null | undefined): PublicationDate {
  const text = (value ?? '').trim().replace(/\s+/g, ' ');
  if (text === '') return EMPTY;
  const plain = plainDate(text);
  if (plain) return plain;
  const year = /(?:^|\D)(\d{4})(?!\d)/.exec(text)?.[1];
  return { year: year ? Number(year) : null, month: null, day: null, text };
}

/** RIS's "YYYY/MM/DD/other info" (any part may be empty; Zotero sometimes writes "undefined" as the last). */
function slashDate(value: string): PublicationDate {
  const [yearPart = '', monthPart = '', dayPart = '', ...otherParts] = value.split('/').map((part) => part.trim());
  const other = otherParts.join('/').replace(/^undefined$/i, '');
  const year = yearOf(yearPart);
  const month = monthOf(monthPart || undefined);
  const day = month === null ? null : dayOf(dayPart || undefined);
  return { year, month, day, text: other ? [yearPart, other].filter(Boolean).join(' ') : null };
}

/** One RIS date field: slash form when it has a slash, free text otherwise ("2019", "Sep 14", "2019 Mar"). */
export function parseRisDateField(value: string | null | undefined): PublicationDate {
  const text = (value ?? '').trim();
  if (text === '') return EMPTY;
  if (text.includes('/')) return slashDate(text);
  const monthDay = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2})$/.exec(text);
  // EndNote's DA for PubMed records is month and day only ("Apr 19"); the year is in PY.
  if (monthDay && monthOf(monthDay[1]) !== null) return { year: null, month: monthOf(monthDay[1]), day: dayOf(monthDay[2]), text: null };
  const monthOnly = monthOf(text);
  if (monthOnly !== null && !/^\d+$/.test(text)) return { year: null, month: monthOnly, day: null, text: null };
  return parsePublicationDate(text);
}

/**
 * The publication date from a RIS record's date fields: the year from `PY`, else `Y1`, else `DA`; month
 * and day from the most precise field that agrees with that year (`DA`, then `Y1`, then `PY`).
 *
 * ### Examples
 * risPublicationDate({ py: '2018', da: '2018/09/14/' })  → { year: 2018, month: 9, day: 14, text: null }
 * risPublicationDate({ py: '2017', da: 'Apr 19' })       → { year: 2017, month: 4, day: 19, text: null }
 */
export function risPublicationDate(fields: { py?: string | null; y1?: string | null; da?: string | null }): PublicationDate {
  const da = parseRisDateField(fields.da);
  const y1 = parseRisDateField(fields.y1);
  const py = parseRisDateField(fields.py);
  const year = py.year ?? y1.year ?? da.year;
  const agrees = (date: PublicationDate) => date.year === null || date.year === year;
  const precise = [da, y1, py].find((date) => agrees(date) && date.month !== null);
  const text = [py, y1, da].find((date) => agrees(date) && date.text !== null)?.text ?? null;
  if (year === null && !precise) return text === null ? EMPTY : { ...EMPTY, text };
  return { year, month: precise?.month ?? null, day: precise?.day ?? null, text };
}
