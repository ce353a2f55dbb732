import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BANK_HOLIDAYS, BANK_HOLIDAY_YEARS, type BankHolidayDivision, bankHolidayOn, divisionOfPostcode } from './bank-holidays.js';

// The rules the dates follow, worked out independently of the hand-written table so a typo in it shows up.
const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  return utc(year, Math.floor((h + l - 7 * m + 114) / 31), ((h + l - 7 * m + 114) % 31) + 1);
}
const firstMonday = (year: number, month: number) => utc(year, month, 1 + ((8 - utc(year, month, 1).getUTCDay()) % 7));
const lastMonday = (year: number, month: number) => {
  const last = utc(year, month + 1, 0);
  return utc(year, month, last.getUTCDate() - ((last.getUTCDay() + 6) % 7));
};

/** Fixed-date holidays in order; one on a weekend moves to the next weekday not already a holiday. */
function withSubstitutes(fixed: readonly Date[]): string[] {
  const taken = new Set<string>();
  for (const day of fixed) {
    const d = new Date(day);
    while (isWeekend(d) || taken.has(iso(d))) d.setUTCDate(d.getUTCDate() + 1);
    taken.add(iso(d));
  }
  return [...taken];
}

function expectedDates(division: BankHolidayDivision, year: number): string[] {
  const easter = easterSunday(year);
  const goodFriday = utc(year, easter.getUTCMonth() + 1, easter.getUTCDate() - 2);
  const easterMonday = utc(year, easter.getUTCMonth() + 1, easter.getUTCDate() + 1);
  const may = [firstMonday(year, 5), lastMonday(year, 5)];
  const dates: Record<BankHolidayDivision, Date[]> = {
    'england-and-wales': [goodFriday, easterMonday, ...may, lastMonday(year, 8)],
    scotland: [goodFriday, ...may, firstMonday(year, 8)],
    'northern-ireland': [goodFriday, easterMonday, ...may, lastMonday(year, 8)],
  };
  const fixed: Record<BankHolidayDivision, Date[]> = {
    'england-and-wales': [utc(year, 1, 1), utc(year, 12, 25), utc(year, 12, 26)],
    scotland: [utc(year, 1, 1), utc(year, 1, 2), utc(year, 11, 30), utc(year, 12, 25), utc(year, 12, 26)],
    'northern-ireland': [utc(year, 1, 1), utc(year, 3, 17), utc(year, 7, 12), utc(year, 12, 25), utc(year, 12, 26)],
  };
  return [...dates[division].map(iso), ...withSubstitutes(fixed[division])].sort();
}

describe('bank holidays', () => {
  it('lists, for each part of the UK and each year covered, exactly the dates the rules give', () => {
    for (const division of Object.keys(BANK_HOLIDAYS) as BankHolidayDivision[]) {
      for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year += 1) {
        const listed = BANK_HOLIDAYS[division].map(([date]) => date).filter((date) => date.startsWith(`${year}-`));
        assert.deepEqual(listed, expectedDates(division, year), `${division} ${year}`);
      }
    }
  });

  it('calls a moved day a substitute day, and nothing else', () => {
    for (const days of Object.values(BANK_HOLIDAYS)) {
      for (const [date, title] of days) {
        const weekdayOnly = !isWeekend(new Date(`${date}T12:00:00Z`));
        assert.ok(weekdayOnly, `${date} ${title} is a weekday`);
        const nominal = /New Year|2nd January|Christmas|Boxing|St Andrew|St Patrick|Boyne/.test(title);
        if (!nominal) assert.doesNotMatch(title, /substitute/, `${date} ${title}`);
      }
    }
    assert.equal(bankHolidayOn('england-and-wales', '2026-12-28'), 'Boxing Day (substitute day)');
    assert.equal(bankHolidayOn('scotland', '2025-12-01'), 'St Andrew’s Day (substitute day)');
  });

  it('knows the known 2026 dates and which part of the UK they belong to', () => {
    assert.equal(bankHolidayOn('england-and-wales', '2026-04-03'), 'Good Friday');
    assert.equal(bankHolidayOn('england-and-wales', '2026-04-06'), 'Easter Monday');
    assert.equal(bankHolidayOn('scotland', '2026-04-06'), undefined, 'Easter Monday is not a bank holiday in Scotland');
    assert.equal(bankHolidayOn('scotland', '2026-08-03'), 'Summer bank holiday');
    assert.equal(bankHolidayOn('england-and-wales', '2026-08-03'), undefined);
    assert.equal(bankHolidayOn('northern-ireland', '2026-03-17'), 'St Patrick’s Day');
    assert.equal(bankHolidayOn('england-and-wales', '2026-04-07'), undefined);
    assert.equal(bankHolidayOn('england-and-wales', '2029-01-01'), undefined, 'outside the years covered nothing is known');
  });

  it('finds the part of the UK from a postcode or district', () => {
    assert.deepEqual(
      ['OX3 9DU', 'EH16 4SA', 'G12 0XH', 'GL1 3NN', 'BT9 7AB', 'TD1 1AA', 'TD15 1LZ', 'CF14 4XW', 'ZE1 0AA', null, 'nonsense'].map(divisionOfPostcode),
      ['england-and-wales', 'scotland', 'scotland', 'england-and-wales', 'northern-ireland', 'scotland', 'england-and-wales', 'england-and-wales', 'scotland', 'england-and-wales', 'england-and-wales'],
    );
  });
});
