import type { Row } from '../source';
import { roundTo } from './amounts';
import { DAY_MS, HOUR_MS } from './calendar';
import { externalIban } from './counterparties';
import type { Installment, Loan } from './loans';
import { rngFor } from './random';
import type { DemoWindow } from './window';
import { plan, type World } from './world';

/**
 * Loans in the ledger: disbursement (and the purchase it pays for), monthly collection runs that
 * retry for a while when the account cannot cover the instalment, and the final statuses.
 * Instalments before the window were settled in the previous core system (no journal).
 */
const RETRIES = 4;
const RETRY_GAP = 3 * DAY_MS;

const plannedPayment = (i: Installment): number | null => (i.plan === 'missed' ? null : i.plan === 'late' ? i.dueAt + i.lateDays * DAY_MS : i.dueAt);

export const ledgerAccountOf = (world: World, loan: Loan): number => (loan.product.kind === 'mortgage' ? world.internal.mortgages : world.internal.consumerLoans);

/** Settle what happened before the window; returns the principal still owed at its start. */
export function settleBeforeWindow(loan: Loan, w: DemoWindow): number {
  if (loan.startAt >= w.start) return 0;
  let owed = loan.principal;
  for (const i of loan.installments) {
    const at = plannedPayment(i);
    if (i.dueAt >= w.start || (at !== null && at >= w.start)) continue;
    if (at === null) {
      i.status = 'missed';
      i.changedAt = i.dueAt;
      continue;
    }
    i.status = i.plan === 'late' ? 'late' : 'on_time';
    i.paid = i.amountDue;
    i.paidAt = at;
    i.changedAt = at;
    owed -= i.principal;
  }
  return owed;
}

function collect(world: World, loan: Loan, i: Installment, at: number): void {
  plan(world, {
    at,
    type: 'loan_repayment',
    channel: 'system',
    currency: 'EUR',
    description: `Loan repayment ${i.n}/${loan.term} – ${loan.product.name} L${String(loan.id).padStart(6, '0')}`,
    counterpartyName: null,
    counterpartyAccount: null,
    externalRef: null,
    from: loan.owner.current.id,
    to: ledgerAccountOf(world, loan),
    amount: i.amountDue,
    policy: 'skip',
    split: { account: world.internal.interestIncome.EUR, amount: i.interest },
    after: (jid, paid, when) => {
      if (jid !== null) {
        i.status = when < i.dueAt + DAY_MS ? 'on_time' : 'late';
        i.paid = paid;
        i.paidAt = when;
        i.journalId = jid;
        i.changedAt = when;
      } else if (++i.tries <= RETRIES) {
        collect(world, loan, i, when + RETRY_GAP);
      } else {
        i.status = 'missed';
        i.changedAt = when;
      }
    },
  });
}

/** Queue this month's loan movements: disbursements, purchases and collections. */
export function planLoanMonth(world: World, loan: Loan, from: number, to: number): void {
  const w = world.window;
  if (loan.startAt >= from && loan.startAt < to && loan.startAt >= w.start) {
    const rng = rngFor(world.seed, 'disburse', loan.id);
    const ref = `L${String(loan.id).padStart(6, '0')}`;
    plan(world, {
      at: loan.startAt,
      type: 'loan_disbursement',
      channel: 'system',
      currency: 'EUR',
      description: `Loan disbursement – ${loan.product.name} ${ref}`,
      counterpartyName: null,
      counterpartyAccount: null,
      externalRef: ref,
      from: ledgerAccountOf(world, loan),
      to: loan.owner.current.id,
      amount: loan.principal,
      policy: 'skip',
    });
    // The money goes where it was borrowed for, so balances do not balloon.
    const share = loan.product.kind === 'mortgage' ? 1 : 0.85 + rng.next() * 0.15;
    plan(world, {
      at: loan.startAt + (loan.product.kind === 'mortgage' ? HOUR_MS : rng.int(1, 5) * DAY_MS + rng.int(0, 8) * HOUR_MS),
      type: 'payment',
      channel: 'wire',
      currency: 'EUR',
      description: `${loan.purpose} – ${loan.vendor}`,
      counterpartyName: loan.vendor,
      counterpartyAccount: externalIban(loan.vendor),
      externalRef: null,
      from: loan.owner.current.id,
      to: world.internal.clearing.EUR,
      amount: roundTo(Math.round(loan.principal * share), 1_000),
      policy: 'shrink',
      min: 10_000,
    });
  }
  for (const i of loan.installments) {
    if (i.status !== 'scheduled') continue;
    const at = plannedPayment(i);
    if (at !== null && at >= from && at < to && at >= w.start) collect(world, loan, i, at);
  }
}

/** Instalments due by the end but never paid are missed; the loan's status follows from its history. */
export function finishLoan(loan: Loan, end: number): { loan: Row<'loans'>; repayments: Installment[] } {
  let lastActivity = loan.startAt;
  for (const i of loan.installments) {
    if (i.status === 'scheduled' && i.dueAt <= end) {
      i.status = 'missed';
      i.changedAt = i.dueAt;
    }
    if (i.status === 'scheduled') i.changedAt = loan.startAt;
    if (i.paidAt !== null && i.paidAt > lastActivity) lastActivity = i.paidAt;
  }
  const due = loan.installments.filter((i) => i.dueAt <= end);
  const ended = due.length === loan.term;
  const missed = due.some((i) => i.status === 'missed');
  const recentMissed = due.slice(-3).some((i) => i.status === 'missed');
  const status: Row<'loans'>['status'] = ended ? (missed ? 'defaulted' : 'repaid') : recentMissed ? 'in_arrears' : 'running';
  return {
    loan: {
      id: loan.id,
      account_id: loan.owner.current.id,
      customer_id: loan.owner.id,
      product_id: loan.product.id,
      principal: loan.principal,
      currency: 'EUR',
      interest_rate_bp: loan.rateBp,
      term_months: loan.term,
      monthly_payment: loan.payment,
      start_date: loan.startIso,
      status,
      created_at: loan.startAt,
      updated_at: lastActivity,
    },
    repayments: loan.installments,
  };
}
