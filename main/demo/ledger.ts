import type { Row } from '../source';
import { bankDay } from './calendar';
import type { BalanceUpdate, RowSink } from './row-sink';

export type JournalType = Row<'journal'>['type'];
export type Channel = Row<'journal'>['channel'];

/** One side of a journal: signed from the account's point of view. */
export interface Leg {
  account: number;
  amount: number;
}

export interface JournalSpec {
  at: number;
  type: JournalType;
  channel: Channel;
  /** Positive size of the movement. */
  amount: number;
  currency: string;
  description: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  externalRef: string | null;
}


/**
 * The double-entry book. Holds every account's running balance in memory (dense ids), writes
 * journal and entry rows with running balances, and refuses anything that would break the
 * invariants: legs summing to non-zero, non-integer cents, a customer account below its floor.
 */
export class Ledger {
  private readonly balance: Float64Array;
  private readonly lastBooked: Float64Array;
  private readonly floor: Float64Array;
  private readonly dailyLimit: Float64Array;
  private readonly cashDay: Float64Array;
  private readonly cashToday: Float64Array;
  private readonly journalRow: Row<'journal'> = {
    id: 0, reference: '', booked_at: 0, type: 'fee', channel: 'system', amount: 0, currency: '', description: '',
    counterparty_name: null, counterparty_account: null, idempotency_key: null, external_ref: null, status: 'posted', created_by: 'generator',
  };
  private readonly entryRow: Row<'entries'> = { id: 0, journal_id: 0, account_id: 0, amount: 0, balance_after: 0, booked_at: 0 };
  private nextJournal = 1;
  private nextEntry = 1;
  readonly labelled: Record<string, number> = {};

  constructor(
    private readonly sink: RowSink,
    private readonly maxAccountId: number,
  ) {
    const n = maxAccountId + 1;
    this.balance = new Float64Array(n);
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
    return this.balance[id] ?? 0;
  }

  /** How much may leave the account now (Infinity for the bank's own accounts). */
  available(id: number): number {
    return (this.balance[id] ?? 0) - (this.floor[id] ?? -Infinity);
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
    return this.nextJournal - 1;
  }

  /** Write one journal with its entries; returns the journal id. */
  post(spec: JournalSpec, legs: readonly Leg[], cashOut = 0): number {
    let sum = 0;
    for (const l of legs) {
      if (!Number.isSafeInteger(l.amount)) throw new Error(`non-integer cents in ${spec.description}`);
      sum += l.amount;
      if (l.account < 1 || l.account > this.maxAccountId) throw new Error(`unknown account ${l.account}`);
      if (l.amount < 0 && (this.balance[l.account] ?? 0) + l.amount < (this.floor[l.account] ?? -Infinity)) {
        throw new Error(`account ${l.account} would go below its overdraft limit (${spec.description})`);
      }
    }
    if (sum !== 0 || legs.length < 2) throw new Error(`unbalanced journal: ${spec.description}`);
    if (!(spec.amount > 0) || !Number.isSafeInteger(spec.amount)) throw new Error(`bad journal amount: ${spec.description}`);
    const jid = this.nextJournal++;
    // Millions of rows: reuse two row objects (the sink copies values) instead of allocating each.
    const j = this.journalRow;
    j.id = jid;
    j.reference = `TX${String(jid).padStart(10, '0')}`;
    j.booked_at = spec.at;
    j.type = spec.type;
    j.channel = spec.channel;
    j.amount = spec.amount;
    j.currency = spec.currency;
    j.description = spec.description;
    j.counterparty_name = spec.counterpartyName;
    j.counterparty_account = spec.counterpartyAccount;
    j.external_ref = spec.externalRef;
    this.sink.insert('journal', j);
    const e = this.entryRow;
    for (const l of legs) {
      const after = (this.balance[l.account] ?? 0) + l.amount;
      this.balance[l.account] = after;
      if (spec.at > (this.lastBooked[l.account] ?? 0)) this.lastBooked[l.account] = spec.at;
      e.id = this.nextEntry++;
      e.journal_id = jid;
      e.account_id = l.account;
      e.amount = l.amount;
      e.balance_after = after;
      e.booked_at = spec.at;
      this.sink.insert('entries', e);
    }
    if (cashOut > 0) for (const l of legs) if (l.amount < 0) this.noteCash(l.account, spec.at, cashOut);
    return jid;
  }

  label(journalId: number, pattern: string, scenario: number): void {
    this.sink.insert('fraud_labels', { journal_id: journalId, pattern, scenario });
    this.labelled[pattern] = (this.labelled[pattern] ?? 0) + 1;
  }

  /** Final balance and last movement of every account, for the accounts table. */
  balances(): BalanceUpdate[] {
    const out: BalanceUpdate[] = [];
    for (let id = 1; id <= this.maxAccountId; id++) out.push({ id, balance: this.balance[id] ?? 0, updated_at: this.lastBooked[id] ?? 0 });
    return out;
  }
}
