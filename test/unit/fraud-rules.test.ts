import { describe, expect, it } from 'vitest';
import { fraudExplanationSchema } from '../../shared/fraud-explanation';
import { accountDirectory, combineScores, Detector, RULE_IDS, RULES, runDetection, type RuleId, type RuleOverrides, type Txn } from '../../main/fraud';

const H = 3_600_000;
const D = 24 * H;
/** A Tuesday 10:00 UTC, well after the account opened. */
const T0 = Date.UTC(2025, 5, 3, 10, 0, 0);
const ACCOUNT = 1;
const SAVINGS = 2;
const dir = accountDirectory([
  { id: ACCOUNT, customerId: 7, accountNo: 'CZ0020260000000000000001', openedAt: T0 - 400 * D, currency: 'EUR' },
  { id: SAVINGS, customerId: 7, accountNo: 'CZ0020260000000000000002', openedAt: T0 - 400 * D, currency: 'EUR' },
]);

/** Builds a customer's transactions with running balances. */
class Book {
  private id = 0;
  private balance: number;
  readonly txns: Txn[] = [];
  constructor(opening = 500_000) {
    this.balance = opening;
  }
  add(at: number, amount: number, t: Partial<Txn> = {}): Txn {
    this.balance += amount;
    const txn: Txn = {
      id: ++this.id,
      journalId: 1000 + this.id,
      accountId: ACCOUNT,
      customerId: 7,
      at,
      amount,
      balanceAfter: this.balance,
      type: 'card',
      channel: 'card',
      counterpartyName: null,
      counterpartyAccount: null,
      ...t,
    };
    this.txns.push(txn);
    return txn;
  }
  transferOut(at: number, amount: number, to: string): Txn {
    return this.add(at, -amount, { type: 'transfer', channel: 'online', counterpartyName: to, counterpartyAccount: `IBAN-${to}` });
  }
  wireIn(at: number, amount: number, from: string): Txn {
    return this.add(at, amount, { type: 'transfer', channel: 'wire', counterpartyName: from, counterpartyAccount: `IBAN-${from}` });
  }
  /** Ordinary life: a card purchase a day at 10:00–17:00 and a known rent payee, for `days` days before `until`. */
  history(until: number, days = 60): this {
    for (let d = days; d >= 1; d--) {
      const at = until - d * D + (d % 8) * H;
      this.add(at, -(2_000 + (d % 5) * 1_000));
      if (d % 30 === 0) this.transferOut(at + H, 40_000, 'landlord');
    }
    return this;
  }
  /** An established set of payees: a few bills paid to different people over the weeks before `until`. */
  payees(until: number): this {
    for (const [i, who] of ['utility', 'insurer', 'phone'].entries()) this.transferOut(until - (20 - i) * D, 5_000, who);
    return this;
  }
}

/** Hits of one rule (all others off) per transaction id. */
function hitsOf(rule: RuleId, txns: Txn[], overrides: RuleOverrides = {}): Map<number, number> {
  const off: RuleOverrides = {};
  for (const id of RULE_IDS) if (id !== rule) Object.assign(off, { [id]: { enabled: false } });
  const out = new Map<number, number>();
  const d = new Detector(dir, { rules: { ...off, ...overrides }, historyStart: T0 - 400 * D, onHit: (h, t) => out.set(t.id, h.score) });
  for (const t of txns) d.process(t);
  return out;
}

describe('fraud rules', () => {
  it('every rule has an id, a version, a description and typed defaults', () => {
    for (const id of RULE_IDS) {
      expect(RULES[id].id).toBe(id);
      expect(RULES[id].version).toBeGreaterThanOrEqual(1);
      expect(RULES[id].description.length).toBeGreaterThan(20);
      expect(RULES[id].defaults.score).toBeGreaterThan(0);
    }
  });

  describe('amount_spike', () => {
    it('fires on a payment far above the customer’s normal, not on a normal one', () => {
      const b = new Book(5_000_000).history(T0);
      const normal = b.add(T0, -4_000);
      const big = b.add(T0 + H, -300_000);
      const hits = hitsOf('amount_spike', b.txns);
      expect(hits.has(big.id)).toBe(true);
      expect(hits.has(normal.id)).toBe(false);
    });
    it('edge: the minimum amount is inclusive', () => {
      const b = new Book(5_000_000).history(T0);
      const t = b.add(T0, -300_000);
      expect(hitsOf('amount_spike', b.txns, { amount_spike: { minAmount: 300_000 } }).has(t.id)).toBe(true);
      expect(hitsOf('amount_spike', b.txns, { amount_spike: { minAmount: 300_001 } }).has(t.id)).toBe(false);
    });
  });

  describe('velocity', () => {
    const burst = (n: number): Book => {
      const b = new Book().history(T0);
      for (let i = 0; i < n; i++) b.add(T0 + i * 60_000, -150);
      return b;
    };
    it('fires on the 8th payment within an hour, not on the 7th', () => {
      expect(hitsOf('velocity', burst(8).txns).has(burst(8).txns.at(-1)?.id ?? -1)).toBe(true);
      expect(hitsOf('velocity', burst(7).txns).size).toBe(0);
    });
    it('edge: payments spread beyond the window do not count', () => {
      const b = new Book().history(T0);
      for (let i = 0; i < 10; i++) b.add(T0 + i * 10 * 60_000, -150);
      expect(hitsOf('velocity', b.txns).size).toBe(0);
      expect(hitsOf('velocity', b.txns, { velocity: { windowMinutes: 90 } }).size).toBeGreaterThan(0);
    });
  });

  describe('new_payee_large', () => {
    it('fires on a large share of the balance to a new payee, not to a known one', () => {
      const b = new Book(300_000).history(T0).payees(T0);
      const toKnown = b.transferOut(T0, 150_000, 'landlord');
      b.wireIn(T0 + H, 150_000, 'employer');
      const toNew = b.transferOut(T0 + 2 * H, 200_000, 'stranger');
      const hits = hitsOf('new_payee_large', b.txns);
      expect(hits.has(toNew.id)).toBe(true);
      expect(hits.has(toKnown.id)).toBe(false);
    });
    it('edge: exactly the minimum share fires; just below does not; a fresh loan explains it', () => {
      const b = new Book(400_000 + 15_000).history(T0, 40).payees(T0);
      b.wireIn(T0 - H, -(b.txns.at(-1)?.balanceAfter ?? 0) + 400_000, 'top-up');
      const t = b.transferOut(T0, 200_000, 'stranger');
      expect(hitsOf('new_payee_large', b.txns).has(t.id)).toBe(true);
      expect(hitsOf('new_payee_large', b.txns, { new_payee_large: { minShareOfBalance: 0.51 } }).has(t.id)).toBe(false);
      const loan = new Book(100_000).history(T0, 40).payees(T0);
      loan.add(T0 - D, 1_000_000, { type: 'loan_disbursement', channel: 'system' });
      const car = loan.transferOut(T0, 1_000_000, 'car dealer');
      expect(hitsOf('new_payee_large', loan.txns).has(car.id)).toBe(false);
    });
    it('cold start: says nothing until the account has an established set of payees', () => {
      const fresh = new Book(400_000);
      const t = fresh.transferOut(T0, 390_000, 'stranger');
      expect(hitsOf('new_payee_large', fresh.txns).has(t.id)).toBe(false);
      // History but only one payee so far: every payee is still new.
      const onePayee = new Book(400_000).history(T0);
      const u = onePayee.transferOut(T0, 390_000, 'stranger');
      expect(hitsOf('new_payee_large', onePayee.txns).has(u.id)).toBe(false);
    });
  });

  describe('account_drain', () => {
    it('fires when most of the balance leaves within hours, not when a part does', () => {
      const b = new Book(1_000_000).history(T0);
      b.transferOut(T0, 300_000, 'a');
      const partial = b.txns.at(-1) as Txn;
      const last = b.transferOut(T0 + H, 550_000, 'b');
      const hits = hitsOf('account_drain', b.txns);
      expect(hits.has(partial.id)).toBe(false);
      expect(hits.has(last.id)).toBe(true);
    });
    it('edge: the same outflow spread over more than the window does not fire', () => {
      const b = new Book(2_000_000).history(T0);
      b.transferOut(T0, 800_000, 'a');
      b.transferOut(T0 + 30 * H, 700_000, 'b');
      expect(hitsOf('account_drain', b.txns).size).toBe(0);
      expect(hitsOf('account_drain', b.txns, { account_drain: { windowHours: 31 } }).size).toBe(1);
    });
  });

  describe('pass_through', () => {
    it('fires when a credit from a new sender leaves again within hours; not when it stays', () => {
      const b = new Book(20_000).history(T0);
      b.wireIn(T0, 300_000, 'victim');
      const out = b.transferOut(T0 + 3 * H, 280_000, 'crypto');
      expect(hitsOf('pass_through', b.txns).has(out.id)).toBe(true);
      const s = new Book(20_000).history(T0);
      s.wireIn(T0, 300_000, 'victim');
      s.transferOut(T0 + 3 * H, 100_000, 'crypto');
      expect(hitsOf('pass_through', s.txns).size).toBe(0);
    });
    it('edge: exactly the out share fires', () => {
      const b = new Book(20_000);
      b.wireIn(T0, 200_000, 'x');
      const out = b.transferOut(T0 + H, 160_000, 'y');
      expect(hitsOf('pass_through', b.txns).has(out.id)).toBe(true);
      expect(hitsOf('pass_through', b.txns, { pass_through: { outShare: 0.81 } }).size).toBe(0);
    });
  });

  describe('structuring', () => {
    const cash = (b: Book, at: number, amount: number): Txn => b.add(at, amount, { type: 'deposit', channel: 'branch' });
    it('fires on the second cash deposit just under the threshold within days', () => {
      const b = new Book();
      cash(b, T0, 950_000);
      const second = cash(b, T0 + 3 * D, 980_000);
      expect([...hitsOf('structuring', b.txns).keys()]).toEqual([second.id]);
    });
    it('does not fire on deposits at or above the threshold, or too far apart', () => {
      const b = new Book();
      cash(b, T0, 1_000_000);
      cash(b, T0 + D, 1_000_000);
      cash(b, T0 + 2 * D, 950_000);
      cash(b, T0 + 20 * D, 950_000);
      expect(hitsOf('structuring', b.txns).size).toBe(0);
    });
    it('edge: the lower bound (threshold − margin) is inclusive', () => {
      const b = new Book();
      cash(b, T0, 900_000);
      cash(b, T0 + D, 900_000);
      expect(hitsOf('structuring', b.txns).size).toBe(1);
      const c = new Book();
      cash(c, T0, 899_999);
      cash(c, T0 + D, 899_999);
      expect(hitsOf('structuring', c.txns).size).toBe(0);
    });
  });

  describe('dormant_reactivation', () => {
    it('fires on money moved after months of silence, not for an active customer', () => {
      const b = new Book(2_000_000).history(T0 - 120 * D, 30);
      const t = b.transferOut(T0, 500_000, 'x');
      expect(hitsOf('dormant_reactivation', b.txns).has(t.id)).toBe(true);
      const a = new Book(2_000_000).history(T0);
      a.transferOut(T0, 500_000, 'x');
      expect(hitsOf('dormant_reactivation', a.txns).size).toBe(0);
    });
    it('edge: exactly the dormant days fires, a day less does not', () => {
      const b = new Book(2_000_000);
      b.add(T0 - 90 * D, -5_000);
      const t = b.transferOut(T0, 500_000, 'x');
      expect(hitsOf('dormant_reactivation', b.txns).has(t.id)).toBe(true);
      expect(hitsOf('dormant_reactivation', b.txns, { dormant_reactivation: { dormantDays: 91 } }).size).toBe(0);
    });
  });

  describe('unusual_hour', () => {
    it('fires on a payment at an hour the customer never acts at, not in their usual hours', () => {
      const b = new Book(2_000_000).history(T0);
      const day = b.transferOut(T0 + 2 * H, 20_000, 'landlord');
      const night = b.transferOut(T0 + 16 * H, 20_000, 'landlord');
      const hits = hitsOf('unusual_hour', b.txns);
      expect(hits.has(night.id)).toBe(true);
      expect(hits.has(day.id)).toBe(false);
    });
    it('edge: needs the minimum history', () => {
      const b = new Book(2_000_000).history(T0, 20);
      b.transferOut(T0 + 16 * H, 20_000, 'landlord');
      expect(hitsOf('unusual_hour', b.txns).size).toBe(0);
      expect(hitsOf('unusual_hour', b.txns, { unusual_hour: { minHistory: 20 } }).size).toBe(1);
    });
  });

  describe('fan_in / fan_out', () => {
    it('fan_in fires at the 8th new sender within 72 h; 7 do not', () => {
      const b = new Book().history(T0);
      const before = b.txns.length;
      for (let i = 0; i < 8; i++) b.wireIn(T0 + i * H, 20_000, `sender${i}`);
      expect([...hitsOf('fan_in', b.txns).keys()]).toEqual([b.txns.at(-1)?.id]);
      expect(hitsOf('fan_in', b.txns.slice(0, before + 7)).size).toBe(0);
      // A new account: every sender is new, so counting them says nothing until it has 30 days of history.
      const fresh = new Book();
      for (let i = 0; i < 8; i++) fresh.wireIn(T0 + i * H, 20_000, `sender${i}`);
      expect(hitsOf('fan_in', fresh.txns).size).toBe(0);
    });
    it('fan_out counts distinct new payees only, within the window', () => {
      const b = new Book(5_000_000).history(T0);
      for (let i = 0; i < 8; i++) b.transferOut(T0 + i * H, 20_000, 'same');
      for (let i = 0; i < 8; i++) b.transferOut(T0 + 4 * D + i * 12 * H, 20_000, `p${i}`);
      expect(hitsOf('fan_out', b.txns).size).toBe(0);
      const c = new Book(5_000_000).history(T0);
      for (let i = 0; i < 8; i++) c.transferOut(T0 + i * H, 20_000, `p${i}`);
      expect(hitsOf('fan_out', c.txns).size).toBe(1);
    });
  });

  describe('mule_inflows', () => {
    it('fires when the third new sender’s money is passed on; not when it stays', () => {
      const b = new Book(20_000);
      for (let i = 0; i < 3; i++) {
        b.wireIn(T0 + i * 2 * D, 300_000, `victim${i}`);
        b.add(T0 + i * 2 * D + 3 * H, -50_000, { type: 'withdrawal', channel: 'atm' });
      }
      expect([...hitsOf('mule_inflows', b.txns).keys()]).toEqual([b.txns.at(-1)?.id]);
      const s = new Book(20_000);
      for (let i = 0; i < 3; i++) s.wireIn(T0 + i * 2 * D, 300_000, `victim${i}`);
      expect(hitsOf('mule_inflows', s.txns).size).toBe(0);
    });
  });
});

describe('explanations in the account’s currency', () => {
  const accounts = [
    { id: 11, currency: 'HUF', texts: ['9,000.00 HUF and 10,000.00 HUF', '19,300.00 HUF in all'] },
    { id: 12, currency: 'JPY', texts: ['900,000 JPY and 1,000,000 JPY', '1,930,000 JPY in all'] },
    { id: 13, currency: 'BHD', texts: ['900.000 BHD and 1,000.000 BHD', '1,930.000 BHD in all'] },
    // A code written before codes were checked: said plainly, never guessed as two decimals, and the scan goes on.
    { id: 14, currency: 'ABC', texts: ['900000 minor units of ABC and 1000000 minor units of ABC'] },
  ];
  const directory = accountDirectory(accounts.map((a) => ({ id: a.id, customerId: a.id, accountNo: `ACC-${a.id}`, openedAt: T0 - 400 * D, currency: a.currency })));

  it.each(accounts)('$currency: the structuring sentence shows the same minor units in its ISO decimals', (a) => {
    const summaries: string[] = [];
    const off = Object.fromEntries(RULE_IDS.filter((id) => id !== 'structuring').map((id) => [id, { enabled: false }]));
    const d = new Detector(directory, { rules: off, historyStart: T0 - 400 * D, onHit: (h) => summaries.push(h.summary) });
    const base = { journalId: 1, accountId: a.id, customerId: a.id, type: 'deposit' as const, channel: 'branch' as const, counterpartyName: null, counterpartyAccount: null };
    d.process({ ...base, id: a.id * 10, at: T0, amount: 950_000, balanceAfter: 950_000 });
    d.process({ ...base, id: a.id * 10 + 1, journalId: 2, at: T0 + D, amount: 980_000, balanceAfter: 1_930_000 });
    expect(summaries).toHaveLength(1);
    for (const t of a.texts) expect(summaries[0]).toContain(t);
  });
});

describe('detector', () => {
  it('combines hits as independent evidence', () => {
    expect(combineScores([50])).toBe(50);
    expect(combineScores([50, 50])).toBe(75);
    expect(combineScores([])).toBe(0);
  });

  it('raises one alert per episode, explains it, and links the transactions', () => {
    const b = new Book(20_000).history(T0);
    for (let i = 0; i < 12; i++) b.add(T0 + i * 60_000, -150);
    const alerts = runDetection(b.txns, dir, { historyStart: T0 - 400 * D });
    expect(alerts).toHaveLength(1);
    const a = alerts[0];
    expect(a?.ruleId).toBe('velocity');
    expect(a?.key).toBe(`velocity:${ACCOUNT}:${b.txns.at(-5)?.id}`);
    expect(a?.journalIds).toHaveLength(12);
    const ex = fraudExplanationSchema.parse(a?.explanation);
    expect(ex.hits[0]?.thresholds.maxCount).toBe(8);
    expect(ex.riskScore).toBeGreaterThanOrEqual(60);
  });

  it('overridden parameters change what a backtest raises', () => {
    const b = new Book(20_000).history(T0);
    for (let i = 0; i < 6; i++) b.add(T0 + i * 60_000, -150);
    expect(runDetection(b.txns, dir)).toHaveLength(0);
    expect(runDetection(b.txns, dir, { rules: { velocity: { maxCount: 6 } } })).toHaveLength(1);
    expect(runDetection(b.txns, dir, { rules: { velocity: { maxCount: 6, enabled: false } } })).toHaveLength(0);
  });

  it('keeps its memory bounded per account', () => {
    const d = new Detector(dir, { recentPerAccount: 50, knownPerAccount: 20 });
    const b = new Book(1_000_000_000);
    for (let i = 0; i < 500; i++) b.transferOut(T0 + i * 1_000, 100, `p${i}`);
    for (const t of b.txns) d.process(t);
    const p = d.profile(ACCOUNT);
    expect(p?.known.size).toBeLessThanOrEqual(20);
    expect((p?.recent.length ?? 0) - (p?.recentStart ?? 0)).toBeLessThanOrEqual(50);
    void SAVINGS;
  });
});
