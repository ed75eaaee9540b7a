/**
 * Spreadsheet formula injection (CSV/XLSX "CSV injection"): a text cell that starts with = + - @,
 * a tab or a carriage return — or their full-width forms, which some spreadsheets fold — is run as
 * a formula when the file is opened (=HYPERLINK(…), =cmd|…). Such text gets a leading apostrophe,
 * which spreadsheets show as text. A plain number ("-10.00", "+3") is not a formula: it is left as
 * it is so the column stays numeric.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function spreadsheetText(text: string): string {
  if (PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null | undefined;

/** One RFC 4180 field: neutralised, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? spreadsheetText(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV line of fields. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}
