import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bankHolidayOn } from './bank-holidays.js';
import { openingStatus, statusLine, ukLocalDate, ukLocalTime } from './open-now.js';
import { parseOpeningHours } from './opening-hours.js';

function hours(text: string) {
  const result = parseOpeningHours(text);
  if (!result.ok) throw new Error(result.message);
  return result.spans;
}

const WEEK = hours('Mon-Fri 08:30-17:00; Sat 09:00-12:00');
const at = (iso: string) => statusLine(WEEK, false, new Date(iso));

// In 2026 British Summer Time runs from 01:00 UTC on Sunday 29 March to 01:00 UTC on Sunday 25 October.
describe('open now, in UK time', () => {
  it('reads the UK clock either side of both clock changes', () => {
    assert.deepEqual(ukLocalTime(new Date('2026-03-29T00:59:00Z')), { weekday: 7, time: '00:59' });
    assert.deepEqual(ukLocalTime(new Date('2026-03-29T01:00:00Z')), { weekday: 7, time: '02:00' }, 'the clocks go forward an hour');
    assert.deepEqual(ukLocalTime(new Date('2026-10-25T00:30:00Z')), { weekday: 7, time: '01:30' });
    assert.deepEqual(ukLocalTime(new Date('2026-10-25T01:30:00Z')), { weekday: 7, time: '01:30' }, 'the clocks go back: 01:30 comes twice');
    assert.deepEqual(ukLocalTime(new Date('2026-12-31T23:59:00Z')), { weekday: 4, time: '23:59' });
    assert.deepEqual(ukLocalTime(new Date('2027-01-01T00:00:00Z')), { weekday: 5, time: '00:00' });
  });

  it('uses GMT in winter and BST in summer, where UTC would be an hour wrong', () => {
    assert.equal(at('2026-03-27T08:15:00Z'), 'Closed now — opens today 08:30', 'Friday 08:15 GMT');
    assert.equal(at('2026-03-27T08:30:00Z'), 'Open now — staffed until 17:00', 'opening time itself is open');
    assert.equal(at('2026-03-30T07:45:00Z'), 'Open now — staffed until 17:00', 'Monday 08:45 BST (07:45 UTC)');
    assert.equal(at('2026-03-30T16:30:00Z'), 'Closed now — opens Tue 08:30', 'Monday 17:30 BST (16:30 UTC)');
    assert.equal(at('2026-10-23T16:30:00Z'), 'Closed now — opens Sat 09:00', 'Friday 17:30 BST, before the clocks go back');
    assert.equal(at('2026-10-26T08:15:00Z'), 'Closed now — opens today 08:30', 'Monday 08:15 GMT, after the clocks go back');
    assert.equal(at('2026-10-26T16:59:00Z'), 'Open now — staffed until 17:00');
    assert.equal(at('2026-10-26T17:00:00Z'), 'Closed now — opens Tue 08:30', 'closing time itself is closed');
  });

  it('looks past closed days and round the end of the week', () => {
    assert.equal(at('2026-03-28T12:30:00Z'), 'Closed now — opens Mon 08:30', 'Saturday afternoon, closed on Sunday');
    const saturdays = hours('Sat 09:00-12:00');
    assert.deepEqual(openingStatus(saturdays, new Date('2026-07-04T12:00:00Z')), { state: 'closed', next: { weekday: 6, opens: '09:00', today: false } }, 'next Saturday');
    assert.equal(statusLine(hours('Mon-Sun 00:00-24:00'), false, new Date('2026-07-04T23:30:00Z')), 'Open now — staffed until midnight');
  });

  it('says "unstaffed" at a site members can get into at any hour, and nothing when no hours are known', () => {
    assert.equal(statusLine(WEEK, true, new Date('2026-03-30T16:30:00Z')), 'Unstaffed now — members can get in with 24/7 access; staff are back Tue 08:30');
    assert.equal(statusLine(WEEK, true, new Date('2026-03-30T09:00:00Z')), 'Open now — staffed until 17:00');
    assert.equal(statusLine([], false, new Date()), undefined);
    assert.deepEqual(openingStatus([], new Date()), { state: 'unknown' });
  });

  it('reads the UK date, which after 23:00 UTC in summer is already tomorrow', () => {
    assert.equal(ukLocalDate(new Date('2026-04-02T22:59:00Z')), '2026-04-02');
    assert.equal(ukLocalDate(new Date('2026-04-02T23:00:00Z')), '2026-04-03', 'midnight BST on Good Friday');
    assert.equal(ukLocalDate(new Date('2026-12-31T23:59:00Z')), '2026-12-31', 'GMT in winter');
  });

  it('is closed on bank holidays and skips them when saying when it next opens', () => {
    const englandAndWales = (date: string) => bankHolidayOn('england-and-wales', date);
    const atHoliday = (iso: string, access247 = false) => statusLine(WEEK, access247, new Date(iso), englandAndWales);
    // Good Friday 3 April and Easter Monday 6 April 2026, in BST.
    assert.equal(atHoliday('2026-04-03T09:00:00Z'), 'Closed today (bank holiday) — Good Friday; opens Sat 09:00', 'Friday 10:00 BST would be open');
    assert.equal(atHoliday('2026-04-02T16:30:00Z'), 'Closed now — opens Sat 09:00', 'Thursday after closing: Friday is skipped');
    assert.equal(atHoliday('2026-04-04T12:30:00Z'), 'Closed now — opens Tue 08:30', 'Saturday after closing: Easter Monday is skipped');
    assert.equal(atHoliday('2026-04-06T09:00:00Z', true), 'Unstaffed today (bank holiday) — Easter Monday: members can get in with 24/7 access; staff are back Tue 08:30');
    assert.equal(atHoliday('2026-04-07T09:00:00Z'), 'Open now — staffed until 17:00', 'the Tuesday after is a normal day');
    assert.equal(atHoliday('2026-04-02T23:30:00Z'), 'Closed today (bank holiday) — Good Friday; opens Sat 09:00', '00:30 BST on Good Friday is already the holiday');
    assert.equal(statusLine(WEEK, false, new Date('2026-04-03T09:00:00Z')), 'Open now — staffed until 17:00', 'a site staffed on bank holidays keeps its hours');
    const mondaysOnly = hours('Mon 10:00-12:00');
    assert.deepEqual(openingStatus(mondaysOnly, new Date('2026-04-03T12:00:00Z'), englandAndWales), { state: 'holiday', holiday: 'Good Friday', next: { weekday: 1, opens: '10:00', today: false } }, 'a week past Easter Monday');
    assert.equal(statusLine(mondaysOnly, false, new Date('2026-04-03T12:00:00Z'), () => 'Every day off'), 'Closed today (bank holiday) — Every day off', 'no opening in two weeks');
  });
});
