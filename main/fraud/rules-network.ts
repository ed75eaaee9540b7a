import { historyDays, type Seen } from './profile';
import { DAY, HOUR, hit, money, paidOut, since, strength, type RuleDef, type RuleParamsMap } from './rule-def';

/**
 * The rules of money passed through an account: mule inflows passed on, fan-in and fan-out of new
 * counterparties, and the network typologies the Detector's transaction graph evaluates.
 */
/** Withdrawals and transfers: how a mule passes money on (card purchases are spending, not passing on). */
const passesOn = (s: Seen): boolean => paidOut(s) && (s.transfer || s.cash);

/** Whether `out` passes on a good part of the credit `c`, soon after it. */
export function passesOnCredit(c: Seen, out: Seen, p: Pick<RuleParamsMap['mule_inflows'], 'followHours' | 'followShare'>): boolean {
  return passesOn(out) && out.at >= c.at && out.at - c.at <= p.followHours * HOUR && -out.amount >= c.amount * p.followShare;
}

export const muleInflows: RuleDef<'mule_inflows'> = {
  id: 'mule_inflows',
  version: 1,
  title: 'Credits from strangers passed on',
  description:
    'Several sizeable payments in from different people the account never dealt with, within two weeks, each soon followed by cash withdrawn or money sent on: a money mule collecting victims’ money.',
  history: 'None: it counts sizeable credits from senders new to the account and what follows them.',
  defaults: { score: 55, windowDays: 14, minAmount: 100_000, minSenders: 3, followHours: 12, followShare: 0.1 },
  windowMs: () => 0,
  evaluate({ txn, seen, prof, currency }, p) {
    if (!passesOn(seen)) return null;
    const w = since(prof.largeNewIn, seen.at - p.windowDays * DAY).filter((c) => c.followed || passesOnCredit(c, seen, p));
    const senders = new Set(w.map((x) => x.cp)).size;
    if (senders < p.minSenders) return null;
    const total = w.reduce((s, x) => s + x.amount, 0);
    return hit(
      this,
      strength(p.score, senders / p.minSenders),
      txn,
      `${senders} payments of at least ${money(p.minAmount, currency)} from new senders within ${p.windowDays} days (${money(total, currency)} in all), each passed on within ${p.followHours} h.`,
      {
        observed: { senders, total },
        thresholds: { minSenders: p.minSenders, minAmount: p.minAmount, windowDays: p.windowDays, followHours: p.followHours, followShare: p.followShare },
        baseline: null,
        journalIds: [...w.map((x) => x.journalId), seen.journalId],
      },
    );
  },
};

export function fanRule(id: 'fan_in' | 'fan_out'): RuleDef<typeof id> {
  const incoming = id === 'fan_in';
  const counts = (s: Seen): boolean => s.transfer && s.newCp && (incoming ? s.amount > 0 : paidOut(s));
  return {
    id,
    version: 2,
    title: incoming ? 'Fan-in' : 'Fan-out',
    description: incoming
      ? 'Money arrives from many different new senders within a short window (collection account).'
      : 'Money goes to many different new payees within a short window (distribution account).',
    history:
      'Needs 30 days of history: before, every counterparty is new and counting them says nothing. Until then "Uniform fan of payments" watches the account on the transaction graph.',
    defaults: { score: 65, windowHours: 72, minCounterparties: 8, minHistoryDays: 30 },
    windowMs: (p) => p.windowHours * HOUR,
    evaluate({ txn, seen, prof, currency }, p) {
      if (!counts(seen) || historyDays(prof, seen.at) < p.minHistoryDays) return null;
      const from = prof.firstSince(seen.at - p.windowHours * HOUR);
      if (prof.recent.length - from < p.minCounterparties) return null;
      const w = prof.recent.slice(from).filter(counts);
      const parties = new Set(w.map((x) => x.cp)).size;
      if (parties < p.minCounterparties) return null;
      const total = w.reduce((s, x) => s + Math.abs(x.amount), 0);
      return hit(
        this,
        strength(p.score, parties / p.minCounterparties),
        txn,
        `${parties} new ${incoming ? 'senders' : 'payees'} within ${p.windowHours} h (${money(total, currency)} in all).`,
        {
          observed: { counterparties: parties, total },
          thresholds: { minCounterparties: p.minCounterparties, windowHours: p.windowHours },
          baseline: null,
          journalIds: w.map((x) => x.journalId),
        },
      );
    },
  } as RuleDef<typeof id>;
}

/**
 * Network typologies run on the Detector's transaction graph (network.ts), not on one account's
 * window: their definitions here carry the parameters, texts and versions the catalogue, saved
 * versions and backtests use. `evaluate` on a single transaction never fires for them.
 */
export function networkRule<K extends 'network_fan' | 'network_chain'>(id: K, title: string, description: string, history: string, defaults: RuleParamsMap[K]): RuleDef<K> {
  return { id, version: 1, title, description, history, defaults, windowMs: () => 0, evaluate: () => null };
}
