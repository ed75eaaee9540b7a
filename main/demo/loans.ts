import { annuityPayment, monthlyInterest, roundTo, sampleQuantiles } from './amounts';
import { CZK_PER_EUR, LOAN_AMOUNT_CZK, LOAN_DUE_DAY, LOAN_OUTCOMES, LOAN_SHARE, type LoanOutcome } from './calibration';
import { businessDayOnOrAfter, DAY_MS, isoDay, localDate, localToUtc, type MonthIndex } from './calendar';
import { LOAN_PURPOSES } from './counterparties';
import { REFERENCE_INCOME } from './finances';
import type { Persona } from './persona';
import { product, type Product } from './products';
import { rngFor, type Rng } from './random';
import type { DemoWindow } from './window';

/**
 * The loan book. Consumer loans follow loan.asc: 15.2% of accounts, outcomes A (finished, paid)
 * 29.8%, B (finished, unpaid) 4.5%, C (running, fine) 59.1%, D (running, in debt) 6.6%, with
 * Berka's per-outcome amounts and durations. Mortgages are MODERN (Berka has none): 7% of
 * salaried 28–60-year-olds with at least 80% of the reference income.
 */
export type RepaymentStatus = 'scheduled' | 'on_time' | 'late' | 'missed';

export interface Installment {
  n: number;
  dueIso: string;
  /** The collection run on the due date (next business day), 04:00–05:00 Prague time. */
  dueAt: number;
  amountDue: number;
  principal: number;
  interest: number;
  plan: 'on_time' | 'late' | 'missed';
  lateDays: number;
  status: RepaymentStatus;
  paid: number;
  paidAt: number | null;
  journalId: number | null;
  tries: number;
  /** When the status last changed (paid, or found missed); the loan's start while still scheduled. */
  changedAt: number;
}

export interface Loan {
  id: number;
  owner: Persona;
  product: Product;
  outcome: LoanOutcome | 'M';
  principal: number;
  rateBp: number;
  term: number;
  payment: number;
  startAt: number;
  startIso: string;
  purpose: string;
  vendor: string;
  installments: Installment[];
}

const weightedDuration = (rng: Rng, o: LoanOutcome): number => rng.weighted(LOAN_OUTCOMES[o].durations.map(([d, w]) => [d, w] as const));

function schedule(principal: number, rateBp: number, term: number, payment: number, startMi: MonthIndex, rng: Rng): Installment[] {
  const out: Installment[] = [];
  let outstanding = principal;
  for (let n = 1; n <= term; n++) {
    const mi = startMi + n;
    const interest = monthlyInterest(outstanding, rateBp);
    const principalPart = n === term ? outstanding : Math.min(outstanding, payment - interest);
    outstanding -= principalPart;
    const day = businessDayOnOrAfter(mi, LOAN_DUE_DAY);
    out.push({
      n,
      dueIso: isoDay(mi, LOAN_DUE_DAY),
      dueAt: localToUtc(mi, day, 4, rng.int(0, 59), rng.int(0, 59)),
      amountDue: principalPart + interest,
      principal: principalPart,
      interest,
      plan: 'on_time',
      lateDays: 0,
      status: 'scheduled',
      paid: 0,
      paidAt: null,
      journalId: null,
      tries: 0,
      changedAt: 0,
    });
  }
  return out;
}

/** How each installment is meant to go, by outcome. */
function planOutcome(rng: Rng, loan: Loan, end: number): void {
  const inst = loan.installments;
  const lateShare = loan.outcome === 'A' ? 0.03 : loan.outcome === 'C' || loan.outcome === 'M' ? 0.04 : 0.13;
  for (const i of inst) {
    if (rng.chance(lateShare)) {
      i.plan = 'late';
      i.lateDays = rng.int(3, 20);
    }
  }
  if (loan.outcome === 'B') {
    // Paid for a while, then stopped: the bank stops collecting once it defaults.
    const from = Math.max(1, Math.floor(loan.term * (0.3 + rng.next() * 0.5)));
    for (const i of inst) if (i.n > from) i.plan = 'missed';
  }
  if (loan.outcome === 'D' || (loan.outcome === 'M' && rng.chance(0.02))) {
    const due = inst.filter((i) => i.dueAt <= end);
    const k = Math.min(due.length, rng.int(1, 3));
    for (const i of due.slice(due.length - k)) i.plan = 'missed';
  }
}

function startInstant(rng: Rng, mi: MonthIndex): number {
  return localToUtc(mi, rng.int(1, 28), rng.int(9, 16), rng.int(0, 59), rng.int(0, 59));
}

/**
 * Weight on the finished outcomes (A, B) for customers who have banked here long enough to have
 * finished a loan, so that with recent customers limited to running loans the book as a whole
 * still shows Berka's mix: k = (C + D) / (f·total − (A + B)), f = share of long-standing borrowers.
 */
function finishedBoost(people: readonly Persona[], w: DemoWindow): number {
  const o = LOAN_OUTCOMES;
  const total = o.A.count + o.B.count + o.C.count + o.D.count;
  const long = people.filter((p) => localDate(p.joinedAt).mi + 1 <= w.endMi - 14).length / Math.max(1, people.length);
  const denom = long * total - (o.A.count + o.B.count);
  return denom > 0 ? Math.min(4, Math.max(1, (o.C.count + o.D.count) / denom)) : 4;
}

function consumerLoan(rng: Rng, p: Persona, w: DemoWindow, boost: number): Omit<Loan, 'id'> | null {
  // Draw Berka's outcome and term; a customer who joined too recently for a finished loan (or for
  // any loan of that term) draws again, so recent customers do not drag the outcome mix to C.
  const joinedMi = localDate(p.joinedAt).mi + 1;
  let chosen: { outcome: LoanOutcome; term: number; startMi: MonthIndex } | null = null;
  const longStanding = joinedMi <= w.endMi - 14;
  const mix = (Object.keys(LOAN_OUTCOMES) as LoanOutcome[]).map((k) => [k, LOAN_OUTCOMES[k].count * (longStanding && (k === 'A' || k === 'B') ? boost : 1)] as const);
  for (let attempt = 0; attempt < 4 && !chosen; attempt++) {
    const outcome = rng.weighted(mix);
    const term = weightedDuration(rng, outcome);
    if (outcome === 'A' || outcome === 'B') {
      // Finished within the last three years, but not before the customer joined.
      const latestEnd = Math.min(36, w.endMi - term - joinedMi);
      if (latestEnd >= 1) chosen = { outcome, term, startMi: w.endMi - rng.int(1, latestEnd) - term };
    } else {
      const earliest = Math.max(joinedMi, w.endMi - term + 1);
      const latest = w.endMi - (outcome === 'D' ? 3 : 1);
      if (earliest <= latest) chosen = { outcome, term, startMi: rng.int(earliest, latest) };
    }
  }
  if (!chosen) return null;
  const { outcome, term, startMi } = chosen;
  // Affordability is checked at the consumer-loan rate, the higher of the two loan products.
  const rateBp = product('LOAN-CONS').rateBp;
  const affordable = Math.max(50_000, Math.round(p.monthly * 0.3));
  let principal = roundTo(Math.round((sampleQuantiles(LOAN_AMOUNT_CZK, rng.next()) * LOAN_OUTCOMES[outcome].amountFactor * 100) / CZK_PER_EUR), 10_000);
  principal = Math.min(4_000_000, Math.max(50_000, principal));
  while (principal > 50_000 && annuityPayment(principal, rateBp, term) > affordable) principal = roundTo(Math.round(principal * 0.85), 10_000);
  const car = principal >= 600_000 && rng.chance(0.35);
  const prod = product(car ? 'LOAN-CAR' : 'LOAN-CONS');
  const [purpose, vendor] = car ? ['Car purchase', 'AutoCentrum Hvězda s.r.o.'] : rng.pick(LOAN_PURPOSES);
  const payment = annuityPayment(principal, prod.rateBp, term);
  const startAt = Math.max(startInstant(rng, startMi), p.joinedAt + DAY_MS);
  return {
    owner: p,
    product: prod,
    outcome,
    principal,
    rateBp: prod.rateBp,
    term,
    payment,
    startAt,
    startIso: isoDay(localDate(startAt).mi, localDate(startAt).day),
    purpose,
    vendor,
    installments: schedule(principal, prod.rateBp, term, payment, localDate(startAt).mi, rng),
  };
}

function mortgage(rng: Rng, p: Persona, w: DemoWindow): Omit<Loan, 'id'> | null {
  const term = rng.weighted([
    [240, 3],
    [300, 3],
    [360, 4],
  ] as const);
  const joinedMi = localDate(p.joinedAt).mi + 1;
  const earliest = Math.max(joinedMi, w.endMi - 180);
  if (earliest > w.endMi - 1) return null;
  const startMi = rng.int(earliest, w.endMi - 1);
  const prod = product('MORT-FIX5');
  let principal = roundTo(Math.round(rng.logNormal(13_000_000, 0.45)), 100_000);
  while (principal > 4_000_000 && annuityPayment(principal, prod.rateBp, term) > p.monthly * 0.35) principal = roundTo(Math.round(principal * 0.9), 100_000);
  if (principal < 4_000_000) return null;
  const payment = annuityPayment(principal, prod.rateBp, term);
  const startAt = Math.max(startInstant(rng, startMi), p.joinedAt + DAY_MS);
  const d = localDate(startAt);
  return {
    owner: p,
    product: prod,
    outcome: 'M',
    principal,
    rateBp: prod.rateBp,
    term,
    payment,
    startAt,
    startIso: isoDay(d.mi, d.day),
    purpose: 'Home purchase',
    vendor: 'Notářská úschova – koupě nemovitosti',
    installments: schedule(principal, prod.rateBp, term, payment, d.mi, rng),
  };
}

/** Every loan of the bank, ids in order of their start. */
export function buildLoans(seed: number, people: readonly Persona[], w: DemoWindow): Loan[] {
  const loans: Array<Omit<Loan, 'id'>> = [];
  const borrowers = people.filter((p) => !p.dormant && p.income !== 'allowance' && p.income !== 'none' && p.age >= 19 && p.age <= 75);
  const boost = finishedBoost(borrowers, w);
  // Berka's share is per account; only eligible customers borrow, so they borrow a bit more often.
  const share = Math.min(0.5, (LOAN_SHARE * people.length) / Math.max(1, borrowers.length));
  for (const p of borrowers) {
    const rng = rngFor(seed, 'loan', p.key);
    if (rng.chance(share)) {
      const l = consumerLoan(rng, p, w, boost);
      if (l) loans.push(l);
    }
    if (p.income === 'salary' && p.age >= 28 && p.age <= 60 && p.monthly >= REFERENCE_INCOME * 0.8 && rng.chance(0.07)) {
      const m = mortgage(rng, p, w);
      if (m) loans.push(m);
    }
  }
  loans.sort((a, b) => a.startAt - b.startAt || a.owner.id - b.owner.id || a.term - b.term);
  return loans.map((l, i) => {
    const loan: Loan = { ...l, id: i + 1 };
    planOutcome(rngFor(seed, 'loan-plan', loan.id), loan, w.end);
    return loan;
  });
}
