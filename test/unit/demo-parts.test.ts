import { describe, expect, it } from 'vitest';
import { isValidCzechAccountPart, isValidIban } from '../../shared/account-number';
import { annuityPayment, divFloor, monthlyInterest, mulDiv, sampleQuantiles } from '../../main/demo/amounts';
import { BERKA_AMOUNTS_CZK } from '../../main/demo/calibration';
import { businessDayOnOrBefore, isHoliday, monthIndex, localDate, bankOffsetMs, localToUtc } from '../../main/demo/calendar';
import { externalIban, foreignIban } from '../../main/demo/counterparties';
import { drawIdentity } from '../../main/demo/identity';
import { ACCOUNT_PREFIXES, spreadAccountNumber } from '../../main/ledger';
import { rngFor } from '../../main/demo/random';
import { EventQueue, type Planned } from '../../main/demo/schedule';
import { MonthRhythm } from '../../main/demo/time-profile';
import { demoWindow } from '../../main/demo/window';

describe('seeded randomness', () => {
  it('repeats per (seed, purpose, ids) and differs otherwise', () => {
    const a = Array.from({ length: 5 }, () => rngFor(1, 'x', 3).u32());
    const draw = (seed: number, ...ids: Array<string | number>): number[] => {
      const r = rngFor(seed, ...ids);
      return Array.from({ length: 5 }, () => r.u32());
    };
    expect(draw(1, 'x', 3)).toEqual(draw(1, 'x', 3));
    expect(draw(1, 'x', 3)).not.toEqual(draw(2, 'x', 3));
    expect(draw(1, 'x', 3)).not.toEqual(draw(1, 'x', 4));
    expect(draw(1, 'x', 3)).not.toEqual(draw(1, 'y', 3));
    expect(new Set(a).size).toBe(1);
  });

  it('is uniform enough for the shares it draws', () => {
    let hits = 0;
    for (let k = 0; k < 50_000; k++) if (rngFor(5, 'share', k).chance(0.2)) hits++;
    expect(hits / 50_000).toBeGreaterThan(0.19);
    expect(hits / 50_000).toBeLessThan(0.21);
  });
});

describe('amounts in integer cents', () => {
  it('samples Berka quantiles monotonically between their end points', () => {
    const q = BERKA_AMOUNTS_CZK.cashWithdrawal;
    expect(sampleQuantiles(q, 0)).toBeCloseTo(100);
    expect(sampleQuantiles(q, 0.5)).toBeCloseTo(3920);
    expect(sampleQuantiles(q, 1)).toBeCloseTo(76500);
    let last = 0;
    for (let u = 0; u <= 1; u += 0.01) {
      const v = sampleQuantiles(q, u);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
  });

  it('divides and computes interest exactly', () => {
    expect(divFloor(7, 2)).toBe(3);
    expect(divFloor(-7, 2)).toBe(-4);
    expect(divFloor(120_000 * 1_000_000 - 1, 120_000)).toBe(999_999);
    expect(monthlyInterest(1_000_000, 300)).toBe(2_500);
    expect(monthlyInterest(99, 300)).toBe(0);
    expect(monthlyInterest(-1_000_000, 1290)).toBe(-10_750);
    expect(mulDiv(1_000, 1, 3)).toBe(333);
    expect(mulDiv(1_001, 1, 2)).toBe(501);
  });

  it('builds annuity payments that repay the principal', () => {
    const principal = 1_000_000;
    const payment = annuityPayment(principal, 890, 36);
    let owed = principal;
    for (let n = 1; n <= 36; n++) {
      const interest = monthlyInterest(owed, 890);
      owed -= n === 36 ? owed : payment - interest;
    }
    expect(owed).toBe(0);
    // 317.53 EUR exactly would be 31,753.07 cents: the contract rounds up.
    expect(payment).toBe(31_754);
  });
});

describe('Prague calendar', () => {
  it('follows EU summer time', () => {
    expect(bankOffsetMs(Date.UTC(2025, 0, 15))).toBe(3_600_000);
    expect(bankOffsetMs(Date.UTC(2025, 6, 15))).toBe(7_200_000);
    expect(bankOffsetMs(Date.UTC(2025, 2, 30, 0, 59))).toBe(3_600_000);
    expect(bankOffsetMs(Date.UTC(2025, 2, 30, 1, 0))).toBe(7_200_000);
    expect(localToUtc(monthIndex(2025, 6), 1, 9)).toBe(Date.UTC(2025, 6, 1, 7));
    expect(localDate(Date.UTC(2025, 11, 31, 23, 30)).day).toBe(1);
  });

  it('knows Czech holidays and business days', () => {
    expect(isHoliday(monthIndex(2025, 3), 21)).toBe(true); // Easter Monday 2025
    expect(isHoliday(monthIndex(2025, 3), 18)).toBe(true); // Good Friday
    expect(isHoliday(monthIndex(2025, 9), 28)).toBe(true);
    expect(isHoliday(monthIndex(2025, 9), 29)).toBe(false);
    expect(businessDayOnOrBefore(monthIndex(2025, 10), 9)).toBe(7); // Sunday 9 Nov → Friday 7
  });

  it('opens branches only on business days in opening hours', () => {
    const mi = monthIndex(2025, 11);
    const rhythm = new MonthRhythm(mi);
    const rng = rngFor(3, 'rhythm');
    for (let i = 0; i < 500; i++) {
      const day = rhythm.day(rng, 'branch', 'flat', 1, 31);
      expect(day).not.toBeNull();
      const at = rhythm.instant(rng, 'branch', day ?? 1);
      const local = localDate(at);
      expect([0, 6]).not.toContain(local.weekday);
      expect(isHoliday(mi, local.day)).toBe(false);
      expect(local.hour).toBeGreaterThanOrEqual(8);
      expect(local.hour).toBeLessThan(17);
    }
  });

  it('ends the window at the end instant and starts it `months` full months earlier', () => {
    const w = demoWindow(Date.UTC(2025, 10, 25, 14, 30), 12);
    expect(new Date(w.start).toISOString()).toBe('2024-10-31T23:00:00.000Z');
    expect(w.endMi - w.startMi).toBe(12);
    expect(w.carryAt).toBeLessThan(w.start);
  });
});

describe('identifiers', () => {
  it('numbers own accounts uniquely with valid IBAN and Czech checks', () => {
    const seen = new Set<string>();
    for (let seq = 1; seq < 3_000; seq++) {
      const no = spreadAccountNumber(ACCOUNT_PREFIXES.demo.savings, seq);
      expect(isValidIban(no)).toBe(true);
      expect(isValidCzechAccountPart(no.slice(14), 10)).toBe(true);
      expect(isValidCzechAccountPart(no.slice(8, 14), 6)).toBe(true);
      seen.add(no);
    }
    expect(seen.size).toBe(2_999);
  });

  it('gives counterparties stable, valid account numbers', () => {
    expect(externalIban('EnergoDomov a.s.')).toBe(externalIban('EnergoDomov a.s.'));
    expect(isValidIban(externalIban('EnergoDomov a.s.'))).toBe(true);
    const rng = rngFor(1, 'foreign');
    for (let i = 0; i < 100; i++) expect(isValidIban(foreignIban(rng))).toBe(true);
  });

  it('issues unique birth numbers (month + 50 for women, divisible by 11 since 1954)', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const who = drawIdentity(rngFor(9, 'id', i), Date.UTC(2025, 10, 25), taken);
      const digits = who.nationalId.replace('/', '');
      const month = Number(digits.slice(2, 4));
      expect(who.female ? month > 50 : month <= 12).toBe(true);
      if (Number(who.birthIso.slice(0, 4)) >= 1954) expect(Number(digits) % 11).toBe(0);
      expect(who.age).toBeGreaterThanOrEqual(15);
    }
    expect(taken.size).toBe(2_000);
  });
});

describe('posting queue', () => {
  it('pops in time order, ties in planning order, and holds later events back', () => {
    const q = new EventQueue();
    const ev = (at: number, description: string): Planned => ({
      at,
      description,
      type: 'fee',
      channel: 'system',
      currency: 'EUR',
      counterpartyName: null,
      counterpartyAccount: null,
      externalRef: null,
      from: 1,
      to: 2,
      amount: 1,
      policy: 'skip',
    });
    for (const [at, d] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c1'],
      [3, 'c2'],
      [9, 'late'],
    ] as const)
      q.push(ev(at, d));
    const out: string[] = [];
    for (let e = q.popBefore(6); e; e = q.popBefore(6)) out.push(e.description);
    expect(out).toEqual(['a', 'c1', 'c2', 'e']);
    expect(q.size).toBe(1);
  });
});
