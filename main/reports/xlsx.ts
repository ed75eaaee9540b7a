import ExcelJS from 'exceljs';
import { spreadsheetText } from '../../shared/spreadsheet-cell';
import type { ColumnKind, ReportResult, SectionResult } from '../../shared/contract';
import { COMPARISON_LABELS } from '../../shared/report-definition';
import { currencyDecimals, formatMinorPlain } from '../../shared/money';
import { COMPLIANCE_COLUMNS, complianceRows } from './compliance-table';
import { formatInstant } from './format';

/**
 * The report as a workbook: a cover sheet saying what was asked (period, comparisons, filters, as-of),
 * then a sheet per section with real numbers — money in major units with its currency's decimals,
 * ratios as percentages — and the header row frozen so it stays in view while scrolling.
 */

type Cell = string | number | null;

/** Text a spreadsheet would run as a formula stays text (the shared rule, full-width forms included). */
export const safeText = spreadsheetText;

function majorOf(minor: number, currency: string | null): number {
  return currency ? Number(formatMinorPlain(Math.round(minor), currency)) : minor;
}

function moneyFormat(currency: string | null): string {
  const d = currency ? currencyDecimals(currency) : 0;
  return d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
}

function formatOf(kind: ColumnKind, currency: string | null): string | null {
  switch (kind) {
    case 'money':
      return moneyFormat(currency);
    case 'ratio':
    case 'share':
      return '0.00%';
    case 'ratio_pp':
      return '+0.00%;-0.00%;0.00%';
    case 'change_ratio':
      return '+0.0%;-0.0%;0.0%';
    case 'count':
      return '#,##0';
    case 'days':
      return '0.0';
    default:
      return null;
  }
}

function value(kind: ColumnKind, v: Cell, currency: string | null): Cell {
  if (typeof v !== 'number') return typeof v === 'string' ? safeText(v) : v;
  return kind === 'money' ? majorOf(v, currency) : v;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 28) || 'Section';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

export function coverLines(r: ReportResult): [string, string][] {
  return [
    ['Report', r.title],
    ['Bank', r.bankName],
    ['Period', `${r.period.label}: ${r.period.from} to ${r.period.lastDay} (bank days, ${r.timeZone})`],
    ['Compared with', r.comparisons.length ? r.comparisons.map((c) => `${COMPARISON_LABELS[c.kind]}: ${c.range.from} to ${c.range.lastDay}`).join('; ') : 'none'],
    ['Filters', r.filters.length ? r.filters.map((f) => `${f.dimension} = ${f.label}`).join('; ') : 'none (whole bank)'],
    ['Data as of', `${formatInstant(r.asOf, r.timeZone)} (${r.source === 'cache' ? 'workstation cache' : 'bank'})`],
    ['Prepared by', `${r.author}, ${formatInstant(r.generatedAt, r.timeZone)}`],
    ['Report id', r.id],
  ];
}

function addSection(wb: ExcelJS.Workbook, s: SectionResult, r: ReportResult, taken: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(s.title, taken));
  ws.addRow([safeText(s.title)]).font = { bold: true, size: 13 };
  ws.addRow([`${r.period.label} · ${r.filters.length ? r.filters.map((f) => f.label).join(', ') : 'whole bank'}`]);
  const notes = 'notes' in s ? s.notes : [];
  for (const n of notes) ws.addRow([safeText(n)]);
  ws.addRow([]);
  const headerAt = ws.rowCount + 1;
  let header: string[] = [];
  const rows: { cells: Cell[]; formats: (string | null)[] }[] = [];
  if (s.kind === 'narrative') {
    header = ['Text'];
    rows.push({ cells: [safeText(s.text)], formats: [null] });
    ws.getColumn(1).width = 120;
  } else if (s.kind === 'kpis') {
    const cmp = r.comparisons.map((c) => c.kind);
    header = ['Figure', 'Currency', 'Value', ...cmp.flatMap((c) => (c === 'previous' ? ['Previous period', 'Change', 'Change %'] : ['Year earlier', 'Change', 'Change %']))];
    for (const t of s.tiles) {
      for (const f of t.figures) {
        const kind: ColumnKind = t.unit;
        const fmt = formatOf(kind, f.currency);
        const cells: Cell[] = [safeText(t.label), f.currency, value(kind, f.value, f.currency)];
        const formats: (string | null)[] = [null, null, fmt];
        for (const c of cmp) {
          const [b, ch, pct] = c === 'previous' ? [f.previous, f.changePrevious, f.changePreviousPct] : [f.year, f.changeYear, f.changeYearPct];
          cells.push(value(kind, b ?? null, f.currency), value(kind, ch ?? null, f.currency), pct ?? null);
          formats.push(fmt, fmt, formatOf('change_ratio', null));
        }
        rows.push({ cells, formats });
      }
    }
  } else if (s.kind === 'chart') {
    header = [s.axis || 'Category', ...s.series.map((x) => (x.currency && !x.name.includes(x.currency) ? `${x.name} (${x.currency})` : x.name))];
    s.categories.forEach((cat, i) => {
      rows.push({
        cells: [safeText(cat), ...s.series.map((x) => value(s.unit, x.values[i] ?? null, x.currency))],
        formats: [null, ...s.series.map((x) => formatOf(s.unit, x.currency))],
      });
    });
  } else if (s.kind === 'compliance') {
    // Each monitor's figures in its own unit: the Unit column says which, the number format shows it.
    header = [...COMPLIANCE_COLUMNS.slice(0, 5).map((c) => c.label), 'Unit', 'Currency', ...COMPLIANCE_COLUMNS.slice(5).map((c) => c.label)];
    for (const row of complianceRows(s)) {
      const figure = (k: 'value' | 'limit' | 'warning'): Cell => value(row.kind, row.cells[k], row.currency);
      const fmt = formatOf(row.kind, row.currency);
      rows.push({
        cells: [
          safeText(String(row.cells.monitor)),
          row.cells.status,
          figure('value'),
          figure('limit'),
          figure('warning'),
          row.kind,
          row.currency,
          row.cells.crossing,
          safeText(String(row.cells.note)),
          safeText(String(row.cells.citation)),
        ],
        formats: [null, null, fmt, fmt, fmt, null, null, null, null, null],
      });
    }
  } else {
    header = s.columns.map((c) => c.label);
    for (const row of s.rows) {
      rows.push({ cells: s.columns.map((c) => value(c.kind, row.cells[c.key] ?? null, row.currency)), formats: s.columns.map((c) => formatOf(c.kind, row.currency)) });
    }
  }
  const head = ws.addRow(header);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F5FAE' } };
  });
  for (const r2 of rows) {
    const row = ws.addRow(r2.cells);
    r2.formats.forEach((f, j) => {
      if (f) row.getCell(j + 1).numFmt = f;
    });
  }
  ws.views = [{ state: 'frozen', ySplit: headerAt, xSplit: 0 }];
  if (s.kind !== 'narrative') header.forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(14, Math.min(40, h.length + 4))));
  if (s.kind === 'table' || s.kind === 'kpis' || s.kind === 'compliance') ws.getColumn(1).width = 32;
}

export async function reportXlsx(r: ReportResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = r.author;
  wb.title = r.title;
  wb.created = new Date(r.generatedAt);
  const cover = wb.addWorksheet('Report');
  for (const [k, v] of coverLines(r)) {
    const row = cover.addRow([k, safeText(v)]);
    row.getCell(1).font = { bold: true };
  }
  if (r.audience) cover.addRow(['Audience', safeText(r.audience)]).getCell(1).font = { bold: true };
  cover.getColumn(1).width = 16;
  cover.getColumn(2).width = 100;
  const taken = new Set(['report', 'definitions']);
  for (const s of r.sections) addSection(wb, s, r, taken);
  const defs = wb.addWorksheet('Definitions');
  defs.addRow(['Metric', 'Id', 'Definition']).font = { bold: true };
  for (const m of r.metrics) defs.addRow([m.label, m.id, safeText(m.definition)]);
  for (const s of r.sections)
    if (s.kind === 'compliance') for (const m of s.monitors) defs.addRow([`${m.name} (compliance monitor)`, m.id, safeText(`${m.definition} (${m.citation})`)]);
  defs.views = [{ state: 'frozen', ySplit: 1 }];
  defs.getColumn(1).width = 32;
  defs.getColumn(2).width = 28;
  defs.getColumn(3).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
