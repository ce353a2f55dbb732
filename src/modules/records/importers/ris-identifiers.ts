/**
 * Identifiers in RIS records, where each vendor puts them:
 *
 * - PMID: Ovid MEDLINE's `ID` (and the `AN=` of its `L2`/`UR` link when `D=` names a MEDLINE segment),
 *   EBSCOhost MEDLINE's `AN`, EndNote's `AN` for records it took from PubMed (`DP  - NLM`), a PubMed
 *   link in `UR`, Embase.com's `C5`, Scopus's `C2`, and "PMID: 123" written into a custom or note field
 *   (Zotero's Extra, EBSCOhost's `U2`).
 * - PMCID: EndNote's `C2` ("PMC5396881"), "PMCID: PMC…" in a custom field, a PMC link.
 * - DOI: `DO` (Ovid and Scopus may write it as a doi.org URL), `DI`, old Zotero's `M3`, a doi.org link.
 */
import { createHash } from 'node:crypto';
import { normaliseTitle } from '../match-keys.js';
import { normaliseDoi } from '../record-mapping.js';
import { type TaggedRecord, firstOf, valuesOf } from './tagged-record.js';

/** The identifiers a RIS record carries. */
export interface RisIdentifiers {
  readonly pmid: string | null;
  readonly pmcid: string | null;
  readonly doi: string | null;
}

const LINK_TAGS = ['UR', 'L1', 'L2', 'L3', 'L4', 'LK'];
const CUSTOM_TAGS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'U1', 'U2', 'U3', 'U4', 'U5', 'M1', 'M2', 'M3', 'AN', 'ID', 'N1'];
const PMID = /^\d{1,9}$/;
/** Database names and EBSCOhost codes (mdc = MEDLINE Complete, cmedm = MEDLINE, mnh = MEDLINE with Full Text). */
const MEDLINE_DATABASE = /medline|pubmed|^nlm$|^(mdc|cmedm|mnh)$/i;
/** Ovid's segment codes for MEDLINE (medl, med4 … med22, medp, prem, mesz, mesx …). */
const OVID_MEDLINE_SEGMENT = /^(med|prem|mes)[a-z0-9]*$/i;

/** The database the record says it came from: `DB`, else `DP` ("Ovid MEDLINE(R)", "8gh", "EBSCOhost"). */
export function databaseNames(record: TaggedRecord): string[] {
  return [...valuesOf(record, 'DB'), ...valuesOf(record, 'DP')];
}

/** Query parameters of Ovid links ("…ovidweb.cgi?T=JS&PAGE=reference&D=medp&NEWS=N&AN=30439442"). */
export function ovidLink(record: TaggedRecord): { segment: string | null; accession: string | null } | null {
  const link = valuesOf(record, ...LINK_TAGS).find((value) => /ovid\.com/i.test(value));
  if (!link) return null;
  return { segment: /[?&]D=([^&\s]+)/i.exec(link)?.[1] ?? null, accession: /[?&]AN=([^&\s]+)/i.exec(link)?.[1] ?? null };
}

/** "PMID: 123" or "PubMed ID: 123" at the start of a short custom field (never inside a note's reference list). */
function labelledId(record: TaggedRecord, label: RegExp): string | null {
  for (const value of valuesOf(record, ...CUSTOM_TAGS)) {
    if (value.length > 300) continue;
    const match = label.exec(value);
    if (match?.[1]) return match[1];
  }
  return null;
}

function pubmedLinkId(record: TaggedRecord): string | null {
  const pattern = /(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\/(\d{1,9})\b/i;
  return valuesOf(record, ...LINK_TAGS).map((value) => pattern.exec(value)?.[1]).find((id) => id !== undefined) ?? null;
}

function digits(value: string | null): string | null {
  return value && PMID.test(value.trim()) ? value.trim() : null;
}

/** The PMID, from the first place (in the order above) that has one. */
export function risPmid(record: TaggedRecord): string | null {
  const databases = databaseNames(record);
  const ovid = ovidLink(record);
  const medline = databases.some((name) => MEDLINE_DATABASE.test(name.trim()));
  const ovidMedline = (ovid?.segment ? OVID_MEDLINE_SEGMENT.test(ovid.segment) : false) || (medline && databases.some((name) => /^ovid/i.test(name)));
  // Only Ovid puts the accession in ID; EndNote's ID is its own record number, never a PMID.
  const fromOvid = ovidMedline ? (digits(ovid?.accession ?? null) ?? digits(firstOf(record, 'ID'))) : null;
  const isEmbase = databases.some((name) => /embase/i.test(name)) || /^L\d+$/.test(firstOf(record, 'U2') ?? '');
  const isScopus = databases.some((name) => /scopus/i.test(name));
  return (
    pubmedLinkId(record) ??
    fromOvid ??
    (medline ? digits(firstOf(record, 'AN')) : null) ??
    labelledId(record, /^\s*(?:PMID|PubMed ID)\s*:?\s*(\d{1,9})\b/i) ??
    (isEmbase ? digits(firstOf(record, 'C5')) : null) ??
    (isScopus ? digits(firstOf(record, 'C2')) : null)
  );
}

function risPmcid(record: TaggedRecord): string | null {
  const bare = valuesOf(record, ...CUSTOM_TAGS).find((value) => /^PMC\d+$/.test(value.trim()));
  if (bare) return bare.trim();
  const labelled = labelledId(record, /\bPMCID\s*:?\s*(PMC\d+)\b/i);
  if (labelled) return labelled;
  return valuesOf(record, ...LINK_TAGS).map((value) => /\/pmc\/articles\/(PMC\d+)/i.exec(value)?.[1]).find((id) => id !== undefined) ?? null;
}

/** A URL's DOI part with %-escapes undone; as printed when an escape is malformed. */
function decodedUrlPart(text: string): string {
  return text.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
}

function risDoi(record: TaggedRecord): string | null {
  const direct = normaliseDoi(firstOf(record, 'DO', 'DI'));
  if (direct) return direct;
  // Zotero before 2012 wrote the DOI in M3, which others use for the type of work.
  const m3 = valuesOf(record, 'M3').find((value) => /^\s*(?:doi:\s*)?10\.\d{4,9}\//i.test(value));
  if (m3) return normaliseDoi(m3);
  const link = valuesOf(record, ...LINK_TAGS).find((value) => /\bdoi\.org\/10\./i.test(value));
  return link ? normaliseDoi(decodedUrlPart(link.replace(/^.*?\bdoi\.org\//i, ''))) : null;
}

/** PMID, PMCID and DOI of a RIS record. */
export function risIdentifiers(record: TaggedRecord): RisIdentifiers {
  return { pmid: risPmid(record), pmcid: risPmcid(record), doi: risDoi(record) };
}

/** "CINAHL Complete" → "cinahl-complete": a database name fit to prefix an accession number. */
function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** What the record is a copy of, for the source id fallback's hash. */
export interface RecordFingerprint {
  readonly title: string;
  readonly year: number | null;
  readonly firstAuthor: string | null;
}

/**
 * The id of a record that has no PMID, within its source (`--source`, default `ris`). In order:
 *
 * 1. the database's accession number (`AN`; Embase.com's `U2` "L…"; Ovid's `ID`), prefixed with the
 *    database (`DB`, else `DP`, else Ovid's segment) so accession numbers of two databases never meet:
 *    "8gh:130185423", "embase:L2001234567", "WOS:000654321000012" (already prefixed);
 * 2. Scopus's EID from its record link: "scopus:2-s2.0-85012345678";
 * 3. the DOI: "doi:10.1016/j.joi.2022.101234";
 * 4. `ID` when nothing better exists: "id:123" (EndNote's record number, stable only within one library);
 * 5. a hash of the normalised title, year and first author's family name: "hash:3f2a…" (20 hex digits),
 *    so the same record exported twice gets the same id and updates rather than duplicates.
 */
export function risSourceId(record: TaggedRecord, doi: string | null, fingerprint: RecordFingerprint): string {
  const ovid = ovidLink(record);
  const embaseId = /^L\d+$/.test(firstOf(record, 'U2') ?? '') ? firstOf(record, 'U2') : null;
  const accession = firstOf(record, 'AN') ?? embaseId ?? (ovid ? (ovid.accession ?? firstOf(record, 'ID')) : null);
  if (accession) {
    const database = databaseNames(record)[0] ?? (embaseId ? 'embase' : ovid?.segment ? `ovid-${ovid.segment}` : null);
    const prefix = database ? slug(database) : '';
    return prefix && !accession.toLowerCase().startsWith(`${prefix}:`) ? `${prefix}:${accession}` : accession;
  }
  const eid = valuesOf(record, ...LINK_TAGS).map((value) => /[?&]eid=(2-s2\.0-\d+)/i.exec(value)?.[1]).find((id) => id !== undefined);
  if (eid) return `scopus:${eid}`;
  if (doi) return `doi:${doi}`;
  const id = firstOf(record, 'ID');
  if (id) return `id:${id}`;
  const key = [normaliseTitle(fingerprint.title), fingerprint.year ?? '', normaliseTitle(fingerprint.firstAuthor ?? '')].join('|');
  return `hash:${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}
