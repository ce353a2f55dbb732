/**
 * Field readers for PubMed/MEDLINE XML (NLM's PubMed DTD, 2016 MedlineCitationSet to the current
 * PubmedArticleSet), each taking the element the DTD puts the field under.
 */
import type { AbstractSection, Author, MeshHeading, MeshQualifier, PublicationDate } from '../bib-record.js';
import { normaliseDoi } from '../record-mapping.js';
import { type XmlElement, child, childrenNamed, textAt, textOf } from './xml-element.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const isPresent = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** "Mar", "March", "03" or "3" → 3; anything else → null. */
export function monthNumber(value: string | null): number | null {
  if (!value) return null;
  if (/^\d{1,2}$/.test(value)) {
    const month = Number(value);
    return month >= 1 && month <= 12 ? month : null;
  }
  const index = MONTHS.indexOf(value.slice(0, 3).toLowerCase());
  return index >= 0 ? index + 1 : null;
}

function dayNumber(value: string | null): number | null {
  if (!value || !/^\d{1,2}$/.test(value)) return null;
  const day = Number(value);
  return day >= 1 && day <= 31 ? day : null;
}

/**
 * `PubDate` as Year/Month/Day (month names or numbers), Year/Season ("2015 Winter", kept as text), or
 * a free-text `MedlineDate` ("1998 Dec-1999 Jan": the first year, and the text kept).
 */
export function publicationDate(pubDate: XmlElement | undefined): PublicationDate {
  const medlineDate = textAt(pubDate, 'MedlineDate');
  if (medlineDate) {
    const year = /\b(\d{4})\b/.exec(medlineDate)?.[1];
    return { year: year ? Number(year) : null, month: null, day: null, text: medlineDate };
  }
  const yearText = textAt(pubDate, 'Year');
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  const month = monthNumber(textAt(pubDate, 'Month'));
  const season = textAt(pubDate, 'Season');
  return {
    year,
    month,
    day: month === null ? null : dayNumber(textAt(pubDate, 'Day')),
    text: season ? [yearText, season].filter(isPresent).join(' ') : null,
  };
}

/** The abstract as one text ("LABEL: text …") and, when it is structured, its labelled sections. */
export function abstractOf(abstract: XmlElement | undefined): { abstract: string | null; sections: AbstractSection[] } {
  const sections = childrenNamed(abstract, 'AbstractText')
    .map((part) => ({ label: part.attributes.Label || null, nlmCategory: part.attributes.NlmCategory || null, text: textOf(part) ?? '' }))
    .filter((section) => section.text !== '');
  const first = sections[0];
  if (!first) return { abstract: null, sections: [] };
  const text = sections.map((section) => (section.label ? `${section.label}: ${section.text}` : section.text)).join(' ');
  const structured = sections.length > 1 || first.label !== null;
  return { abstract: text, sections: structured ? sections : [] };
}

function orcidOf(author: XmlElement): string | null {
  const identifier = childrenNamed(author, 'Identifier').find((id) => id.attributes.Source === 'ORCID');
  const value = textOf(identifier);
  if (!value) return null;
  // NLM gives ORCIDs both bare and as http(s)://orcid.org/… URLs; keep the bare form.
  return /\d{4}-\d{4}-\d{4}-\d{3}[\dX]/i.exec(value)?.[0].toUpperCase() ?? value;
}

function authorOf(author: XmlElement): Author | null {
  // ValidYN="N" marks a name NLM has since corrected; PubMed does not display it.
  if (author.attributes.ValidYN === 'N') return null;
  const affiliations = [...childrenNamed(author, 'AffiliationInfo').map((info) => textAt(info, 'Affiliation')), textAt(author, 'Affiliation')];
  const family = textAt(author, 'LastName');
  const collective = textAt(author, 'CollectiveName');
  if (!family && !collective) return null;
  const orcid = orcidOf(author);
  return {
    family,
    given: textAt(author, 'ForeName') ?? textAt(author, 'FirstName'),
    initials: textAt(author, 'Initials'),
    collective,
    affiliations: affiliations.filter(isPresent),
    ...(orcid ? { orcid } : {}),
  };
}

/**
 * Authors from an `AuthorList`. Before 2014 MEDLINE gave one `Affiliation` for the whole article
 * (`articleAffiliation`); it belongs to the first author.
 */
export function authorsOf(authorList: XmlElement | undefined, articleAffiliation: string | null = null): Author[] {
  const authors = childrenNamed(authorList, 'Author').map(authorOf).filter(isPresent);
  const [first, ...rest] = authors;
  if (first && articleAffiliation && first.affiliations.length === 0) return [{ ...first, affiliations: [articleAffiliation] }, ...rest];
  return authors;
}

function qualifierOf(qualifier: XmlElement): MeshQualifier | null {
  const name = textOf(qualifier);
  return name ? { ui: qualifier.attributes.UI ?? null, name, major: qualifier.attributes.MajorTopicYN === 'Y' } : null;
}

/** MeSH headings: each descriptor with its UI and major flag, and each qualifier with its own. */
export function meshOf(meshHeadingList: XmlElement | undefined): MeshHeading[] {
  return childrenNamed(meshHeadingList, 'MeshHeading')
    .map((heading): MeshHeading | null => {
      const descriptor = child(heading, 'DescriptorName');
      const name = textOf(descriptor);
      if (!descriptor || !name) return null;
      const qualifiers = childrenNamed(heading, 'QualifierName').map(qualifierOf).filter(isPresent);
      return { ui: descriptor.attributes.UI ?? null, name, major: descriptor.attributes.MajorTopicYN === 'Y', qualifiers };
    })
    .filter(isPresent);
}

/** Every keyword of every `KeywordList` (author keywords, NASA, …), without repeats. */
export function keywordsOf(parent: XmlElement | undefined): string[] {
  const keywords = childrenNamed(parent, 'KeywordList').flatMap((list) => childrenNamed(list, 'Keyword').map(textOf));
  return [...new Set(keywords.filter(isPresent))];
}

/** The texts of every child element with this name (`Language`, `PublicationType`). */
export function textsOf(parent: XmlElement | undefined, name: string): string[] {
  return childrenNamed(parent, name).map(textOf).filter(isPresent);
}

/** Ids from `ELocationID`s, the record's own `ArticleIdList`s and MEDLINE's `OtherID`s. */
export function identifiersOf(locations: XmlElement[], idLists: (XmlElement | undefined)[], otherIds: XmlElement[]): { doi: string | null; pmcid: string | null } {
  const articleIds = idLists.flatMap((list) => childrenNamed(list, 'ArticleId'));
  const idOfType = (type: string) => textOf(articleIds.find((id) => id.attributes.IdType === type));
  const location = locations.find((loc) => loc.attributes.EIdType === 'doi' && loc.attributes.ValidYN !== 'N');
  const doi = normaliseDoi(textOf(location)) ?? normaliseDoi(idOfType('doi'));
  const pmc = idOfType('pmc') ?? otherIds.map(textOf).find((id) => id?.startsWith('PMC')) ?? null;
  return { doi, pmcid: pmc ? (/PMC\d+/.exec(pmc)?.[0] ?? null) : null };
}
