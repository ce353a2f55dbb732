import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Library, LibrarySite } from './library.service.js';
import { libraryPageView } from './library-page.view.js';
import { parseOpeningHours } from './opening-hours.js';

function site(id: number, name: string, postcode: string, changes: Partial<LibrarySite> = {}): LibrarySite {
  const parsed = parseOpeningHours('Mon-Fri 09:00-17:00');
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    id, key: `site-${id}`, name, address: null, postcode, latitude: null, longitude: null, locationPrecision: null, county: null, regionCode: null,
    openingHours: parsed.spans, staffedHours: 'Mon-Fri 09:00-17:00', access247: false, staffedOnBankHolidays: false, bankHolidayNotes: 'Closed on bank holidays', ...changes,
  };
}

const library: Library = {
  id: 1, key: 'uk', name: 'Four Nations Library Service', description: null, whoMayUse: null, collections: null, specialisms: null, interlendingNetwork: null, website: null,
  lastVerifiedOn: null, lastVerifiedBy: null, needsVerification: true, organisations: [], servicesOffered: [], contacts: [],
  sites: [
    site(1, 'Oxford', 'OX3 9DU'),
    site(2, 'Edinburgh', 'EH16 4SA'),
    site(3, 'Belfast', 'BT9 7AB', { access247: true }),
    site(4, 'Open all year', 'OX3 9DU', { staffedOnBankHolidays: true, bankHolidayNotes: null }),
  ],
};

/** Each site's status line and bank-holiday note on the page at an instant. */
function statuses(iso: string) {
  const view = libraryPageView(library, { pageUrl: 'http://localhost/libraries/1', canEdit: false, regionName: new Map(), now: new Date(iso) });
  return view.sites.map((s) => [s.name, s.status ? `${s.status.label} — ${s.status.detail}` : undefined, s.bankHolidayToday]);
}

describe('library page on bank holidays', () => {
  it('shows each site closed on its own part of the UK’s bank holidays, unless it is staffed on them', () => {
    // Easter Monday 6 April 2026, 10:00 BST: a bank holiday in England and Wales and Northern Ireland, not Scotland.
    assert.deepEqual(statuses('2026-04-06T09:00:00Z'), [
      ['Oxford', 'Closed today (bank holiday) — Easter Monday; opens Tue 09:00', 'Easter Monday'],
      ['Edinburgh', 'Open now — staffed until 17:00', undefined],
      ['Belfast', 'Unstaffed today (bank holiday) — Easter Monday: members can get in with 24/7 access; staff are back Tue 09:00', 'Easter Monday'],
      ['Open all year', 'Open now — staffed until 17:00', 'Easter Monday'],
    ]);
    // St Patrick's Day, Tuesday 17 March 2026, 10:00 GMT: Northern Ireland only.
    assert.deepEqual(statuses('2026-03-17T10:00:00Z').map(([name, status]) => [name, status]), [
      ['Oxford', 'Open now — staffed until 17:00'],
      ['Edinburgh', 'Open now — staffed until 17:00'],
      ['Belfast', 'Unstaffed today (bank holiday) — St Patrick’s Day: members can get in with 24/7 access; staff are back Wed 09:00'],
      ['Open all year', 'Open now — staffed until 17:00'],
    ]);
  });
});
