import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../shared/contract';
import type { FraudRuleHit } from '../../shared/fraud-explanation';
import { accountDetail, InternalRoutes, openAccount, previewOperation, submitOperation } from '../../main/banking';
import { saveProduct } from '../../main/catalog';
import { generateDemoBank } from '../../main/demo';
import { checkLedger } from '../../main/ledger';
import { Detector, loadDirectory, maxEntryId, readTxns, RULE_IDS, scanBank, type RuleOverrides } from '../../main/fraud';
import { sarDraft } from '../../main/fraud-review';
import { ImportRejected, importTransactionsCsv } from '../../main/importers';
import type { Bank } from '../../main/source';
import { EMPTY_VALUES, operationFormSchema, toOperation } from '../../renderer/src/screens/operations/operation-values';
import { emptySqliteBank, freshBank, TINY_DEMO, type Engine } from '../support/banks';
import { refused } from '../support/refused';
import { tempDir } from '../support/temp';

const TELLER = 'teller';
/** A small demo bank whose history ends before today's postings. */
const DEMO = { ...TINY_DEMO, end: Date.UTC(2026, 10, 20, 12) };
const key = (): string => `test-${randomUUID()}`;
const HEADER = 'txn_id,timestamp,account,counterparty,type,channel,amount,currency,balance_after,label';

/**
 * The same 950,000 minor units typed by a teller and written in an import file, in a currency with
 * no decimals, one whose ISO exponent (2) differs from what Intl says (0), and one with three. Two
 * such cash deposits are structuring (the rule's default threshold is 1,000,000 minor units), so the
 * rule's sentence shows the amounts — in each currency's own decimals.
 */
const CASES = [
  { currency: 'HUF', typed: '9 500,00', inFile: '9500.00', balanceInFile: '19000.00', low: '9,000.00 HUF', high: '10,000.00 HUF', total: '19,000.00 HUF' },
  { currency: 'JPY', typed: '950 000', inFile: '950000', balanceInFile: '1900000', low: '900,000 JPY', high: '1,000,000 JPY', total: '1,900,000 JPY' },
  { currency: 'BHD', typed: '950.000', inFile: '950.000', balanceInFile: '1900.000', low: '900.000 BHD', high: '1,000.000 BHD', total: '1,900.000 BHD' },
] as const;
const MINOR = 950_000;

const ONLY_STRUCTURING: RuleOverrides = Object.fromEntries(RULE_IDS.filter((id) => id !== 'structuring').map((id) => [id, { enabled: false }]));

/** Every structuring hit on `accountId`, from the bank's stored transactions, as the scan and live monitor run them. */
async function structuringHits(bank: Bank, accountId: number): Promise<FraudRuleHit[]> {
  const directory = await loadDirectory(bank);
  const hits: FraudRuleHit[] = [];
  const detector = new Detector(directory, { rules: ONLY_STRUCTURING, onHit: (h, t) => void (t.accountId === accountId && hits.push(h)) });
  for await (const page of readTxns(bank, directory, { after: 0, upTo: await maxEntryId(bank) })) for (const t of page) detector.process(t);
  return hits;
}

async function counts(bank: Bank): Promise<{ journal: number; entries: number; accounts: number }> {
  const n = async (t: 'journal' | 'entries' | 'accounts'): Promise<number> =>
    Number(
      (
        await bank.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { journal: await n('journal'), entries: await n('entries'), accounts: await n('accounts') };
}

async function depositProduct(bank: Bank, currency: string): Promise<number> {
  const p = await saveProduct(
    bank,
    {
      code: `CUR-${currency}`,
      name: `Current account ${currency}`,
      kind: 'current',
      currency,
      interestRateBp: 0,
      monthlyFee: 0,
      overdraftLimit: 0,
      dailyWithdrawalLimit: 0,
      active: true,
      description: '',
    },
    'admin',
    Date.now(),
  );
  return p.id;
}

async function firstCustomer(bank: Bank): Promise<number> {
  return Number((await bank.db.selectFrom('customers').select('id').where('kyc_status', '=', 'verified').orderBy('id').limit(1).executeTakeFirstOrThrow()).id);
}

describe('HUF, JPY and BHD keep the same minor units through a teller’s form, the CSV import and the fraud texts', () => {
  const dir = tempDir('cloudbank-money-');
  let bank: Bank;
  let routes: InternalRoutes;
  let customer: number;

  beforeAll(async () => {
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, DEMO);
    routes = new InternalRoutes(bank);
    customer = await firstCustomer(bank);
  }, 120_000);

  afterAll(async () => {
    await bank?.close();
    dir.remove();
  });

  it.each(CASES)('a teller deposits $typed $currency twice: $currency minor units stored, and the structuring text reads $total', async (c) => {
    const product = await depositProduct(bank, c.currency);
    const opened = await openAccount(bank, routes, { customerId: customer, productId: product, initialDeposit: '', idempotencyKey: key() }, TELLER);
    const account = await accountDetail(bank.db, { id: opened.account.id }, null);
    expect(account.currency).toBe(c.currency);
    // The operation form as the renderer runs it: its schema (shared parser, ISO decimals), then the contract's operation.
    const values = { ...EMPTY_VALUES, amount: c.typed };
    expect(operationFormSchema('deposit', account.currency).safeParse(values).success).toBe(true);
    const op: Operation = toOperation('deposit', account, values);
    for (let i = 0; i < 2; i++) {
      const receipt = await submitOperation(bank, routes, op, key(), TELLER);
      expect(receipt.amount).toBe(MINOR);
      expect(receipt.currency).toBe(c.currency);
    }
    const entries = await bank.db.selectFrom('entries').select('amount').where('account_id', '=', account.id).execute();
    expect(entries.map((e) => Number(e.amount))).toEqual([MINOR, MINOR]);
    expect((await accountDetail(bank.db, { id: account.id }, null)).balance).toBe(2 * MINOR);

    const hits = await structuringHits(bank, account.id);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.observed).toMatchObject({ deposits: 2, total: 2 * MINOR });
    expect(hits[0]?.summary).toBe(`2 cash deposits between ${c.low} and ${c.high} within 10 days (${c.total} in all).`);

    // The overnight scan stores the alert; the SAR draft's narrative counts in the same decimals.
    await scanBank(bank);
    const alert = await bank.db.selectFrom('fraud_alerts').select('id').where('account_id', '=', account.id).executeTakeFirstOrThrow();
    const sar = await sarDraft(bank, Number(alert.id));
    expect(sar.totalAmount).toBe(2 * MINOR);
    expect(sar.narrative).toContain(`2 transactions totalling ${c.total} were flagged: ${c.total} in and `);
    expect(sar.narrative).toContain(`Structuring: 2 cash deposits between ${c.low} and ${c.high}`);
  });

  it('imports the same amounts from a canonical CSV into a scratch embedded bank, with the same minor units and texts', async () => {
    const scratchDir = tempDir('cloudbank-money-csv-');
    const scratch = await emptySqliteBank(scratchDir.path);
    try {
      // The second row states the running balance too: the importer checks it in the same minor units.
      const lines = CASES.flatMap((c) => [
        `m:${c.currency}:1,2026-03-02T09:00:00Z,ACC-${c.currency}-1,,deposit,branch,${c.inFile},${c.currency},,`,
        `m:${c.currency}:2,2026-03-03T09:00:00Z,ACC-${c.currency}-1,,deposit,branch,${c.inFile},${c.currency},${c.balanceInFile},`,
      ]);
      const file = join(scratchDir.path, 'three-currencies.csv');
      writeFileSync(file, [HEADER, ...lines].join('\n') + '\n');
      const summary = await importTransactionsCsv(scratch, file, { createMissingAccounts: true });
      expect(summary.rows.journal).toBe(6);
      for (const c of CASES) {
        const a = await scratch.db.selectFrom('accounts').select(['id', 'balance', 'currency']).where('account_no', '=', `ACC-${c.currency}-1`).executeTakeFirstOrThrow();
        expect(a.currency).toBe(c.currency);
        expect(Number(a.balance)).toBe(2 * MINOR);
        const stored = await scratch.db.selectFrom('journal').select(['amount', 'currency']).where('external_ref', 'like', `m:${c.currency}:%`).orderBy('id').execute();
        expect(stored.map((j) => [Number(j.amount), j.currency])).toEqual([
          [MINOR, c.currency],
          [MINOR, c.currency],
        ]);
        const hits = await structuringHits(scratch, Number(a.id));
        expect(hits.map((h) => h.summary)).toEqual([`2 cash deposits between ${c.low} and ${c.high} within 10 days (${c.total} in all).`]);
      }
    } finally {
      await scratch.close();
      scratchDir.remove();
    }
  });

  it('refuses an import whose running balance would pass 2^53 − 1 minor units, writing nothing', async () => {
    const scratchDir = tempDir('cloudbank-money-big-');
    const scratch = await emptySqliteBank(scratchDir.path);
    try {
      const file = join(scratchDir.path, 'too-big.csv');
      writeFileSync(
        file,
        [HEADER, '9e13:1,2026-03-02T09:00:00Z,ACC-BIG,,deposit,,90071992547409.91,EUR,,', '9e13:2,2026-03-02T09:01:00Z,ACC-BIG,,deposit,,90071992547409.91,EUR,,'].join('\n') +
          '\n',
      );
      const before = await counts(scratch);
      const e = await importTransactionsCsv(scratch, file, { createMissingAccounts: true }).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(ImportRejected);
      const bad = (e as ImportRejected).badRows;
      expect(bad.map((b) => [b.line, b.column])).toEqual([[3, 'amount']]);
      expect(bad[0]?.reason).toMatch(/balance of ACC-BIG beyond ±90,071,992,547,409\.91 EUR/);
      expect(await counts(scratch)).toEqual(before);
    } finally {
      await scratch.close();
      scratchDir.remove();
    }
  });
});

const ENGINES: { name: string; engine: Engine }[] = [
  { name: 'embedded SQLite', engine: 'sqlite' },
  { name: 'MariaDB', engine: 'mysql' },
];

describe.each(ENGINES)('amounts beyond what the ledger holds exactly are refused before anything is written, on $name', ({ engine }) => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let routes: InternalRoutes;
  let customer: number;
  let huf: number;
  let eur: number;

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank(engine, 'cbmoney'));
    await generateDemoBank(bank, DEMO);
    routes = new InternalRoutes(bank);
    customer = await firstCustomer(bank);
    huf = await depositProduct(bank, 'HUF');
    eur = Number((await bank.db.selectFrom('products').select('id').where('code', '=', 'CUR-CLASSIC').executeTakeFirstOrThrow()).id);
  }, 180_000);

  afterAll(async () => {
    await dispose?.();
  });

  const open = async (product: number): Promise<number> =>
    (await openAccount(bank, routes, { customerId: customer, productId: product, initialDeposit: '', idempotencyKey: key() }, TELLER)).account.id;
  const deposit = (accountId: number, amount: string, currency: string): Operation => ({ kind: 'deposit', accountId, amount, currency, description: '' });

  it('refuses more than the bank’s maximum per operation (one billion major units unless configured), in preview, posting and account opening', async () => {
    const a = await open(eur);
    const before = await counts(bank);
    const op = deposit(a, '90071992547409.91', 'EUR');
    for (const e of [await refused(previewOperation(bank, routes, op)), await refused(submitOperation(bank, routes, op, key(), TELLER))]) {
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toBe('At most 1,000,000,000.00 EUR can be moved in one operation at this bank.');
      expect(e.issues?.[0]?.path).toBe('amount');
    }
    const opening = await refused(openAccount(bank, routes, { customerId: customer, productId: eur, initialDeposit: '1000000000.01', idempotencyKey: key() }, TELLER));
    expect(opening.code).toBe('VALIDATION');
    expect(opening.issues?.[0]?.path).toBe('initialDeposit');
    // One minor unit more than 2^53 − 1 is refused by the parser itself, whatever the maximum.
    expect((await refused(submitOperation(bank, routes, deposit(a, '90071992547409.92', 'EUR'), key(), TELLER))).message).toMatch(/too large/);
    expect(await counts(bank)).toEqual(before);
  });

  it('two deposits of 90071992547409.91: the first fills the account to 2^53 − 1 minor units, the second is refused as VALIDATION with nothing written', async () => {
    // The bank allows that much per operation in HUF (a bank_meta setting), so only the balance check stands in the way.
    await bank.db.insertInto('bank_meta').values({ key: 'max_operation_amount:HUF', value: '90071992547409.91' }).execute();
    const a = await open(huf);
    const first = await submitOperation(bank, routes, deposit(a, '90071992547409.91', 'HUF'), key(), TELLER);
    expect(first.amount).toBe(Number.MAX_SAFE_INTEGER);
    expect(first.legs.find((l) => l.accountId === a)?.balanceAfter).toBe(Number.MAX_SAFE_INTEGER);
    const before = await counts(bank);
    for (const attempt of [
      () => previewOperation(bank, routes, deposit(a, '90071992547409.91', 'HUF')),
      () => submitOperation(bank, routes, deposit(a, '90071992547409.91', 'HUF'), key(), TELLER),
      () => submitOperation(bank, routes, deposit(a, '0.01', 'HUF'), key(), TELLER),
    ]) {
      const e = await refused(attempt());
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toMatch(/would take the balance of account \S+ beyond ±90,071,992,547,409\.91 HUF, the most the ledger holds exactly\. Nothing was posted\./);
    }
    expect(await counts(bank)).toEqual(before);
    // What the attack broke keeps working: the account reads, its balance equals its entries, the ledger adds up.
    const detail = await accountDetail(bank.db, { id: a }, null);
    expect(detail.balance).toBe(Number.MAX_SAFE_INTEGER);
    const report = await checkLedger(bank);
    expect(report).toMatchObject({ unbalancedJournals: 0, amountMismatches: 0, balanceMismatches: 0, runningBalanceMismatches: 0 });
  });
});
