/**
 * MeSH headings as the text formats print them: "Diabetes Mellitus, Type 2/*drug therapy/genetics"
 * (MEDLINE `MH`), and Ovid's "Prescription Drugs/pd [Pharmacology]". A `*` marks a major topic, on the
 * descriptor or on one qualifier. Text formats give names only, so every `ui` is null.
 */
import type { MeshHeading, MeshQualifier } from '../bib-record.js';

function qualifierOf(part: string): MeshQualifier | null {
  const major = part.startsWith('*');
  const text = part.replace(/^\*/, '').trim();
  // Ovid prints a qualifier's two-letter code with its name in brackets; the name is what MEDLINE prints.
  const bracketed = /\[([^\]]+)\]\s*$/.exec(text)?.[1];
  const name = (bracketed ?? text).trim().toLowerCase();
  return name ? { ui: null, name, major } : null;
}

/**
 * One heading with its qualifiers.
 *
 * ### Examples
 * parseMeshHeading('Prescription Drugs/*pharmacology')
 *   → { ui: null, name: 'Prescription Drugs', major: false, qualifiers: [{ ui: null, name: 'pharmacology', major: true }] }
 * parseMeshHeading('*Drug Interactions') → { ui: null, name: 'Drug Interactions', major: true, qualifiers: [] }
 */
export function parseMeshHeading(value: string): MeshHeading | null {
  const [descriptor = '', ...qualifiers] = value.trim().split('/');
  const major = descriptor.startsWith('*');
  const name = descriptor.replace(/^\*/, '').trim();
  if (name === '') return null;
  return { ui: null, name, major, qualifiers: qualifiers.map(qualifierOf).filter((q): q is MeshQualifier => q !== null) };
}
