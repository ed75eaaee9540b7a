import type { Row } from '../../source';
import type { IdAllocator } from '../next-ids';
import type { BerkaAccounts } from './accounts';
import { DAY_MS } from './fields';
import type { BerkaLedger, PostedTrans } from './ledger';
import type { BerkaFiles } from './load';
import type { BerkaParties } from './parties';
import type { BerkaIndex } from './references';
import type { Loan } from './schemas';

/** loan.asc statuses describe the loans as of the end of the full data set (trans.asc runs to 1998-12-31). */
export const STATUS_AS_OF = '1998-12-31';
const STATUS: Record<Loan['status'], Row<'loans'>['status']> = { A: 'repaid', B: 'defaulted', C: 'running', D: 'in_arrears' };
/** Every loan payment (k_symbol UVER) in the data is collected on the 12th, the first on the first 12th after the loan date. */
export const COLLECTION_DAY = 12;
/** loan.asc rounds the monthly payment to whole CZK; the collected amount differs by up to 0.50 CZK. */
const PAYMENT_ROUNDING = 50;

const iso = (at: number): string => new Date(at).toISOString().slice(0, 10);

function dueDates(start: number, months: number): number[] {
  const d = new Date(start);
  const y = d.getUTCFullYear();
  let m = d.getUTCMonth() + (d.getUTCDate() >= COLLECTION_DAY ? 1 : 0);
  const out: number[] = [];
  for (let n = 0; n < months; n++, m++) out.push(Date.UTC(y + Math.floor(m / 12), m % 12, COLLECTION_DAY));
  return out;
}

const sameMonth = (a: number, b: number): boolean => iso(a).slice(0, 7) === iso(b).slice(0, 7);

/**
 * Loans and their instalment schedules, with no payment history invented:
 * - an instalment due inside the transaction file's window is 'on_time' (or 'late') when a loan
 *   payment of that amount (±0.50 CZK) was collected in its month — with its journal — and
 *   'missed' when none was (the window holds every transaction of those days);
 * - outside the window the loan status decides what can be known: A (finished, no problems) and
 *   C (running, fine) mean every instalment due by 1998-12-31 was paid (amount known, date not);
 *   for B (finished, unpaid) and D (running, in debt) which ones were missed is unknown, so those
 *   stay 'scheduled' (no payment recorded), as do instalments due later.
 * The rate is not in the data (amount = payments × duration), so interest_rate_bp is 0.
 */
export function buildLoans(
  f: BerkaFiles,
  ix: BerkaIndex,
  p: BerkaParties,
  accounts: BerkaAccounts,
  ledger: BerkaLedger,
  ids: IdAllocator,
  now: number,
): { loans: Row<'loans'>[]; repayments: Row<'loan_repayments'>[] } {
  const asOf = Date.parse(`${STATUS_AS_OF}T00:00:00Z`);
  const window = ledger.window;
  const used = new Set<number>();
  const loans: Row<'loans'>[] = [];
  const repayments: Row<'loan_repayments'>[] = [];
  for (const { row: l } of [...f.loans].sort((a, b) => a.row.loan_id - b.row.loan_id)) {
    const loanId = ids.take('loans');
    loans.push({
      id: loanId,
      account_id: accounts.accountOf.get(l.account_id) ?? 0,
      customer_id: p.customerOf.get(ix.owner.get(l.account_id) ?? 0) ?? 0,
      product_id: p.loanProduct,
      principal: l.amount,
      currency: 'CZK',
      interest_rate_bp: 0,
      term_months: l.duration,
      monthly_payment: l.payments,
      start_date: l.date.iso,
      status: STATUS[l.status],
      created_at: l.date.at,
      updated_at: now,
    });
    const payments: readonly PostedTrans[] = ledger.loanPayments.get(l.account_id) ?? [];
    dueDates(l.date.at, l.duration).forEach((due, i) => {
      const amountDue = i === l.duration - 1 ? l.amount - l.payments * (l.duration - 1) : l.payments;
      const row: Row<'loan_repayments'> = {
        id: ids.take('loan_repayments'),
        loan_id: loanId,
        installment: i + 1,
        due_date: iso(due),
        amount_due: amountDue,
        amount_paid: 0,
        paid_at: null,
        status: 'scheduled',
        journal_id: null,
        updated_at: now,
      };
      if (window && due >= window.from && due <= window.to + DAY_MS - 1) {
        const paid = payments.find((t) => !used.has(t.journalId) && sameMonth(t.at, due) && Math.abs(t.amount - l.payments) <= PAYMENT_ROUNDING);
        if (paid) {
          used.add(paid.journalId);
          Object.assign(row, { amount_paid: paid.amount, paid_at: paid.at, journal_id: paid.journalId, status: paid.at < due + DAY_MS ? 'on_time' : 'late' });
        } else {
          row.status = 'missed';
        }
      } else if (due <= asOf && (l.status === 'A' || l.status === 'C')) {
        Object.assign(row, { amount_paid: amountDue, status: 'on_time' });
      }
      repayments.push(row);
    });
  }
  return { loans, repayments };
}
