import { type OpeningSpan, WEEKDAYS, type Weekday } from './opening-hours.js';

/** Libraries keep UK hours: local time in London, GMT in winter and BST in summer. */
export const UK_TIME_ZONE = 'Europe/London';

const localParts = new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The weekday and the time of day (`HH:MM`) in the UK at an instant. */
export function ukLocalTime(instant: Date): { weekday: Weekday; time: string } {
  const parts = Object.fromEntries(localParts.formatToParts(instant).map((p) => [p.type, p.value]));
  const weekday = WEEKDAYS.find((d) => d.short === parts.weekday)?.number;
  if (!weekday) throw new Error(`unexpected weekday "${String(parts.weekday)}" from Intl`);
  return { weekday, time: `${parts.hour}:${parts.minute}` };
}

const localDateParts = new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (`YYYY-MM-DD`) in the UK at an instant: after 23:00 UTC in summer it is already tomorrow. */
export function ukLocalDate(instant: Date): string {
  const parts = Object.fromEntries(localDateParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The calendar date `days` after a `YYYY-MM-DD` date. */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

type NextOpening = { readonly weekday: Weekday; readonly opens: string; readonly today: boolean } | undefined;

/** Whether a site is staffed at an instant and, if not, when it next is. */
export type OpeningStatus =
  | { readonly state: 'open'; readonly closes: string }
  | { readonly state: 'closed'; readonly next: NextOpening }
  /** Today is a bank holiday (by its title) on which the site is closed. */
  | { readonly state: 'holiday'; readonly holiday: string; readonly next: NextOpening }
  /** No staffed hours are recorded. */
  | { readonly state: 'unknown' };

/** The title of the day off on a UK date (`YYYY-MM-DD`) when the site is closed on it (a bank holiday), else undefined. */
export type ClosedDays = (date: string) => string | undefined;

// Far enough to see past a bank holiday on a site's only staffed day of the week.
const DAYS_AHEAD = 14;

/**
 * Works out from a site's staffed spans whether it is staffed at `now` (UK time), and if not when it next
 * opens, looking up to two weeks ahead and skipping the days `closedDays` names (bank holidays). Times
 * compare as `HH:MM` text, which sorts like the clock.
 */
export function openingStatus(spans: readonly OpeningSpan[], now: Date, closedDays: ClosedDays = () => undefined): OpeningStatus {
  if (spans.length === 0) return { state: 'unknown' };
  const { weekday, time } = ukLocalTime(now);
  const date = ukLocalDate(now);
  const holiday = closedDays(date);
  const today = spans.filter((s) => s.weekday === weekday);
  if (!holiday) {
    const current = today.find((s) => s.opens <= time && time < s.closes);
    if (current) return { state: 'open', closes: current.closes };
    const laterToday = today.filter((s) => s.opens > time).sort((a, b) => (a.opens < b.opens ? -1 : 1))[0];
    if (laterToday) return { state: 'closed', next: { weekday, opens: laterToday.opens, today: true } };
  }
  let next: NextOpening;
  for (let ahead = 1; ahead <= DAYS_AHEAD && !next; ahead += 1) {
    const day = (((weekday - 1 + ahead) % 7) + 1) as Weekday;
    const first = spans.filter((s) => s.weekday === day).sort((a, b) => (a.opens < b.opens ? -1 : 1))[0];
    if (first && !closedDays(addDays(date, ahead))) next = { weekday: day, opens: first.opens, today: false };
  }
  return holiday ? { state: 'holiday', holiday, next } : { state: 'closed', next };
}

/** What the library page says, as a short label and the detail after it. */
export interface StatusText {
  readonly label: 'Open now' | 'Closed now' | 'Unstaffed now' | 'Closed today (bank holiday)' | 'Unstaffed today (bank holiday)';
  readonly detail: string;
  /** The NHS.UK tag colour for the label. */
  readonly colour: 'green' | 'grey' | 'blue';
}

const clock = (time: string) => (time === '24:00' ? 'midnight' : time);

/**
 * Words for a status: "Open now" until a time; "Closed now" with when it opens; at a site with 24/7
 * access for members, "Unstaffed now" instead of closed; on a bank holiday "Closed today (bank holiday)"
 * (or "Unstaffed today" with 24/7 access) with the holiday's name. Undefined when no staffed hours are recorded.
 *
 * ### Examples
 * describeStatus({ state: 'closed', next: { weekday: 2, opens: '08:30', today: false } }, false)
 * // { label: 'Closed now', detail: 'opens Tue 08:30', colour: 'grey' }
 */
export function describeStatus(status: OpeningStatus, access247: boolean): StatusText | undefined {
  if (status.state === 'unknown') return undefined;
  if (status.state === 'open') return { label: 'Open now', detail: `staffed until ${clock(status.closes)}`, colour: 'green' };
  const next = status.next ? `${status.next.today ? 'today' : WEEKDAYS[status.next.weekday - 1]?.short} ${status.next.opens}` : undefined;
  if (status.state === 'holiday') {
    if (access247) return { label: 'Unstaffed today (bank holiday)', detail: `${status.holiday}: members can get in with 24/7 access${next ? `; staff are back ${next}` : ''}`, colour: 'blue' };
    return { label: 'Closed today (bank holiday)', detail: `${status.holiday}${next ? `; opens ${next}` : ''}`, colour: 'grey' };
  }
  if (access247) return { label: 'Unstaffed now', detail: `members can get in with 24/7 access${next ? `; staff are back ${next}` : ''}`, colour: 'blue' };
  return { label: 'Closed now', detail: next ? `opens ${next}` : 'no staffed hours this week', colour: 'grey' };
}

/** The status as one line: "Closed now — opens Tue 08:30". */
export function statusLine(spans: readonly OpeningSpan[], access247: boolean, now: Date, closedDays?: ClosedDays): string | undefined {
  const text = describeStatus(openingStatus(spans, now, closedDays), access247);
  return text ? `${text.label} — ${text.detail}` : undefined;
}
