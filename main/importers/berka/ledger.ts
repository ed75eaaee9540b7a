import { PostingBook, type WriteRow } from '../../ledger';
import type { BadRows } from '../bad-rows';
import { formatMinorPlain, formatMoneyText, MAX_MINOR } from '../../../shared/money';
import type { BerkaAccounts } from './accounts';
import { orderAccountDays } from './day-order';
import type { BerkaFiles } from './load';
import { classify, counterpartyAccount } from './operations';
import type { Lined } from './read-table';
import type { Trans } from './schemas';

/** Berka writes balances with one decimal and rounds them on its own: ±0.10 CZK is its rounding, anything more an error. */
export const ROUNDING_TOLERANCE = 10;
/** Seconds between a day's transactions of one account: Berka has dates only, this keeps their order. */
const SLOT_MS = 1_000;

export interface PostedTrans {
  journalId: number;
  at: number;
  amount: number;
}

export interface BerkaLedger {
  journals: WriteRow<'journal'>[];
  entries: WriteRow<'entries'>[];
  /** Loan payments (k_symbol UVER) per Berka account, for matching loan instalments. */
  loanPayments: Map<number, PostedTrans[]>;
  roundingAdjustments: number;
  /** Transactions of 0 CZK: they move no money, so no journal is booked for them (their balance is still checked). */
  zeroAmounts: number;
  /** First and last transaction date: the window the file covers completely. */
  window: { from: number; to: number } | null;
}

/** Berka's one currency. */
const CZK = 'CZK';
const czk = (minor: number): string => formatMinorPlain(minor, CZK);

const signedOf = (t: Trans): number => (t.type === 'PRIJEM' ? t.amount : -t.amount);

/**
 * Posts every Berka transaction as a journal with exact amounts: the customer entry and its
 * counter-entry on the bank's side. Each account's running balance is checked against the
 * file's balance column; Berka's own ±0.10 CZK rounding differences are booked as explicit
 * rounding adjustments (so balances and the final balance equal the file's), larger differences
 * — or any, with `strict` — are bad rows. Journals are numbered in booking order.
 */
export function postBerkaLedger(
  f: BerkaFiles,
  accounts: BerkaAccounts,
  first: { journal: number; entry: number },
  bad: BadRows,
  strict: boolean,
): { ledger: BerkaLedger; book: PostingBook } {
  const byAccount = new Map<number, Lined<Trans>[]>();
  for (const t of f.trans) {
    const list = byAccount.get(t.row.account_id);
    if (list) list.push(t);
    else byAccount.set(t.row.account_id, [t]);
  }
  const queue: Array<{ t: Lined<Trans>; at: number }> = [];
  for (const rows of byAccount.values()) for (const { t, slot } of orderAccountDays(rows, signedOf)) queue.push({ t, at: t.row.date.at + slot * SLOT_MS });
  queue.sort((a, b) => a.at - b.at || a.t.row.account_id - b.t.row.account_id);

  // Held in memory until every row is checked (nothing is written while any is bad); the book reuses its row objects.
  const journals: WriteRow<'journal'>[] = [];
  const entries: WriteRow<'entries'>[] = [];
  const book = new PostingBook(first, (id) => `BK-J${id}`, { journal: (j) => journals.push({ ...j }), entry: (e) => entries.push({ ...e }) });
  for (const a of accounts.rows) book.open(a.id);
  let zeroAmounts = 0;
  const loanPayments = new Map<number, PostedTrans[]>();
  let roundingAdjustments = 0;
  for (const { t: line, at } of queue) {
    const t = line.row;
    const account = accounts.accountOf.get(t.account_id);
    if (account === undefined) continue; // its account is a bad row already
    const c = classify(t);
    if (!c.ok) {
      bad.add(f.transFile, line.line, c.column, c.reason);
      continue;
    }
    const signed = signedOf(t);
    const before = book.balanceOf(account);
    const legs = [
      { account, amount: signed },
      { account: accounts.counter(c.op.counter, t.account_id), amount: -signed },
    ];
    if (!book.fits(legs)) {
      bad.add(f.transFile, line.line, 'amount', `this transaction takes a balance beyond ±${formatMoneyText(MAX_MINOR, CZK)}, the most the ledger holds exactly`);
      continue;
    }
    if (signed === 0) zeroAmounts++;
    const journalId =
      signed === 0
        ? null
        : book.post(
            {
              type: c.op.type,
              channel: c.op.channel,
              amount: Math.abs(signed),
              currency: CZK,
              description: c.op.description,
              counterpartyName: null,
              counterpartyAccount: counterpartyAccount(t),
              externalRef: `berka:${t.trans_id}`,
              idempotencyKey: `import:berka:${t.trans_id}`,
              status: 'posted',
              createdBy: 'import:berka',
              reference: `BK${t.trans_id}`,
              legs,
            },
            at,
          );
    if (t.k_symbol === 'UVER' && journalId !== null) {
      const paid = { journalId, at, amount: t.amount };
      const list = loanPayments.get(t.account_id);
      if (list) list.push(paid);
      else loanPayments.set(t.account_id, [paid]);
    }
    const gap = t.balance - (before + signed);
    if (gap === 0) continue;
    if (strict || Math.abs(gap) > ROUNDING_TOLERANCE) {
      const sign = signed < 0 ? '−' : '+';
      bad.add(f.transFile, line.line, 'balance', `${czk(before)} ${sign} ${czk(Math.abs(signed))} is ${czk(before + signed)} CZK, but the file says ${czk(t.balance)}`);
    }
    // Booked even for a bad row, so the rows after it are checked against the file's balance, not a cascade.
    const fix = [
      { account, amount: gap },
      { account: accounts.rounding, amount: -gap },
    ];
    if (!book.fits(fix)) {
      bad.add(f.transFile, line.line, 'balance', `the file's balance takes the ledger beyond ±${formatMoneyText(MAX_MINOR, CZK)}, the most it holds exactly`);
      continue;
    }
    roundingAdjustments++;
    book.post(
      {
        type: c.op.type === 'interest' ? 'interest' : 'fee',
        channel: 'system',
        amount: Math.abs(gap),
        currency: CZK,
        description: `Rounding difference in the source balance (Berka transaction ${t.trans_id})`,
        counterpartyName: null,
        counterpartyAccount: null,
        externalRef: `berka-rounding:${t.trans_id}`,
        idempotencyKey: `import:berka-rounding:${t.trans_id}`,
        status: 'posted',
        createdBy: 'import:berka',
        reference: `BKR${t.trans_id}`,
        legs: fix,
      },
      at,
    );
  }
  const head = queue[0];
  const last = queue.at(-1);
  return {
    book,
    ledger: { journals, entries, loanPayments, roundingAdjustments, zeroAmounts, window: head && last ? { from: head.t.row.date.at, to: last.t.row.date.at } : null },
  };
}
