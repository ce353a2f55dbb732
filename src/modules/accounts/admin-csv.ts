/**
 * CSV cells for spreadsheets. A cell that starts with = + - @ (or a tab or carriage return) would run as
 * a formula when the file is opened in Excel or LibreOffice (CSV injection), so it gets a leading
 * apostrophe, which spreadsheets show as text. See OWASP "CSV Injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell, neutralised and quoted as RFC 4180 needs. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, ending in CRLF as RFC 4180 asks. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
