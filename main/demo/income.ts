import { berkaCents, mulDiv, roundTo } from './amounts';
import { BERKA_AMOUNTS_CZK, CASH_DEPOSITS_PER_MONTH } from './calibration';
import { businessDayOnOrBefore, daysInMonth, month0Of, localToUtc, yearOf, type MonthIndex } from './calendar';
import { BENEFIT_PAYER, externalIban } from './counterparties';
import { randomPerson } from './names';
import type { Persona } from './persona';
import type { Rng } from './random';
import type { MonthRhythm } from './time-profile';
import { branchOf, plan, vaultOf, type World } from './world';

/** "11/2025" for descriptions. */
export const period = (mi: MonthIndex): string => `${month0Of(mi) + 1}/${yearOf(mi)}`;

/** Wages grow about 3% a year: earlier months of the window pay a little less (integer per-mille math). */
export function incomeIn(p: Persona, mi: MonthIndex, endMi: MonthIndex): number {
  const years = Math.floor((endMi - mi) / 12);
  return mulDiv(p.monthly, 1000 - 30 * years, 1000);
}

/**
 * Money coming in: salary or pension by transfer on the customer's fixed day (Berka: one day per
 * account, days 5–14; moved to the previous business day), or cash paid in at the branch for
 * the self-employed (Berka's VKLAD counts and day-of-month shape), plus benefits and odd credits.
 */
export function planIncome(world: World, p: Persona, mi: MonthIndex, rhythm: MonthRhythm, rng: Rng, firstDay: number): void {
  const last = daysInMonth(mi);
  const acct = p.current.id;
  const clearing = world.internal.clearing.EUR;
  const amount = incomeIn(p, mi, world.window.endMi);
  const wire = (at: number, value: number, type: 'salary' | 'transfer', description: string, name: string, iban: string): void =>
    plan(world, {
      at,
      type,
      channel: 'wire',
      currency: 'EUR',
      description,
      counterpartyName: name,
      counterpartyAccount: iban,
      externalRef: null,
      from: clearing,
      to: acct,
      amount: value,
      policy: 'skip',
    });

  if (p.income === 'salary' || p.income === 'pension') {
    const day = businessDayOnOrBefore(mi, p.payDay);
    if (day >= firstDay) {
      const at = localToUtc(mi, day, 5, rng.int(0, 59), rng.int(0, 59), rng.int(0, 999));
      const what = p.income === 'salary' ? `Salary ${period(mi)}` : `Old-age pension ${period(mi)}`;
      wire(at, amount, 'salary', what, p.payer, p.payerIban);
      if (p.bonus && month0Of(mi) === 11) wire(at + 1000, roundTo(mulDiv(amount, rng.int(300, 1000), 1000), 100), 'salary', `Christmas bonus ${yearOf(mi)}`, p.payer, p.payerIban);
    }
  } else if (p.income === 'allowance') {
    const day = Math.max(firstDay, rng.int(1, 5));
    if (day <= last) wire(localToUtc(mi, day, rng.int(7, 21), rng.int(0, 59)), amount, 'transfer', 'Pocket money', p.payer, p.payerIban);
  } else if (p.income === 'cash') {
    const k = rng.weighted(CASH_DEPOSITS_PER_MONTH);
    const weights = Array.from({ length: k }, () => rng.logNormal(1, 0.35));
    const total = weights.reduce((a, b) => a + b, 0);
    const branch = branchOf(world, p);
    for (const wgt of weights) {
      const day = rhythm.day(rng, 'branch', 'cashDeposit', firstDay, last);
      if (day === null) break;
      const atm = rng.chance(0.15);
      const value = Math.max(2_000, roundTo(Math.round((amount * wgt) / total), atm ? 1_000 : 100));
      plan(world, {
        at: rhythm.instant(rng, atm ? 'atm' : 'branch', day),
        type: 'deposit',
        channel: atm ? 'atm' : 'branch',
        currency: 'EUR',
        description: atm ? `Cash deposit – ATM ${branch.district.town}, ${branch.street}` : `Cash deposit – branch ${branch.district.town}`,
        counterpartyName: null,
        counterpartyAccount: null,
        externalRef: null,
        from: vaultOf(world, branch.id),
        to: acct,
        amount: value,
        policy: 'skip',
      });
    }
  }

  if (p.benefit > 0) {
    const day = Math.max(firstDay, rng.int(8, 14));
    if (day <= last)
      wire(localToUtc(mi, businessDayOnOrBefore(mi, day), 6, rng.int(0, 59)), p.benefit, 'transfer', `Child benefit ${period(mi)}`, BENEFIT_PAYER, externalIban(BENEFIT_PAYER));
  }
  // Odd credits: refunds, family, selling something (Berka collections from another bank).
  if (rng.chance(0.08)) {
    const day = rhythm.day(rng, 'online', 'flat', firstDay, last);
    if (day !== null) {
      const name = randomPerson(rng);
      wire(
        rhythm.instant(rng, 'online', day),
        berkaCents(rng, BERKA_AMOUNTS_CZK.remittance, p.scale),
        'transfer',
        rng.pick(['Refund', 'Transfer', 'Gift', 'Repayment of loan between friends', 'Sale of used item']),
        name,
        externalIban(name),
      );
    }
  }
}
