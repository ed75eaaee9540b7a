import type { FraudRuleHit } from '../../shared/fraud-explanation';
import { describeMoney } from '../../shared/money';

const DAY = 86_400_000;

/** One money movement between two accounts of the bank (either may be the subject of the entry). */
export interface Edge {
  /** Entry id of the transaction that showed it, journal it belongs to. */
  id: number;
  journalId: number;
  /** Account ids of the two ends (the customer account the entry is on first). */
  a: number;
  b: number;
  /** Positive, minor units. */
  amount: number;
  at: number;
  /** ln(amount), cached by the ladder search. */
  lg?: number;
}

export interface NetworkParams {
  /** How long an edge stays in the graph. */
  windowDays: number;
  /** Most edges kept per account (oldest go first): the graph stays bounded whatever the data. */
  edgesPerAccount: number;
  /** Uniform fan: distinct counterparties moving the same amount (within `sameAmount`, relative) with one account. */
  fanMin: number;
  sameAmount: number;
  /** Fee ladder: connected movements whose amounts step down by one constant fee, at least this many for an open chain… */
  chainMinHops: number;
  /** …and this many when they close a ring back to an account they passed. */
  cycleMinHops: number;
  /** The fee kept back per hop lies between these shares. */
  minFee: number;
  maxFee: number;
  /** How close an amount must be to its rung on the ladder (relative). */
  rungTolerance: number;
  /** Most rungs looked for above a movement (the longest chain seen at once). */
  maxRungs: number;
  fanScore: number;
  chainScore: number;
}

export const NETWORK_DEFAULTS: NetworkParams = {
  windowDays: 30,
  edgesPerAccount: 64,
  fanMin: 5,
  sameAmount: 0.005,
  chainMinHops: 5,
  cycleMinHops: 3,
  minFee: 0.005,
  maxFee: 0.2,
  rungTolerance: 0.0005,
  maxRungs: 8,
  fanScore: 70,
  chainScore: 75,
};

/** A group the graph found: one alert for it, with every member account. */
export interface GroupFinding {
  /** Stable per group: the typology and the entry that started it. */
  key: string;
  subject: number;
  members: number[];
  hit: FraudRuleHit;
}

/**
 * Network typologies over a sliding window of the transaction graph between the bank's own
 * accounts, in memory and bounded (per-account edge lists and the amount index trimmed by time and
 * count). The same engine runs in the scan, the live monitor and backtests: the Detector owns it.
 *
 * - Uniform fan-in / fan-out (also scatter-gather and bipartite hubs): one account exchanging the
 *   same amount with many distinct accounts within the window — structured payments to or from a
 *   ring of mules. Direction is not relied on: imports describe a deposit "from" a party either way.
 * - Layering chains, stacks and cycles as a fee ladder: movements among connected accounts whose
 *   amounts step down by one constant fee (A, Aρ, Aρ², …), however the hops are ordered in time.
 *   Each new movement looks for the rungs above it — ρ taken from the movements next to it — in an
 *   index of recent amounts, and keeps the rungs connected to it. Random activity almost never
 *   holds one fee over several connected hops; a ring passing money on does. When the ladder's
 *   movements close a loop (as many movements as accounts) it is reported as a cycle.
 */
export class NetworkWatch {
  private readonly byAccount = new Map<number, Edge[]>();
  private readonly byAmount = new Map<number, Edge[]>();
  private readonly seenEdge = new Set<string>();
  private seenOrder: string[] = [];
  private indexed = 0;
  private readonly logStep: number;
  /** Edges already reported in a ladder, by their ladder's key: a ring is one group. */
  private readonly ladderOf = new Map<number, string>();

  constructor(
    readonly params: NetworkParams,
    private readonly currencyOf: (accountId: number) => string,
    private readonly ruleVersion: { fan: number; chain: number } = { fan: 1, chain: 1 },
  ) {
    this.logStep = Math.log1p(params.rungTolerance);
  }

  /** Edges in memory (for monitoring the bound). */
  get edges(): number {
    let n = 0;
    for (const l of this.byAccount.values()) n += l.length;
    return n;
  }

  /**
   * Adds a movement and returns the groups it completes or extends. The same movement seen from
   * both sides (a transfer's two legs) counts once.
   */
  add(e: Edge): GroupFinding[] {
    if (e.a === e.b || e.amount <= 0) return [];
    const p = this.params;
    const sig = `${Math.min(e.a, e.b)}:${Math.max(e.a, e.b)}:${e.amount}:${Math.floor(e.at / 60_000)}`;
    if (this.seenEdge.has(sig)) return [];
    this.remember(sig);
    const cutoff = e.at - p.windowDays * DAY;
    const la = this.trimmed(e.a, cutoff);
    const lb = this.trimmed(e.b, cutoff);
    const out: GroupFinding[] = [];

    const ladder = this.ladder(e, la, lb, cutoff);
    if (ladder) out.push(ladder);

    la.push(e);
    lb.push(e);
    if (la.length > p.edgesPerAccount) la.shift();
    if (lb.length > p.edgesPerAccount) lb.shift();
    this.index(e, cutoff);

    // Uniform fans around each end.
    for (const [hub, list] of [
      [e.a, la],
      [e.b, lb],
    ] as const) {
      let same = 0;
      for (const x of list) if (Math.abs(x.amount - e.amount) <= e.amount * p.sameAmount) same++;
      if (same < p.fanMin) continue;
      const edges = list.filter((x) => Math.abs(x.amount - e.amount) <= e.amount * p.sameAmount);
      const parties = new Set<number>();
      for (const x of edges) parties.add(x.a === hub ? x.b : x.a);
      if (parties.size < p.fanMin) continue;
      out.push(this.fanFinding(hub, parties, edges));
    }
    return out;
  }

  /** The longest fee ladder through `e` among movements connected to it, when long enough. */
  private ladder(e: Edge, la: readonly Edge[], lb: readonly Edge[], cutoff: number): GroupFinding | null {
    const p = this.params;
    // Fee candidates: the movements next to this one, at one or more rungs above it.
    const ratios: number[] = [];
    for (const list of [la, lb]) {
      // The latest few neighbours, up to 4 rungs away: bounded work per movement on busy accounts.
      for (let i = Math.max(0, list.length - 12); i < list.length; i++) {
        const f = list[i] as Edge;
        if (f.amount === e.amount) continue;
        const r = Math.min(e.amount, f.amount) / Math.max(e.amount, f.amount);
        for (let k = 1; k <= 4; k++) {
          const rho = r ** (1 / k);
          if (rho > 1 - p.minFee) break;
          if (rho >= 1 - p.maxFee) ratios.push(rho);
        }
      }
    }
    if (ratios.length === 0) return null;
    let best: { edges: Edge[]; rho: number } | null = null;
    const tried = new Set<number>();
    const hasRung = (want: number): boolean => {
      const b = Math.round(Math.log(want) / this.logStep);
      for (let k = b - 1; k <= b + 1; k++) {
        const l = this.byAmount.get(k);
        if (l) for (const x of l) if (x !== e && x.at >= cutoff && Math.abs(x.amount - want) <= want * p.rungTolerance) return true;
      }
      return false;
    };
    for (const rho of ratios) {
      const q = Math.round(rho * 2000);
      if (tried.has(q)) continue;
      tried.add(q);
      // No rung right next to e: no ladder runs through it at this fee.
      if (!hasRung(e.amount / rho) && !hasRung(e.amount * rho)) continue;
      // The recent movements on a rung above or below e that are connected to e through rung
      // movements: only those can join its ladder (growLadder keeps a movement only when it touches
      // an account already on it). Walking the graph instead of the amount index keeps the work
      // small where amounts are dense — any amount then has some movement on every rung.
      const byStep = this.rungsConnected(e, rho, cutoff);
      if (byStep.size + 1 < Math.min(p.chainMinHops, p.cycleMinHops)) continue;
      const grown = growLadder(e, byStep);
      // Consecutive rungs through e: a ladder with a missing step is two ladders.
      let lo = 0;
      let hi = 0;
      while (grown.has(hi + 1)) hi++;
      while (grown.has(lo - 1)) lo--;
      if (hi - lo + 1 >= Math.min(p.chainMinHops, p.cycleMinHops)) {
        const kept: Edge[] = [];
        for (let k = lo; k <= hi; k++) kept.push(k === 0 ? e : (grown.get(k) as Edge));
        // A ring (as many movements as accounts) is reported from `cycleMinHops`, an open chain from `chainMinHops`.
        const accounts = new Set(kept.flatMap((x) => [x.a, x.b])).size;
        const enough = kept.length >= (kept.length >= accounts ? p.cycleMinHops : p.chainMinHops);
        if (enough && (!best || kept.length > best.edges.length)) best = { edges: kept, rho };
      }
    }
    if (!best) return null;
    const key = best.edges.map((x) => this.ladderOf.get(x.id)).find((k) => k !== undefined) ?? `network_chain:${Math.min(...best.edges.map((x) => x.id))}`;
    for (const x of best.edges) this.ladderOf.set(x.id, key);
    this.ladderOf.set(e.id, key);
    if (this.ladderOf.size > 100_000) this.ladderOf.delete(this.ladderOf.keys().next().value as number);
    return this.chainFinding(key, best.edges, best.rho);
  }

  /**
   * The recent movements on rungs ±1…±maxRungs of e's ladder at fee ρ reachable from e's accounts
   * through rung movements, by rung; each rung's list in amount-index order (bucket, then arrival),
   * the order growLadder tries them in.
   */
  private rungsConnected(e: Edge, rho: number, cutoff: number): Map<number, Edge[]> {
    const p = this.params;
    const logRho = Math.log(rho);
    const lgE = Math.log(e.amount);
    // ρ^k for k = −maxRungs…maxRungs, once per fee instead of once per movement looked at.
    const pow: number[] = [];
    for (let k = -p.maxRungs; k <= p.maxRungs; k++) pow.push(rho ** k);
    const byStep = new Map<number, Edge[]>();
    const seen = new Set<Edge>([e]);
    const visited = new Set<number>([e.a, e.b]);
    const queue = [e.a, e.b];
    while (queue.length) {
      const acct = queue.pop() as number;
      const list = this.byAccount.get(acct);
      if (!list) continue;
      for (const x of list) {
        if (seen.has(x) || x.at < cutoff || x.journalId === e.journalId) continue;
        const k = Math.round((lgE - this.logOf(x)) / logRho);
        if (k === 0 || Math.abs(k) > p.maxRungs) continue;
        const want = e.amount / (pow[k + p.maxRungs] as number);
        if (Math.abs(x.amount - want) > want * p.rungTolerance) continue;
        seen.add(x);
        const l = byStep.get(k);
        if (l) l.push(x);
        else byStep.set(k, [x]);
        for (const next of [x.a, x.b]) {
          if (visited.has(next)) continue;
          visited.add(next);
          queue.push(next);
        }
      }
    }
    for (const [k, l] of byStep) {
      const b = Math.round(Math.log(e.amount / rho ** k) / this.logStep);
      const slot = (x: Edge): number => Math.round(Math.log(x.amount) / this.logStep) - b;
      l.sort((x, y) => slot(x) - slot(y) || x.id - y.id);
    }
    return byStep;
  }

  /** ln(amount) of a movement, worked out once. */
  private logOf(x: Edge): number {
    return (x.lg ??= Math.log(x.amount));
  }

  private index(e: Edge, cutoff: number): void {
    const b = Math.round(Math.log(e.amount) / this.logStep);
    const l = this.byAmount.get(b);
    if (l) l.push(e);
    else this.byAmount.set(b, [e]);
    // Now and then drop what fell out of the window: the index stays as large as the window.
    if (++this.indexed % 50_000 === 0) {
      for (const [k, v] of this.byAmount) {
        const kept = v.filter((x) => x.at >= cutoff);
        if (kept.length) this.byAmount.set(k, kept);
        else this.byAmount.delete(k);
      }
    }
  }

  private remember(sig: string): void {
    this.seenEdge.add(sig);
    this.seenOrder.push(sig);
    // Mirror legs arrive together: a short memory is enough to count each movement once.
    if (this.seenOrder.length > 200_000) {
      for (const s of this.seenOrder.slice(0, 100_000)) this.seenEdge.delete(s);
      this.seenOrder = this.seenOrder.slice(100_000);
    }
  }

  private trimmed(account: number, cutoff: number): Edge[] {
    let l = this.byAccount.get(account);
    if (!l) {
      this.byAccount.set(account, (l = []));
      return l;
    }
    let i = 0;
    while (i < l.length && (l[i] as Edge).at < cutoff) i++;
    if (i) l.splice(0, i);
    return l;
  }

  private fanFinding(hub: number, parties: Set<number>, edges: Edge[]): GroupFinding {
    const first = edges[0] as Edge;
    const total = edges.reduce((s, x) => s + x.amount, 0);
    const currency = this.currencyOf(hub);
    const days = Math.max(1, Math.round(((edges.at(-1) as Edge).at - first.at) / DAY));
    const members = [...parties].sort((x, y) => x - y);
    const p = this.params;
    return {
      key: `network_fan:${hub}:${first.id}`,
      subject: hub,
      members,
      hit: {
        ruleId: 'network_fan',
        ruleVersion: this.ruleVersion.fan,
        title: 'Uniform fan of payments',
        score: Math.min(100, Math.round(p.fanScore + 15 * Math.min(1, parties.size / p.fanMin - 1))),
        at: (edges.at(-1) as Edge).at,
        summary: `${parties.size} different accounts moved the same amount, about ${describeMoney(first.amount, currency)}, with this account within ${days} days (${describeMoney(total, currency)} in all).`,
        observed: { counterparties: parties.size, amount: first.amount, total, days },
        thresholds: { fanMin: p.fanMin, sameAmount: p.sameAmount, windowDays: p.windowDays },
        baseline: { members: members.join(' ') },
        journalIds: [...new Set(edges.map((x) => x.journalId))].sort((x, y) => x - y),
      },
    };
  }

  private chainFinding(key: string, edges: Edge[], rho: number): GroupFinding {
    const sorted = [...edges].sort((x, y) => y.amount - x.amount);
    const first = sorted[0] as Edge;
    const last = sorted.at(-1) as Edge;
    const members = [...new Set(edges.flatMap((x) => [x.a, x.b]))].sort((x, y) => x - y);
    const cycle = edges.length >= members.length;
    const currency = this.currencyOf(first.a);
    const fee = Math.round((1 - rho) * 1000) / 10;
    const days = Math.max(1, Math.round((Math.max(...edges.map((x) => x.at)) - Math.min(...edges.map((x) => x.at))) / DAY));
    const p = this.params;
    return {
      key,
      subject: first.a,
      members,
      hit: {
        ruleId: 'network_chain',
        ruleVersion: this.ruleVersion.chain,
        title: cycle ? 'Funds cycled through a ring' : 'Layering chain',
        score: Math.min(100, Math.round(p.chainScore + 5 * Math.max(0, edges.length - p.chainMinHops) + (cycle ? 10 : 0))),
        at: Math.max(...edges.map((x) => x.at)),
        summary: `${describeMoney(first.amount, currency)} down to ${describeMoney(last.amount, currency)} passed among ${members.length} accounts in ${edges.length} movements within ${days} days, ${fee}% kept back at each hop${cycle ? ', closing a loop' : ''}.`,
        observed: { hops: edges.length, accounts: members.length, firstAmount: first.amount, lastAmount: last.amount, feePercent: fee, days, cycle: cycle ? 1 : 0 },
        thresholds: { chainMinHops: p.chainMinHops, cycleMinHops: p.cycleMinHops, minFee: p.minFee, maxFee: p.maxFee, rungTolerance: p.rungTolerance },
        baseline: { members: members.join(' ') },
        journalIds: [...new Set(edges.map((x) => x.journalId))].sort((x, y) => x - y),
      },
    };
  }
}

/**
 * Grows a ladder from `e`: one movement per rung, each touching an account already on the ladder,
 * and no account on more than two of its movements — a path or a ring, as money passed hand to hand
 * draws. Random movements that happen to sit on a rung rarely meet both conditions.
 */
function growLadder(e: Edge, byStep: ReadonlyMap<number, readonly Edge[]>): Map<number, Edge> {
  const chosen = new Map<number, Edge>([[0, e]]);
  const degree = new Map<number, number>([
    [e.a, 1],
    [e.b, 1],
  ]);
  const fits = (x: Edge): boolean => {
    const da = degree.get(x.a) ?? 0;
    const db = degree.get(x.b) ?? 0;
    return (da > 0 || db > 0) && da < 2 && db < 2;
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const [k, list] of byStep) {
      if (chosen.has(k)) continue;
      const x = list.find(fits);
      if (!x) continue;
      chosen.set(k, x);
      degree.set(x.a, (degree.get(x.a) ?? 0) + 1);
      degree.set(x.b, (degree.get(x.b) ?? 0) + 1);
      grew = true;
    }
  }
  return chosen;
}
