import { performance } from 'node:perf_hooks';
import { BulkWriter } from '../ledger';
import type { Bank } from '../source';
import { planCustomerMonth } from './activity';
import { buildBranches } from './branches';
import { cardRows, issueCards } from './cards';
import { postCarriedBalances } from './carry';
import { accountRows, buildCustomers, customerRow } from './customers';
import { chooseScenarios, makeDormant, scriptScenarios } from './fraud-scenarios';
import { Ledger } from './ledger';
import { buildInternalAccounts } from './ledger-accounts';
import { finishLoan, planLoanMonth } from './loan-events';
import { buildLoans, type Loan } from './loans';
import { metaRows } from './meta';
import { productRows } from './products';
import { EventQueue, execute } from './schedule';
import { MonthRhythm } from './time-profile';
import { demoWindow, monthEnd, monthStart } from './window';
import { plan, type World } from './world';
import type { DemoOptions, DemoProgress, DemoSummary } from './types';

function validate(o: DemoOptions): void {
  if (!Number.isInteger(o.customers) || o.customers < 10 || o.customers > 1_000_000) throw new Error('customers must be an integer from 10 to 1,000,000');
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 120) throw new Error('months must be an integer from 1 to 120');
  if (!Number.isInteger(o.seed)) throw new Error('seed must be an integer');
  // The bank was founded in 1993 (when Berka's data starts); the window must begin after that.
  if (!Number.isFinite(o.end) || o.end < Date.UTC(2010, 0, 1)) throw new Error('end must be an epoch-ms instant after 2010');
}

async function assertEmpty(bank: Bank): Promise<void> {
  const [c, j] = await Promise.all([bank.db.selectFrom('customers').select('id').limit(1).execute(), bank.db.selectFrom('journal').select('id').limit(1).execute()]);
  if (c.length || j.length) throw new Error(`${bank.describe} already holds customers or transactions: the demo generator only fills an empty, migrated bank.`);
}

export async function generate(bank: Bank, opts: DemoOptions, onProgress?: (p: DemoProgress) => void): Promise<DemoSummary> {
  validate(opts);
  await assertEmpty(bank);
  const started = performance.now();
  const progress = (phase: string, done: number, total: number): void => onProgress?.({ phase, done, total });
  // The bank is empty and bank_meta is written last, so an interrupted generation is discarded anyway: bulk-load settings.
  const writer = await BulkWriter.begin(bank, { bulkLoad: true });
  try {
    const { seed } = opts;
    const w = demoWindow(opts.end, opts.months);
    progress('customers', 0, 1);
    const { branches, rows: branchRows } = buildBranches(seed);
    const internal = buildInternalAccounts(branches);
    const people = buildCustomers(seed, opts.customers, w, branches, internal.rows.length + 1);
    issueCards(seed, people, w);
    const loans = buildLoans(seed, people, w);
    const loansByOwner = new Map<number, Loan[]>();
    for (const l of loans) loansByOwner.set(l.owner.id, [...(loansByOwner.get(l.owner.id) ?? []), l]);
    const scenarios = chooseScenarios(seed, people, w, loansByOwner);
    for (const s of scenarios) if (s.pattern === 'dormant_reactivation') makeDormant(seed, s.customer, people);

    for (const r of branchRows) writer.insert('branches', r);
    for (const r of productRows()) writer.insert('products', r);
    for (const p of people) writer.insert('customers', customerRow(p));
    const accounts = [...internal.rows, ...people.flatMap(accountRows)].sort((a, b) => a.id - b.id);
    for (const a of accounts) writer.insert('accounts', a);
    for (const c of people.flatMap(cardRows).sort((a, b) => a.id - b.id)) writer.insert('cards', c);
    await writer.flush();
    progress('customers', 1, 1);

    const ledger = new Ledger(writer, accounts.length);
    for (const a of accounts) ledger.touch(a.id, a.opened_at);
    for (const p of people) {
      for (const a of [p.current, p.savings, p.term, p.fx]) if (a) ledger.restrict(a.id, a.product.overdraft, a.currency === 'EUR' ? a.product.dailyLimit : 0, a.openedAt);
    }
    const world: World = { seed, window: w, internal: internal.accounts, branches, people, loansByOwner, queue: new EventQueue(), ledger };
    postCarriedBalances(world, loans);
    await writer.checkpoint();

    const scripted = scriptScenarios(world, scenarios);
    let next = 0;
    const months = w.endMi - w.startMi + 1;
    for (let mi = w.startMi; mi <= w.endMi; mi++) {
      const from = monthStart(mi);
      const to = monthEnd(mi);
      const rhythm = new MonthRhythm(mi);
      for (const p of people) planCustomerMonth(world, p, mi, rhythm);
      for (const l of loans) planLoanMonth(world, l, from, to);
      for (let ev = scripted[next]; ev && ev.at < to; ev = scripted[++next]) plan(world, ev);
      const limit = Math.min(to, w.end + 1);
      for (let ev = world.queue.popBefore(limit); ev; ev = world.queue.popBefore(limit)) {
        execute(ev, ledger);
        if (writer.full) await writer.flush();
      }
      await writer.checkpoint();
      progress('ledger', mi - w.startMi + 1, months);
    }
    world.queue.clear();

    progress('loans', 0, 1);
    let repaymentId = 1;
    for (const loan of loans) {
      const done = finishLoan(loan, w.end);
      writer.insert('loans', done.loan);
      for (const i of done.repayments) {
        writer.insert('loan_repayments', {
          id: repaymentId++,
          loan_id: loan.id,
          installment: i.n,
          due_date: i.dueIso,
          amount_due: i.amountDue,
          amount_paid: i.paid,
          paid_at: i.paidAt,
          status: i.status,
          journal_id: i.journalId,
          updated_at: i.changedAt,
        });
        if (writer.full) await writer.flush();
      }
    }
    await writer.setBalances(ledger.balances());
    for (const r of metaRows(opts, w, scenarios.length)) writer.insert('bank_meta', r);
    await writer.commit();
    progress('loans', 1, 1);

    // Rebuilds the indexes dropped for the bulk load: part of the generation time.
    await writer.release();
    const rows: Record<string, number> = {};
    for (const [table, n] of Object.entries(writer.counts)) rows[table] = n ?? 0;
    return { seconds: Math.round((performance.now() - started) / 10) / 100, rows, labelled: { ...ledger.labelled } };
  } finally {
    // Idempotent: after a failure it rolls back and restores indexes and settings.
    await writer.release();
  }
}
