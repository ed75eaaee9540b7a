import { roundTo } from './amounts';
import { DAY_MS, HOUR_MS, localDate, localToUtc } from './calendar';
import { PATTERNS, SCRIPTS, SPAN, type Pattern } from './fraud-patterns';
import type { Loan } from './loans';
import type { Persona } from './persona';
import { rngFor, type Rng } from './random';
import type { Planned } from './schedule';
import type { DemoWindow } from './window';
import type { World } from './world';

/**
 * Who is involved in the injected fraud and laundering, and when. About 1.2% of customers are
 * involved (at least one scenario per typology). The latest scenario of each typology happens in
 * the last week, so the overnight scan always has something fresh; the others are spread over
 * the window. Scenario numbers are unique across the bank and recorded with every labelled journal.
 */
export const INVOLVED_SHARE = 0.012;

const EXTRA_WEIGHTS: ReadonlyArray<readonly [Pattern, number]> = [
  ['account_takeover', 3],
  ['card_testing', 3],
  ['mule_pass_through', 2],
  ['structuring', 2],
  ['fan_in', 1],
  ['fan_out', 1],
  ['dormant_reactivation', 1],
  ['new_payee_scam', 2],
];

export interface Scenario {
  scenario: number;
  pattern: Pattern;
  customer: Persona;
  t0: number;
}

function eligible(pattern: Pattern, p: Persona, w: DemoWindow, loans: ReadonlyMap<number, readonly Loan[]>): boolean {
  const a = p.age;
  switch (pattern) {
    case 'account_takeover':
      return a >= 25 && a <= 80 && (p.income === 'salary' || p.income === 'pension');
    case 'card_testing':
      return p.cards.some((c) => c.until === Infinity && c.issuedAt < w.end - SPAN.card_testing - DAY_MS);
    case 'mule_pass_through':
      return a >= 18 && a <= 35;
    case 'structuring':
      return a >= 25 && a <= 70 && (p.income === 'cash' || p.income === 'salary');
    case 'fan_in':
    case 'fan_out':
      return a >= 20 && a <= 60;
    case 'dormant_reactivation':
      return p.preexisting && a >= 35 && p.cards.length === 0 && !loans.has(p.id) && p.income !== 'allowance' && p.fx === null;
    case 'new_payee_scam':
      return a >= 55;
  }
}

/** Start of a script: at night for account takeover and card testing, in the day otherwise. */
function startTime(rng: Rng, pattern: Pattern, lo: number, hi: number): number {
  const t = lo + Math.floor(rng.next() * Math.max(0, hi - lo));
  const d = localDate(t);
  const night = pattern === 'account_takeover' || pattern === 'card_testing';
  const hour = night ? rng.int(0, 4) : rng.int(9, 15);
  const at = localToUtc(d.mi, d.day, hour, rng.int(0, 59), rng.int(0, 59));
  return Math.min(Math.max(at, lo), hi);
}

export function chooseScenarios(seed: number, people: Persona[], w: DemoWindow, loans: ReadonlyMap<number, readonly Loan[]>): Scenario[] {
  const rng = rngFor(seed, 'fraud');
  const total = Math.min(Math.floor(people.length / 2), Math.max(PATTERNS.length, Math.round(people.length * INVOLVED_SHARE)));
  const order = rng.shuffle(people.map((_, i) => i));
  const used = new Set<number>();
  const seen = new Set<Pattern>();
  const out: Scenario[] = [];
  for (let s = 0; s < total; s++) {
    const pattern = s < PATTERNS.length ? (PATTERNS[s] as Pattern) : rng.weighted(EXTRA_WEIGHTS);
    const recent = !seen.has(pattern);
    for (const i of order) {
      const p = people[i];
      if (!p || used.has(p.id) || !eligible(pattern, p, w, loans)) continue;
      const span = SPAN[pattern];
      let lo = Math.max(w.start, p.joinedAt + 14 * DAY_MS);
      if (pattern === 'card_testing') lo = Math.max(lo, ...p.cards.filter((c) => c.until === Infinity).map((c) => c.issuedAt + DAY_MS));
      if (pattern === 'dormant_reactivation') lo = Math.max(lo, w.start + Math.floor((w.end - w.start) / 2));
      const hi = w.end - span - HOUR_MS;
      if (recent) lo = Math.max(lo, hi - 6 * DAY_MS);
      if (hi <= lo) continue;
      used.add(p.id);
      seen.add(pattern);
      out.push({ scenario: out.length + 1, pattern, customer: p, t0: startTime(rng, pattern, lo, hi) });
      break;
    }
  }
  return out;
}

/** A dormant customer has had no activity of their own; their account holds old savings. */
export function makeDormant(seed: number, p: Persona, people: Persona[]): void {
  const rng = rngFor(seed, 'dormant', p.key);
  p.dormant = true;
  p.income = 'none';
  p.orders = [];
  p.savingsPlan = 0;
  p.benefit = 0;
  p.current.carried = Math.max(p.current.carried, roundTo(Math.round(rng.logNormal(900_000, 0.6)), 100));
  for (const other of people) other.contacts = other.contacts.filter((id) => id !== p.id);
}

/** All scripted movements, sorted by time, each labelled with its pattern and scenario. */
export function scriptScenarios(world: World, scenarios: readonly Scenario[]): Planned[] {
  const events: Planned[] = [];
  for (const sc of scenarios) {
    const rng = rngFor(world.seed, 'scenario', sc.scenario);
    events.push(...SCRIPTS[sc.pattern]({ world, p: sc.customer, pattern: sc.pattern, scenario: sc.scenario, rng, t0: sc.t0 }));
  }
  return events.sort((a, b) => a.at - b.at);
}
