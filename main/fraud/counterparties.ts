import type { AccountDirectory, AccountInfo } from './types';

/** What the engine needs to know about a counterparty, worked out once per distinct name or number. */
export interface Counterparty {
  /**
   * The counterparty as the engine keys it (account number, else name). Always the same string
   * instance for the same text, so the per-account maps keyed by it hash it once, not on every row.
   */
  key: string;
  /** The bank's customer account with this number (case-insensitive), for the transaction graph. */
  account: AccountInfo | undefined;
  /** The customer owning an account with exactly this number: a transfer between own accounts. */
  owner: number | undefined;
}

/**
 * Counterparty resolution for the scan: each transaction used to look its counterparty up in the
 * account directory three to five times (owner, graph end, drain payee, known set), each lookup
 * hashing a fresh string read from the database and lower-casing it on a miss. Here a counterparty
 * is resolved once and reused by every later row naming it. Bounded: when full it starts afresh,
 * which costs one more resolution per counterparty and changes no result. The bound is sized for
 * imports: the PaySim set repeated to a million rows names about 553,000 distinct counterparties, and
 * a bound of 500,000 cleared and refilled the index mid-scan. An entry costs about 100 bytes (map slot,
 * the record), so 2,000,000 of them stay under 200 MB.
 */
export class CounterpartyIndex {
  private readonly byText = new Map<string, Counterparty>();

  constructor(
    private readonly directory: AccountDirectory,
    private readonly cap = 2_000_000,
  ) {}

  of(text: string): Counterparty {
    let c = this.byText.get(text);
    if (c) return c;
    if (this.byText.size >= this.cap) this.byText.clear();
    const account = this.directory.byNumber(text);
    // ownerOf asks for the exact number: the account found already answers it when its number is exactly this.
    const owner = account ? (account.accountNo === text ? (account.customerId ?? undefined) : this.directory.ownerOf(text)) : undefined;
    c = { key: text, account, owner };
    this.byText.set(text, c);
    return c;
  }

  /** Forgets what was resolved: after the directory gained accounts (the live monitor's new accounts). */
  clear(): void {
    this.byText.clear();
  }

  get size(): number {
    return this.byText.size;
  }
}
