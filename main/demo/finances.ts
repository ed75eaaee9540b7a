import { berkaCents, sampleQuantiles } from './amounts';
import {
  BERKA_AMOUNTS_CZK,
  BERKA_ORDERS_CZK,
  CASH_FUNDED_SHARE_OF_WORKING_AGE,
  COVER_MONTHS,
  CZK_PER_EUR,
  DAY_OF_MONTH,
  NET_TO_GROSS,
  ORDER_KIND_MIX,
  ORDERS_PER_ACCOUNT,
  PENSION_AGE,
  PENSION_TO_WAGE,
  SALARY_SPREAD,
  TRANSFER_WINDOW_FIRST_DAY,
  WAGE_GROWTH_SINCE_1995,
} from './calibration';
import type { OrderKind } from './calibration';
import { BILL_PAYEES, EMPLOYERS, externalIban, ORDER_PAYEES, PENSION_PAYER } from './counterparties';
import { NATIONAL_AVG_WAGE_CZK } from './districts';
import type { Identity } from './identity';
import { OCCUPATIONS, relative, SELF_EMPLOYED_OCCUPATIONS } from './names';
import type { Rng } from './random';

export type IncomeKind = 'salary' | 'pension' | 'cash' | 'allowance' | 'none';

export interface StandingOrder {
  kind: OrderKind;
  payee: string;
  iban: string;
  amount: number;
  /** Day of month 5–14 (Berka); executed on the next business day. */
  day: number;
}

/** A customer's money habits: where income comes from, what is paid every month, how they spend. */
export interface Finances {
  income: IncomeKind;
  /** Expected monthly income, cents. */
  monthly: number;
  payDay: number;
  payer: string;
  payerIban: string;
  /** Gets a Christmas bonus with the December salary. */
  bonus: boolean;
  /** Monthly state benefit (Berka's small regular credits), cents; 0 for none. */
  benefit: number;
  /** Target balance in months of income (Berka: balance / monthly inflow). */
  cover: number;
  /** Share of income spent in an ordinary month. */
  spendRatio: number;
  /** Multiplier on ticket sizes: richer customers buy bigger things. */
  scale: number;
  onlineUser: boolean;
  /** Share of discretionary spending taken as cash (the rest by card if any, or transfers). */
  cashShare: number;
  atmShare: number;
  orders: StandingOrder[];
  billPayees: string[];
  occupation: string;
}

/** District A11 wage (1995 CZK) brought to today's net euros. */
export const netWageCents = (avgWageCzk: number): number => Math.round((avgWageCzk * WAGE_GROWTH_SINCE_1995 * NET_TO_GROSS * 100) / CZK_PER_EUR);
/** The national reference income (cents) ticket sizes are scaled against. */
export const REFERENCE_INCOME = netWageCents(NATIONAL_AVG_WAGE_CZK);

function incomeKind(rng: Rng, age: number): IncomeKind {
  if (age >= PENSION_AGE) return rng.chance(0.92) ? 'pension' : 'salary';
  if (age < 19) return 'allowance';
  if (age < 25 && rng.chance(0.35)) return 'allowance';
  return rng.chance(CASH_FUNDED_SHARE_OF_WORKING_AGE) ? 'cash' : 'salary';
}

/** Earnings peak in mid-career. */
function ageFactor(age: number): number {
  if (age < 25) return 0.72;
  if (age < 35) return 0.95;
  if (age < 55) return 1.08;
  return 1.0;
}

function drawOrders(rng: Rng, scale: number, income: IncomeKind): StandingOrder[] {
  const count = income === 'allowance' ? (rng.chance(0.3) ? 1 : 0) : rng.weighted(ORDERS_PER_ACCOUNT);
  const orders: StandingOrder[] = [];
  const usedPayees = new Set<string>();
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted(ORDER_KIND_MIX);
    const payee = rng.pick(ORDER_PAYEES[kind]);
    if (usedPayees.has(payee)) continue;
    usedPayees.add(payee);
    const dayWeights = kind === 'SIPO' ? DAY_OF_MONTH.householdOrder : kind === 'POJISTNE' ? DAY_OF_MONTH.insuranceOrder : null;
    const day = TRANSFER_WINDOW_FIRST_DAY + (dayWeights ? rng.weightedIndex(dayWeights) : rng.int(0, 9));
    // Housing costs follow income; insurance and memberships much less so.
    const f = kind === 'SIPO' ? scale : Math.sqrt(scale);
    orders.push({ kind, payee, iban: externalIban(payee), amount: berkaCents(rng, BERKA_ORDERS_CZK[kind], f), day });
  }
  return orders;
}

export function drawFinances(rng: Rng, who: Identity): Finances {
  const age = who.age;
  const income = incomeKind(rng, age);
  const districtNet = netWageCents(who.district.avgWageCzk);
  let monthly: number;
  let payer: string;
  let payDayWeights: readonly number[] = DAY_OF_MONTH.salary;
  let occupation: string;
  switch (income) {
    case 'pension':
      // Berka pension / district wage, applied to the net wage: Berka's 1993 pensions against 1995
      // wages would overstate today's gross replacement rate (~0.45).
      monthly = Math.round(districtNet * sampleQuantiles(PENSION_TO_WAGE, rng.next()));
      payer = PENSION_PAYER;
      payDayWeights = DAY_OF_MONTH.pension;
      occupation = 'Retired';
      break;
    case 'cash':
      monthly = Math.round(districtNet * sampleQuantiles(SALARY_SPREAD, rng.next()) * 1.05 * ageFactor(age));
      payer = '';
      occupation = rng.weighted(SELF_EMPLOYED_OCCUPATIONS);
      break;
    case 'allowance':
      monthly = rng.int(80, 350) * 100;
      payer = relative(rng, who.surname);
      occupation = 'Student';
      break;
    default: {
      monthly = Math.round(districtNet * sampleQuantiles(SALARY_SPREAD, rng.next()) * ageFactor(age));
      const employer = rng.pick(EMPLOYERS);
      payer = employer === 'Městský úřad' || employer === 'Základní škola' ? `${employer} ${who.district.town}` : employer;
      occupation = age >= PENSION_AGE ? 'Working pensioner' : rng.weighted(OCCUPATIONS);
    }
  }
  const payDay = TRANSFER_WINDOW_FIRST_DAY + rng.weightedIndex(payDayWeights);
  const scale = Math.min(2.2, Math.max(0.6, Math.sqrt(monthly / REFERENCE_INCOME)));
  const benefit = age >= 25 && age < 45 && rng.chance(0.07) ? berkaCents(rng, BERKA_AMOUNTS_CZK.smallCredit) : 0;
  const onlineUser = rng.chance(age < 30 ? 0.93 : age < 50 ? 0.86 : age < 65 ? 0.66 : 0.3);
  const cashShare = age < 30 ? 0.22 : age < 50 ? 0.32 : age < 65 ? 0.48 : 0.7;
  const payees = rng.shuffle([...BILL_PAYEES]).slice(0, rng.int(2, 5));
  return {
    income,
    monthly,
    payDay,
    payer,
    payerIban: payer ? externalIban(payer) : '',
    bonus: income === 'salary' && rng.chance(0.25),
    benefit,
    cover: sampleQuantiles(COVER_MONTHS, rng.next()),
    spendRatio: 0.9 + rng.next() * 0.1,
    scale,
    onlineUser,
    cashShare,
    atmShare: age < 65 ? 0.9 : 0.55,
    orders: drawOrders(rng, scale, income),
    billPayees: payees,
    occupation,
  };
}
