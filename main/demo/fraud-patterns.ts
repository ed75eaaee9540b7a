import { floorTo, logNormalCents, mulDiv, roundTo } from './amounts';
import { DAY_MS, HOUR_MS, isBusinessDay, MINUTE_MS, localDate, localToUtc } from './calendar';
import { cardAt } from './cards';
import { CASHOUT_MERCHANTS, externalIban, foreignIban, TESTING_MERCHANTS } from './counterparties';
import type { Ledger } from './ledger';
import { randomPerson } from './names';
import type { Persona } from './persona';
import type { Rng } from './random';
import type { Planned } from './schedule';
import { vaultOf, type World } from './world';

/**
 * The injected typologies, each a short script of movements on one customer's accounts. Amounts
 * that depend on what the victim holds (draining, cashing out) are decided when posted.
 */
export const PATTERNS = ['account_takeover', 'card_testing', 'mule_pass_through', 'structuring', 'fan_in', 'fan_out', 'dormant_reactivation', 'new_payee_scam'] as const;
export type Pattern = (typeof PATTERNS)[number];

/** How long each script runs from its start, so recent scenarios finish before the end. */
export const SPAN: Record<Pattern, number> = {
  account_takeover: 20 * HOUR_MS,
  card_testing: 3 * HOUR_MS,
  mule_pass_through: 16 * DAY_MS,
  structuring: 9 * DAY_MS,
  fan_in: 4 * DAY_MS,
  fan_out: 4 * DAY_MS,
  dormant_reactivation: 4 * DAY_MS,
  new_payee_scam: 2 * DAY_MS,
};

export interface Script {
  world: World;
  p: Persona;
  pattern: Pattern;
  scenario: number;
  rng: Rng;
  t0: number;
}

type Move = Pick<Planned, 'at' | 'type' | 'channel' | 'description' | 'from' | 'to' | 'amount'> & Partial<Planned>;

function move(s: Script, m: Move): Planned {
  return {
    currency: 'EUR',
    counterpartyName: null,
    counterpartyAccount: null,
    externalRef: null,
    policy: 'shrink',
    step: 100,
    min: 1_000,
    ...m,
    label: { pattern: s.pattern, scenario: s.scenario },
  };
}

/** The first business day on or after `at`, at a random time in branch hours. */
function inBranchHours(rng: Rng, at: number): number {
  let d = localDate(at);
  for (let i = 0; i < 7 && !isBusinessDay(d.mi, d.day); i++) d = localDate(localToUtc(d.mi, d.day + 1, 12));
  return localToUtc(d.mi, d.day, rng.int(9, 15), rng.int(0, 59), rng.int(0, 59));
}

const person = (rng: Rng): string => randomPerson(rng, 0.4);
/** A share (per mille) of what may leave the account, in whole euros. */
const drain =
  (account: number, perMille: number) =>
  (l: Ledger): number =>
    floorTo(mulDiv(Math.max(0, l.available(account)), perMille, 1000), 100);

function transferOut(s: Script, at: number, amount: number | ((l: Ledger) => number), name: string, iban: string, channel: Planned['channel'] = 'online'): Planned {
  const fixed = typeof amount === 'number';
  return move(s, {
    at,
    type: 'transfer',
    channel,
    description: `Transfer to ${name}`,
    counterpartyName: name,
    counterpartyAccount: iban,
    from: s.p.current.id,
    to: s.world.internal.clearing.EUR,
    amount: fixed ? amount : 1,
    ...(fixed ? {} : { compute: amount }),
  });
}

function wireIn(s: Script, at: number, amount: number, name: string, iban: string, description = 'Incoming transfer'): Planned {
  return move(s, {
    at,
    type: 'transfer',
    channel: 'wire',
    description,
    counterpartyName: name,
    counterpartyAccount: iban,
    from: s.world.internal.clearing.EUR,
    to: s.p.current.id,
    amount,
    policy: 'skip',
  });
}

function emptySavings(s: Script, at: number): Planned[] {
  const sv = s.p.savings;
  if (!sv || sv.openedAt >= at) return [];
  return [
    move(s, {
      at,
      type: 'transfer',
      channel: 'online',
      description: 'Transfer from savings',
      counterpartyName: s.p.current.product.name,
      counterpartyAccount: s.p.current.accountNo,
      from: sv.id,
      to: s.p.current.id,
      amount: 1,
      compute: drain(sv.id, 950),
    }),
  ];
}

function atmRun(s: Script, at: number, days: number): Planned[] {
  const where = s.rng.pick(s.world.branches);
  return Array.from({ length: days }, (_, d) =>
    move(s, {
      at: at + d * DAY_MS + s.rng.int(0, 50) * MINUTE_MS,
      type: 'withdrawal',
      channel: 'atm',
      description: `ATM withdrawal – ${where.district.town}, ${where.street}`,
      from: s.p.current.id,
      to: vaultOf(s.world, where.id),
      amount: s.p.current.product.dailyLimit || 100_000,
      atm: true,
      step: 1_000,
      min: 2_000,
    }),
  );
}

/** Night-time login from a new device: savings swept in, then the account drained to new payees. */
function accountTakeover(s: Script): Planned[] {
  const r = s.rng;
  const out = emptySavings(s, s.t0);
  const payees = Array.from({ length: r.int(1, 2) }, () => {
    const name = person(r);
    return [name, r.chance(0.5) ? foreignIban(r) : externalIban(`ato-${s.scenario}-${name}`)] as const;
  });
  const n = r.int(2, 4);
  let t = s.t0;
  for (let i = 0; i < n; i++) {
    t += r.int(3, 25) * MINUTE_MS;
    const [name, iban] = r.pick(payees);
    out.push(transferOut(s, t, drain(s.p.current.id, i === n - 1 ? 980 : r.int(300, 600)), name, iban));
  }
  if (r.chance(0.5)) out.push(...atmRun(s, t + r.int(5, 9) * HOUR_MS, 1));
  return out;
}

/** A card authorisation at merchant `m`; the amount is drawn after the authorisation code (the generator's draw order). */
function cardPayment(s: Script, last4: string, at: number, m: string, amount: () => number, limits: Partial<Pick<Planned, 'policy' | 'step' | 'min'>>): Planned {
  const externalRef = `AUTH${String(s.rng.int(0, 999_999)).padStart(6, '0')}`;
  return move(s, {
    at,
    type: 'card',
    channel: 'card',
    description: `Card payment *${last4} – ${m}`,
    counterpartyName: m,
    externalRef,
    from: s.p.current.id,
    to: s.world.internal.cardSettlement,
    amount: amount(),
    ...limits,
  });
}

/** Many tiny authorisations at low-friction merchants, then the large purchases the card was tested for. */
function cardTesting(s: Script): Planned[] {
  const r = s.rng;
  const card = cardAt(s.p, s.t0);
  const last4 = card ? card.last4 : '0000';
  const merchants = r.shuffle([...TESTING_MERCHANTS]).slice(0, r.int(2, 4));
  const out: Planned[] = [];
  let t = s.t0;
  const tiny = r.int(8, 25);
  for (let i = 0; i < tiny; i++) {
    t += r.int(10, 180) * 1000;
    out.push(cardPayment(s, last4, t, r.pick(merchants), () => r.int(10, 299), { policy: 'skip', min: 1 }));
  }
  const big = r.int(1, 3);
  for (let i = 0; i < big; i++) {
    t += r.int(5, 45) * MINUTE_MS;
    out.push(cardPayment(s, last4, t, r.pick(CASHOUT_MERCHANTS), () => logNormalCents(r, 700, 0.5, 25_000), { step: 100, min: 5_000 }));
  }
  return out;
}

/** Money mule: unrelated people pay in, and the money leaves again within hours. */
function mulePassThrough(s: Script): Planned[] {
  const r = s.rng;
  const controller = foreignIban(r);
  const out: Planned[] = [];
  const episodes = r.int(3, 7);
  for (let e = 0; e < episodes; e++) {
    const tIn = s.t0 + Math.floor((e / episodes) * (SPAN.mule_pass_through - DAY_MS)) + r.int(0, 8) * HOUR_MS;
    const amount = roundTo(r.int(150_000, 600_000), 100) + r.int(0, 99) * 100;
    const sender = person(r);
    out.push(wireIn(s, tIn, amount, sender, externalIban(`mule-${s.scenario}-${e}-${sender}`), 'Payment for goods'));
    const tOut = tIn + r.int(1, 10) * HOUR_MS + r.int(0, 59) * MINUTE_MS;
    if (r.chance(0.7)) out.push(transferOut(s, tOut, floorTo(mulDiv(amount, r.int(900, 980), 1000), 1_000), 'Crypto exchange deposit', controller));
    else out.push(...atmRun(s, tOut, 2));
  }
  return out;
}

/** Cash paid in just under the 10,000 EUR reporting threshold, at several branches, then wired away. */
function structuring(s: Script): Planned[] {
  const r = s.rng;
  const out: Planned[] = [];
  const k = r.int(3, 7);
  let total = 0;
  for (let i = 0; i < k; i++) {
    const day = s.t0 + Math.floor((i * 8 * DAY_MS) / k);
    const where = i === 0 ? (s.world.branches[s.p.branchId - 1] ?? r.pick(s.world.branches)) : r.pick(s.world.branches);
    const amount = r.int(900, 995) * 1_000 + (r.chance(0.5) ? 0 : r.int(1, 9) * 100);
    total += amount;
    out.push(
      move(s, {
        at: inBranchHours(r, day),
        type: 'deposit',
        channel: 'branch',
        description: `Cash deposit – branch ${where.district.town}`,
        from: vaultOf(s.world, where.id),
        to: s.p.current.id,
        amount,
        policy: 'skip',
      }),
    );
  }
  out.push(
    transferOut(
      s,
      inBranchHours(r, s.t0 + 8 * DAY_MS + r.int(2, 20) * HOUR_MS),
      floorTo(mulDiv(total, r.int(850, 1000), 1000), 10_000),
      'Invest Holding Ltd',
      foreignIban(r),
      'wire',
    ),
  );
  return out;
}

/** Dozens of different senders in a couple of days, then one transfer out. */
function fanIn(s: Script): Planned[] {
  const r = s.rng;
  const n = r.int(12, 35);
  const out: Planned[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const amount = logNormalCents(r, 180, 0.6, 3_000);
    total += amount;
    const sender = person(r);
    out.push(
      wireIn(
        s,
        s.t0 + Math.floor(r.next() * 2.5 * DAY_MS),
        amount,
        sender,
        externalIban(`fanin-${s.scenario}-${i}-${sender}`),
        r.pick(['Payment', 'Order 2291', 'Deposit', 'Contribution']),
      ),
    );
  }
  out.push(transferOut(s, s.t0 + 3 * DAY_MS + r.int(1, 12) * HOUR_MS, floorTo(mulDiv(total, 900, 1000), 1_000), 'Global Trade s.r.o.', foreignIban(r), 'wire'));
  return out;
}

/** One large credit, then dozens of transfers to different new payees in a couple of days. */
function fanOut(s: Script): Planned[] {
  const r = s.rng;
  const big = r.int(800, 2_500) * 1_000;
  const out: Planned[] = [wireIn(s, s.t0, big, 'Consulting Partners Ltd', foreignIban(r), 'Invoice payment')];
  const n = r.int(12, 35);
  for (let i = 0; i < n; i++) {
    const name = person(r);
    out.push(transferOut(s, s.t0 + HOUR_MS + Math.floor(r.next() * 2.5 * DAY_MS), r.int(150, 900) * 100, name, externalIban(`fanout-${s.scenario}-${i}-${name}`)));
  }
  return out;
}

/** An account silent for months suddenly empties: transfers to new payees and ATM cash elsewhere. */
function dormantReactivation(s: Script): Planned[] {
  const r = s.rng;
  const out = emptySavings(s, s.t0);
  out.push(transferOut(s, s.t0 + r.int(5, 40) * MINUTE_MS, drain(s.p.current.id, r.int(500, 800)), person(r), foreignIban(r)));
  if (r.chance(0.6)) out.push(transferOut(s, s.t0 + r.int(1, 3) * HOUR_MS, drain(s.p.current.id, 600), person(r), externalIban(`dormant-${s.scenario}`)));
  out.push(...atmRun(s, s.t0 + r.int(10, 20) * HOUR_MS, r.int(2, 3)));
  return out;
}

/** Authorised push payment: the customer is talked into paying a "safe account" they never paid before. */
function newPayeeScam(s: Script): Planned[] {
  const r = s.rng;
  const out = emptySavings(s, s.t0 - 10 * MINUTE_MS);
  const payee = r.pick(['Bezpečný účet – ochrana vkladů', 'Investiční platforma Zlatý Důl', 'Celní úřad – doplatek zásilky', 'Pavel Horák (prodejce auta)']);
  const iban = r.chance(0.5) ? foreignIban(r) : externalIban(`scam-${s.scenario}`);
  const channel = s.p.onlineUser ? 'online' : 'branch';
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++)
    out.push(transferOut(s, s.t0 + i * r.int(1, 14) * HOUR_MS, drain(s.p.current.id, i === n - 1 ? r.int(700, 950) : r.int(300, 500)), payee, iban, channel));
  return out;
}

export const SCRIPTS: Record<Pattern, (s: Script) => Planned[]> = {
  account_takeover: accountTakeover,
  card_testing: cardTesting,
  mule_pass_through: mulePassThrough,
  structuring,
  fan_in: fanIn,
  fan_out: fanOut,
  dormant_reactivation: dormantReactivation,
  new_payee_scam: newPayeeScam,
};
