import { PostingBook, writeInto, type Channel, type JournalType, type Leg, type Posting, type WriteRow, type WriteTable } from '../ledger';
import { bankDay } from './calendar';

export type { Channel, JournalType, Leg };

/** Where the generator's rows go: the bulk writer. */
export interface RowTarget {
  insert<T extends WriteTable>(table: T, row: WriteRow<T>): void;
}

export interface BalanceUpdate {
  id: number;
  balance: number;
  updated_at: number;
}

/**
 * The generator's bank rules over the ledger's PostingBook (which holds the running balances and
 * checks the double-entry rules): a customer account never goes below its overdraft floor, ATM cash
 * per bank day stays within the product's limit, and every account remembers its last movement.
 */
export class Ledger {
  private readonly book: PostingBook;
  private readonly lastBooked: Float64Array;
  private readonly floor: Float64Array;
  private readonly dailyLimit: Float64Array;
  private readonly cashDay: Float64Array;
  private readonly cashToday: Float64Array;
  readonly labelled: Record<string, number> = {};

  constructor(
    private readonly writer: RowTarget,
    private readonly maxAccountId: number,
  ) {
    const n = maxAccountId + 1;
    this.book = new PostingBook({ journal: 1, entry: 1 }, (id) => `TX${String(id).padStart(10, '0')}`, writeInto(writer));
    for (let id = 1; id <= maxAccountId; id++) this.book.open(id);
    this.lastBooked = new Float64Array(n);
    this.floor = new Float64Array(n).fill(-Infinity);
    this.dailyLimit = new Float64Array(n).fill(Infinity);
    this.cashDay = new Float64Array(n).fill(-1);
    this.cashToday = new Float64Array(n);
  }

  /** A customer account may not go below −overdraft; ATM cash per day is capped. */
  restrict(id: number, overdraft: number, dailyLimit: number, openedAt: number): void {
    this.floor[id] = -overdraft;
    this.dailyLimit[id] = dailyLimit > 0 ? dailyLimit : Infinity;
    this.lastBooked[id] = openedAt;
  }

  touch(id: number, at: number): void {
    if (at > (this.lastBooked[id] ?? 0)) this.lastBooked[id] = at;
  }

  balanceOf(id: number): number {
    return this.book.balanceOf(id);
  }

  /** How much may leave the account now (Infinity for the bank's own accounts). */
  available(id: number): number {
    return this.book.balanceOf(id) - (this.floor[id] ?? -Infinity);
  }

  /** ATM cash still allowed today under the product's daily withdrawal limit. */
  cashAllowance(id: number, at: number): number {
    const day = bankDay(at);
    const limit = this.dailyLimit[id] ?? Infinity;
    return this.cashDay[id] === day ? limit - (this.cashToday[id] ?? 0) : limit;
  }

  private noteCash(id: number, at: number, amount: number): void {
    const day = bankDay(at);
    if (this.cashDay[id] !== day) {
      this.cashDay[id] = day;
      this.cashToday[id] = 0;
    }
    this.cashToday[id] = (this.cashToday[id] ?? 0) + amount;
  }

  get journalCount(): number {
    return this.book.journalCount;
  }

  /** Write one journal with its entries at `at`; returns the journal id. */
  post(p: Posting, at: number, cashOut = 0): number {
    for (const l of p.legs) {
      if (l.account < 1 || l.account > this.maxAccountId) throw new Error(`unknown account ${l.account}`);
      if (l.amount < 0 && this.book.balanceOf(l.account) + l.amount < (this.floor[l.account] ?? -Infinity)) {
        throw new Error(`account ${l.account} would go below its overdraft limit (${p.description})`);
      }
    }
    const jid = this.book.post(p, at);
    for (const l of p.legs) if (at > (this.lastBooked[l.account] ?? 0)) this.lastBooked[l.account] = at;
    if (cashOut > 0) for (const l of p.legs) if (l.amount < 0) this.noteCash(l.account, at, cashOut);
    return jid;
  }

  label(journalId: number, pattern: string, scenario: number): void {
    this.writer.insert('fraud_labels', { journal_id: journalId, pattern, scenario });
    this.labelled[pattern] = (this.labelled[pattern] ?? 0) + 1;
  }

  /** Final balance and last movement of every account, for the accounts table. */
  balances(): BalanceUpdate[] {
    const out: BalanceUpdate[] = [];
    for (let id = 1; id <= this.maxAccountId; id++) out.push({ id, balance: this.book.balanceOf(id), updated_at: this.lastBooked[id] ?? 0 });
    return out;
  }
}
