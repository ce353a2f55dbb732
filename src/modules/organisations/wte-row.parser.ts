import { z } from 'zod';
import { splitCsvLine } from './ods-row.parser.js';

/**
 * Pure parsing of NHS workforce statistics summarised per organisation and month
 * (`month,org_code,org_name,total_fte`, e.g. `2018-JUN,RTH,Oxford University Hospitals…,10436.43`).
 */
export const WTE_COLUMNS = ['month', 'org_code', 'org_name', 'total_fte'] as const;

/** One organisation's whole-time-equivalent staff for one month. */
export interface WteRecord {
  readonly line: number;
  readonly odsCode: string;
  /** YYYY-MM. */
  readonly period: string;
  readonly wte: number;
}

export type WteRowResult =
  | { readonly kind: 'record'; readonly record: WteRecord }
  | { readonly kind: 'rejected'; readonly line: number; readonly problems: readonly { field: string; message: string }[] };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** `2018-JUN` (as NHS Digital writes it) or `2018-06` → `2018-06`; anything else is undefined. */
export function wtePeriod(text: string): string | undefined {
  const match = /^(\d{4})-([A-Za-z]{3}|\d{2})$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const month = /^\d+$/.test(match[2]) ? Number(match[2]) : MONTHS.indexOf(match[2].toUpperCase()) + 1;
  return month >= 1 && month <= 12 ? `${match[1]}-${String(month).padStart(2, '0')}` : undefined;
}

const wteRowSchema = z.object({
  month: z.string().transform((value, ctx) => {
    const period = wtePeriod(value);
    if (period) return period;
    ctx.addIssue({ code: 'custom', message: 'must be a month like 2018-JUN or 2018-06' });
    return z.NEVER;
  }),
  org_code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, 'must be an ODS code of 3 to 10 letters and digits'),
  total_fte: z.string().trim().regex(/^\d+(\.\d+)?$/, 'must be a number of staff, like 1234.5').transform(Number),
});

/** Checks the header names the columns this importer needs, in any order; returns their positions. */
export function wteHeader(text: string): { ok: true; positions: Record<(typeof WTE_COLUMNS)[number], number> } | { ok: false; message: string } {
  const split = splitCsvLine(text);
  if (!split.ok) return { ok: false, message: split.message };
  const names = split.fields.map((f) => f.trim().toLowerCase());
  const missing = WTE_COLUMNS.filter((c) => c !== 'org_name' && !names.includes(c));
  if (missing.length > 0) return { ok: false, message: `the header must name the columns ${WTE_COLUMNS.join(', ')}; missing ${missing.join(', ')}` };
  return { ok: true, positions: { month: names.indexOf('month'), org_code: names.indexOf('org_code'), org_name: names.indexOf('org_name'), total_fte: names.indexOf('total_fte') } };
}

/** Reads one data line into a record, or says what is wrong with it. */
export function parseWteLine(text: string, line: number, positions: Record<(typeof WTE_COLUMNS)[number], number>): WteRowResult {
  const split = splitCsvLine(text);
  if (!split.ok) return { kind: 'rejected', line, problems: [{ field: 'row', message: split.message }] };
  const field = (name: (typeof WTE_COLUMNS)[number]) => split.fields[positions[name]] ?? '';
  const result = wteRowSchema.safeParse({ month: field('month'), org_code: field('org_code'), total_fte: field('total_fte') });
  if (!result.success) {
    return { kind: 'rejected', line, problems: result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'row', message: i.message })) };
  }
  return { kind: 'record', record: { line, odsCode: result.data.org_code, period: result.data.month, wte: result.data.total_fte } };
}
