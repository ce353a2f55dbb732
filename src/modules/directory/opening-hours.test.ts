import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type OpeningSpan, type Weekday, formatDaySpans, formatOpeningHours, parseDaySpans, parseOpeningHours } from './opening-hours.js';

const spans = (text: string) => {
  const result = parseOpeningHours(text);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.spans;
};
const problem = (text: string) => {
  const result = parseOpeningHours(text);
  assert.equal(result.ok, false, `"${text}" should be refused`);
  return result.ok ? '' : result.message;
};

describe('opening hours: the compact syntax', () => {
  it('reads day ranges, lists of days and several spans a day', () => {
    assert.deepEqual(spans('Mon-Wed 08:30-12:30, 13:30-17:00; Sat 9:00-12:00'), [
      { weekday: 1, opens: '08:30', closes: '12:30' },
      { weekday: 1, opens: '13:30', closes: '17:00' },
      { weekday: 2, opens: '08:30', closes: '12:30' },
      { weekday: 2, opens: '13:30', closes: '17:00' },
      { weekday: 3, opens: '08:30', closes: '12:30' },
      { weekday: 3, opens: '13:30', closes: '17:00' },
      { weekday: 6, opens: '09:00', closes: '12:00' },
    ]);
    assert.deepEqual(spans('tues, Thursday 10.00 – 16.00\nsun: 00:00-24:00'), [
      { weekday: 2, opens: '10:00', closes: '16:00' },
      { weekday: 4, opens: '10:00', closes: '16:00' },
      { weekday: 7, opens: '00:00', closes: '24:00' },
    ]);
    assert.deepEqual(spans(''), []);
    assert.deepEqual(spans('Closed'), []);
  });

  it('says what is wrong, quoting the part at fault', () => {
    assert.match(problem('Mon-Fri 9-5'), /"9" is not a time/);
    assert.match(problem('Weekdays 08:30-17:00'), /"Weekdays" is not a day/);
    assert.match(problem('Fri-Mon 08:30-17:00'), /"Fri-Mon": write a range of days in week order/);
    assert.match(problem('Mon 17:00-08:30'), /"17:00-08:30": the closing time must be after the opening time/);
    assert.match(problem('Mon 09:00-13:00, 12:00-17:00'), /Mon 09:00-13:00 and 12:00-17:00 overlap/);
    assert.match(problem('Mon-Fri 08:30-17:00; Wed 16:00-19:00'), /Wed 08:30-17:00 and 16:00-19:00 overlap/);
    assert.match(problem('08:30-17:00'), /write the days and then the times/);
    assert.match(problem('Mon 24:00-24:00'), /"24:00" is not a time/);
    assert.match(problem('Mon 08:30'), /"08:30" is not a span of time/);
  });

  it('writes neighbouring days with the same hours as a range, and reads its own writing back', () => {
    const text = 'Mon-Fri 08:30-17:00; Sat 09:00-12:00';
    assert.equal(formatOpeningHours(spans(text)), text);
    assert.equal(formatOpeningHours(spans('Mon 09:00-17:00; Tue 10:00-16:00; Wed 09:00-17:00')), 'Mon 09:00-17:00; Tue 10:00-16:00; Wed 09:00-17:00');
    assert.equal(formatOpeningHours([]), '');
  });

  it('round-trips any valid set of spans through the text', () => {
    const minute = fc.integer({ min: 0, max: 24 * 60 });
    const daySpans = (weekday: Weekday) =>
      fc.uniqueArray(minute, { maxLength: 6 }).map((cuts): OpeningSpan[] => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const out: OpeningSpan[] = [];
        const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ weekday, opens: hhmm(sorted[i] ?? 0), closes: hhmm(sorted[i + 1] ?? 0) });
        return out;
      });
    const week = fc.tuple(...([1, 2, 3, 4, 5, 6, 7] as const).map(daySpans)).map((days) => days.flat());
    fc.assert(
      fc.property(week, (all) => {
        const again = parseOpeningHours(formatOpeningHours(all));
        assert.ok(again.ok);
        assert.deepEqual(again.spans, all);
      }),
    );
  });

  it('reads and writes one day of the edit form', () => {
    const tuesday = parseDaySpans('13:30-17:00,08:30 - 12:30', 2);
    assert.deepEqual(tuesday, { ok: true, spans: [{ weekday: 2, opens: '08:30', closes: '12:30' }, { weekday: 2, opens: '13:30', closes: '17:00' }] });
    assert.equal(tuesday.ok && formatDaySpans(tuesday.spans, 2), '08:30-12:30, 13:30-17:00');
    assert.deepEqual(parseDaySpans('  ', 3), { ok: true, spans: [] });
    assert.equal(parseDaySpans('Mon 09:00-10:00', 1).ok, false, 'no day names in a day’s own box');
  });
});
