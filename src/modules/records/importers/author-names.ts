/**
 * Personal names as the text formats print them: "Smith, John A" (MEDLINE FAU, most RIS), "Smith JA"
 * (MEDLINE AU), "Behan L." and "Lucas J.S." (Embase), "W. Zhang" (IEEE). RIS writes people as
 * "Family, Given"; any other name of several words is a group's, as Zotero reads it ("Gruppo Tecnico PASSI").
 */
import type { Author } from '../bib-record.js';

/** 1–4 initials in any script, with or without full stops or hyphens: "JA", "J.A.", "J.-P.", "L.", "Ş", "АМ". */
const INITIALS = /^(?:\p{Lu}\.?-?){1,4}$/u;

/** Words that mark a group's name rather than a person's ("COVID-19 Study Group"). */
const GROUP_WORDS =
  /\b(group|consortium|collaborat\w*|committee|investigators|officers|coordinators|association|society|organi[sz]ation|network|team|council|panel|alliance|foundation|institute|cent(?:re|er)|department|programme|program|project|agency|board|initiative|partnership|working party|task force|writing)\b/i;

/**
 * Initials from given names: "John Andrew" → "JA", "Yi-Cheng" → "YC", "J.A." → "JA", "JA" → "JA", as
 * PubMed derives them.
 */
export function initialsOf(given: string | null): string | null {
  if (!given) return null;
  // "Smith, JA": run-together capitals are initials already (a given name is not printed in 1–3 capitals).
  if (/^\p{Lu}{1,3}$/u.test(given.trim())) return given.trim();
  const letters = given
    .split(/[\s.\-‐]+/)
    .filter((part) => /^\p{L}/u.test(part))
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
  return letters || null;
}

/** A person. */
function author(family: string | null, given: string | null, initials: string | null = initialsOf(given)): Author {
  return { family, given, initials, collective: null, affiliations: [] };
}

/** A group author ("COVID-19 Study Group"). */
export function collectiveAuthor(name: string): Author {
  return { family: null, given: null, initials: null, collective: name, affiliations: [] };
}

/** A name printed without a comma: "Smith JA", "W. Zhang", "Madonna", or a group's name. */
function uninvertedName(name: string): Author {
  const words = name.split(' ');
  const last = words[words.length - 1] ?? '';
  const leading = words.slice(0, -1);
  if (/\d/.test(name) || GROUP_WORDS.test(name)) return collectiveAuthor(name);
  if (words.length === 1) return /^\p{Lu}{2,}$/u.test(name) ? collectiveAuthor(name) : author(name, null, null);
  if (INITIALS.test(last)) return author(leading.join(' '), null, initialsOf(last));
  if (leading.every((word) => INITIALS.test(word))) return author(last, leading.join(' '));
  return collectiveAuthor(name);
}

/**
 * An author from an inverted name ("Family, Given[, Suffix]"), a family-then-initials name ("Smith JA",
 * "Lucas J.S."), an initials-then-family name ("W. Zhang"), or else a group ("Hedges Team").
 *
 * ### Examples
 * parseAuthorName('Lu, Yin')        → { family: 'Lu', given: 'Yin', initials: 'Y', … }
 * parseAuthorName('Tu YC')          → { family: 'Tu', given: null, initials: 'YC', … }
 * parseAuthorName('Lucas J.S.')     → { family: 'Lucas', given: null, initials: 'JS', … }
 * parseAuthorName('Hedges Team')    → { family: null, …, collective: 'Hedges Team' }
 */
export function parseAuthorName(value: string): Author | null {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '') return null;
  const comma = name.indexOf(',');
  if (comma <= 0) return uninvertedName(name);
  // A suffix after a second comma ("Smith, John, Jr.") has no field of its own in the model.
  const given = name.slice(comma + 1).split(',')[0]?.trim() ?? '';
  return author(name.slice(0, comma).trim(), given || null);
}
