import type { Row } from '../source';
import { CARD_SHARE, CARD_TYPE_MIX, JUNIOR_CARD_MAX_AGE } from './calibration';
import { DAY_MS } from './calendar';
import { REFERENCE_INCOME } from './finances';
import type { CardLife, Persona } from './persona';
import { rngFor } from './random';
import type { DemoWindow } from './window';

const VALIDITY = Math.round(4 * 365.2425 * DAY_MS);

/**
 * Debit cards on current accounts, calibrated on card.asc: 19.8% of accounts hold a card;
 * classic 73.9%, junior 16.3% (holders aged ≤ 20), gold 9.9%. Cards last four years, so long-
 * standing holders also have an expired predecessor; about 1.5% of cards were blocked (lost or
 * stolen) during the window and replaced a week later.
 */
export function issueCards(seed: number, people: Persona[], w: DemoWindow): void {
  const total = CARD_TYPE_MIX.debit_classic + CARD_TYPE_MIX.junior + CARD_TYPE_MIX.debit_gold;
  const young = people.filter((p) => p.age <= JUNIOR_CARD_MAX_AGE).length;
  const adults = people.length - young;
  // Split the card share so juniors make up their Berka fraction of all cards.
  const wantedJunior = (people.length * CARD_SHARE * CARD_TYPE_MIX.junior) / total;
  const pYoung = young > 0 ? Math.min(0.9, wantedJunior / young) : 0;
  const pAdult = adults > 0 ? Math.max(0, (people.length * CARD_SHARE - pYoung * young) / adults) : 0;
  const goldShare = CARD_TYPE_MIX.debit_gold / (CARD_TYPE_MIX.debit_classic + CARD_TYPE_MIX.debit_gold);
  let nextId = 1;
  for (const p of people) {
    const rng = rngFor(seed, 'card', p.key);
    const isYoung = p.age <= JUNIOR_CARD_MAX_AGE;
    if (!rng.chance(isYoung ? pYoung : pAdult)) continue;
    const type: Row<'cards'>['type'] = isYoung ? 'junior' : rng.chance(goldShare * (p.monthly >= REFERENCE_INCOME ? 1.6 : 0.4)) ? 'debit_gold' : 'debit_classic';
    const opened = p.current.openedAt;
    // The current card was issued within the last four years, not before the account.
    const from = Math.max(opened, w.end - VALIDITY + 30 * DAY_MS);
    const issuedAt = Math.floor(from + rng.next() * Math.max(0, w.end - from - DAY_MS));
    const life: CardLife[] = [];
    if (issuedAt - VALIDITY >= opened) {
      life.push({ id: 0, type, last4: pan(rng.int(0, 9999)), issuedAt: issuedAt - VALIDITY, until: issuedAt, status: 'expired' });
    }
    const blockedAt = rng.chance(0.015) ? Math.max(issuedAt, w.start) + Math.floor(rng.next() * (w.end - Math.max(issuedAt, w.start))) : Infinity;
    if (blockedAt < w.end - 8 * DAY_MS) {
      const replaced = blockedAt + rng.int(5, 8) * DAY_MS;
      life.push({ id: 0, type, last4: pan(rng.int(0, 9999)), issuedAt, until: blockedAt, status: 'blocked' });
      life.push({ id: 0, type, last4: pan(rng.int(0, 9999)), issuedAt: replaced, until: Infinity, status: 'active' });
    } else {
      life.push({ id: 0, type, last4: pan(rng.int(0, 9999)), issuedAt, until: Infinity, status: 'active' });
    }
    for (const c of life) c.id = nextId++;
    p.cards = life;
  }
}

const pan = (n: number): string => String(n).padStart(4, '0');

/** The card usable at an instant, if any. */
export function cardAt(p: Persona, at: number): CardLife | null {
  for (const c of p.cards) if (c.issuedAt <= at && at < c.until) return c;
  return null;
}

export function cardRows(p: Persona): Row<'cards'>[] {
  return p.cards.map((c) => ({
    id: c.id,
    account_id: p.current.id,
    customer_id: p.id,
    type: c.type,
    pan_last4: c.last4,
    issued_at: c.issuedAt,
    status: c.status,
    updated_at: Number.isFinite(c.until) ? c.until : c.issuedAt,
  }));
}
