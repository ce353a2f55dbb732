/**
 * Staffed opening hours: spans of time per weekday, and the compact text people write them in
 * (`Mon-Fri 08:30-17:00; Sat 09:00-12:00`), used by the CSV layout, the API and the edit form.
 */

/** ISO 8601 weekday numbers: 1 is Monday, 7 is Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAYS: readonly { readonly number: Weekday; readonly short: string; readonly long: string }[] = [
  { number: 1, short: 'Mon', long: 'Monday' },
  { number: 2, short: 'Tue', long: 'Tuesday' },
  { number: 3, short: 'Wed', long: 'Wednesday' },
  { number: 4, short: 'Thu', long: 'Thursday' },
  { number: 5, short: 'Fri', long: 'Friday' },
  { number: 6, short: 'Sat', long: 'Saturday' },
  { number: 7, short: 'Sun', long: 'Sunday' },
];

/** One staffed span on one weekday, times as `HH:MM` in UK local time; `closes` may be `24:00`. */
export interface OpeningSpan {
  readonly weekday: Weekday;
  readonly opens: string;
  readonly closes: string;
}

export type HoursResult = { readonly ok: true; readonly spans: OpeningSpan[] } | { readonly ok: false; readonly message: string };

const EXAMPLE = 'like Mon-Fri 08:30-17:00; Sat 09:00-12:00';

class HoursSyntaxError extends Error {}

/** `mon`, `Tues`, `thursday`: any start of a day's name of two letters or more. */
function readDay(text: string): Weekday {
  const word = text.trim().toLowerCase();
  const day = word.length >= 2 ? WEEKDAYS.find((d) => d.long.toLowerCase().startsWith(word)) : undefined;
  if (!day) throw new HoursSyntaxError(`"${text.trim()}" is not a day: write Mon, Tue, Wed, Thu, Fri, Sat or Sun`);
  return day.number;
}

function readDays(text: string): Weekday[] {
  const days = new Set<Weekday>();
  for (const part of text.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (from === undefined || from.trim() === '' || rest.length > 0) throw new HoursSyntaxError(`"${part.trim()}" is not a day or a range of days, like Mon-Fri`);
    const first = readDay(from);
    const last = to === undefined ? first : readDay(to);
    if (last < first) throw new HoursSyntaxError(`"${part.trim()}": write a range of days in week order, from Mon to Sun`);
    for (let d = first; d <= last; d += 1) days.add(d as Weekday);
  }
  return [...days];
}

/** `8:30`, `08:30` or `08.30` → `08:30`; `24:00` only where a span closes. */
function readTime(text: string, closing: boolean): string {
  const [, hourText, minuteText] = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim()) ?? [];
  const [hour, minute] = [Number(hourText), Number(minuteText)];
  const valid = hourText !== undefined && minute < 60 && (hour < 24 || (closing && hour === 24 && minute === 0));
  if (!valid) throw new HoursSyntaxError(`"${text.trim()}" is not a time: use the 24-hour clock, like 08:30 or 17:00`);
  return `${String(hour).padStart(2, '0')}:${minuteText}`;
}

function readSpans(text: string, weekdays: readonly Weekday[]): OpeningSpan[] {
  const spans: OpeningSpan[] = [];
  for (const part of text.split(',')) {
    const [opensText, closesText, ...rest] = part.split('-');
    if (opensText === undefined || closesText === undefined || rest.length > 0) throw new HoursSyntaxError(`"${part.trim()}" is not a span of time, like 08:30-17:00`);
    const opens = readTime(opensText, false);
    const closes = readTime(closesText, true);
    if (closes <= opens) throw new HoursSyntaxError(`"${part.trim()}": the closing time must be after the opening time (past midnight, write two spans)`);
    for (const weekday of weekdays) spans.push({ weekday, opens, closes });
  }
  return spans;
}

function byDayAndTime(a: OpeningSpan, b: OpeningSpan): number {
  return a.weekday - b.weekday || (a.opens < b.opens ? -1 : a.opens > b.opens ? 1 : 0);
}

function checkNoOverlap(spans: readonly OpeningSpan[]): void {
  for (let i = 1; i < spans.length; i += 1) {
    const [previous, span] = [spans[i - 1], spans[i]];
    if (previous && span && previous.weekday === span.weekday && span.opens < previous.closes) {
      const day = WEEKDAYS[span.weekday - 1]?.short;
      throw new HoursSyntaxError(`${day} ${previous.opens}-${previous.closes} and ${span.opens}-${span.closes} overlap`);
    }
  }
}

/** Dashes people paste from documents become hyphens; spaces around separators do not matter. */
function tidy(text: string): string {
  return text.replace(/[\u2012-\u2015\u2212]/g, '-').replace(/\s*-\s*/g, '-').replace(/\s*,\s*/g, ',').trim();
}

function attempt(read: () => OpeningSpan[]): HoursResult {
  try {
    const spans = read().sort(byDayAndTime);
    checkNoOverlap(spans);
    return { ok: true, spans };
  } catch (error) {
    if (error instanceof HoursSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Reads the compact syntax: entries separated by `;` (or new lines), each days then spans. Days are
 * names or ranges joined by commas; spans are `HH:MM-HH:MM` joined by commas. Empty text (or `closed`)
 * means no staffed hours.
 *
 * ### Examples
 * parseOpeningHours('Mon-Fri 08:30-12:30, 13:30-17:00; Sat 09:00-12:00')
 * // { ok: true, spans: [{ weekday: 1, opens: '08:30', closes: '12:30' }, …, { weekday: 6, opens: '09:00', closes: '12:00' }] }
 * parseOpeningHours('Mon-Fri 9-5')  // { ok: false, message: '"9" is not a time: use the 24-hour clock, like 08:30 or 17:00' }
 */
export function parseOpeningHours(text: string): HoursResult {
  return attempt(() => {
    const spans: OpeningSpan[] = [];
    for (const raw of tidy(text).split(/[;\n]/)) {
      const entry = raw.trim();
      if (entry === '' || entry.toLowerCase() === 'closed') continue;
      const match = /^([^\d]+?)[\s:]*(\d.*)$/.exec(entry);
      if (!match?.[1] || !match[2]) throw new HoursSyntaxError(`"${entry}": write the days and then the times, ${EXAMPLE}`);
      spans.push(...readSpans(match[2], readDays(match[1])));
    }
    return spans;
  });
}

/** Reads one day's spans as the edit form takes them (`08:30-12:30, 13:30-17:00`; empty means closed). */
export function parseDaySpans(text: string, weekday: Weekday): HoursResult {
  return attempt(() => {
    const trimmed = tidy(text);
    return trimmed === '' || trimmed.toLowerCase() === 'closed' ? [] : readSpans(trimmed, [weekday]);
  });
}

/** One day's spans as text (`08:30-12:30, 13:30-17:00`), or '' when it has none. */
export function formatDaySpans(spans: readonly OpeningSpan[], weekday: Weekday): string {
  return spans
    .filter((s) => s.weekday === weekday)
    .sort(byDayAndTime)
    .map((s) => `${s.opens}-${s.closes}`)
    .join(', ');
}

/**
 * Writes spans in the compact syntax, joining neighbouring days with the same hours into a range,
 * so that `parseOpeningHours(formatOpeningHours(spans))` gives the same spans back.
 */
export function formatOpeningHours(spans: readonly OpeningSpan[]): string {
  const entries: string[] = [];
  let run: { first: Weekday; last: Weekday; times: string } | undefined;
  const flush = () => {
    if (!run) return;
    const days = run.first === run.last ? WEEKDAYS[run.first - 1]?.short : `${WEEKDAYS[run.first - 1]?.short}-${WEEKDAYS[run.last - 1]?.short}`;
    entries.push(`${days} ${run.times}`);
    run = undefined;
  };
  for (const { number } of WEEKDAYS) {
    const times = formatDaySpans(spans, number);
    if (times !== '' && run && run.times === times && run.last === number - 1) run.last = number;
    else {
      flush();
      if (times !== '') run = { first: number, last: number, times };
    }
  }
  flush();
  return entries.join('; ');
}
