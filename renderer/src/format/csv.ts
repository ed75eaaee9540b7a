import { csvCell, type CsvValue } from '../../../shared/spreadsheet-cell';

export type CsvCell = CsvValue;

/** Formula injection is defused by the one shared rule (shared/spreadsheet-cell.ts). */
const cell = csvCell;

/** RFC 4180 CSV with CRLF line ends and a BOM-free header row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** "activity-2025-11-25.csv" using the local date. */
export function csvFileName(base: string, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${base}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
