/**
 * ODS publishes names in capitals ("OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST"); people read
 * and search them more easily in the case NHS.UK uses ("Oxford University Hospitals NHS Foundation Trust").
 */

/** Initialisms that stay in capitals. */
const UPPER = new Set(['nhs', 'nhsft', 'ft', 'icb', 'ccg', 'csu', 'stp', 'ics', 'uk', 'gp', 'hq', 'cic', 'llp', 'plc', 'ltd', 'bmi', 'hca', 'ii', 'iii', 'iv']);

/** Joining words, lower-case except at the start of the name. */
const LOWER = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'upon', 'under', 'with', 'by', 'to', 'le', 'en']);

function capitalise(word: string): string {
  // Letters after an apostrophe stay lower-case: KING'S → King's, not King'S.
  return word.toLowerCase().replace(/^([^a-z0-9]*)([a-z])/, (_m, lead: string, first: string) => `${lead}${first.toUpperCase()}`);
}

function casePart(part: string, first: boolean): string {
  const lower = part.toLowerCase();
  const bare = lower.replace(/[^a-z0-9]/g, '');
  if (UPPER.has(bare)) return part.toUpperCase();
  if (!first && LOWER.has(lower)) return lower;
  return capitalise(part);
}

/**
 * Title-cases a name written all in capitals; a name that already has lower-case letters is kept as it is.
 *
 * ### Examples
 * odsNameToTitleCase('STOKE-ON-TRENT NHS TRUST') → 'Stoke-on-Trent NHS Trust'
 * odsNameToTitleCase("KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST") → "King's College Hospital NHS Foundation Trust"
 */
export function odsNameToTitleCase(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (/[a-z]/.test(trimmed)) return trimmed;
  return trimmed
    .split(' ')
    .map((word, index) =>
      word
        .split('-')
        .map((part, partIndex) => casePart(part, index === 0 && partIndex === 0))
        .join('-'),
    )
    .join(' ');
}
