import { berkaCzkCents, monthlyInterest, roundTo } from './amounts';
import { BERKA_AMOUNTS_CZK } from './calibration';
import { businessDayOnOrAfter, daysInMonth, localToUtc, type MonthIndex } from './calendar';
import { externalIban, ORDER_LABEL } from './counterparties';
import { ownedAccounts } from './customers';
import { period } from './income';
import { randomPerson } from './names';
import type { OwnAccount, Persona } from './persona';
import type { Rng } from './random';
import { branchOf, plan, vaultOf, type World } from './world';

/** Overdraft interest, a year: charged on a negative month-end balance (Berka's SANKC. UROK). */
export const OVERDRAFT_RATE_BP = 1290;

/** Standing orders (run 02:00–06:00 on their day) and the monthly transfer into savings. */
export function planOrders(world: World, p: Persona, mi: MonthIndex, rng: Rng, firstDay: number): void {
  for (const o of p.orders) {
    const day = businessDayOnOrAfter(mi, o.day);
    if (day < firstDay) continue;
    plan(world, {
      at: localToUtc(mi, day, rng.int(2, 5), rng.int(0, 59), rng.int(0, 59)),
      type: 'payment',
      channel: 'system',
      currency: 'EUR',
      description: `Standing order – ${ORDER_LABEL[o.kind]}`,
      counterpartyName: o.payee,
      counterpartyAccount: o.iban,
      externalRef: null,
      from: p.current.id,
      to: world.internal.clearing.EUR,
      amount: o.amount,
      policy: 'skip',
    });
  }
  const savings = p.savings;
  if (p.savingsPlan > 0 && savings) {
    const day = businessDayOnOrAfter(mi, Math.min(daysInMonth(mi), p.payDay + 1));
    if (day >= firstDay && localToUtc(mi, day) > savings.openedAt) {
      plan(world, {
        at: localToUtc(mi, day, 3, rng.int(0, 59), rng.int(0, 59)),
        type: 'transfer',
        channel: 'system',
        currency: 'EUR',
        description: 'Standing order – to savings',
        counterpartyName: savings.product.name,
        counterpartyAccount: savings.accountNo,
        externalRef: null,
        from: p.current.id,
        to: savings.id,
        amount: p.savingsPlan,
        policy: 'skip',
      });
    }
  }
}

/** Funding of an account opened inside the window: cash at the branch or a transfer from another bank. */
export function planOpening(world: World, p: Persona, a: OwnAccount, rng: Rng): void {
  if (a.openingFunds <= 0) return;
  const cash = a === p.current;
  const branch = branchOf(world, p);
  const name = `${p.givenName} ${p.surname}`;
  plan(world, {
    at: a.openedAt + (cash ? rng.int(5, 20) * 60_000 : rng.int(1, 48) * 3_600_000),
    type: cash ? 'deposit' : 'transfer',
    channel: cash ? 'branch' : 'wire',
    currency: a.currency,
    description: cash ? `Opening deposit – branch ${branch.district.town}` : `Transfer from another bank – ${a.product.name} funding`,
    counterpartyName: cash ? null : name,
    counterpartyAccount: cash ? null : externalIban(`${name}-${p.key}`),
    externalRef: null,
    from: cash ? vaultOf(world, branch.id) : world.internal.clearing[a.currency],
    to: a.id,
    amount: a.openingFunds,
    policy: 'skip',
  });
}

/** Month-end run on the last day: account fees at 22:xx, interest at 23:xx (on the balance then). */
export function planMonthEnd(world: World, p: Persona, mi: MonthIndex, rng: Rng): void {
  const day = daysInMonth(mi);
  const feeAt = localToUtc(mi, day, 22, rng.int(0, 59), rng.int(0, 59));
  const interestAt = localToUtc(mi, day, 23, rng.int(0, 58), rng.int(0, 59));
  for (const a of ownedAccounts(p)) {
    if (a.openedAt >= feeAt) continue;
    const cur = a.currency;
    const prod = a.product;
    if (prod.fee > 0) {
      plan(world, {
        at: feeAt,
        type: 'fee',
        channel: 'system',
        currency: cur,
        description: `Monthly fee – ${prod.name}`,
        counterpartyName: null,
        counterpartyAccount: null,
        externalRef: null,
        from: a.id,
        to: world.internal.feeIncome[cur],
        amount: prod.fee,
        policy: 'skip',
      });
    }
    if (prod.rateBp > 0) {
      plan(world, {
        at: interestAt,
        type: 'interest',
        channel: 'system',
        currency: cur,
        description: `Credit interest ${period(mi)}`,
        counterpartyName: null,
        counterpartyAccount: null,
        externalRef: null,
        from: world.internal.interestExpense[cur],
        to: a.id,
        amount: 1,
        policy: 'skip',
        compute: (l) => monthlyInterest(Math.max(0, l.balanceOf(a.id)), prod.rateBp),
      });
    }
    if (prod.overdraft > 0) {
      plan(world, {
        at: interestAt + 1,
        type: 'interest',
        channel: 'system',
        currency: cur,
        description: `Overdraft interest ${period(mi)}`,
        counterpartyName: null,
        counterpartyAccount: null,
        externalRef: null,
        from: a.id,
        to: world.internal.interestIncome[cur],
        amount: 1,
        policy: 'shrink',
        step: 1,
        compute: (l) => monthlyInterest(Math.max(0, -l.balanceOf(a.id)), OVERDRAFT_RATE_BP),
      });
    }
  }
}

/** The few foreign-currency accounts: wires in and out in their own currency. */
export function planForeignCurrency(world: World, p: Persona, a: OwnAccount, mi: MonthIndex, rng: Rng, firstDay: number): void {
  const last = daysInMonth(mi);
  const cur = a.currency;
  const usd = cur === 'USD';
  const wires = usd ? (rng.chance(0.25) ? 1 : 0) : rng.int(1, 3);
  for (let i = 0; i < wires; i++) {
    const day = rng.int(firstDay, last);
    if (day > last) break;
    const name = usd ? rng.pick(['Freelance income – Acme Corp (US)', 'Family transfer – USA', 'Dividend – US brokerage']) : randomPerson(rng);
    const amount = usd ? roundTo(Math.round(rng.logNormal(60_000, 0.8)), 100) : berkaCzkCents(rng, BERKA_AMOUNTS_CZK.cashDeposit);
    plan(world, {
      at: localToUtc(mi, day, rng.int(8, 17), rng.int(0, 59)),
      type: 'transfer',
      channel: 'wire',
      currency: cur,
      description: usd ? 'Incoming SWIFT transfer' : 'Incoming transfer',
      counterpartyName: name,
      counterpartyAccount: externalIban(name),
      externalRef: null,
      from: world.internal.clearing[cur],
      to: a.id,
      amount,
      policy: 'skip',
    });
  }
  const outs = usd ? (rng.chance(0.1) ? 1 : 0) : rng.int(1, 3);
  for (let i = 0; i < outs; i++) {
    const day = rng.int(firstDay, last);
    if (day > last) break;
    const payee = usd ? 'Tuition – State University (US)' : rng.pick(['Nájem – pronajímatel', 'Obchod Kaufmarkt CZ', 'Elektřina – záloha', 'Dárek rodině']);
    plan(world, {
      at: localToUtc(mi, day, rng.int(8, 20), rng.int(0, 59)),
      type: 'payment',
      channel: usd ? 'wire' : 'online',
      currency: cur,
      description: `Payment – ${payee}`,
      counterpartyName: payee,
      counterpartyAccount: externalIban(payee),
      externalRef: null,
      from: a.id,
      to: world.internal.clearing[cur],
      amount: usd ? roundTo(Math.round(rng.logNormal(80_000, 0.6)), 100) : berkaCzkCents(rng, BERKA_AMOUNTS_CZK.remittance),
      policy: 'shrink',
      min: 100,
    });
  }
}
