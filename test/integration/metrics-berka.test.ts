import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedBerkaBank } from '../support/berka-bank';
import { BERKA_LOAN_STATUS, berkaRows, tally } from './import-berka-expectations';

/**
 * The metric layer on real data it was not written for: the Berka bank imported as a bank would
 * load it, asked through `cloudbank metrics query` exactly as a script would, on the embedded bank
 * and on MariaDB, against counts taken from the files here in the test.
 */

/** Berka dates are YYMMDD in the 1990s. */
const year = (d: string): string => `19${d.slice(0, 2)}`;
const quarter = (d: string): string => `${year(d)}-Q${Math.floor((Number(d.slice(2, 4)) - 1) / 3) + 1}`;

function expected() {
  const accounts = berkaRows('account.asc');
  const loans = berkaRows('loan.asc');
  const loanAmount = (r: string[]) => Number(r[3]);
  return {
    accountsByYear: tally(accounts, (r) => year(r[3] ?? '')),
    accountsByQuarter: tally(accounts, (r) => quarter(r[3] ?? '')),
    loansByQuarter: tally(loans, (r) => quarter(r[2] ?? '')),
    loanAmountByQuarter: tally(loans, (r) => quarter(r[2] ?? ''), loanAmount),
    loansByStatus: tally(loans, (r) => BERKA_LOAN_STATUS[r[6] ?? ''] ?? '?'),
    loanAmountByStatus: tally(loans, (r) => BERKA_LOAN_STATUS[r[6] ?? ''] ?? '?', loanAmount),
  };
}

interface Answer {
  metric: string;
  source: string;
  timeZone: string;
  rows: { period?: string; loan_status?: string; value: number; currency?: string }[];
}

function metrics(target: string[], ...args: string[]): Answer {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', 'metrics', 'query', ...args, ...target, '--format', 'json'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`cloudbank metrics query ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Answer;
}

const byKey = (a: Answer, key: 'period' | 'loan_status'): Record<string, number> => Object.fromEntries(a.rows.filter((r) => r.value !== 0).map((r) => [r[key] ?? '', r.value]));

describe.each(['sqlite', 'mysql'] as const)('metrics on the imported Berka bank (%s)', (engine) => {
  const want = expected();
  let target: string[] = [];
  let dispose: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ target, dispose } = await importedBerkaBank(engine, 'cbberkametrics'));
  }, 180_000);
  afterAll(() => dispose());

  const range = ['--from', '1990-01-01', '--to', '2000-01-01'];

  it('accounts opened per year and per quarter equal the account file', () => {
    const y = metrics(target, '--metric', 'accounts_opened', '--grain', 'year', ...range);
    expect(y.source).toBe('bank');
    expect(y.timeZone).toBe('Europe/Prague');
    expect(byKey(y, 'period')).toEqual(want.accountsByYear);
    expect(byKey(metrics(target, '--metric', 'accounts_opened', '--grain', 'quarter', ...range), 'period')).toEqual(want.accountsByQuarter);
  });

  it('loans granted per quarter, count and amount (CZK), equal the loan file', () => {
    expect(byKey(metrics(target, '--metric', 'loans_granted_count', '--grain', 'quarter', ...range), 'period')).toEqual(want.loansByQuarter);
    const amount = metrics(target, '--metric', 'loans_granted_amount', '--grain', 'quarter', ...range);
    expect(new Set(amount.rows.map((r) => r.currency))).toEqual(new Set(['CZK']));
    expect(byKey(amount, 'period')).toEqual(want.loanAmountByQuarter);
  });

  it('loans by current status, count and amount, equal the loan file', () => {
    expect(byKey(metrics(target, '--metric', 'loans_granted_count', '--by', 'loan_status', ...range), 'loan_status')).toEqual(want.loansByStatus);
    expect(byKey(metrics(target, '--metric', 'loans_granted_amount', '--by', 'loan_status', ...range), 'loan_status')).toEqual(want.loanAmountByStatus);
  });
});
