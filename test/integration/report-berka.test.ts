import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportResult, SectionResult } from '../../shared/contract';
import { importedBerkaBank } from '../support/berka-bank';
import { pdfText } from '../support/pdf-text';
import { tempDir } from '../support/temp';
import { BERKA_LOAN_STATUS, berkaRows, tally } from './import-berka-expectations';

/**
 * The quarterly board pack on real data it was not written for: the Berka bank imported as a bank
 * would load it, the pack generated through `cloudbank report run` exactly as a schedule would, on the
 * embedded bank and on MariaDB; its figures checked against counts taken from the files here.
 */

/** The report labels statuses as people read them. */
const label = (letter: string): string => {
  const name = BERKA_LOAN_STATUS[letter] ?? '?';
  return (name.charAt(0).toUpperCase() + name.slice(1)).replace('_', ' ');
};
/** Berka dates are YYMMDD in the 1990s. */
const inQ4 = (d: string): boolean => d >= '971001' && d <= '971231';
const in1997 = (d: string): boolean => d.startsWith('97');
const upTo1997 = (d: string): boolean => d <= '971231';

function fromFiles() {
  const accounts = berkaRows('account.asc');
  const loans = berkaRows('loan.asc');
  const byStatus = (rows: string[][]): Record<string, number> => tally(rows, (r) => label(r[6] ?? ''));
  return {
    loansQ4: loans.filter((r) => inQ4(r[2] ?? '')).length,
    loansQ4ByStatus: byStatus(loans.filter((r) => inQ4(r[2] ?? ''))),
    loanBookByStatus: byStatus(loans.filter((r) => upTo1997(r[2] ?? ''))),
    accountsQ4: accounts.filter((r) => inQ4(r[3] ?? '')).length,
    accounts1997: accounts.filter((r) => in1997(r[3] ?? '')).length,
  };
}

function section<K extends SectionResult['kind']>(r: ReportResult, id: string, kind: K): Extract<SectionResult, { kind: K }> {
  const s = r.sections.find((x) => x.id === id);
  if (!s || s.kind !== kind) throw new Error(`section ${id} (${kind}) missing`);
  return s as Extract<SectionResult, { kind: K }>;
}

function tile(r: ReportResult, label: string): number | null {
  const t = section(r, 'headline', 'kpis').tiles.find((x) => x.label === label);
  if (!t) throw new Error(`tile ${label} missing`);
  return t.figures[0]?.value ?? null;
}

/** Loans column (first figure column) of a by-status table, keyed by the status as printed. */
function loansByStatus(r: ReportResult, id: string): Record<string, number> {
  const t = section(r, id, 'table');
  const key = t.columns.find((c) => c.label === 'Loans')?.key ?? '';
  return Object.fromEntries(t.rows.filter((row) => row.cells[key] !== 0).map((row) => [String(row.cells.loan_status), Number(row.cells[key])]));
}

describe.each(['sqlite', 'mysql'] as const)('board pack on the imported Berka bank (%s)', (engine) => {
  const want = fromFiles();
  const out = tempDir('report-berka-out-');
  let target: string[] = [];
  let dispose: () => Promise<void> = async () => undefined;
  let result: ReportResult;
  let pdf: string;

  beforeAll(async () => {
    ({ target, dispose } = await importedBerkaBank(engine, 'cbreportberka'));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'main/cli/index.ts',
        'report',
        'run',
        '--template',
        'quarterly-board-pack',
        '--period',
        '1997-Q4',
        '--compare',
        'previous,year',
        '--format',
        'pdf,xlsx,csv,json',
        '--out',
        out.path,
        '--author',
        'Jiří Novák',
        ...target,
      ],
      { encoding: 'utf8', timeout: 170_000 },
    );
    if (r.status !== 0) throw new Error(`cloudbank report run failed: ${r.stderr}`);
    const files = readdirSync(out.path);
    const json = files.find((f) => f.endsWith('.json'));
    result = JSON.parse(readFileSync(join(out.path, json ?? ''), 'utf8')) as ReportResult;
    pdf = await pdfText(readFileSync(join(out.path, files.find((f) => f.endsWith('.pdf')) ?? '')));
  }, 240_000);
  afterAll(async () => {
    out.remove();
    await dispose();
  });

  it('writes the four formats named after the pack and its period', () => {
    expect(readdirSync(out.path).sort()).toEqual([
      'quarterly-board-pack-1997-q4-tables.zip',
      'quarterly-board-pack-1997-q4.json',
      'quarterly-board-pack-1997-q4.pdf',
      'quarterly-board-pack-1997-q4.xlsx',
    ]);
    expect(result.period).toMatchObject({ key: '1997-Q4', from: '1997-10-01', to: '1998-01-01', lastDay: '1997-12-31' });
    expect(result.comparisons.map((c) => c.range.key)).toEqual(['1997-Q3', '1996-Q4']);
    expect(result.timeZone).toBe('Europe/Prague');
    expect(result.author).toBe('Jiří Novák');
  });

  it('loans granted in the quarter equal the loan file', () => {
    expect(tile(result, 'Loans granted')).toBe(want.loansQ4);
    expect(loansByStatus(result, 'loans-granted-by-status')).toEqual(want.loansQ4ByStatus);
  });

  it('the loan book by status equals the loan file up to the quarter end', () => {
    expect(loansByStatus(result, 'loan-book-by-status')).toEqual(want.loanBookByStatus);
  });

  it('accounts opened in the quarter and in 1997 equal the account file', () => {
    expect(tile(result, 'Accounts opened in the quarter')).toBe(want.accountsQ4);
    expect(tile(result, 'Accounts opened this year')).toBe(want.accounts1997);
  });

  it('the PDF states the same figures, with the period, the author and page numbers', () => {
    expect(pdf).toContain(`granted ${want.loansQ4} loans`);
    expect(pdf).toContain(`Customers opened ${want.accountsQ4} accounts`);
    expect(pdf).toContain('Jiří Novák');
    expect(pdf).toMatch(/Page 1 of \d+/);
    expect(pdf).toContain('Period 1997-10-01 to 1997-12-31 (Europe/Prague)');
    expect(pdf).toContain('Contents');
  });
});
