import { describe, expect, it } from 'vitest';
import { accountDirectory, Detector, RULE_IDS, type RuleId, type RuleOverrides, type Txn } from '../../main/fraud';
import { NETWORK_DEFAULTS, NetworkWatch, type Edge } from '../../main/fraud/network';
import { ChannelCounts, LogHistogram, PeerBaselines } from '../../main/fraud/peers';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2025, 0, 6, 10, 0, 0);

describe('peer baselines', () => {
  it('log histogram: ranks and quantiles within a bucket, in any currency’s units', () => {
    const h = new LogHistogram();
    for (let i = 1; i <= 1000; i++) h.add(i * 100);
    expect(h.rank(50)).toBe(0);
    expect(h.rank(50_000)).toBeGreaterThan(0.45);
    expect(h.rank(50_000)).toBeLessThan(0.5);
    expect(h.rank(1e9)).toBe(1);
    const median = h.quantile(0.5);
    expect(median).toBeGreaterThan(50_000 / 1.2);
    expect(median).toBeLessThanOrEqual(50_000);
    expect(new LogHistogram().rank(10)).toBe(0);
    expect(new LogHistogram().quantile(0.5)).toBe(0);
  });
  it('a small peer group falls back to its currency’s population; groups of other currencies never mix', () => {
    const p = new PeerBaselines(10);
    const usdCard = PeerBaselines.key('USD', 1, 'customer', 'card');
    for (let i = 0; i < 50; i++) p.learnOut(PeerBaselines.key('USD', 2, 'customer', 'online'), 'USD', 1_000 + i, 5_000);
    for (let i = 0; i < 5; i++) p.learnOut(usdCard, 'USD', 100, 5_000);
    expect(p.view(usdCard, 'USD')?.out.n).toBe(55); // the currency's population, not the 5
    for (let i = 0; i < 5; i++) p.learnOut(usdCard, 'USD', 100, 5_000);
    expect(p.view(usdCard, 'USD')?.out.n).toBe(10); // its own group once large enough
    expect(p.view(PeerBaselines.key('JPY', 1, 'customer', 'card'), 'JPY')).toBeUndefined();
  });
  it('channel mix: new until a few transactions, then the dominant channel', () => {
    const c = new ChannelCounts();
    for (let i = 0; i < 4; i++) c.learn('card');
    expect(c.mix()).toBe('new');
    c.learn('card');
    expect(c.mix()).toBe('card');
    for (let i = 0; i < 5; i++) c.learn('atm');
    expect(c.mix()).toBe('mixed');
  });
});

/** Accounts 1..n, each its own customer, numbered ACC-i. */
function directory(n: number) {
  return accountDirectory(Array.from({ length: n }, (_, i) => ({ id: i + 1, customerId: i + 1, accountNo: `ACC-${i + 1}`, openedAt: T0 - 400 * D, currency: 'USD' })));
}

function only(rule: RuleId): RuleOverrides {
  const o: RuleOverrides = {};
  for (const id of RULE_IDS) if (id !== rule) Object.assign(o, { [id]: { enabled: false } });
  return o;
}

let nextId = 0;
function txn(accountId: number, at: number, amount: number, balanceAfter: number, t: Partial<Txn> = {}): Txn {
  nextId++;
  return {
    id: nextId,
    journalId: 10_000 + nextId,
    accountId,
    customerId: accountId,
    at,
    amount,
    balanceAfter,
    type: 'transfer',
    channel: 'online',
    counterpartyName: null,
    counterpartyAccount: null,
    ...t,
  };
}

describe('takeover_drain', () => {
  const run = (txns: Txn[], dir = directory(3)) => {
    const hits: { rule: string; id: number }[] = [];
    const d = new Detector(dir, { rules: only('takeover_drain'), historyStart: T0 - 10 * D, onHit: (h, t) => hits.push({ rule: h.ruleId, id: t.id }) });
    const alerts = txns.flatMap((t) => d.process(t));
    return { hits, alerts };
  };
  it('fires on a young account sending its whole balance to a payee never paid; not on a part of it', () => {
    const open = txn(1, T0 - D, 500_000, 500_000, { type: 'deposit', channel: 'branch' });
    const all = txn(1, T0, -500_000, 0, { counterpartyName: 'stranger' });
    expect(run([open, all]).hits.map((h) => h.id)).toEqual([all.id]);
    const open2 = txn(1, T0 - D, 500_000, 500_000, { type: 'deposit', channel: 'branch' });
    const part = txn(1, T0, -400_000, 100_000, { counterpartyName: 'stranger' });
    expect(run([open2, part]).hits).toEqual([]);
  });
  it('edge: 99 % of the balance fires, just under does not; an account that emptied itself before is exempt', () => {
    const a = [txn(1, T0 - D, 100_000, 100_000, { type: 'deposit' }), txn(1, T0, -99_000, 1_000, { type: 'withdrawal', channel: 'atm' })];
    expect(run(a).hits).toHaveLength(1);
    const b = [txn(1, T0 - D, 100_000, 100_000, { type: 'deposit' }), txn(1, T0, -98_999, 1_001, { type: 'withdrawal', channel: 'atm' })];
    expect(run(b).hits).toHaveLength(0);
    const habit = [
      txn(1, T0 - 40 * D, 100_000, 100_000, { type: 'deposit' }),
      txn(1, T0 - 39 * D, -100_000, 0, { type: 'withdrawal', channel: 'atm' }),
      txn(1, T0 - D, 100_000, 100_000, { type: 'deposit' }),
      txn(1, T0, -100_000, 0, { type: 'withdrawal', channel: 'atm' }),
    ];
    expect(run(habit).hits.map((h) => h.id)).toEqual([habit[1]?.id]);
  });
  it('the receiving account’s cash-out joins the sender’s alert: one episode across both accounts', () => {
    const open = txn(1, T0 - D, 800_000, 800_000, { type: 'deposit' });
    const drain = txn(1, T0, -800_000, 0, { counterpartyName: 'ACC-2' });
    const arrive = txn(2, T0, 800_000, 800_000, { counterpartyName: 'ACC-1' });
    const cash = txn(2, T0 + 2 * H, -790_000, 10_000, { type: 'withdrawal', channel: 'atm' });
    const { alerts } = run([open, drain, arrive, cash]);
    const keys = new Set(alerts.map((a) => a.alert.key));
    expect(keys.size).toBe(1);
    const last = alerts.at(-1)?.alert;
    expect(last?.accountId).toBe(1);
    expect(last?.journalIds).toEqual([drain.journalId, cash.journalId].sort((x, y) => x - y));
    // Cash-out after the window is not linked.
    const late = run([
      txn(1, T0 - D, 800_000, 800_000, { type: 'deposit' }),
      txn(1, T0, -800_000, 0, { counterpartyName: 'ACC-2' }),
      txn(2, T0 + 60 * H, -700_000, 100_000, { type: 'withdrawal' }),
    ]);
    expect(late.alerts.every((a) => a.alert.journalIds.length === 1)).toBe(true);
  });
});

const edge = (id: number, a: number, b: number, amount: number, at: number): Edge => ({ id, journalId: id, a, b, amount, at });

describe('network typologies', () => {
  it('uniform fan: fires at the 5th distinct account moving the same amount with a hub, listing every member; 4 do not', () => {
    const w = new NetworkWatch(NETWORK_DEFAULTS, () => 'USD');
    const found = [];
    for (let i = 0; i < 5; i++) found.push(...w.add(edge(i + 1, 100 + i, 1, 13_061, T0 + i * 2 * D)));
    expect(found).toHaveLength(1);
    expect(found[0]?.subject).toBe(1);
    expect(found[0]?.members).toEqual([100, 101, 102, 103, 104]);
    expect(found[0]?.hit.journalIds).toEqual([1, 2, 3, 4, 5]);
  });
  it('uniform fan: different amounts, one repeated party, or edges outside the window do not count', () => {
    const w = new NetworkWatch(NETWORK_DEFAULTS, () => 'USD');
    const out = [];
    for (let i = 0; i < 6; i++) out.push(...w.add(edge(i + 1, 100 + i, 1, 10_000 + i * 500, T0 + i * H)));
    for (let i = 0; i < 6; i++) out.push(...w.add(edge(20 + i, 200, 2, 10_000, T0 + i * D)));
    for (let i = 0; i < 5; i++) out.push(...w.add(edge(40 + i, 300 + i, 3, 10_000, T0 + i * 10 * D)));
    expect(out).toEqual([]);
  });
  it('cycle: amounts stepping down by one fee around a ring of 5 accounts, in any time order, is one group', () => {
    const w = new NetworkWatch(NETWORK_DEFAULTS, () => 'USD');
    // 1→2→3→4→5→1, each hop keeping 10 %; booked out of order, as some generators do.
    const ring = [
      edge(1, 1, 2, 19_182, T0),
      edge(2, 3, 4, 17_263, T0 + 2 * D),
      edge(3, 5, 1, 15_537, T0 + 2 * D),
      edge(4, 4, 5, 13_983, T0 + 10 * D),
      edge(5, 2, 3, 12_585, T0 + 15 * D),
    ];
    const found = ring.flatMap((e) => w.add(e));
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((f) => f.key)).size).toBe(1);
    const last = found.at(-1);
    expect(last?.hit.ruleId).toBe('network_chain');
    expect(last?.members).toEqual([1, 2, 3, 4, 5]);
    expect(last?.hit.observed.cycle).toBe(1);
  });
  it('chain: an open path needs 5 hops; random amounts or a changing fee do not make one', () => {
    const path = (ratio: (k: number) => number) => {
      const w = new NetworkWatch(NETWORK_DEFAULTS, () => 'USD');
      let amount = 100_000;
      const out = [];
      for (let k = 0; k < 5; k++) {
        out.push(...w.add(edge(k + 1, 10 + k, 11 + k, Math.round(amount), T0 + k * D)));
        amount *= ratio(k);
      }
      return out;
    };
    expect(path(() => 0.95).length).toBeGreaterThan(0);
    expect(path((k) => (k % 2 ? 0.95 : 0.9))).toEqual([]);
    const four = new NetworkWatch(NETWORK_DEFAULTS, () => 'USD');
    const got = [0, 1, 2, 3].flatMap((k) => four.add(edge(k + 1, 10 + k, 11 + k, Math.round(100_000 * 0.95 ** k), T0 + k * D)));
    expect(got).toEqual([]);
  });
  it('the detector raises one alert per group whose transactions name every member', () => {
    const dir = directory(200);
    const d = new Detector(dir, { rules: only('network_fan'), historyStart: T0 - D });
    const alerts = new Map<string, number[]>();
    for (let i = 0; i < 6; i++) {
      for (const e of d.process(txn(10 + i, T0 + i * D, -5_000, 100_000, { counterpartyName: 'ACC-1' }))) alerts.set(e.alert.key, e.alert.journalIds);
    }
    expect(alerts.size).toBe(1);
    expect([...alerts.values()][0]).toHaveLength(6);
  });
});
