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

/** Whether a site is staffed at an instant and, if not, when it next is. */
export type OpeningStatus =
  | { readonly state: 'open'; readonly closes: string }
  | { readonly state: 'closed'; readonly next: { readonly weekday: Weekday; readonly opens: string; readonly today: boolean } | undefined }
  /** No staffed hours are recorded. */
  | { readonly state: 'unknown' };

/**
 * Works out from a site's staffed spans whether it is staffed at `now` (UK time), and if not when it next
 * opens, looking up to a week ahead. Times compare as `HH:MM` text, which sorts like the clock.
 */
export function openingStatus(spans: readonly OpeningSpan[], now: Date): OpeningStatus {
  if (spans.length === 0) return { state: 'unknown' };
  const { weekday, time } = ukLocalTime(now);
  const today = spans.filter((s) => s.weekday === weekday);
  const current = today.find((s) => s.opens <= time && time < s.closes);
  if (current) return { state: 'open', closes: current.closes };
  const laterToday = today.filter((s) => s.opens > time).sort((a, b) => (a.opens < b.opens ? -1 : 1))[0];
  if (laterToday) return { state: 'closed', next: { weekday, opens: laterToday.opens, today: true } };
  for (let ahead = 1; ahead <= 7; ahead += 1) {
    const day = (((weekday - 1 + ahead) % 7) + 1) as Weekday;
    const first = spans.filter((s) => s.weekday === day).sort((a, b) => (a.opens < b.opens ? -1 : 1))[0];
    if (first) return { state: 'closed', next: { weekday: day, opens: first.opens, today: false } };
  }
  return { state: 'closed', next: undefined };
}

/** What the library page says, as a short label and the detail after it. */
export interface StatusText {
  readonly label: 'Open now' | 'Closed now' | 'Unstaffed now';
  readonly detail: string;
  /** The NHS.UK tag colour for the label. */
  readonly colour: 'green' | 'grey' | 'blue';
}

const clock = (time: string) => (time === '24:00' ? 'midnight' : time);

/**
 * Words for a status: "Open now" until a time; "Closed now" with when it opens; at a site with 24/7
 * access for members, "Unstaffed now" instead of closed. Undefined when no staffed hours are recorded.
 *
 * ### Examples
 * describeStatus({ state: 'closed', next: { weekday: 2, opens: '08:30', today: false } }, false)
 * // { label: 'Closed now', detail: 'opens Tue 08:30', colour: 'grey' }
 */
export function describeStatus(status: OpeningStatus, access247: boolean): StatusText | undefined {
  if (status.state === 'unknown') return undefined;
  if (status.state === 'open') return { label: 'Open now', detail: `staffed until ${clock(status.closes)}`, colour: 'green' };
  const next = status.next ? `${status.next.today ? 'today' : WEEKDAYS[status.next.weekday - 1]?.short} ${status.next.opens}` : undefined;
  if (access247) return { label: 'Unstaffed now', detail: `members can get in with 24/7 access${next ? `; staff are back ${next}` : ''}`, colour: 'blue' };
  return { label: 'Closed now', detail: next ? `opens ${next}` : 'no staffed hours this week', colour: 'grey' };
}

/** The status as one line: "Closed now — opens Tue 08:30". */
export function statusLine(spans: readonly OpeningSpan[], access247: boolean, now: Date): string | undefined {
  const text = describeStatus(openingStatus(spans, now), access247);
  return text ? `${text.label} — ${text.detail}` : undefined;
}
