/**
 * The bibliographic record every importer produces and every exporter reads: PubMed's fields, with
 * room for what RIS and test collections carry. Field names are camelCase; storage is in record.table.ts.
 */

/** One labelled part of a structured abstract ("BACKGROUND", "METHODS" …). */
export interface AbstractSection {
  /** The label as printed, e.g. "Methods". */
  readonly label: string | null;
  /** NLM's normalised category (BACKGROUND, OBJECTIVE, METHODS, RESULTS, CONCLUSIONS, UNASSIGNED). */
  readonly nlmCategory: string | null;
  readonly text: string;
}

export interface Author {
  /** Surname; null for a collective (group) author. */
  readonly family: string | null;
  readonly given: string | null;
  /** "JA" for John Andrew. */
  readonly initials: string | null;
  /** The group's name for a collective author ("COVID-19 Study Group"). */
  readonly collective: string | null;
  readonly affiliations: readonly string[];
  readonly orcid?: string | null;
}

export interface MeshQualifier {
  /** Qualifier unique id, e.g. Q000188. */
  readonly ui: string | null;
  /** e.g. "drug therapy". */
  readonly name: string;
  readonly major: boolean;
}

export interface MeshHeading {
  /** Descriptor unique id, e.g. D003920; null when a source gives only the name. */
  readonly ui: string | null;
  /** e.g. "Diabetes Mellitus". */
  readonly name: string;
  /** Major topic (starred) for the descriptor itself. */
  readonly major: boolean;
  readonly qualifiers: readonly MeshQualifier[];
}

export interface Journal {
  readonly title: string | null;
  /** ISO abbreviation, e.g. "N Engl J Med". */
  readonly isoAbbreviation: string | null;
  readonly issn: string | null;
}

export interface PublicationDate {
  readonly year: number | null;
  readonly month: number | null;
  readonly day: number | null;
  /** The date as the source printed it when it is not a plain date ("2015 Winter", "1998 Dec-1999 Jan"). */
  readonly text: string | null;
}

export interface BibRecord {
  /** Where the record came from: `pubmed` for anything identified by a PMID; otherwise a named source (`beir-scifact`, `ovid-embase`). */
  readonly source: string;
  /** The record's id within its source: the PMID for PubMed. */
  readonly sourceId: string;
  readonly pmid: string | null;
  /** Lower-cased, without a `https://doi.org/` prefix. */
  readonly doi: string | null;
  readonly pmcid: string | null;
  readonly title: string;
  /** The abstract as one text (sections joined with their labels). */
  readonly abstract: string | null;
  /** The structured abstract's sections, when it has them. */
  readonly abstractSections: readonly AbstractSection[];
  readonly authors: readonly Author[];
  readonly journal: Journal;
  readonly volume: string | null;
  readonly issue: string | null;
  /** As printed: "123-9", "e1002". */
  readonly pages: string | null;
  readonly publicationDate: PublicationDate;
  /** ISO 639-2 codes as PubMed gives them ("eng", "fre"). */
  readonly languages: readonly string[];
  readonly publicationTypes: readonly string[];
  readonly mesh: readonly MeshHeading[];
  readonly keywords: readonly string[];
}

/** A stored record: the bibliographic data plus khub's own bookkeeping. */
export interface StoredRecord extends BibRecord {
  readonly id: number;
  /** When khub first stored it; alerts select records added since their last run. */
  readonly addedAt: string;
  /** When khub last changed it (an import that changed nothing leaves it alone). */
  readonly updatedAt: string;
  /** Records that are the same article from different sources share a group. */
  readonly duplicateGroupId: number | null;
}
