import ExcelJS from 'exceljs';
import type { MetricResult, MetricRowsResult, RowColumn } from '../../shared/contract';
import { currencyDecimals, formatMinorPlain } from '../../shared/money';
import { spreadsheetText } from '../../shared/spreadsheet-cell';
import { metricInfo } from './catalog';
import { DIMENSION_LABELS } from './catalog';

/**
 * The explorer's current view as a spreadsheet: what was asked (metric, definition, period, filters,
 * comparison, source and as-of) above the figures, so a file passed on still says what it shows.
 * One workbook model writes both XLSX and CSV; money is a real number in major units with its
 * currency's decimals, never text.
 */

type Cell = string | number | null;

/** Text that a spreadsheet would run as a formula stays text. */
const safeText = spreadsheetText;

function major(minor: number, currency: string): number {
  return Number(formatMinorPlain(minor, currency));
}

function numFmt(currency: string | null, unit: MetricResult['unit']): string {
  if (unit === 'ratio') return '0.00%';
  if (unit !== 'money' || currency === null) return '#,##0';
  const d = currencyDecimals(currency);
  return d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
}

function headerLines(result: MetricResult, filterLabels: Record<string, string>): Cell[][] {
  const info = metricInfo(result.metric);
  const lastDay = new Date(Date.parse(`${result.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const lines: Cell[][] = [
    [result.label],
    ['Definition', info.definition],
    ['Period', `${result.from} to ${lastDay} (bank days, ${result.timeZone})`],
    [
      'Filters',
      result.filters.length ? result.filters.map((f) => `${DIMENSION_LABELS[f.dimension]} = ${filterLabels[`${f.dimension}=${f.value}`] ?? f.value}`).join('; ') : 'none',
    ],
  ];
  if (result.compare !== 'none' && result.compareFrom && result.compareTo) {
    const cLast = new Date(Date.parse(`${result.compareTo}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    lines.push(['Compared with', `${result.compare === 'year' ? 'same period a year earlier' : 'previous period'}: ${result.compareFrom} to ${cLast}`]);
  }
  lines.push(['Source', `${result.source === 'cache' ? 'workstation cache' : 'bank'}, as of ${new Date(result.asOf).toISOString()}`]);
  return lines;
}

function figureTable(result: MetricResult): { header: string[]; rows: Cell[][]; formats: (string | null)[][] } {
  const withCurrency = result.rows.some((r) => r.currency !== null);
  const compared = result.compare !== 'none';
  const header = [
    ...(result.grain ? ['Period'] : []),
    ...result.by.map((d) => DIMENSION_LABELS[d]),
    ...(withCurrency ? ['Currency'] : []),
    'Value',
    ...(compared ? ['Previous', 'Change', 'Change %'] : []),
  ];
  const rows: Cell[][] = [];
  const formats: (string | null)[][] = [];
  for (const r of result.rows) {
    const value = (v: number | null | undefined): Cell => (v === null || v === undefined ? null : result.unit === 'money' && r.currency ? major(v, r.currency) : v);
    const fmt = numFmt(r.currency, result.unit);
    const row: Cell[] = [
      ...(result.grain ? [r.period] : []),
      ...result.by.map((d) => safeText(r.labels[d] ?? r.dims[d] ?? '')),
      ...(withCurrency ? [r.currency] : []),
      value(r.value),
    ];
    const f: (string | null)[] = [...row.slice(0, -1).map(() => null), fmt];
    if (compared) {
      row.push(value(r.previous), value(r.change), r.changeRatio ?? null);
      f.push(fmt, fmt, '0.0%');
    }
    rows.push(row);
    formats.push(f);
  }
  return { header, rows, formats };
}

function rowsTable(rows: MetricRowsResult): { header: string[]; rows: Cell[][]; formats: (string | null)[][] } {
  const cols: RowColumn[] = rows.columns;
  const out: Cell[][] = [];
  const formats: (string | null)[][] = [];
  for (const r of rows.rows) {
    const line: Cell[] = [];
    const f: (string | null)[] = [];
    for (const c of cols) {
      const v = r[c.key] ?? null;
      const currency = c.currencyKey ? r[c.currencyKey] : null;
      if (c.kind === 'money' && typeof v === 'number' && typeof currency === 'string') {
        line.push(major(v, currency));
        f.push(numFmt(currency, 'money'));
      } else if (c.kind === 'instant' && typeof v === 'number') {
        line.push(new Date(v).toISOString());
        f.push(null);
      } else {
        line.push(typeof v === 'string' ? safeText(v) : v);
        f.push(null);
      }
    }
    out.push(line);
    formats.push(f);
  }
  return { header: cols.map((c) => c.label), rows: out, formats };
}

function addSheet(wb: ExcelJS.Workbook, name: string, top: Cell[][], table: { header: string[]; rows: Cell[][]; formats: (string | null)[][] }): void {
  const ws = wb.addWorksheet(name);
  for (const line of top) ws.addRow(line.map((c) => (typeof c === 'string' ? safeText(c) : c)));
  if (top.length) ws.addRow([]);
  const head = ws.addRow(table.header);
  head.font = { bold: true };
  table.rows.forEach((r, i) => {
    const row = ws.addRow(r);
    table.formats[i]?.forEach((fmt, j) => {
      if (fmt) row.getCell(j + 1).numFmt = fmt;
    });
  });
  ws.columns.forEach((col) => {
    col.width = 18;
  });
}

export async function exportView(
  result: MetricResult,
  format: 'csv' | 'xlsx',
  opts: { filterLabels: Record<string, string>; rows: MetricRowsResult | null },
): Promise<{ filename: string; mimeType: string; base64: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CloudBank Analytics';
  const top = headerLines(result, opts.filterLabels);
  addSheet(wb, 'Figures', top, figureTable(result));
  const base = `${result.metric}-${result.from}-to-${result.to}`;
  if (format === 'xlsx') {
    if (opts.rows) addSheet(wb, 'Rows', [], rowsTable(opts.rows));
    const buf = await wb.xlsx.writeBuffer();
    return { filename: `${base}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: Buffer.from(buf).toString('base64') };
  }
  const buf = await wb.csv.writeBuffer({ sheetName: 'Figures' });
  return { filename: `${base}.csv`, mimeType: 'text/csv', base64: Buffer.from(buf).toString('base64') };
}
