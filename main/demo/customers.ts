import { ACCOUNT_PREFIXES, spreadAccountNumber, type WriteRow } from '../ledger';
import type { Row } from '../source';
import { BANK_FOUNDED, type Branch } from './branches';
import { businessDayOnOrAfter, businessDayOnOrBefore, DAY_MS, isBusinessDay, localDate, localToUtc } from './calendar';
import { drawFinances, type Finances } from './finances';
import { drawHoldings } from './holdings';
import { drawIdentity, type Identity } from './identity';
import type { OwnAccount, Persona } from './persona';
import { rngFor, type Rng } from './random';
import type { DemoWindow } from './window';

const YEAR_MS = 365.2425 * DAY_MS;

/**
 * Tenure: 85% follow an exponential with a 10-year mean (capped at the bank's founding), 15% joined
 * in the last two years, so customer acquisition charts show steady recent growth.
 */
function drawJoinedAt(rng: Rng, who: Identity, end: number): number {
  const years = rng.chance(0.15) ? rng.next() * 2 : -Math.log(1 - rng.next()) * 10;
  const adult = Date.parse(`${who.birthIso}T00:00:00Z`) + 15 * YEAR_MS;
  let at = Math.max(end - years * YEAR_MS, BANK_FOUNDED);
  if (at < adult) at = adult + rng.next() * Math.max(0, end - adult);
  // Accounts are opened in branch hours.
  const d = localDate(at);
  let day = businessDayOnOrBefore(d.mi, d.day);
  if (!isBusinessDay(d.mi, day)) day = businessDayOnOrAfter(d.mi, d.day);
  const opened = localToUtc(d.mi, day, rng.int(9, 16), rng.int(0, 59), rng.int(0, 59));
  return Math.min(opened, end - 2 * 3_600_000);
}

type Kyc = Pick<Row<'customers'>, 'risk_rating' | 'kyc_status' | 'kyc_next_review' | 'preferred_channel' | 'updated_at'>;

function drawKyc(rng: Rng, who: Identity, f: Finances, joinedAt: number, hasFx: boolean, end: number): Kyc {
  let risk: Row<'customers'>['risk_rating'] = 'low';
  const r = rng.next();
  if (f.income === 'cash') risk = r < 0.06 ? 'high' : r < 0.4 ? 'medium' : 'low';
  else if (hasFx) risk = r < 0.3 ? 'medium' : 'low';
  else if (who.age < 21) risk = r < 0.08 ? 'medium' : 'low';
  else risk = r < 0.01 ? 'high' : r < 0.06 ? 'medium' : 'low';
  // Review cycle by risk (EU AMLD practice): 5 years low, 2 years medium, 1 year high.
  const period = (risk === 'low' ? 5 : risk === 'medium' ? 2 : 1) * YEAR_MS;
  let status: Row<'customers'>['kyc_status'] = 'verified';
  let lastReview: number;
  let next: number;
  if (end - joinedAt < 21 * DAY_MS && rng.chance(0.75)) {
    status = 'pending';
    lastReview = joinedAt;
    next = joinedAt + 30 * DAY_MS;
  } else if (rng.chance(0.05) && end - joinedAt > period + 30 * DAY_MS) {
    status = 'expired';
    next = end - rng.int(1, 200) * DAY_MS;
    lastReview = next - period;
  } else {
    lastReview = Math.max(joinedAt, end - period) + rng.next() * (end - Math.max(joinedAt, end - period));
    next = lastReview + period;
  }
  const channels: Array<readonly [Row<'customers'>['preferred_channel'], number]> =
    who.email === ''
      ? [
          ['phone', 4],
          ['post', 4],
          ['branch', 3],
          ['sms', 1],
        ]
      : who.age >= 65
        ? [
            ['email', 3],
            ['phone', 3],
            ['post', 3],
            ['branch', 2],
            ['sms', 1],
          ]
        : [
            ['email', 10],
            ['sms', 4],
            ['phone', 2],
            ['post', 1],
            ['branch', 1],
          ];
  return {
    risk_rating: risk,
    kyc_status: status,
    kyc_next_review: new Date(next).toISOString().slice(0, 10),
    preferred_channel: rng.weighted(channels),
    updated_at: Math.floor(Math.min(end, Math.max(joinedAt, lastReview))),
  };
}

function drawPersona(seed: number, key: number, w: DemoWindow, takenIds: Set<string>, branchOf: Map<number, number>): Persona {
  const rng = rngFor(seed, 'customer', key);
  const who = drawIdentity(rng, w.end, takenIds);
  const joinedAt = drawJoinedAt(rng, who, w.end);
  const f = drawFinances(rng, who);
  const h = drawHoldings(rng, who.age, f, joinedAt, w);
  const kyc = drawKyc(rng, who, f, joinedAt, h.fx !== null, w.end);
  return {
    key,
    id: 0,
    female: who.female,
    birthIso: who.birthIso,
    age: who.age,
    district: who.district,
    branchId: branchOf.get(who.district.berkaId) ?? 1,
    givenName: who.givenName,
    surname: who.surname,
    joinedAt,
    preexisting: joinedAt < w.start,
    income: f.income,
    monthly: f.monthly,
    payDay: f.payDay,
    payer: f.payer,
    payerIban: f.payerIban,
    bonus: f.bonus,
    benefit: f.benefit,
    cover: f.cover,
    spendRatio: f.spendRatio,
    scale: f.scale,
    onlineUser: f.onlineUser,
    cashShare: f.cashShare,
    atmShare: f.atmShare,
    current: h.current,
    savings: h.savings,
    term: h.term,
    fx: h.fx,
    orders: f.orders,
    savingsPlan: h.savingsPlan,
    billPayees: f.billPayees,
    contacts: [],
    cards: [],
    dormant: false,
    kyc: {
      legal_name: `${who.givenName} ${who.surname}`,
      date_of_birth: who.birthIso,
      gender: who.female ? 'F' : 'M',
      national_id: who.nationalId,
      address: who.address,
      city: who.district.town,
      phone: who.phone,
      email: who.email,
      occupation: f.occupation,
      created_at: joinedAt,
      ...kyc,
    },
  };
}

export const ownedAccounts = (p: Persona): OwnAccount[] => [p.current, p.savings, p.term, p.fx].filter((a): a is OwnAccount => a !== null);

const PREFIX = ACCOUNT_PREFIXES.demo;
const prefixOf = (a: OwnAccount): string =>
  a.product.kind === 'savings' && a.currency === 'EUR' ? PREFIX.savings : a.product.kind === 'term_deposit' ? PREFIX.term : a.currency !== 'EUR' ? PREFIX.fx : PREFIX.current;

/**
 * All customers, ids in joining order (so ids and customer numbers grow with time, as in a real
 * core system), with their accounts numbered from `firstAccountId` in opening order.
 */
export function buildCustomers(seed: number, count: number, w: DemoWindow, branches: readonly Branch[], firstAccountId: number): Persona[] {
  const takenIds = new Set<string>();
  const branchOf = new Map(branches.map((b) => [b.district.berkaId, b.id]));
  const people: Persona[] = [];
  for (let key = 0; key < count; key++) people.push(drawPersona(seed, key, w, takenIds, branchOf));
  people.sort((a, b) => a.joinedAt - b.joinedAt || a.key - b.key);
  people.forEach((p, i) => (p.id = i + 1));

  // A few people each customer sends money to, mostly from the same district.
  const byDistrict = new Map<number, Persona[]>();
  for (const p of people) {
    const list = byDistrict.get(p.district.berkaId) ?? [];
    list.push(p);
    byDistrict.set(p.district.berkaId, list);
  }
  for (const p of people) {
    const rng = rngFor(seed, 'contacts', p.key);
    const local = byDistrict.get(p.district.berkaId) ?? people;
    const n = rng.int(0, 3);
    for (let i = 0; i < n; i++) {
      const pool = rng.chance(0.8) ? local : people;
      const other = rng.pick(pool);
      if (other.id !== p.id && !p.contacts.includes(other.id)) p.contacts.push(other.id);
    }
  }

  const order: Array<{ a: OwnAccount; owner: number; rank: number }> = [];
  for (const p of people) ownedAccounts(p).forEach((a, rank) => order.push({ a, owner: p.id, rank }));
  order.sort((x, y) => x.a.openedAt - y.a.openedAt || x.owner - y.owner || x.rank - y.rank);
  order.forEach((o, i) => {
    o.a.id = firstAccountId + i;
    o.a.accountNo = spreadAccountNumber(prefixOf(o.a), o.a.id);
  });
  return people;
}

export function customerRow(p: Persona): WriteRow<'customers'> {
  return { id: p.id, customer_no: `CB${String(p.id).padStart(7, '0')}`, branch_id: p.branchId, ...p.kyc };
}

export function accountRows(p: Persona): Row<'accounts'>[] {
  return ownedAccounts(p).map((a) => ({
    id: a.id,
    account_no: a.accountNo,
    kind: 'customer',
    name: a.product.name,
    customer_id: p.id,
    product_id: a.product.id,
    branch_id: p.branchId,
    currency: a.currency,
    balance: 0,
    status: 'open',
    status_reason: null,
    opened_at: a.openedAt,
    closed_at: null,
    updated_at: a.openedAt,
  }));
}
