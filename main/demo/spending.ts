import { berkaCents, floorTo, logNormalCents } from './amounts';
import { BERKA_AMOUNTS_CZK } from './calibration';
import { daysInMonth, month0Of, type MonthIndex } from './calendar';
import { cardAt } from './cards';
import { BILL_PAYEES, externalIban, MERCHANTS, type Merchant } from './counterparties';
import type { Persona } from './persona';
import { Cumulative, type Rng } from './random';
import type { MonthRhythm } from './time-profile';
import { branchOf, plan, vaultOf, type World } from './world';

/**
 * Discretionary spending. Each month a customer has a budget (see activity.ts); it is spent in
 * tickets drawn from Berka's amount distributions (cash withdrawals, remittances) or, for card
 * payments, from the merchant table, until the budget is used up. So counts follow income while
 * ticket sizes keep Berka's shape.
 */

// December gifts, summer holidays: the merchant mix shifts with the season.
const SEASONAL: Record<string, readonly number[]> = {
  travel: [0.6, 0.6, 0.8, 1, 1.2, 2, 4, 4, 1.2, 0.8, 0.6, 0.8],
  electronics: [1.2, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1, 1, 1.6, 3],
  clothing: [1.3, 0.8, 1, 1.1, 1.1, 1, 1.2, 1, 1.1, 1, 1.2, 2],
  'online shop': [1.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1, 1.6, 2.2],
};
const MERCHANT_MIX: Cumulative[] = Array.from({ length: 12 }, (_, m) => new Cumulative(MERCHANTS.map((x) => x.weight * (SEASONAL[x.category]?.[m] ?? 1))));

export interface Budget {
  cash: number;
  card: number;
  bills: number;
  p2p: number;
}

/** How a month's discretionary money is split between cash, card and transfers. */
export function splitBudget(p: Persona, discretionary: number, hasCard: boolean): Budget {
  // Berka: one-off remittances are rare next to cash (0.18 vs 1.23 per account-month).
  const bills = Math.round(discretionary * (hasCard ? 0.05 : 0.07));
  const p2p = p.onlineUser && p.contacts.length > 0 ? Math.round(discretionary * 0.05) : 0;
  const rest = discretionary - bills - p2p;
  const cash = hasCard ? Math.round(rest * p.cashShare) : rest;
  return { cash, card: rest - cash, bills, p2p };
}

export function planSpending(world: World, p: Persona, mi: MonthIndex, rhythm: MonthRhythm, rng: Rng, firstDay: number, b: Budget): void {
  const last = daysInMonth(mi);
  const acct = p.current.id;
  const home = branchOf(world, p);
  const dailyLimit = p.current.product.dailyLimit;

  // Cash: ATMs pay whole tens of euros; big amounts are taken at the counter.
  for (let left = b.cash, n = 0; left >= 2_000 && n < 14; n++) {
    const amount = Math.max(2_000, floorTo(Math.min(left, berkaCents(rng, BERKA_AMOUNTS_CZK.cashWithdrawal)), 1_000));
    left -= amount;
    const atm = rng.chance(p.atmShare) && amount <= dailyLimit;
    const day = rhythm.day(rng, atm ? 'atm' : 'branch', 'cashWithdrawal', firstDay, last);
    if (day === null) continue;
    const where = rng.chance(0.9) ? home : rng.pick(world.branches);
    plan(world, {
      at: rhythm.instant(rng, atm ? 'atm' : 'branch', day),
      type: 'withdrawal',
      channel: atm ? 'atm' : 'branch',
      currency: 'EUR',
      description: atm ? `ATM withdrawal – ${where.district.town}, ${where.street}` : `Cash withdrawal – branch ${where.district.town}`,
      counterpartyName: null,
      counterpartyAccount: null,
      externalRef: null,
      from: acct,
      to: vaultOf(world, where.id),
      amount,
      policy: 'shrink',
      step: 1_000,
      min: 2_000,
      atm,
    });
  }

  const mix = MERCHANT_MIX[month0Of(mi)] as Cumulative;
  for (let left = b.card, n = 0; left >= 100 && n < 70; n++) {
    const m: Merchant = MERCHANTS[mix.index(rng.next())] ?? (MERCHANTS[0] as Merchant);
    let amount = logNormalCents(rng, m.medianEur * p.scale, m.sigma, 50);
    if (amount > left) {
      if (left < 500) break;
      amount = left;
    }
    left -= amount;
    const rhythmName = m.online ? 'cardOnline' : 'card';
    const day = rhythm.day(rng, rhythmName, 'flat', firstDay, last);
    if (day === null) continue;
    const at = rhythm.instant(rng, rhythmName, day);
    const card = cardAt(p, at);
    if (!card) continue;
    const town = rng.chance(0.85) ? home.district.town : rng.pick(world.branches).district.town;
    plan(world, {
      at,
      type: 'card',
      channel: 'card',
      currency: 'EUR',
      description: `Card payment *${card.last4} – ${m.name}${m.online ? '' : `, ${town}`}`,
      counterpartyName: m.name,
      counterpartyAccount: null,
      externalRef: `AUTH${String(rng.int(0, 999_999)).padStart(6, '0')}`,
      from: acct,
      to: world.internal.cardSettlement,
      amount,
      policy: 'skip',
    });
  }

  // One-off bills, mostly to payees the customer has paid before.
  for (let left = b.bills, n = 0; left >= 500 && n < 6; n++) {
    let amount = berkaCents(rng, BERKA_AMOUNTS_CZK.remittance, p.scale);
    if (amount > left) amount = left;
    left -= amount;
    const payee = rng.chance(0.9) ? rng.pick(p.billPayees) : rng.pick(BILL_PAYEES);
    const online = p.onlineUser;
    const day = rhythm.day(rng, online ? 'online' : 'branch', 'flat', firstDay, last);
    if (day === null) continue;
    plan(world, {
      at: rhythm.instant(rng, online ? 'online' : 'branch', day),
      type: 'payment',
      channel: online ? 'online' : 'branch',
      currency: 'EUR',
      description: `Payment – ${payee}`,
      counterpartyName: payee,
      counterpartyAccount: externalIban(payee),
      externalRef: null,
      from: acct,
      to: world.internal.clearing.EUR,
      amount,
      policy: 'skip',
    });
  }

  // Transfers to people the customer knows who also bank here.
  for (let left = b.p2p, n = 0; left >= 500 && n < 3; n++) {
    const contact = world.people[(rng.pick(p.contacts) ?? 1) - 1];
    let amount = floorTo(berkaCents(rng, BERKA_AMOUNTS_CZK.remittance, p.scale * 0.6), 100);
    if (amount > left) amount = floorTo(left, 100);
    left -= amount;
    const day = rhythm.day(rng, 'online', 'flat', firstDay, last);
    if (!contact || day === null || amount < 100) continue;
    const at = rhythm.instant(rng, 'online', day);
    if (contact.current.openedAt >= at) continue;
    plan(world, {
      at,
      type: 'transfer',
      channel: 'online',
      currency: 'EUR',
      description: `Transfer to ${contact.givenName} ${contact.surname}`,
      counterpartyName: `${contact.givenName} ${contact.surname}`,
      counterpartyAccount: contact.current.accountNo,
      externalRef: null,
      from: acct,
      to: contact.current.id,
      amount,
      policy: 'skip',
    });
  }
}
