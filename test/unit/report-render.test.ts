import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../main/reports';
import type { ReportResult } from '../../shared/contract';
import { parsePeriodText, periodRange, comparedPeriod, placeholderIssues, reportDefinitionSchema } from '../../shared/report-definition';
import { QUARTERLY_BOARD_PACK } from '../../shared/report-templates';
import { pdfText } from '../support/pdf-text';

/**
 * The renderers on a hand-made result model: accented names print, a long table runs over pages with
 * its header repeated, the XLSX holds real numbers with formats and frozen headers, the CSV zip has one
 * file per table with exact decimals, and the definition refuses what it cannot fill.
 */

const BRANCHES = ['Plzeň – jih', 'Ústí nad Orlicí', 'Český Krumlov', 'Žďár nad Sázavou', 'Hradec Králové'];

function result(rows: number): ReportResult {
  const definition = reportDefinitionSchema.parse({
    title: 'Čtvrtletní zpráva',
    period: { kind: 'quarter', year: 1997, quarter: 4 },
    comparisons: ['previous'],
    sections: [
      {
        kind: 'table',
        id: 'deposits',
        title: 'Vklady podle poboček',
        by: ['branch'],
        columns: [{ metric: 'deposits_held' }, { metric: 'deposits_held', measure: 'change_previous_pct' }],
      },
    ],
  });
  return {
    id: '6f1d7a3e-7b4e-4d0c-9a53-1f2e3d4c5b6a',
    definition,
    title: definition.title,
    audience: 'Pro představenstvo.',
    bankName: 'Česká banka',
    author: 'Jiří Novák',
    generatedAt: Date.UTC(1998, 0, 5, 9),
    asOf: Date.UTC(1998, 0, 5, 8),
    source: 'cache',
    timeZone: 'Europe/Prague',
    period: { key: '1997-Q4', label: 'Q4 1997', from: '1997-10-01', to: '1998-01-01', lastDay: '1997-12-31' },
    comparisons: [{ kind: 'previous', range: { key: '1997-Q3', label: 'Q3 1997', from: '1997-07-01', to: '1997-10-01', lastDay: '1997-09-30' } }],
    filters: [{ dimension: 'branch', value: '3', label: 'Plzeň – jih' }],
    sections: [
      {
        kind: 'kpis',
        id: 'kpi',
        title: 'Hlavní ukazatele',
        notes: [],
        tiles: [
          {
            metric: 'deposits_held',
            label: 'Vklady',
            unit: 'money',
            better: 'up',
            scope: 'period',
            figures: [{ currency: 'CZK', value: 123456789, previous: 100000000, changePrevious: 23456789, changePreviousPct: 0.23456789 }],
          },
        ],
      },
      {
        kind: 'table',
        id: 'deposits',
        title: 'Vklady podle poboček',
        scope: 'period',
        notes: [],
        omitted: 0,
        columns: [
          { key: 'branch', label: 'Branch', kind: 'text' },
          { key: 'currency', label: 'Currency', kind: 'text' },
          { key: 'c0', label: 'Deposits held', kind: 'money' },
          { key: 'c1', label: '% vs previous', kind: 'change_ratio' },
        ],
        rows: Array.from({ length: rows }, (_, i) => ({
          currency: 'CZK',
          cells: { branch: `${BRANCHES[i % BRANCHES.length] ?? ''} ${i + 1}`, currency: 'CZK', c0: 100_00 * (rows - i) + 5, c1: i % 2 ? 0.125 : -0.05 },
        })),
      },
    ],
    metrics: [{ id: 'deposits_held', label: 'Deposits held', definition: 'Balances at the end of the period.', unit: 'money' }],
    figureRows: rows,
  };
}

describe('report renderers', () => {
  it('PDF: accented names print, the long table repeats its header on every page, every page says the period, filters, as-of and its number', async () => {
    const file = await renderReport(result(160), 'pdf');
    expect(file.filename).toBe('ctvrtletni-zprava-1997-q4.pdf');
    const text = await pdfText(file.bytes);
    for (const name of ['Česká banka', 'Jiří Novák', 'Plzeň – jih 1', 'Žďár nad Sázavou 4', 'Hradec Králové 160', 'Čtvrtletní zpráva']) expect(text).toContain(name);
    const pages = text.split('\n');
    expect(pages.length).toBeGreaterThanOrEqual(6);
    const tablePages = pages.filter((p) => p.includes('Žďár nad Sázavou'));
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const p of tablePages) expect(p).toContain('Deposits held');
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(p).toContain('Period 1997-10-01 to 1997-12-31 (Europe/Prague)');
      expect(p).toContain('Filters: branch: Plzeň – jih');
      expect(p).toContain('Data as of');
    });
    // The tile: value, arrow and change against the compared quarter.
    expect(text).toContain('1,234,567.89 CZK');
    expect(text).toMatch(/▲ \+23\.5 %/);
    // Deterministic: the same report renders to the same bytes.
    expect((await renderReport(result(160), 'pdf')).bytes.equals(file.bytes)).toBe(true);
  });

  it('XLSX: a sheet per section, money as numbers with the currency’s decimals, frozen header', async () => {
    const wb = new ExcelJS.Workbook();
    const bytes = (await renderReport(result(20), 'xlsx')).bytes;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Report', 'Hlavní ukazatele', 'Vklady podle poboček', 'Definitions']);
    const ws = wb.getWorksheet('Vklady podle poboček');
    if (!ws) throw new Error('sheet missing');
    const headerRow = ws.getRow(4);
    expect(headerRow.getCell(1).value).toBe('Branch');
    const first = ws.getRow(5);
    expect(first.getCell(1).value).toBe('Plzeň – jih 1');
    expect(first.getCell(3).value).toBe(2000.05);
    expect(first.getCell(3).numFmt).toBe('#,##0.00');
    expect(first.getCell(4).value).toBe(-0.05);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('CSV: one file per table in a zip, exact decimals, a README saying what was asked', async () => {
    const files = unzipSync((await renderReport(result(3), 'csv')).bytes);
    expect(Object.keys(files).sort()).toEqual(['02-deposits.csv', 'README.txt']);
    const bytes = files['02-deposits.csv'] ?? new Uint8Array();
    // A byte-order mark first, so spreadsheet programs read the accents as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(
      strFromU8(bytes)
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 2),
    ).toEqual(['Branch,Currency,Deposits held,% vs previous', 'Plzeň – jih 1,CZK,300.05,-0.05']);
    expect(strFromU8(files['README.txt'] ?? new Uint8Array())).toContain('Filters: branch = Plzeň – jih');
  });
});

describe('report definitions', () => {
  it('periods: text, ranges and comparisons across a year end', () => {
    const q1 = parsePeriodText('1998-Q1');
    expect(q1).toEqual({ kind: 'quarter', year: 1998, quarter: 1 });
    if (!q1) throw new Error('unreachable');
    expect(periodRange(comparedPeriod(q1, 'previous')).key).toBe('1997-Q4');
    expect(periodRange(comparedPeriod(q1, 'year')).key).toBe('1997-Q1');
    expect(periodRange({ kind: 'custom', from: '1997-10-01', through: '1997-12-31' })).toMatchObject({ toDay: periodRange({ kind: 'quarter', year: 1997, quarter: 4 }).toDay });
    expect(parsePeriodText('1997-13')).toBeNull();
    expect(parsePeriodText('1997-02-30..1997-03-01')).toBeNull();
  });

  it('placeholders that cannot be filled are refused, naming what to fix', () => {
    expect(placeholderIssues('{{loans_granted_count}} in {{period}}', [])).toEqual([]);
    expect(placeholderIssues('{{loans_granted}}', [])[0]).toContain('not a catalog metric');
    expect(placeholderIssues('{{deposits_held.change_year_pct}}', ['previous'])[0]).toContain('same period last year');
    const bad = reportDefinitionSchema.safeParse({ ...QUARTERLY_BOARD_PACK.definition, period: { kind: 'quarter', year: 1997, quarter: 4 }, comparisons: [] });
    expect(bad.success).toBe(false);
    expect(reportDefinitionSchema.safeParse({ ...QUARTERLY_BOARD_PACK.definition, period: { kind: 'quarter', year: 1997, quarter: 4 } }).success).toBe(true);
  });
});
