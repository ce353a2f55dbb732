import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.js';
import { STAFF_GROUPS, STAFF_GROUP_VALUES } from './staff-groups.js';

/** The columns of an upload, in the order the template has them; the last may be left out. */
export const UPLOAD_COLUMNS = ['email', 'full_name', 'job_title', 'staff_group', 'organisation_ods_code'] as const;
const REQUIRED_COLUMNS = UPLOAD_COLUMNS.slice(0, 4);
/** Enough for a large trust's induction list; larger lists go in several files. */
export const MAX_UPLOAD_ROWS = 2000;
/** Far more than 2,000 rows need; a larger file is almost certainly the wrong one. */
export const MAX_UPLOAD_BYTES = 1_048_576;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A staff group may be given as its code (`nursing_midwifery`) or as the label the registration form shows. */
function staffGroupValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  return STAFF_GROUPS.find((g) => g.value === text || g.text.toLowerCase() === text)?.value ?? text;
}

/** One row of an upload. */
export const uploadRowSchema = z.object({
  email: z.email({ error: 'Enter an email address in the correct format, like name@example.nhs.uk' }).max(254, 'Email address must be 254 characters or fewer'),
  full_name: z.string({ error: 'Enter the person’s full name' }).trim().min(1, 'Enter the person’s full name').max(200, 'Full name must be 200 characters or fewer'),
  job_title: z.string({ error: 'Enter the job title' }).trim().min(1, 'Enter the job title').max(200, 'Job title must be 200 characters or fewer'),
  staff_group: z.preprocess(staffGroupValue, z.enum(STAFF_GROUP_VALUES, { error: `Enter a staff group: one of ${STAFF_GROUP_VALUES.join(', ')}` })),
  organisation_ods_code: z.preprocess(
    blankToUndefined,
    z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, 'Enter an ODS code of 3 to 10 letters and numbers, like RTH').optional(),
  ),
});

export type UploadRow = z.output<typeof uploadRowSchema>;

/** A data row with its line number in the file (the header is line 1). */
export interface CsvRow {
  readonly line: number;
  readonly values: Record<string, string>;
}

export type ParsedCsv = { ok: true; rows: CsvRow[] } | { ok: false; errors: FieldError[] };

const fileError = (message: string): ParsedCsv => ({ ok: false, errors: [{ field: 'file', message }] });
const normaliseHeader = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, '_');

function headerProblem(columns: readonly string[]): string | undefined {
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) return `The first line must name the columns: ${REQUIRED_COLUMNS.join(', ')} (and optionally organisation_ods_code). Missing: ${missing.join(', ')}`;
  const unknown = columns.filter((c) => !(UPLOAD_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) return `The file has columns khub does not know: ${unknown.join(', ')}. Use the template`;
  return undefined;
}

/** Reads an uploaded CSV: checks the header, and returns each data row with its line number, or what is wrong with the file as a whole. */
export function parseAccountsCsv(file: Buffer | undefined): ParsedCsv {
  if (!file || file.length === 0) return fileError('Select a CSV file');
  if (file.length > MAX_UPLOAD_BYTES) return fileError('The file must be smaller than 1 MB');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let columns: string[] = [];
  try {
    records = parse(file, {
      bom: true,
      columns: (header: string[]) => (columns = header.map(normaliseHeader)),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    if (error instanceof CsvError) return fileError(`The file is not a valid CSV file (${error.message})`);
    throw error;
  }
  const problem = headerProblem(columns);
  if (problem) return fileError(problem);
  if (records.length === 0) return fileError('The file has no rows of accounts under the header');
  if (records.length > MAX_UPLOAD_ROWS) return fileError(`The file has ${records.length} accounts; upload at most ${MAX_UPLOAD_ROWS} at a time`);
  return { ok: true, rows: records.map(({ record, info }) => ({ line: info.lines, values: record })) };
}

/** The template offered for download: the header and one example row. */
export function uploadTemplateCsv(): string {
  return `${UPLOAD_COLUMNS.join(',')}\r\njo.bloggs@example.nhs.uk,Jo Bloggs,Staff nurse,nursing_midwifery,\r\n`;
}
