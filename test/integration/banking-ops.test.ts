import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput, Operation } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { closeAccount, InternalRoutes, openAccount, previewOperation, setAccountStatus, statementCsv, statementFor, statementPdf, submitOperation } from '../../main/banking';
import { sealAudit, verifyAudit } from '../../main/audit';
import { generateDemoBank } from '../../main/demo';
import { checkLedger } from '../../main/ledger';
import { type Bank } from '../../main/source';
import { pdfText } from '../support/pdf-text';
import { freshBank, type Engine } from '../support/banks';
import { refused } from '../support/refused';

const END = Date.UTC(2026, 10, 20, 12, 0, 0);
const SIZE = { customers: 60, months: 3, seed: 7, end: END };
const TELLER = 'teller';

type Opened = MethodOutput<'accounts.open'>;

const ENGINES: { name: string; engine: Engine }[] = [
  { name: 'embedded SQLite', engine: 'sqlite' },
  { name: 'MariaDB', engine: 'mysql' },
];

const key = (): string => `test-${randomUUID()}`;

async function counts(bank: Bank): Promise<{ journal: number; entries: number; audit: number }> {
  const n = async (t: 'journal' | 'entries' | 'audit_log' | 'audit_pending'): Promise<number> =>
    Number(
      (
        await bank.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  // Operations queue their audit entry; sealing moves it into the chain later. Both count.
  return { journal: await n('journal'), entries: await n('entries'), audit: (await n('audit_log')) + (await n('audit_pending')) };
}

async function productId(bank: Bank, code: string): Promise<number> {
  return Number((await bank.db.selectFrom('products').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);
}

async function someCustomers(bank: Bank, n: number): Promise<number[]> {
  const rows = await bank.db.selectFrom('customers').select('id').where('kyc_status', '!=', 'rejected').orderBy('id').limit(n).execute();
  return rows.map((r) => Number(r.id));
}

describe.each(ENGINES)('banking operations on $name', (engine) => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let routes: InternalRoutes;
  let customers: number[];
  let young: number;
  let classic: number;
  let czk: number;

  const open = (customer: number, product: number, initialDeposit = ''): Promise<Opened> =>
    openAccount(bank, routes, { customerId: customer, productId: product, initialDeposit, idempotencyKey: key() }, TELLER);
  const submit = (op: Operation, k = key()) => submitOperation(bank, routes, op, k, TELLER);

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank(engine.engine, 'cbops'));
    await generateDemoBank(bank, SIZE);
    routes = new InternalRoutes(bank);
    customers = await someCustomers(bank, 4);
    // These customers open Young Accounts below, which are for ages 15–26 (enforced): make them 20.
    await bank.db
      .updateTable('customers')
      .set({ date_of_birth: `${new Date().getUTCFullYear() - 20}-06-15` })
      .where('id', 'in', customers)
      .execute();
    young = await productId(bank, 'CUR-YOUNG'); // no overdraft, 500 EUR a day in cash
    classic = await productId(bank, 'CUR-CLASSIC'); // 500 EUR overdraft, 1,000 EUR a day
    czk = await productId(bank, 'CUR-CZK');
  }, 180_000);

  afterAll(async () => {
    await dispose?.();
  });

  it('opens an account with an initial deposit as one balanced posting, audited, and a repeat returns the same account', async () => {
    const before = await counts(bank);
    const k = key();
    const first = await openAccount(bank, routes, { customerId: customers[0] ?? 0, productId: young, initialDeposit: '250.00', idempotencyKey: k }, TELLER);
    const again = await openAccount(bank, routes, { customerId: customers[0] ?? 0, productId: young, initialDeposit: '250.00', idempotencyKey: k }, TELLER);
    expect(first.account.balance).toBe(25_000);
    expect(first.account.accountNo).toMatch(/^CZ\d{22}$/);
    expect(again.account.id).toBe(first.account.id);
    expect(again.receipt?.reference).toBe(first.receipt?.reference);
    expect(again.receipt?.replayed).toBe(true);
    const after = await counts(bank);
    expect(after.journal - before.journal).toBe(1);
    expect(after.entries - before.entries).toBe(2);
    expect(after.audit - before.audit).toBe(1);
  });

  it('deposits, withdraws and transfers with receipts whose legs sum to zero', async () => {
    const a = (await open(customers[0] ?? 0, classic, '100')).account;
    const b = (await open(customers[1] ?? 0, classic)).account;
    const dep = await submit({ kind: 'deposit', accountId: a.id, amount: '1 000,50', currency: 'EUR', description: '' });
    expect(dep.amount).toBe(100_050);
    expect(dep.legs.reduce((s, l) => s + l.amount, 0)).toBe(0);
    expect(dep.legs.find((l) => l.accountId === a.id)).toMatchObject({ balanceBefore: 10_000, balanceAfter: 110_050 });
    const wd = await submit({ kind: 'withdrawal', accountId: a.id, amount: '50', currency: 'EUR', description: '' });
    expect(wd.legs.find((l) => l.accountId === a.id)?.balanceAfter).toBe(105_050);
    const tr = await submit({ kind: 'transfer', fromAccountId: a.id, toAccountNo: b.accountNo, amount: '5.05', currency: 'EUR', description: 'Rent share' });
    expect(tr.legs.map((l) => l.amount).sort((x, y) => x - y)).toEqual([-505, 505]);
    const ext = await submit({
      kind: 'external_transfer',
      fromAccountId: a.id,
      beneficiaryIban: 'DE89 3704 0044 0532 0130 00',
      beneficiaryName: 'Max Mustermann',
      amount: '10',
      currency: 'EUR',
      description: '',
    });
    expect(ext.status).toBe('pending');
    const stmt = await statementFor(bank.db, { accountId: a.id, from: 0, to: Date.now() + 60_000 }, null);
    expect(stmt.opening).toBe(0);
    expect(stmt.closing).toBe(105_050 - 505 - 1_000);
    expect(stmt.lines).toHaveLength(5);
    expect(stmt.credits - stmt.debits).toBe(stmt.closing - stmt.opening);
  });

  it('refuses each rule with its typed error and writes nothing', async () => {
    const a = (await open(customers[2] ?? 0, young, '100')).account; // 100 EUR, no overdraft, 500 EUR/day cash
    const c = (await open(customers[2] ?? 0, czk, '1000')).account;
    const closed = (await open(customers[2] ?? 0, young)).account;
    await closeAccount(bank, { accountId: closed.id, reason: 'Customer request' }, TELLER);
    const before = await counts(bank);
    const cases: [ErrorCode, Operation][] = [
      ['VALIDATION', { kind: 'deposit', accountId: a.id, amount: '10.005', currency: 'EUR', description: '' }],
      ['VALIDATION', { kind: 'deposit', accountId: a.id, amount: '0', currency: 'EUR', description: '' }],
      ['VALIDATION', { kind: 'deposit', accountId: a.id, amount: '-5', currency: 'EUR', description: '' }],
      ['CURRENCY_MISMATCH', { kind: 'deposit', accountId: a.id, amount: '10', currency: 'CZK', description: '' }],
      ['CURRENCY_MISMATCH', { kind: 'transfer', fromAccountId: a.id, toAccountNo: c.accountNo, amount: '10', currency: 'EUR', description: '' }],
      ['INSUFFICIENT_FUNDS', { kind: 'withdrawal', accountId: a.id, amount: '100.01', currency: 'EUR', description: '' }],
      ['ACCOUNT_CLOSED', { kind: 'deposit', accountId: closed.id, amount: '10', currency: 'EUR', description: '' }],
      ['NOT_FOUND', { kind: 'transfer', fromAccountId: a.id, toAccountNo: 'CZ6508000000192000145399', amount: '1', currency: 'EUR', description: '' }],
      [
        'VALIDATION',
        { kind: 'external_transfer', fromAccountId: a.id, beneficiaryIban: 'DE89 3704 0044 0532 0130 01', beneficiaryName: 'Max', amount: '1', currency: 'EUR', description: '' },
      ],
    ];
    for (const [code, op] of cases) {
      const e = await refused(submit(op));
      expect(e.code, `${op.kind} ${op.amount} ${op.currency}`).toBe(code);
      expect(e.message.length).toBeGreaterThan(10);
    }
    // The daily cash limit: 500 EUR a day on the Young account.
    await submit({ kind: 'deposit', accountId: a.id, amount: '1000', currency: 'EUR', description: '' });
    await submit({ kind: 'withdrawal', accountId: a.id, amount: '450', currency: 'EUR', description: '' });
    const mid = await counts(bank);
    expect((await refused(submit({ kind: 'withdrawal', accountId: a.id, amount: '50.01', currency: 'EUR', description: '' }))).code).toBe('LIMIT_EXCEEDED');
    // Frozen: debits refused, credits still arrive.
    await setAccountStatus(bank, { accountId: a.id, status: 'frozen', reason: 'Suspected takeover' }, TELLER);
    const frozenErr = await refused(submit({ kind: 'transfer', fromAccountId: a.id, toAccountNo: closed.accountNo, amount: '1', currency: 'EUR', description: '' }));
    expect(frozenErr.code).toBe('ACCOUNT_FROZEN');
    expect(frozenErr.message).toContain('Suspected takeover');
    const afterFreeze = await counts(bank);
    expect(afterFreeze.journal).toBe(mid.journal);
    expect(afterFreeze.audit).toBe(mid.audit + 1); // the freeze itself
    expect((await counts(bank)).entries - before.entries).toBe(4);
    // Closing needs a zero balance.
    expect((await refused(closeAccount(bank, { accountId: a.id, reason: 'Customer request' }, TELLER))).code).toBe('VALIDATION');
  });

  it('previews exactly what will post without writing anything', async () => {
    const a = (await open(customers[3] ?? 0, classic, '20')).account;
    const before = await counts(bank);
    const p = await previewOperation(bank, routes, { kind: 'withdrawal', accountId: a.id, amount: '120', currency: 'EUR', description: '' });
    expect(p.legs.find((l) => l.accountId === a.id)).toMatchObject({ balanceBefore: 2_000, balanceAfter: -10_000 });
    expect(p.notes.join(' ')).toMatch(/overdraft/);
    expect(await counts(bank)).toEqual(before);
  });

  it('posts a double submit once, even when both race, and refuses the key for another operation', async () => {
    const a = (await open(customers[0] ?? 0, classic, '100')).account;
    const k = key();
    const op: Operation = { kind: 'withdrawal', accountId: a.id, amount: '10', currency: 'EUR', description: '' };
    const before = await counts(bank);
    const [r1, r2, r3] = await Promise.all([submit(op, k), submit(op, k), submit(op, k)]);
    expect(new Set([r1.reference, r2.reference, r3.reference]).size).toBe(1);
    expect([r1, r2, r3].filter((r) => !r.replayed)).toHaveLength(1);
    expect((await counts(bank)).journal - before.journal).toBe(1);
    expect((await refused(submit({ ...op, amount: '11' }, k))).code).toBe('CONFLICT');
  });

  it('runs opposite transfers between the same accounts concurrently without a deadlock reaching anyone', async () => {
    const a = (await open(customers[1] ?? 0, classic, '1000')).account;
    const b = (await open(customers[2] ?? 0, classic, '1000')).account;
    const ops = Array.from({ length: 40 }, (_, i) =>
      submit(
        i % 2 === 0
          ? { kind: 'transfer', fromAccountId: a.id, toAccountNo: b.accountNo, amount: '3', currency: 'EUR', description: '' }
          : { kind: 'transfer', fromAccountId: b.id, toAccountNo: a.accountNo, amount: '2', currency: 'EUR', description: '' },
      ),
    );
    const results = await Promise.allSettled(ops);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const stA = await statementFor(bank.db, { accountId: a.id, from: 0, to: Date.now() + 60_000 }, null);
    expect(stA.closing).toBe(100_000 - 20 * 300 + 20 * 200);
  });

  it('exports the statement as a PDF and a CSV whose figures match', async () => {
    const a = (await open(customers[3] ?? 0, classic, '75.25')).account;
    await submit({ kind: 'withdrawal', accountId: a.id, amount: '20', currency: 'EUR', description: 'Cash for "groceries", =SUM(A1)' });
    const s = await statementFor(bank.db, { accountId: a.id, from: 0, to: Date.now() + 60_000 }, null);
    const csv = statementCsv(s, 'Europe/Prague');
    expect(csv).toContain('closing_balance,55.25');
    expect(csv).toContain(`"Cash for ""groceries"", =SUM(A1)"`);
    const pdf = await statementPdf(s, { bankName: 'CloudBank Demo', timeZone: 'Europe/Prague', generatedBy: TELLER });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
    const printed = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(printed).toContain('Closing balance 55.25 EUR');
    expect(printed).toContain('Opening balance 0.00 EUR');
    expect(printed).toMatch(/-20\.00 55\.25/);
  });

  it('prints a description the font has no glyph for visibly: full-width letters folded, the rest as �, nothing dropped', async () => {
    const a = (await open(customers[0] ?? 0, classic, '30')).account;
    // Full-width "＝ＳＵＭ" folds to "=SUM"; the CJK and Devanagari letters have no DejaVu glyph.
    await submit({ kind: 'withdrawal', accountId: a.id, amount: '5', currency: 'EUR', description: 'Paid ＝ＳＵＭ to 漢字 हि Žluťoučký' });
    const s = await statementFor(bank.db, { accountId: a.id, from: 0, to: Date.now() + 60_000 }, null);
    const printed = (await pdfText(await statementPdf(s, { bankName: 'CloudBank Demo', timeZone: 'Europe/Prague', generatedBy: TELLER }))).replace(/\s+/g, ' ');
    expect(printed).toContain('Paid =SUM to \uFFFD\uFFFD \uFFFD\uFFFD Žluťoučký');
  });

  it('seals every queued audit entry into an intact chain', async () => {
    const queued = Number(
      (
        await bank.db
          .selectFrom('audit_pending')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(queued).toBeGreaterThan(10);
    expect(await sealAudit(bank)).toBe(queued);
    const v = await verifyAudit(bank.db);
    expect(v.ok).toBe(true);
    const ops = await bank.db.selectFrom('audit_log').select('action').where('action', 'like', 'ops.%').execute();
    expect(ops.length).toBe(queued);
  });

  it('keeps the whole ledger consistent', async () => {
    const r = await checkLedger(bank);
    expect(r).toMatchObject({
      unbalancedJournals: 0,
      journalsWithoutEntries: 0,
      amountMismatches: 0,
      currencyMismatches: 0,
      balanceMismatches: 0,
      runningBalanceMismatches: 0,
      belowOverdraft: 0,
    });
  });
});
