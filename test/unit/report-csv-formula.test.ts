import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../main/reports/csv-zip';
import { ctrCsv } from '../../main/compliance/ctr';
import type { CtrReport, SectionResult } from '../../shared/contract';

/** Issue 11 (c): the report and CTR CSV writers use the shared spreadsheet-cell rule, one way. */
describe('report and CTR CSV cells', () => {
  it('the report table CSV writes an injected name as text and a negative amount as a number', () => {
    const section = {
      kind: 'table',
      id: 'by-branch',
      title: 'By branch',
      scope: {},
      columns: [
        { key: 'branch', label: 'Branch', kind: 'text' },
        { key: 'net', label: 'Net flow', kind: 'money' },
      ],
      rows: [{ currency: 'CZK', cells: { branch: '=HYPERLINK("http://evil","x")', net: -1050 } }],
      omitted: 0,
      notes: [],
    } as unknown as Extract<SectionResult, { kind: 'table' }>;
    const row =
      tableCsv(section)
        .replace(/^\uFEFF/, '')
        .split('\r\n')[1] ?? '';
    expect(row).toBe(`"'=HYPERLINK(""http://evil"",""x"")",-10.50`);
  });

  it('the CTR CSV writes an injected customer name as text and amounts as numbers', () => {
    const report: CtrReport = {
      id: 7,
      customerId: 1,
      customerNo: '@C1',
      customerName: '=cmd|"/c calc"!A1',
      dateOfBirth: null,
      nationalId: null,
      address: '－1+1',
      day: '2025-03-04',
      currency: 'USD',
      cashIn: 1_250_000,
      cashOut: 0,
      accounts: ['CZ1'],
      transactions: [],
      unconverted: [{ currency: 'EUR', cashIn: 0, cashOut: -500 }],
      dueDay: '2025-03-19',
      status: 'due',
      reviewedBy: null,
      filedReference: null,
      filedBy: null,
      filedAt: null,
    };
    const row = ctrCsv([report]).split('\r\n')[1] ?? '';
    expect(row.startsWith(`7,'@C1,"'=cmd|""/c calc""!A1",,,'－1+1,2025-03-04,USD,12500.00,0.00,12500.00,`)).toBe(true);
    expect(row).toContain(',0.00 in / -5.00 out EUR,');
    expect(row).not.toMatch(/,[=@+]/);
  });

  it('a plain negative cell in a report table stays a number', () => {
    const section = {
      kind: 'table',
      id: 't',
      title: 'T',
      scope: {},
      columns: [{ key: 'change', label: 'Change', kind: 'count' }],
      rows: [{ currency: null, cells: { change: -3 } }],
      omitted: 0,
      notes: [],
    } as unknown as Extract<SectionResult, { kind: 'table' }>;
    expect(tableCsv(section)).toBe('\uFEFFChange\r\n-3\r\n');
  });
});
