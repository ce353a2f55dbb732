import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIBRARY_CSV_COLUMNS } from '../../../src/modules/directory/library-csv.js';

/**
 * Small files in the real layouts, for tests: an ONSPD extract (the real header's columns, in order;
 * coordinates of the hospitals from the NHS hospitals list) and a directory CSV of four services.
 */
export const ONSPD_HEADER = 'pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,npark,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua24,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21';

function onspdRow(pcds: string, lat: string, long: string): string {
  const cells = ONSPD_HEADER.split(',').map(() => '');
  const names = ONSPD_HEADER.split(',');
  cells[names.indexOf('pcd')] = pcds.replace(' ', pcds.length === 7 ? ' ' : '  ');
  cells[names.indexOf('pcds')] = pcds;
  cells[names.indexOf('lat')] = lat;
  cells[names.indexOf('long')] = long;
  cells[names.indexOf('ctry')] = 'E92000001';
  return cells.map((c) => `"${c}"`).join(',');
}

export const ONSPD_SAMPLE = [
  ONSPD_HEADER,
  onspdRow('OX3 9DU', '51.763953', '-1.219624'),
  onspdRow('CB2 0QQ', '52.175071', '0.140435'),
  onspdRow('M13 9WL', '53.462710', '-2.225810'),
  // No grid reference: the ONSPD's marker, skipped without complaint.
  onspdRow('ZE3 9JZ', '99.999999', '0.000000'),
  onspdRow('NOT A CODE', '51.5', '-0.1'),
].join('\n');

type Row = Partial<Record<(typeof LIBRARY_CSV_COLUMNS)[number], string>>;

const OUH = { service_key: 'ouh-hcl', service_name: 'Bodleian Health Care Libraries', description: 'Library and knowledge service for Oxford University Hospitals', organisations: 'RTH', services_offered: 'literature_searching;study_space;clinical_librarian', who_may_use: 'OUH staff and students', specialisms: 'Oncology; neurosciences', website: 'https://www.bodleian.ox.ac.uk/libraries/cairns', contacts: 'Head of service|hcl@bodleian.ox.ac.uk|01865 221936;Outreach librarian|outreach@bodleian.ox.ac.uk|', last_verified_on: '2026-06-01', last_verified_by: 'hcl@bodleian.ox.ac.uk' };
const CUH = { service_key: 'cuh-medlib', service_name: 'Cambridge University Medical Library', organisations: 'RGT', services_offered: 'literature_searching;document_supply', who_may_use: 'CUH staff', last_verified_on: '2024-01-10' };
const MFT = { service_key: 'mft-library', service_name: 'Manchester Library and Knowledge Service', organisations: 'R0A;RM3', services_offered: 'training;pcs_wifi', collections: 'Nursing history archive' };

export const LIBRARY_ROWS: Row[] = [
  { ...OUH, site_key: 'cairns', site_name: 'Cairns Library, John Radcliffe Hospital', address: 'Headley Way, Oxford', postcode: 'OX3 9DU', county: 'Oxfordshire', staffed_hours: 'Mon-Fri 08:30-19:00', access_24_7: 'yes', bank_holiday_notes: 'Closed on bank holidays; swipe access continues' },
  { ...OUH, site_key: 'horton', site_name: 'Horton Library', postcode: 'OX16 9AL', county: 'Oxfordshire', staffed_hours: 'Mon-Fri 09:00-17:00', access_24_7: 'no' },
  { ...CUH, site_key: 'addenbrookes', site_name: 'Medical Library, Addenbrooke’s', postcode: 'cb20qq', county: 'cambridgeshire', access_24_7: 'yes' },
  { ...MFT, site_key: 'mri', site_name: 'Manchester Royal Infirmary Library', postcode: 'M13 9WL', county: 'Greater Manchester', region: 'Y62' },
  { service_key: 'virtual-ks', service_name: 'Virtual Knowledge Service', description: 'Online only, no site', services_offered: 'current_awareness' },
];

function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

export function libraryCsv(rows: readonly Row[] = LIBRARY_ROWS): string {
  return [csvLine(LIBRARY_CSV_COLUMNS), ...rows.map((r) => csvLine(LIBRARY_CSV_COLUMNS.map((c) => r[c] ?? '')))].join('\n');
}

/** Writes text to a new file in a fresh temporary folder and returns its path. */
export async function tempFile(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'khub-directory-')), name);
  await writeFile(path, text);
  return path;
}
