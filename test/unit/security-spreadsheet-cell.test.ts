import { describe, expect, it } from 'vitest';
import { csvCell, spreadsheetText } from '../../shared/spreadsheet-cell';
import { statementCsv } from '../../main/banking/statement-csv';
import { alertsToCsv, type ExportedAlert } from '../../main/fraud/export';
import { toCsv } from '../../renderer/src/format/csv';
import type { Statement } from '../../shared/contract';

/** Issue 14, findings 9 and 12: formula injection in CSV exports, and negative amounts written as text. */
describe('spreadsheet cells', () => {
  it.each(['=HYPERLINK("http://evil","x")', '+1+2', '-1+cmd|calc', '@SUM(A1)', '\t=1', '\r=1', '＝1+1', '－2+3'])('defuses %j as text', (v) => {
    expect(spreadsheetText(v)).toBe(`'${v}`);
    expect(csvCell(v).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
  });

  it.each(['-10.00', '+3', '0', '-7', '12.5'])('keeps the number %s a number', (v) => {
    expect(csvCell(v)).toBe(v);
  });

  it('quotes fields with quotes, commas and line breaks', () => {
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-5)).toBe('-5');
  });

  it('the statement CSV writes debits as numbers and a formula description as text', () => {
    const s = {
      account: { accountNo: 'CZ6508000000192000145399', name: 'Current', currency: 'EUR', customer: { legalName: '=cmd|calc' } },
      from: Date.UTC(2025, 0, 1),
      to: Date.UTC(2025, 1, 1),
      opening: 5000,
      credits: 0,
      debits: 1000,
      closing: 4000,
      lines: [
        {
          bookedAt: Date.UTC(2025, 0, 5),
          reference: 'R1',
          type: 'withdrawal',
          channel: 'branch',
          description: '=HYPERLINK("http://x")',
          counterparty: null,
          amount: -1000,
          balanceAfter: 4000,
        },
      ],
    } as unknown as Statement;
    const csv = statementCsv(s, 'Europe/Prague');
    const line = csv.split('\r\n').find((l) => l.includes('R1')) ?? '';
    expect(line.endsWith(',-10.00,40.00')).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain("holder,'=cmd|calc");
    expect(csv).not.toContain("'-10.00");
  });

  it('cloudbank fraud alerts --format csv writes an injected assignee as text', () => {
    const alert: ExportedAlert = {
      id: 1,
      alertKey: 'k',
      rules: ['account_drained'],
      riskScore: 90,
      status: 'in_review',
      assignee: '=HYPERLINK("http://evil","open")',
      accountNo: 'CZ1',
      customerNo: '@CB1',
      detectedAt: '2025-01-01T00:00:00Z',
      transactions: [{ reference: '+R1', externalRef: null }],
    } as unknown as ExportedAlert;
    const [, row] = alertsToCsv([alert]).split(/\r?\n/);
    expect(row).toContain(`"'=HYPERLINK(""http://evil"",""open"")"`);
    expect(row).toContain(",'@CB1,");
    expect(row).not.toMatch(/,=|,@|,\+/);
  });

  it('the renderer’s table export uses the same rule', () => {
    expect(toCsv(['a', 'b'], [['=1+1', '-3']])).toBe("a,b\r\n'=1+1,-3\r\n");
  });
});
