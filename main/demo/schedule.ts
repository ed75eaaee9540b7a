import { floorTo } from './amounts';
import type { Channel, JournalType, Leg, Ledger } from './ledger';

/**
 * A planned money movement. Plans are made a month at a time; the ledger posts them in time
 * order across all customers, and only then is a debit checked against the balance it would
 * really meet: `policy` says whether a debit that does not fit is dropped or shrunk to fit.
 */
export interface Planned {
  at: number;
  type: JournalType;
  channel: Channel;
  currency: string;
  description: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  externalRef: string | null;
  /** Account debited (its balance goes down). */
  from: number;
  /** Account credited. */
  to: number;
  amount: number;
  policy: 'skip' | 'shrink';
  /** Shrinking rounds down to this many cents (ATMs pay in notes). */
  step?: number;
  /** Below this, a shrunk debit is not worth making. */
  min?: number;
  /** Counts against the product's daily cash withdrawal limit. */
  atm?: boolean;
  /** Amount decided at posting time (interest on the month-end balance, fraud draining an account). */
  compute?: (ledger: Ledger) => number;
  /** Part of the amount credited to a third account instead of `to` (loan interest). */
  split?: { account: number; amount: number };
  label?: { pattern: string; scenario: number };
  /** Told the outcome: the journal id (null when not posted) and the amount posted. */
  after?: (journalId: number | null, posted: number, at: number) => void;
}

interface Queued {
  at: number;
  seq: number;
  ev: Planned;
}

const before = (a: Queued, b: Queued): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * Time-ordered queue (equal instants in planning order). A month's plans arrive in bulk and are
 * sorted once; the few plans added while posting (collection retries) go to a small heap, and
 * pops take whichever head is earlier.
 */
export class EventQueue {
  private sorted: Queued[] = [];
  private next = 0;
  private pending: Queued[] = [];
  private heap: Queued[] = [];
  private seq = 0;

  get size(): number {
    return this.sorted.length - this.next + this.pending.length + this.heap.length;
  }

  push(ev: Planned): void {
    this.pending.push({ at: ev.at, seq: this.seq++, ev });
  }

  private absorb(): void {
    const p = this.pending;
    this.pending = [];
    if (p.length <= 64) {
      for (const q of p) this.heapPush(q);
      return;
    }
    p.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const rest = this.sorted.slice(this.next);
    const merged: Queued[] = new Array<Queued>(rest.length + p.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < rest.length && j < p.length) merged[k++] = before(rest[i] as Queued, p[j] as Queued) ? (rest[i++] as Queued) : (p[j++] as Queued);
    while (i < rest.length) merged[k++] = rest[i++] as Queued;
    while (j < p.length) merged[k++] = p[j++] as Queued;
    this.sorted = merged;
    this.next = 0;
  }

  private heapPush(q: Queued): void {
    const h = this.heap;
    h.push(q);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pi = h[parent] as Queued;
      if (!before(q, pi)) break;
      h[parent] = q;
      h[i] = pi;
      i = parent;
    }
  }

  private heapPop(): Queued {
    const h = this.heap;
    const top = h[0] as Queued;
    const last = h.pop() as Queued;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l] as Queued, h[m] as Queued)) m = l;
        if (r < h.length && before(h[r] as Queued, h[m] as Queued)) m = r;
        if (m === i) break;
        const t = h[m] as Queued;
        h[m] = h[i] as Queued;
        h[i] = t;
        i = m;
      }
    }
    return top;
  }

  /** The earliest event if it is due before `limit`. */
  popBefore(limit: number): Planned | null {
    if (this.pending.length) this.absorb();
    const a = this.sorted[this.next];
    const b = this.heap[0];
    const first = a && (!b || before(a, b)) ? a : b;
    if (!first || first.at >= limit) return null;
    if (first === a) {
      this.next += 1;
      // Drop the consumed prefix now and then so a long run does not keep it alive.
      if (this.next > 100_000) {
        this.sorted = this.sorted.slice(this.next);
        this.next = 0;
      }
      return a.ev;
    }
    return this.heapPop().ev;
  }

  clear(): void {
    this.sorted = [];
    this.next = 0;
    this.pending = [];
    this.heap = [];
  }
}

/** Post one planned movement, fitting debits to the balance (and daily cash limit) they meet. */
export function execute(ev: Planned, ledger: Ledger): void {
  let amount = ev.compute ? ev.compute(ledger) : ev.amount;
  if (amount > 0) {
    let room = ledger.available(ev.from);
    if (ev.atm) room = Math.min(room, ledger.cashAllowance(ev.from, ev.at));
    if (amount > room) amount = ev.policy === 'shrink' ? floorTo(Math.max(0, room), ev.step ?? 100) : 0;
    if (amount < (ev.min ?? 1)) amount = 0;
  }
  if (!(amount > 0)) {
    ev.after?.(null, 0, ev.at);
    return;
  }
  const split = ev.split && ev.split.amount > 0 ? ev.split : null;
  const legs: Leg[] = [
    { account: ev.from, amount: -amount },
    { account: ev.to, amount: split ? amount - split.amount : amount },
  ];
  if (split) legs.push({ account: split.account, amount: split.amount });
  const jid = ledger.post(
    {
      type: ev.type,
      channel: ev.channel,
      amount,
      currency: ev.currency,
      description: ev.description,
      counterpartyName: ev.counterpartyName,
      counterpartyAccount: ev.counterpartyAccount,
      externalRef: ev.externalRef,
      idempotencyKey: null,
      status: 'posted',
      createdBy: 'generator',
      legs,
    },
    ev.at,
    ev.atm ? amount : 0,
  );
  if (ev.label) ledger.label(jid, ev.label.pattern, ev.label.scenario);
  ev.after?.(jid, amount, ev.at);
}
