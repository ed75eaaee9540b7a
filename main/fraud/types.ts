import type { FraudExplanation, FraudRuleHit } from '../../shared/fraud-explanation';
import type { JournalTable } from '../source';

export type TxnType = JournalTable['type'];
export type TxnChannel = JournalTable['channel'];

/**
 * One customer transaction as the engine sees it: an entry on a customer account joined to its
 * journal. Signed from the account's view (+ money in, − money out). `id` is the entry id: the
 * order the engine processes in and the scan's position.
 */
export interface Txn {
  id: number;
  journalId: number;
  accountId: number;
  customerId: number | null;
  at: number;
  amount: number;
  balanceAfter: number;
  type: TxnType;
  channel: TxnChannel;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
}

/** What the engine needs to know about a customer account besides its transactions. */
export interface AccountInfo {
  id: number;
  customerId: number | null;
  accountNo: string;
  openedAt: number;
  /** ISO 4217 code: the rules' sentences show amounts in its decimals (JPY 0, BHD 3). */
  currency: string;
  /** The account's product: part of its peer group. */
  productId?: number | null;
}

/** Customer accounts by id and by number: for transfers between a customer's own accounts. */
export interface AccountDirectory {
  get(accountId: number): AccountInfo | undefined;
  ownerOf(accountNo: string): number | undefined;
  /** The bank's customer account with this number (case-insensitive), for the transaction graph. */
  byNumber(accountNo: string): AccountInfo | undefined;
}

/** Account ids below this are kept in an array indexed by id (SQLite and MySQL ids count up from 1). */
const DENSE_IDS = 2 ** 30;

export function accountDirectory(accounts: Iterable<AccountInfo>): AccountDirectory & { add(a: AccountInfo): void } {
  // By id: a dense array for the usual small positive integer ids (an imported bank's 640,000 accounts
  // spent a second of its scan hashing them into a Map), a Map for any other id.
  const byIdDense: (AccountInfo | undefined)[] = [];
  const byId = new Map<number, AccountInfo>();
  // By exact number, plus by lower-cased number for the numbers that have capitals: one map entry per
  // account in the usual case, and an exact hit (the common one) never allocates a lower-cased copy.
  const byNo = new Map<string, AccountInfo>();
  const byLower = new Map<string, AccountInfo>();
  const add = (a: AccountInfo): void => {
    if (Number.isInteger(a.id) && a.id >= 0 && a.id < DENSE_IDS) byIdDense[a.id] = a;
    else byId.set(a.id, a);
    byNo.set(a.accountNo, a);
    const lower = a.accountNo.toLowerCase();
    if (lower !== a.accountNo) byLower.set(lower, a);
  };
  for (const a of accounts) add(a);
  const byNumber = (no: string): AccountInfo | undefined => {
    const exact = byNo.get(no);
    if (exact) return exact;
    const lower = no.toLowerCase();
    return byLower.get(lower) ?? byNo.get(lower);
  };
  return {
    get: (id) => (Number.isInteger(id) && id >= 0 && id < DENSE_IDS ? byIdDense[id] : byId.get(id)),
    ownerOf: (no) => {
      const c = byNo.get(no)?.customerId;
      return c === null ? undefined : c;
    },
    byNumber,
    add,
  };
}

export type { FraudExplanation, FraudRuleHit };

/** An alert as the engine raises it: the latest state of one episode on one account. */
export interface DetectedAlert {
  /** Unique per primary rule, account and episode (see `alertKey`). */
  key: string;
  ruleId: string;
  ruleVersion: number;
  accountId: number;
  customerId: number | null;
  riskScore: number;
  /** Booking time of the transaction that opened the episode. */
  openedAt: number;
  /** Every journal transaction any hit of the episode rests on, ascending. */
  journalIds: number[];
  explanation: FraudExplanation;
}

/** `open`: a new episode crossed the alert threshold; `extend`: more evidence for an open one. */
export interface AlertEvent {
  kind: 'open' | 'extend';
  alert: DetectedAlert;
  /**
   * Keys of member accounts' alerts now shown inside this group alert: a scan drops them before
   * storing, so the queue holds one alert for the group and its members, not one per account.
   */
  absorbed?: string[];
}
