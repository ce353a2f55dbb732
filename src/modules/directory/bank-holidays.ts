/**
 * UK bank holidays 2025–2028, written out by hand (khub has no network at run time) from the list GOV.UK
 * publishes at https://www.gov.uk/bank-holidays (also https://www.gov.uk/bank-holidays.json, whose
 * division names this file keeps). Substitute days are the dates GOV.UK lists ("Boxing Day (substitute
 * day)"). Dates beyond those GOV.UK had published when this was written follow the usual rules and may be
 * changed by royal proclamation: check the list each year and add the next year here.
 * `bank-holidays.test.ts` checks every date against the rules (Easter, first and last Mondays, weekends).
 */
export type BankHolidayDivision = 'england-and-wales' | 'scotland' | 'northern-ireland';

/** The years this table covers; outside them no day is known to be a bank holiday. */
export const BANK_HOLIDAY_YEARS = { first: 2025, last: 2028 } as const;

const NEW_YEAR = 'New Year’s Day';
const GOOD_FRIDAY = 'Good Friday';
const EASTER_MONDAY = 'Easter Monday';
const EARLY_MAY = 'Early May bank holiday';
const SPRING = 'Spring bank holiday';
const SUMMER = 'Summer bank holiday';
const CHRISTMAS = 'Christmas Day';
const BOXING = 'Boxing Day';
const substitute = (title: string) => `${title} (substitute day)`;

export const BANK_HOLIDAYS: Readonly<Record<BankHolidayDivision, readonly (readonly [date: string, title: string])[]>> = {
  'england-and-wales': [
    ['2025-01-01', NEW_YEAR], ['2025-04-18', GOOD_FRIDAY], ['2025-04-21', EASTER_MONDAY], ['2025-05-05', EARLY_MAY],
    ['2025-05-26', SPRING], ['2025-08-25', SUMMER], ['2025-12-25', CHRISTMAS], ['2025-12-26', BOXING],
    ['2026-01-01', NEW_YEAR], ['2026-04-03', GOOD_FRIDAY], ['2026-04-06', EASTER_MONDAY], ['2026-05-04', EARLY_MAY],
    ['2026-05-25', SPRING], ['2026-08-31', SUMMER], ['2026-12-25', CHRISTMAS], ['2026-12-28', substitute(BOXING)],
    ['2027-01-01', NEW_YEAR], ['2027-03-26', GOOD_FRIDAY], ['2027-03-29', EASTER_MONDAY], ['2027-05-03', EARLY_MAY],
    ['2027-05-31', SPRING], ['2027-08-30', SUMMER], ['2027-12-27', substitute(CHRISTMAS)], ['2027-12-28', substitute(BOXING)],
    ['2028-01-03', substitute(NEW_YEAR)], ['2028-04-14', GOOD_FRIDAY], ['2028-04-17', EASTER_MONDAY], ['2028-05-01', EARLY_MAY],
    ['2028-05-29', SPRING], ['2028-08-28', SUMMER], ['2028-12-25', CHRISTMAS], ['2028-12-26', BOXING],
  ],
  scotland: [
    ['2025-01-01', NEW_YEAR], ['2025-01-02', '2nd January'], ['2025-04-18', GOOD_FRIDAY], ['2025-05-05', EARLY_MAY],
    ['2025-05-26', SPRING], ['2025-08-04', SUMMER], ['2025-12-01', substitute('St Andrew’s Day')], ['2025-12-25', CHRISTMAS], ['2025-12-26', BOXING],
    ['2026-01-01', NEW_YEAR], ['2026-01-02', '2nd January'], ['2026-04-03', GOOD_FRIDAY], ['2026-05-04', EARLY_MAY],
    ['2026-05-25', SPRING], ['2026-08-03', SUMMER], ['2026-11-30', 'St Andrew’s Day'], ['2026-12-25', CHRISTMAS], ['2026-12-28', substitute(BOXING)],
    ['2027-01-01', NEW_YEAR], ['2027-01-04', substitute('2nd January')], ['2027-03-26', GOOD_FRIDAY], ['2027-05-03', EARLY_MAY],
    ['2027-05-31', SPRING], ['2027-08-02', SUMMER], ['2027-11-30', 'St Andrew’s Day'], ['2027-12-27', substitute(CHRISTMAS)], ['2027-12-28', substitute(BOXING)],
    ['2028-01-03', substitute(NEW_YEAR)], ['2028-01-04', substitute('2nd January')], ['2028-04-14', GOOD_FRIDAY], ['2028-05-01', EARLY_MAY],
    ['2028-05-29', SPRING], ['2028-08-07', SUMMER], ['2028-11-30', 'St Andrew’s Day'], ['2028-12-25', CHRISTMAS], ['2028-12-26', BOXING],
  ],
  'northern-ireland': [
    ['2025-01-01', NEW_YEAR], ['2025-03-17', 'St Patrick’s Day'], ['2025-04-18', GOOD_FRIDAY], ['2025-04-21', EASTER_MONDAY], ['2025-05-05', EARLY_MAY],
    ['2025-05-26', SPRING], ['2025-07-14', substitute('Battle of the Boyne (Orangemen’s Day)')], ['2025-08-25', SUMMER], ['2025-12-25', CHRISTMAS], ['2025-12-26', BOXING],
    ['2026-01-01', NEW_YEAR], ['2026-03-17', 'St Patrick’s Day'], ['2026-04-03', GOOD_FRIDAY], ['2026-04-06', EASTER_MONDAY], ['2026-05-04', EARLY_MAY],
    ['2026-05-25', SPRING], ['2026-07-13', substitute('Battle of the Boyne (Orangemen’s Day)')], ['2026-08-31', SUMMER], ['2026-12-25', CHRISTMAS], ['2026-12-28', substitute(BOXING)],
    ['2027-01-01', NEW_YEAR], ['2027-03-17', 'St Patrick’s Day'], ['2027-03-26', GOOD_FRIDAY], ['2027-03-29', EASTER_MONDAY], ['2027-05-03', EARLY_MAY],
    ['2027-05-31', SPRING], ['2027-07-12', 'Battle of the Boyne (Orangemen’s Day)'], ['2027-08-30', SUMMER], ['2027-12-27', substitute(CHRISTMAS)], ['2027-12-28', substitute(BOXING)],
    ['2028-01-03', substitute(NEW_YEAR)], ['2028-03-17', 'St Patrick’s Day'], ['2028-04-14', GOOD_FRIDAY], ['2028-04-17', EASTER_MONDAY], ['2028-05-01', EARLY_MAY],
    ['2028-05-29', SPRING], ['2028-07-12', 'Battle of the Boyne (Orangemen’s Day)'], ['2028-08-28', SUMMER], ['2028-12-25', CHRISTMAS], ['2028-12-26', BOXING],
  ],
};

const byDivision = new Map(Object.entries(BANK_HOLIDAYS).map(([division, days]) => [division, new Map(days)]));

/** The bank holiday on a date (`YYYY-MM-DD`, UK local) in a part of the UK, by its GOV.UK title; undefined on other days. */
export function bankHolidayOn(division: BankHolidayDivision, date: string): string | undefined {
  return byDivision.get(division)?.get(date);
}

// Postcode areas in Scotland. TD is the Scottish Borders except TD15 (Berwick-upon-Tweed, England) and
// part of TD12; khub takes all of TD but TD15 as Scottish, the rest of Great Britain as England and Wales.
const SCOTTISH_AREAS = new Set(['AB', 'DD', 'DG', 'EH', 'FK', 'G', 'HS', 'IV', 'KA', 'KW', 'KY', 'ML', 'PA', 'PH', 'TD', 'ZE']);

/** Which part of the UK's bank holidays apply at a postcode (full or district); England and Wales when unknown. */
export function divisionOfPostcode(postcode: string | null): BankHolidayDivision {
  const outcode = (postcode ?? '').trim().toUpperCase().split(/\s+/)[0] ?? '';
  const area = /^[A-Z]{1,2}/.exec(outcode)?.[0] ?? '';
  if (area === 'BT') return 'northern-ireland';
  if (outcode === 'TD15') return 'england-and-wales';
  // "G" alone is Glasgow; two-letter areas starting with G (GL, GU, GY) are not Scottish.
  if (SCOTTISH_AREAS.has(area)) return 'scotland';
  return 'england-and-wales';
}
