import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirBank } from '../support/banks';
import { tempDir } from '../support/temp';
import { BERKA_DIR } from './import-berka-expectations';

/** Runs the real CLI from source (tsx), the way `cloudbank …` runs from dist. */
function cloudbank(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], { encoding: 'utf8', timeout: 170_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const HEADER = 'txn_id,timestamp,account,counterparty,type,channel,amount,currency,balance_after,label';

describe('cloudbank import', () => {
  const dir = tempDir('cloudbank-import-cli-');
  afterAll(() => dir.remove());

  it('lists both importers in --help', () => {
    const { code, out } = cloudbank('import', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/berka \[options\] <dir>/);
    expect(out).toMatch(/transactions \[options\] <file>/);
    expect(cloudbank('import', 'transactions', '--help').out).toContain('--create-missing-accounts');
  });

  it('berka: loads the data set into a new embedded bank, with progress, and refuses a second run', () => {
    const data = join(dir.path, 'berka-bank');
    const r = cloudbank('import', 'berka', BERKA_DIR, '--data-dir', data);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^writing: [\d,]+ \/ [\d,]+ rows \([\d,]+ rows\/s\)$/m);
    const json = JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}') as { rows: Record<string, number>; seconds: number };
    expect(json.rows).toMatchObject({ customers: 5369, cards: 892, loans: 682 });
    expect(existsSync(join(data, 'bank.sqlite'))).toBe(true);
    const again = cloudbank('import', 'berka', BERKA_DIR, '--data-dir', data);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds the Berka data set/);
  }, 180_000);

  it('transactions: lists bad rows as "line N, column C: reason", exits 1 and leaves no bank behind', () => {
    const data = join(dir.path, 'csv-bank');
    const csv = join(dir.path, 'bad.csv');
    writeFileSync(csv, `${HEADER}\nt1,2026-01-01T00:00:00Z,ACC-1,,deposit,,10.00,EUR,,\nt2,2026-01-02T00:00:00Z,ACC-1,,deposit,,1.001,EUR,,\n`);
    const r = cloudbank('import', 'transactions', csv, '--data-dir', data, '--create-missing-accounts');
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 3, column amount: "1.001" has more than 2 decimals');
    expect(r.err).toContain('1 bad row: nothing was imported.');
    expect(existsSync(join(data, 'bank.sqlite'))).toBe(false);
    expect(existsSync(join(data, 'bank.sqlite.partial'))).toBe(false);
  });

  it('transactions: --create-missing-accounts fills a new bank; without it a missing bank is an error', async () => {
    const data = join(dir.path, 'csv-bank-2');
    const csv = join(dir.path, 'good.csv');
    writeFileSync(csv, `${HEADER}\nt1,2026-01-01T00:00:00Z,ACC-1,,deposit,,10.00,EUR,10.00,\n`);
    const missing = cloudbank('import', 'transactions', csv, '--data-dir', data);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/There is no bank in/);
    const r = cloudbank('import', 'transactions', csv, '--data-dir', data, '--create-missing-accounts');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const bank = await dataDirBank(data);
    const branch = await bank.db.selectFrom('branches').select('code').executeTakeFirstOrThrow();
    const account = await bank.db.selectFrom('accounts').select('balance').where('account_no', '=', 'ACC-1').executeTakeFirstOrThrow();
    await bank.close();
    expect([branch.code, Number(account.balance)]).toEqual(['IMPORT', 1000]);
  });
});
