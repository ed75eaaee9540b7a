import { historyDays, type Seen } from './profile';
import {
  DAY,
  HOUR,
  MINUTE,
  hit,
  money,
  paidOut,
  peerBalance,
  peerOut,
  round2,
  since,
  strength,
  type RuleCatalog,
  type RuleDef,
  type RuleId,
  type RuleParams,
  type RuleParamsMap,
} from './rule-def';
import { fanRule, muleInflows, networkRule } from './rules-network';

const amountSpike: RuleDef<'amount_spike'> = {
  id: 'amount_spike',
  version: 2,
  title: 'Amount far above the customer’s normal',
  description:
    'A payment out (not one a recent loan pays for) that is many standard deviations above what this account usually pays (compared on a log scale, so one large bill among small ones counts).',
  history:
    'Needs 10 payments out on the account. Until then it compares with the account’s peer group: only a payment above 99.9 % of the peers’ payments counts, as weaker evidence.',
  defaults: { score: 35, minAmount: 0, minHistory: 10, zScore: 3.5, minSd: 0.5, peerRank: 0.999, peerScore: 25 },
  windowMs: () => 0,
  evaluate(input, p) {
    const { txn, seen, prof, currency } = input;
    if (!paidOut(seen) || -seen.amount < p.minAmount || prof.loanCovers(seen.at, -seen.amount)) return null;
    const peers = peerOut(input);
    if (prof.outN < p.minHistory) {
      // Cold start: the peer group's distribution stands in for the account's own.
      if (!peers) return null;
      const rank = peers.rank(-seen.amount);
      if (rank < p.peerRank) return null;
      return hit(
        this,
        p.peerScore,
        txn,
        `Paid out ${money(-seen.amount, currency)}, more than ${round2(rank * 100)}% of payments by similar accounts (this account has too little history of its own).`,
        {
          observed: { amount: -seen.amount, peerRank: round2(rank) },
          thresholds: { peerRank: p.peerRank, minHistory: p.minHistory },
          baseline: { peerMedian: peers.quantile(0.5), peerP99: peers.quantile(0.99), payments: prof.outN },
          journalIds: [seen.journalId],
        },
      );
    }
    const sd = Math.max(p.minSd, prof.outSd);
    const z = (Math.log(-seen.amount) - prof.outMean) / sd;
    if (z < p.zScore) return null;
    const typical = Math.round(Math.exp(prof.outMean));
    return hit(
      this,
      strength(p.score, z / p.zScore),
      txn,
      `Paid out ${money(-seen.amount, currency)}, ${round2(z)} standard deviations above this account’s typical ${money(typical, currency)}.`,
      {
        observed: { amount: -seen.amount, zScore: round2(z) },
        thresholds: { zScore: p.zScore, minAmount: p.minAmount },
        baseline: { typicalAmount: typical, logSd: round2(prof.outSd), payments: prof.outN },
        journalIds: [seen.journalId],
      },
    );
  },
};

const velocity: RuleDef<'velocity'> = {
  id: 'velocity',
  version: 1,
  title: 'Burst of payments',
  description: 'Many payments out of one account within a short window, such as a stolen card being tested with tiny purchases.',
  history: 'None: it counts the burst itself. It does not run on data whose timestamps carry dates only.',
  defaults: { score: 60, windowMinutes: 60, maxCount: 8 },
  windowMs: (p) => p.windowMinutes * MINUTE,
  evaluate({ txn, seen, prof, currency, coarseTime }, p) {
    if (!paidOut(seen) || coarseTime) return null;
    const from = prof.firstSince(seen.at - p.windowMinutes * MINUTE);
    if (prof.recent.length - from < p.maxCount) return null;
    const w = prof.recent.slice(from).filter(paidOut);
    if (w.length < p.maxCount) return null;
    const total = w.reduce((s, x) => s - x.amount, 0);
    return hit(this, strength(p.score, w.length / p.maxCount), txn, `${w.length} payments totalling ${money(total, currency)} within ${p.windowMinutes} minutes.`, {
      observed: { count: w.length, total },
      thresholds: { maxCount: p.maxCount, windowMinutes: p.windowMinutes },
      baseline: null,
      journalIds: w.map((x) => x.journalId),
    });
  },
};

const newPayeeLarge: RuleDef<'new_payee_large'> = {
  id: 'new_payee_large',
  version: 2,
  title: 'Large transfer to a new payee',
  description:
    'A transfer to someone this account had never dealt with until the last two days, large as a share of the balance and against what similar accounts pay, and not paid for by a recent loan.',
  history:
    'Needs an established set of payees: 30 days of history and 3 payees paid. Until then every payee is new and the rule says nothing; "Whole balance moved out" covers a takeover of a young account.',
  defaults: { score: 45, minAmount: 0, minShareOfBalance: 0.5, newForHours: 48, minPayees: 3, minHistoryDays: 30, minPeerRank: 0.9 },
  windowMs: () => 0,
  evaluate(input, p) {
    const { txn, seen, prof, currency } = input;
    if (
      !paidOut(seen) ||
      !seen.transfer ||
      seen.cp === null ||
      seen.at - seen.cpSince > p.newForHours * HOUR ||
      -seen.amount < p.minAmount ||
      prof.loanCovers(seen.at, -seen.amount)
    )
      return null;
    if (prof.payees < p.minPayees || historyDays(prof, seen.at) < p.minHistoryDays) return null;
    const peers = peerOut(input);
    const rank = peers ? peers.rank(-seen.amount) : 1;
    if (rank < p.minPeerRank) return null;
    const before = seen.balanceAfter - seen.amount;
    const share = before > 0 ? -seen.amount / before : 1;
    if (share < p.minShareOfBalance) return null;
    return hit(
      this,
      strength(p.score, share / p.minShareOfBalance),
      txn,
      `${money(-seen.amount, currency)} (${Math.round(share * 100)}% of the balance) to a payee first paid ${seen.newCp ? 'now' : `${round2((seen.at - seen.cpSince) / HOUR)} h ago`}: ${txn.counterpartyName ?? txn.counterpartyAccount ?? '?'}.`,
      {
        observed: {
          amount: -seen.amount,
          shareOfBalance: round2(share),
          payee: txn.counterpartyAccount ?? txn.counterpartyName ?? '',
          payeeKnownHours: round2((seen.at - seen.cpSince) / HOUR),
          peerRank: round2(rank),
        },
        thresholds: { minAmount: p.minAmount, minShareOfBalance: p.minShareOfBalance, newForHours: p.newForHours, minPeerRank: p.minPeerRank },
        baseline: { balanceBefore: before, payeesKnown: prof.payees },
        journalIds: [seen.journalId],
      },
    );
  },
};

const accountDrain: RuleDef<'account_drain'> = {
  id: 'account_drain',
  version: 2,
  title: 'Account drained',
  description:
    'Most of the account’s balance paid out to others within a few hours (spending a fresh loan on its purchase does not count); the balance must be sizeable for the account’s peers.',
  history: 'Needs 7 days of history on the account. Until then "Whole balance moved out" judges a young account by its balance and its peers.',
  defaults: { score: 35, windowHours: 24, minPeak: 0, drainedShare: 0.8, minHistoryDays: 7, minPeerBalanceRank: 0.5 },
  windowMs: (p) => p.windowHours * HOUR,
  evaluate(input, p) {
    const { txn, seen, prof, currency } = input;
    if (!paidOut(seen) || historyDays(prof, seen.at) < p.minHistoryDays) return null;
    const r = prof.recent;
    const from = prof.firstSince(seen.at - p.windowHours * HOUR);
    let peak = 0;
    for (let i = from; i < r.length; i++) {
      const x = r[i] as Seen;
      peak = Math.max(peak, x.balanceAfter - x.amount, x.balanceAfter);
    }
    if (peak <= 0 || peak < p.minPeak || seen.balanceAfter > peak * (1 - p.drainedShare)) return null;
    const balances = peerBalance(input);
    if (balances && balances.rank(peak) < p.minPeerBalanceRank) return null;
    const outs = r.slice(from).filter(paidOut);
    const out = outs.reduce((s, x) => s - x.amount, 0);
    if (out < peak * p.drainedShare || prof.loanCovers(seen.at, out)) return null;
    // An overdraft takes the balance past zero: the account is drained, not more than drained.
    const share = Math.min(1, (peak - seen.balanceAfter) / peak);
    return hit(
      this,
      strength(p.score, share / p.drainedShare),
      txn,
      `${money(out, currency)} paid out within ${p.windowHours} h, leaving ${money(seen.balanceAfter, currency)} of ${money(peak, currency)}.`,
      {
        observed: { paidOut: out, balanceLeft: seen.balanceAfter, drainedShare: round2(share) },
        thresholds: { drainedShare: p.drainedShare, windowHours: p.windowHours, minPeak: p.minPeak, minPeerBalanceRank: p.minPeerBalanceRank },
        baseline: { peakBalance: peak, peerMedianBalance: balances ? balances.quantile(0.5) : 0 },
        journalIds: outs.map((x) => x.journalId),
      },
    );
  },
};

/**
 * Account takeover: (nearly) the whole balance leaves in one payment to a payee the account never
 * paid, or as cash. Judged on the balance itself, so it works from the first day; an account that
 * has emptied itself before is exempt (its habit). When the payee is an account of the bank, its
 * cash-out is added to the same episode by the Detector (see `takeover` there).
 */
const takeoverDrain: RuleDef<'takeover_drain'> = {
  id: 'takeover_drain',
  version: 1,
  title: 'Whole balance moved out',
  description:
    'Nearly the whole balance leaves in one payment to a payee never paid before, or in cash, from a balance that is sizeable for the account’s peers; the receiving account’s cash-out joins the same alert.',
  history: 'None: it compares the payment with the balance and the peer group’s balances; an account that has emptied itself before is not flagged for doing it again.',
  defaults: { score: 60, minShareOfBalance: 0.99, minPeerBalanceRank: 0.01, cashOutHours: 48, cashOutShare: 0.5 },
  windowMs: () => 0,
  evaluate(input, p) {
    const { txn, seen, prof, currency } = input;
    if (!seen.act || seen.amount >= 0 || seen.internal || prof.drainedBefore) return null;
    if (!(seen.cash || (seen.transfer && seen.newCp))) return null;
    const before = seen.balanceAfter - seen.amount;
    if (before <= 0 || seen.balanceAfter < 0 || -seen.amount < before * p.minShareOfBalance) return null;
    const balances = peerBalance(input);
    const rank = balances ? balances.rank(before) : 1;
    if (rank < p.minPeerBalanceRank) return null;
    const share = -seen.amount / before;
    const to = seen.cash ? 'in cash' : `to a payee never paid before: ${txn.counterpartyName ?? txn.counterpartyAccount ?? '?'}`;
    return hit(this, p.score, txn, `${money(-seen.amount, currency)}, ${Math.round(share * 1000) / 10}% of the balance, moved out ${to}.`, {
      observed: { amount: -seen.amount, shareOfBalance: round2(share), balanceLeft: seen.balanceAfter, peerBalanceRank: round2(rank) },
      thresholds: { minShareOfBalance: p.minShareOfBalance, minPeerBalanceRank: p.minPeerBalanceRank },
      baseline: { balanceBefore: before, peerMedianBalance: balances ? balances.quantile(0.5) : 0 },
      journalIds: [seen.journalId],
    });
  },
};

/** Credits from someone new to the account: not salary, pensions, own transfers or the bank's postings. */
const receivedFromNew = (s: Seen): boolean => s.amount > 0 && s.newCp && s.transfer;

const passThrough: RuleDef<'pass_through'> = {
  id: 'pass_through',
  version: 1,
  title: 'Rapid pass-through',
  description: 'Money received from new senders leaves again, mostly, within hours (to others or as cash): the account is used as a conduit (money mule).',
  history: 'None: a conduit is often a fresh account; it counts credits from senders new to the account within its window.',
  defaults: { score: 55, windowHours: 24, minIn: 100_000, outShare: 0.8 },
  windowMs: (p) => p.windowHours * HOUR,
  evaluate({ txn, seen, prof, currency }, p) {
    if (!paidOut(seen)) return null;
    const r = prof.recent;
    let first = -1;
    for (let i = prof.firstSince(seen.at - p.windowHours * HOUR); i < r.length; i++) {
      if (receivedFromNew(r[i] as Seen)) {
        first = i;
        break;
      }
    }
    if (first < 0) return null;
    const after = r.slice(first);
    const ins = after.filter(receivedFromNew);
    const outs = after.filter(paidOut);
    const inSum = ins.reduce((s, x) => s + x.amount, 0);
    const outSum = outs.reduce((s, x) => s - x.amount, 0);
    if (inSum < p.minIn || outSum < inSum * p.outShare) return null;
    const firstIn = ins[0] as Seen;
    const balanceBefore = firstIn.balanceAfter - firstIn.amount;
    const hours = round2((seen.at - firstIn.at) / HOUR);
    return hit(this, strength(p.score, outSum / inSum / p.outShare), txn, `${money(inSum, currency)} received and ${money(outSum, currency)} paid out again within ${hours} h.`, {
      observed: { received: inSum, paidOut: outSum, hours },
      thresholds: { outShare: p.outShare, minIn: p.minIn, windowHours: p.windowHours },
      baseline: { balanceBefore },
      journalIds: [...ins, ...outs].map((x) => x.journalId).sort((a, b) => a - b),
    });
  },
};

const structuring: RuleDef<'structuring'> = {
  id: 'structuring',
  version: 1,
  title: 'Structuring',
  description: 'Several cash deposits just under the cash-reporting threshold within days, as if to avoid the report.',
  history: 'None: the reporting threshold is the jurisdiction’s own figure in the account’s currency units, not a behaviour to learn.',
  defaults: { score: 70, threshold: 1_000_000, margin: 0.1, windowDays: 10, minCount: 2 },
  windowMs: () => 0,
  evaluate({ txn, seen, prof, currency }, p) {
    if (!seen.cash || seen.amount <= 0) return null;
    if (seen.amount >= p.threshold || seen.amount < p.threshold * (1 - p.margin)) return null;
    // The profile learns this deposit after the rules ran: count it here.
    const w = [...since(prof.nearThreshold, seen.at - p.windowDays * DAY), seen];
    if (w.length < p.minCount) return null;
    const total = w.reduce((s, x) => s + x.amount, 0);
    return hit(
      this,
      strength(p.score, w.length / p.minCount),
      txn,
      `${w.length} cash deposits between ${money(p.threshold * (1 - p.margin), currency)} and ${money(p.threshold, currency)} within ${p.windowDays} days (${money(total, currency)} in all).`,
      {
        observed: { deposits: w.length, total },
        thresholds: { threshold: p.threshold, lowerBound: Math.round(p.threshold * (1 - p.margin)), minCount: p.minCount, windowDays: p.windowDays },
        baseline: null,
        journalIds: w.map((x) => x.journalId),
      },
    );
  },
};

const dormant: RuleDef<'dormant_reactivation'> = {
  id: 'dormant_reactivation',
  version: 1,
  title: 'Dormant account suddenly active',
  description: 'A customer who has done nothing for months suddenly moves money.',
  history: 'Needs the customer’s last activity: before the first one the engine saw, the account’s opening or the start of the history read stands in.',
  defaults: { score: 55, dormantDays: 90, minAmount: 50_000 },
  windowMs: () => 0,
  evaluate({ txn, seen, customerLastActive, currency }, p) {
    if (!seen.act || seen.amount > -p.minAmount) return null;
    const idle = seen.at - customerLastActive;
    if (idle < p.dormantDays * DAY) return null;
    const days = Math.floor(idle / DAY);
    return hit(this, strength(p.score, idle / (p.dormantDays * DAY)), txn, `${money(-seen.amount, currency)} paid out after ${days} days without any activity by the customer.`, {
      observed: { idleDays: days, amount: -seen.amount },
      thresholds: { dormantDays: p.dormantDays, minAmount: p.minAmount },
      baseline: { lastActive: new Date(customerLastActive).toISOString() },
      journalIds: [seen.journalId],
    });
  },
};

const unusualHour: RuleDef<'unusual_hour'> = {
  id: 'unusual_hour',
  version: 1,
  title: 'Unusual hour',
  description: 'A payment at an hour this customer almost never acts at.',
  history: 'Needs 30 transactions to know the customer’s hours; says nothing until then, nor on data whose timestamps carry dates only.',
  defaults: { score: 20, minHistory: 30, maxShare: 0.02, minAmount: 10_000 },
  windowMs: () => 0,
  evaluate({ txn, seen, prof, currency, coarseTime }, p) {
    if (!paidOut(seen) || seen.card || coarseTime || -seen.amount < p.minAmount || prof.hourN < p.minHistory) return null;
    const share = prof.hourShare(seen.at);
    if (share > p.maxShare) return null;
    const hour = new Date(seen.at).getUTCHours();
    return hit(
      this,
      p.score,
      txn,
      `${money(-seen.amount, currency)} paid at ${String(hour).padStart(2, '0')}:00 UTC, an hour with ${Math.round(share * 1000) / 10}% of this customer’s activity.`,
      {
        observed: { hourUtc: hour, shareOfActivity: round2(share) },
        thresholds: { maxShare: p.maxShare, minAmount: p.minAmount },
        baseline: { transactions: prof.hourN },
        journalIds: [seen.journalId],
      },
    );
  },
};

export const RULES: RuleCatalog = {
  amount_spike: amountSpike,
  velocity,
  new_payee_large: newPayeeLarge,
  account_drain: accountDrain,
  takeover_drain: takeoverDrain,
  pass_through: passThrough,
  structuring,
  dormant_reactivation: dormant,
  mule_inflows: muleInflows,
  unusual_hour: unusualHour,
  fan_in: fanRule('fan_in') as RuleDef<'fan_in'>,
  fan_out: fanRule('fan_out') as RuleDef<'fan_out'>,
  network_fan: networkRule(
    'network_fan',
    'Uniform fan of payments',
    'One account exchanges the same amount with many different accounts of the bank within weeks: structured payments collected from or spread to a ring (fan-in, fan-out, scatter-gather, bipartite). One alert per group, listing every member account.',
    'None: it looks at the graph of movements between the bank’s accounts over the window.',
    { score: 70, fanMin: 5, sameAmount: 0.005, windowDays: 30 },
  ),
  network_chain: networkRule(
    'network_chain',
    'Layering chain or cycle',
    'Money passed on through several connected accounts, each hop keeping back the same small fee (amounts A, Aρ, Aρ², …), within weeks; reported as a cycle when it returns to an account it passed. One alert per group, listing every member account.',
    'None: it looks at the graph of movements between the bank’s accounts over the window.',
    { score: 75, chainMinHops: 5, cycleMinHops: 3, minFee: 0.005, maxFee: 0.2, rungTolerance: 0.0005, windowDays: 30 },
  ),
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Parameter overrides for some rules; `enabled: false` switches a rule off (backtests, what-ifs). */
/** `version`: the saved version these parameters are, recorded on every hit so an alert says which rule version raised it. */
export type RuleOverrides = { [K in RuleId]?: Partial<RuleParamsMap[K]> & { enabled?: boolean; version?: number } };

export function defaultParams(): RuleParams {
  const out = {} as Record<RuleId, unknown>;
  for (const id of RULE_IDS) out[id] = { ...RULES[id].defaults };
  return out as RuleParams;
}
