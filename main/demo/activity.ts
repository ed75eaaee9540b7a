import { mulDiv, roundTo } from './amounts';
import { MONTH_SPEND_FACTOR } from './calibration';
import { daysInMonth, month0Of, localDate, localToUtc, type MonthIndex } from './calendar';
import { cardAt } from './cards';
import { ownedAccounts } from './customers';
import { incomeIn, planIncome } from './income';
import { planForeignCurrency, planMonthEnd, planOpening, planOrders } from './obligations';
import type { Persona } from './persona';
import { rngFor, type Rng } from './random';
import { planSpending, splitBudget } from './spending';
import type { MonthRhythm } from './time-profile';
import { monthEnd, monthStart } from './window';
import { plan, type World } from './world';

/** How strongly spending pulls the balance back toward the customer's usual cover (per month). */
const PULL = 0.35;

/**
 * One customer's month: money in, fixed outgoings, then a spending budget that keeps the
 * balance near the customer's usual cover in months of income (Berka: median 2.6) — so balances
 * neither drift away nor hit the overdraft limit except in lean months.
 */
export function planCustomerMonth(world: World, p: Persona, mi: MonthIndex, rhythm: MonthRhythm): void {
  const from = monthStart(mi);
  const to = monthEnd(mi);
  if (p.joinedAt >= to) return;
  const rng = rngFor(world.seed, 'month', p.key, mi);
  const w = world.window;
  for (const a of ownedAccounts(p)) if (a.openedAt >= from && a.openedAt < to && a.openedAt >= w.start) planOpening(world, p, a, rng);
  planMonthEnd(world, p, mi, rng);
  const last = daysInMonth(mi);
  const firstDay = p.joinedAt >= from ? localDate(p.joinedAt).day + 1 : 1;
  if (p.dormant || firstDay > last) return;

  planIncome(world, p, mi, rhythm, rng, firstDay);
  planOrders(world, p, mi, rng, firstDay);
  if (p.fx && p.fx.openedAt < from) planForeignCurrency(world, p, p.fx, mi, rng, firstDay);

  const income = incomeIn(p, mi, w.endMi) + p.benefit;
  const prorate = (last - firstDay + 1) / last;
  const start = p.current.openedAt < from ? world.ledger.balanceOf(p.current.id) : p.current.openingFunds;
  const target = Math.round(income * p.cover);
  const wanted = income * p.spendRatio * (MONTH_SPEND_FACTOR[month0Of(mi)] ?? 1) + (start - target) * PULL;
  const budget = Math.round(Math.max(income * 0.1, wanted) * prorate);
  let fixed = p.savingsPlan + p.current.product.fee;
  for (const o of p.orders) fixed += o.amount;
  for (const loan of world.loansByOwner.get(p.id) ?? []) {
    for (const i of loan.installments) if (i.dueAt >= from && i.dueAt < to && i.plan !== 'missed') fixed += i.amountDue;
  }
  const discretionary = Math.max(Math.round(income * 0.05 * prorate), budget - fixed);
  const mid = localToUtc(mi, Math.min(last, 15));
  planSpending(world, p, mi, rhythm, rng, firstDay, splitBudget(p, discretionary, cardAt(p, mid) !== null));
  if (start < income * 0.3) planSavingsDraw(world, p, mi, rhythm, rng, firstDay, income);
}

/** Short on money: move some savings over to the current account (Berka-style internal transfer). */
function planSavingsDraw(world: World, p: Persona, mi: MonthIndex, rhythm: MonthRhythm, rng: Rng, firstDay: number, income: number): void {
  const savings = p.savings;
  if (!savings || !rng.chance(0.35)) return;
  const day = rhythm.day(rng, p.onlineUser ? 'online' : 'branch', 'flat', firstDay, daysInMonth(mi));
  if (day === null) return;
  const at = rhythm.instant(rng, p.onlineUser ? 'online' : 'branch', day);
  if (at <= savings.openedAt) return;
  const cap = roundTo(Math.round(income * 0.6), 1_000);
  plan(world, {
    at,
    type: 'transfer',
    channel: p.onlineUser ? 'online' : 'branch',
    currency: 'EUR',
    description: 'Transfer from savings',
    counterpartyName: p.current.product.name,
    counterpartyAccount: p.current.accountNo,
    externalRef: null,
    from: savings.id,
    to: p.current.id,
    amount: cap,
    policy: 'shrink',
    step: 1_000,
    min: 5_000,
    compute: (l) => Math.min(cap, roundTo(mulDiv(Math.max(0, l.balanceOf(savings.id)), 1, 3), 1_000)),
  });
}
