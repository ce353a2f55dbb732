/** A record's page: every field the record has, links out to the full text, and its other versions. */
import type { Author, DuplicateGroup, MeshHeading, StoredRecord } from '../../records/index.js';
import { languageName } from '../text/languages.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1 July 2020", "July 2020", "2020", or the date as the source printed it ("2015 Winter"). */
export function publicationDateText(record: StoredRecord): string {
  const { year, month, day, text } = record.publicationDate;
  if (text) return text;
  if (year === null) return '';
  const monthName = month ? MONTHS[month - 1] : undefined;
  return [monthName && day ? String(day) : undefined, monthName, String(year)].filter(Boolean).join(' ');
}

/** "43(7):1500-8", as citations print volume, issue and pages. */
export function volumeIssuePages(record: StoredRecord): string {
  const { volume, issue, pages } = record;
  return `${volume ?? ''}${issue ? `(${issue})` : ''}${pages ? `${volume || issue ? ':' : ''}${pages}` : ''}`;
}

function fullName(author: Author): string {
  if (author.collective && !author.family) return author.collective;
  return [author.given, author.family].filter(Boolean).join(' ');
}

/** A search for the heading (exploded, as PubMed's [mh]); quoted, so commas and "and" stay part of the name. */
export function headingSearchHref(name: string): string {
  return `/search?${new URLSearchParams({ q: `"${name.replaceAll('"', '')}"[mh]` }).toString()}`;
}

function heading(h: MeshHeading) {
  return {
    name: h.name,
    href: headingSearchHref(h.name),
    major: h.major,
    qualifiers: h.qualifiers.map((q) => ({ name: q.name, major: q.major })),
  };
}

function identifiers(record: StoredRecord) {
  const links: { label: string; value: string; href: string }[] = [];
  if (record.pmid) links.push({ label: 'PubMed ID (PMID)', value: record.pmid, href: `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(record.pmid)}/` });
  if (record.pmcid) links.push({ label: 'PubMed Central (PMCID)', value: record.pmcid, href: `https://www.ncbi.nlm.nih.gov/pmc/articles/${encodeURIComponent(record.pmcid)}/` });
  // A DOI keeps its slashes in the link; anything else that could break out of the path is encoded.
  if (record.doi) links.push({ label: 'DOI', value: record.doi, href: `https://doi.org/${record.doi.split('/').map(encodeURIComponent).join('/')}` });
  return links;
}

/** The record as its page shows it; `group` is its duplicate group, when it has one. */
export function recordPageView(record: StoredRecord, group: DuplicateGroup | undefined) {
  const sections = record.abstractSections.filter((s) => s.text.trim() !== '');
  return {
    pageTitle: record.title || 'Record',
    record: {
      id: record.id,
      title: record.title || '[No title]',
      authors: record.authors.map((a) => ({ name: fullName(a), affiliations: a.affiliations })),
      journal: record.journal.title ?? record.journal.isoAbbreviation ?? '',
      journalAbbreviation: record.journal.title && record.journal.isoAbbreviation !== record.journal.title ? record.journal.isoAbbreviation : null,
      issn: record.journal.issn,
      published: publicationDateText(record),
      volumeIssuePages: volumeIssuePages(record),
      languages: record.languages.map((code) => {
        const name = languageName(code);
        return name ? name.charAt(0).toUpperCase() + name.slice(1) : code;
      }),
      publicationTypes: record.publicationTypes,
      abstractSections: sections.length > 0 ? sections.map((s) => ({ label: s.label, text: s.text })) : record.abstract ? [{ label: null, text: record.abstract }] : [],
      headings: record.mesh.map(heading),
      keywords: record.keywords,
      identifiers: identifiers(record),
      source: `${record.source} ${record.sourceId}`,
      addedAt: record.addedAt,
    },
    otherVersions: (group?.records ?? [])
      .filter((r) => r.id !== record.id)
      .map((r) => ({ href: `/records/${r.id}`, title: r.title || '[No title]', source: r.source, year: r.year })),
  };
}
