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

/** True when every character of `s` is ASCII: its lower case is then one letter range away, no copy needed. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * A hash of `s.toLowerCase()` (FNV-1a over its characters, 30 bits so the Map key stays a small
 * integer), computed without making the lower-cased copy when `s` is ASCII.
 */
function foldHash(s: string): number {
  const t = isAscii(s) ? s : s.toLowerCase();
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) {
    let c = t.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h & 0x3fffffff;
}

/** `a.toLowerCase() === b.toLowerCase()`, without the copies when both are ASCII. */
function sameFolded(a: string, b: string): boolean {
  if (!isAscii(a) || !isAscii(b)) return a.toLowerCase() === b.toLowerCase();
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

export function accountDirectory(accounts: Iterable<AccountInfo>): AccountDirectory & { add(a: AccountInfo): void } {
  // By id: a dense array for the usual small positive integer ids (an imported bank's 640,000 accounts
  // spent a second of its scan hashing them into a Map), a Map for any other id.
  const byIdDense: (AccountInfo | undefined)[] = [];
  const byId = new Map<number, AccountInfo>();
  // By number: an open-addressing table of positions in `added`, keyed by a hash of the lower-cased
  // number, serves the exact and the case-insensitive lookup alike. Two Maps (exact, folded) cost the
  // same import 0.6 s to fill; the hash is worked out from the characters, so no lower-cased copies.
  const added: AccountInfo[] = [];
  let hashes = new Int32Array(1024);
  let slots = new Int32Array(2048);
  const place = (h: number, position: number): void => {
    const mask = slots.length - 1;
    let i = h & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = position + 1;
  };
  const add = (a: AccountInfo): void => {
    if (Number.isInteger(a.id) && a.id >= 0 && a.id < DENSE_IDS) byIdDense[a.id] = a;
    else byId.set(a.id, a);
    const position = added.push(a) - 1;
    if (position >= hashes.length) {
      const grown = new Int32Array(hashes.length * 2);
      grown.set(hashes);
      hashes = grown;
    }
    const h = foldHash(a.accountNo);
    hashes[position] = h;
    // At most half full, so a probe meets an empty slot soon.
    if (added.length * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2);
      for (let p = 0; p < added.length; p++) place(hashes[p] as number, p);
    } else place(h, position);
  };
  for (const a of accounts) add(a);
  /**
   * The latest account numbered exactly `no`; unless `exactOnly`, failing that, as the lower-cased maps
   * answered: the latest whose number has capitals and folds to `no`, else the latest whose number is
   * `no` lower-cased. One walk of the probe chain, no allocation: it runs for every transfer scanned.
   */
  const lookup = (no: string, exactOnly: boolean): AccountInfo | undefined => {
    const h = foldHash(no);
    const mask = slots.length - 1;
    let exact = -1;
    let capitals = -1;
    let lower = -1;
    for (let i = h & mask; slots[i] !== 0; i = (i + 1) & mask) {
      const p = (slots[i] as number) - 1;
      if (hashes[p] !== h) continue;
      const candidate = (added[p] as AccountInfo).accountNo;
      if (candidate === no) exact = Math.max(exact, p);
      else if (exactOnly || !sameFolded(candidate, no)) continue;
      else if (candidate.toLowerCase() !== candidate) capitals = Math.max(capitals, p);
      else lower = Math.max(lower, p);
    }
    const p = exact >= 0 ? exact : capitals >= 0 ? capitals : lower;
    return p >= 0 ? added[p] : undefined;
  };
  return {
    get: (id) => (Number.isInteger(id) && id >= 0 && id < DENSE_IDS ? byIdDense[id] : byId.get(id)),
    ownerOf: (no) => {
      const c = lookup(no, true)?.customerId;
      return c === null ? undefined : c;
    },
    byNumber: (no) => lookup(no, false),
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
