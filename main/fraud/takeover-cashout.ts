import type { FraudRuleHit } from '../../shared/fraud-explanation';
import { describeMoney } from '../../shared/money';
import type { Counterparty } from './counterparties';
import type { AccountProfile, Episode, Seen } from './profile';
import type { RuleParamsMap } from './rule-def';
import type { AccountDirectory, Txn } from './types';

/*
 * The receiving side of an account takeover: a drained account's money that leaves the receiving
 * account of the bank again soon after. The detector notes each takeover drain here and asks, for every
 * payment out, whether it completes one — so both accounts end up as one alert. Its own state (the
 * pending links) is why it sits apart from detector.ts.
 */

const HOUR = 3_600_000;

/** A takeover drain waiting for the receiving account's cash-out. */
interface DrainLink {
  source: AccountProfile;
  sourceAccountNo: string;
  episode: Episode;
  at: number;
  amount: number;
  journalId: number;
  outs: number[];
  paid: number;
  drain: FraudRuleHit;
}

/** A completed cash-out: the hit to add to the sending account's episode. */
export interface CashOut {
  source: AccountProfile;
  episode: Episode;
  hit: FraudRuleHit;
}

export class TakeoverCashOuts {
  /** Accounts that just received a whole balance: their cash-out joins the sender's episode. */
  private readonly drained = new Map<number, DrainLink>();

  constructor(private readonly directory: AccountDirectory) {}

  /** A takeover drain to an account of the bank: watch that account's next payments out. */
  note(txn: Txn, prof: AccountProfile, drain: FraudRuleHit, cp: Counterparty | null): void {
    const payee = cp?.account;
    const ep = prof.episode;
    if (!payee || !ep || payee.id === txn.accountId) return;
    this.drained.set(payee.id, {
      source: prof,
      sourceAccountNo: this.directory.get(txn.accountId)?.accountNo ?? '',
      episode: ep,
      at: txn.at,
      amount: -txn.amount,
      journalId: txn.journalId,
      outs: [],
      paid: 0,
      drain,
    });
    if (this.drained.size > 10_000) this.drained.delete(this.drained.keys().next().value as number);
  }

  /**
   * A payment out of a watched account: once the money the drained account sent here has left again
   * (cash or onwards) within the rule's window, the hit that joins the sender's episode.
   */
  cashOut(txn: Txn, s: Seen, p: RuleParamsMap['takeover_drain']): CashOut | null {
    const link = this.drained.get(txn.accountId);
    if (!link) return null;
    if (s.at - link.at > p.cashOutHours * HOUR) {
      this.drained.delete(txn.accountId);
      return null;
    }
    link.outs.push(txn.journalId);
    link.paid += -s.amount;
    if (link.paid < link.amount * p.cashOutShare) return null;
    this.drained.delete(txn.accountId);
    const receiver = this.directory.get(txn.accountId);
    const currency = receiver?.currency ?? 'XXX';
    const hours = Math.round(((s.at - link.at) / HOUR) * 10) / 10;
    const hit: FraudRuleHit = {
      ruleId: 'takeover_drain',
      ruleVersion: link.drain.ruleVersion,
      title: 'Whole balance moved out, then cashed out',
      score: Math.min(100, link.drain.score + 20),
      at: s.at,
      summary: `The receiving account ${receiver?.accountNo ?? txn.accountId} passed on ${describeMoney(link.paid, currency)} of the ${describeMoney(link.amount, currency)} it received from ${link.sourceAccountNo} within ${hours} h.`,
      observed: { received: link.amount, passedOn: link.paid, hours },
      thresholds: { cashOutShare: p.cashOutShare, cashOutHours: p.cashOutHours },
      baseline: { members: `${link.source.accountId} ${txn.accountId}` },
      journalIds: [link.journalId, ...link.outs],
    };
    return { source: link.source, episode: link.episode, hit };
  }
}
