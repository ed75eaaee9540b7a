import type { RowColumn } from '../../../../shared/contract/metrics';
import { formatDateTime } from '../../format/date';
import { formatMinor } from '../../format/money';
import { formatCount } from '../../format/number';
import { formatBankDate, formatRatio } from './explore-format';

type Cell = string | number | null | undefined;

/**
 * One cell of the rows view as text, by the column's kind: instants in the user's zone, bank dates as calendar
 * days, money in its row's currency (minor units through format/money), counts grouped, ratios as percent.
 */
export function formatRowCell(column: RowColumn, row: Record<string, Cell>): string {
  const v = row[column.key];
  if (v === null || v === undefined || v === '') return '—';
  switch (column.kind) {
    case 'text':
      return String(v);
    case 'count':
      return typeof v === 'number' ? formatCount(v) : String(v);
    case 'money': {
      const currency = column.currencyKey ? row[column.currencyKey] : null;
      return typeof v === 'number' && typeof currency === 'string' ? formatMinor(v, currency) : String(v);
    }
    case 'instant':
      return typeof v === 'number' ? formatDateTime(v) : String(v);
    case 'date':
      return formatBankDate(String(v));
    case 'ratio':
      return typeof v === 'number' ? formatRatio(v) : String(v);
  }
}

/** Numbers right-aligned in tabular figures; text left. */
export function isNumericColumn(column: Pick<RowColumn, 'kind'>): boolean {
  return column.kind === 'count' || column.kind === 'money' || column.kind === 'ratio';
}

/** The class of a column's cells: numbers right-aligned, dates and times left but in tabular figures so they line up. */
export function columnClass(column: Pick<RowColumn, 'kind'>): string | undefined {
  if (isNumericColumn(column)) return 'num';
  return column.kind === 'instant' || column.kind === 'date' ? 'tabular' : undefined;
}

/** "1 transaction", "2,340 transactions": the row kinds are plural nouns. */
export function rowsCountText(total: string, count: number, kind: string): string {
  return `${total} ${count === 1 ? kind.replace(/s$/, '') : kind}`;
}

/** The customer a row leads to (the customer 360), when it names one. */
export function customerOf(row: Record<string, Cell>, kind: string): number | null {
  const id = row.customerId ?? (kind === 'customers' ? row.id : undefined);
  const n = typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null;
  return n !== null && Number.isSafeInteger(n) && n > 0 ? n : null;
}
