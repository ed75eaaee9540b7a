import { ACCOUNT_PREFIXES, issuedAccountNumber } from '../../ledger';
import type { Row } from '../../source';
import { importInternalAccount } from '../new-rows';
import type { IdAllocator } from '../next-ids';
import type { BerkaFiles } from './load';
import type { CounterAccount } from './operations';
import type { BerkaParties } from './parties';
import type { BerkaIndex } from './references';

export interface BerkaAccounts {
  /** Customer accounts then the bank's own; balances are filled in once the ledger is posted. */
  rows: Row<'accounts'>[];
  /** Berka account id → account id. */
  accountOf: Map<number, number>;
  /** Counter-account of a Berka account's transactions, by kind; cash goes to the account's branch. */
  counter(kind: CounterAccount, berkaAccountId: number): number;
  /** Where ±0.10 CZK rounding differences of the source's balances are booked. */
  rounding: number;
}

/**
 * Accounts keep their Berka id findable twice: in the name ("Berka account 576") and in the
 * account number (base 576xx under prefix 27, see account-numbers.ts). The bank's side of the
 * ledger gets its own internal accounts: a cash account per branch for counter deposits and
 * withdrawals, and clearing, interest, fee and rounding accounts — all in CZK, Berka's currency.
 */
export function buildAccounts(ix: BerkaIndex, p: BerkaParties, ids: IdAllocator, now: number): BerkaAccounts {
  const rows: Row<'accounts'>[] = [];
  const accountOf = new Map<number, number>();
  for (const a of [...ix.accounts.values()].sort((x, y) => x.account_id - y.account_id)) {
    const id = ids.take('accounts');
    accountOf.set(a.account_id, id);
    const owner = ix.owner.get(a.account_id) ?? 0;
    rows.push({
      id,
      account_no: issuedAccountNumber(ACCOUNT_PREFIXES.imports.berka, a.account_id),
      kind: 'customer',
      name: `Berka account ${a.account_id}`,
      customer_id: p.customerOf.get(owner) ?? null,
      product_id: p.currentProduct[a.frequency],
      branch_id: p.branchOf.get(a.district_id) ?? 0,
      currency: 'CZK',
      balance: 0,
      status: 'open',
      status_reason: null,
      opened_at: a.date.at,
      closed_at: null,
      updated_at: now,
    });
  }

  const headOffice = Math.min(...p.branchOf.values());
  const internal = (name: string, branch = headOffice): number => {
    const id = ids.take('accounts');
    rows.push(importInternalAccount(id, name, 'CZK', branch, p.dataStart, now));
    return id;
  };
  const cash = new Map<number, number>();
  for (const [district, branch] of [...p.branchOf].sort((a, b) => a[0] - b[0])) {
    cash.set(branch, internal(`Berka cash – ${ix.districts.get(district)?.A2 ?? `district ${district}`}`, branch));
  }
  const single: Record<Exclude<CounterAccount, 'cash'>, number> = {
    clearing: internal('Berka external clearing'),
    interestExpense: internal('Berka interest expense'),
    interestIncome: internal('Berka interest income'),
    feeIncome: internal('Berka fee income'),
  };
  const rounding = internal('Berka rounding differences (source balances)');
  const branchOfAccount = (berkaId: number): number => p.branchOf.get(ix.accounts.get(berkaId)?.district_id ?? 0) ?? headOffice;
  return { rows, accountOf, counter: (kind, berkaId) => (kind === 'cash' ? (cash.get(branchOfAccount(berkaId)) ?? single.clearing) : single[kind]), rounding };
}

const CARD_TYPE: Record<'classic' | 'junior' | 'gold', Row<'cards'>['type']> = { classic: 'debit_classic', junior: 'junior', gold: 'debit_gold' };

/**
 * Cards belong to a disposition (client + account). Berka has no card numbers: pan_last4 holds
 * the last four digits of the Berka card_id, and no expiry or blocking, so every card is active.
 */
export function buildCards(f: BerkaFiles, ix: BerkaIndex, p: BerkaParties, accounts: BerkaAccounts, ids: IdAllocator, now: number): Row<'cards'>[] {
  return [...f.cards]
    .sort((a, b) => a.row.card_id - b.row.card_id)
    .map(({ row: c }) => {
      const d = ix.disps.get(c.disp_id);
      return {
        id: ids.take('cards'),
        account_id: accounts.accountOf.get(d?.account_id ?? 0) ?? 0,
        customer_id: p.customerOf.get(d?.client_id ?? 0) ?? 0,
        type: CARD_TYPE[c.type],
        pan_last4: String(c.card_id % 10_000).padStart(4, '0'),
        issued_at: c.issued.at,
        status: 'active',
        updated_at: now,
      };
    });
}
