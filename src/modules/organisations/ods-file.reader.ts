import { type ReadProgress, readFileLines } from './import-file.reader.js';
import { type OdsOrganisationRecord, type OdsRowProblem, parseOdsLine } from './ods-row.parser.js';

/** A line the importer refused, with every problem found on it. */
export interface RejectedLine {
  readonly line: number;
  readonly problems: readonly OdsRowProblem[];
}

/** Everything read from one ODS file, before anything touches the database. */
export interface OdsFileContents {
  readonly organisations: readonly OdsOrganisationRecord[];
  /** 5-character site codes skipped (hospitals and clinics of a trust, not organisations). */
  readonly sites: number;
  readonly rejected: readonly RejectedLine[];
}

/**
 * Reads a headerless ODS CSV file, plain or gzipped, into organisation records, a count of sites
 * skipped and the lines rejected. The whole file is read before the caller writes anything, so a file
 * that turns out to be damaged changes nothing.
 */
export async function readOdsFile(path: string, onProgress?: ReadProgress): Promise<OdsFileContents> {
  const organisations: OdsOrganisationRecord[] = [];
  const rejected: RejectedLine[] = [];
  let sites = 0;
  for await (const { line, text } of readFileLines(path, onProgress)) {
    const result = parseOdsLine(text, line);
    if (result.kind === 'organisation') organisations.push(result.record);
    else if (result.kind === 'site') sites += 1;
    else rejected.push({ line: result.line, problems: result.problems });
  }
  return { organisations, sites, rejected };
}
