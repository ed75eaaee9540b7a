import { DAY_OF_MONTH } from './calibration';
import { daysInMonth, isHoliday, localToUtc, weekdayOf, type MonthIndex } from './calendar';
import { Cumulative, type Rng } from './random';

/**
 * When customers act. Berka dates are flat across weekdays (measured within ±4%) and carry no
 * time of day, so the weekday and hour shapes below are MODERN retail-banking assumptions:
 * card spending peaks on Friday/Saturday and at lunch and after work, online banking in the
 * morning and evening, branches only in opening hours on business days. Day-of-month shapes
 * for cash come from Berka (calibration.DAY_OF_MONTH).
 */
export type Rhythm = 'atm' | 'branch' | 'card' | 'cardOnline' | 'online';
export type DayShape = 'flat' | 'cashWithdrawal' | 'cashDeposit';

// Sunday … Saturday
const WEEKDAY: Record<Rhythm, readonly number[]> = {
  atm: [0.75, 0.95, 0.95, 1.0, 1.05, 1.25, 1.1],
  branch: [0, 1.2, 1.0, 1.0, 1.05, 1.1, 0],
  card: [0.55, 0.95, 0.95, 1.0, 1.05, 1.25, 1.35],
  cardOnline: [1.1, 1.05, 1.0, 1.0, 0.95, 0.9, 0.9],
  online: [0.8, 1.25, 1.1, 1.05, 1.0, 0.95, 0.7],
};

// Local hours 0 … 23
const HOURS: Record<Rhythm, readonly number[]> = {
  atm: [1, 0.5, 0.3, 0.2, 0.2, 0.5, 2, 4, 6, 7, 8, 9, 10, 9, 8, 8, 9, 10, 10, 8, 6, 4, 3, 2],
  branch: [0, 0, 0, 0, 0, 0, 0, 0, 3, 9, 10, 9, 7, 7, 8, 8, 6, 0, 0, 0, 0, 0, 0, 0],
  card: [0.5, 0.2, 0.1, 0.1, 0.1, 0.3, 1.5, 4, 6, 7, 8, 10, 12, 10, 8, 8, 10, 12, 12, 9, 6, 4, 2, 1],
  cardOnline: [2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 6, 7, 9, 11, 12, 11, 8, 4],
  online: [1, 0.5, 0.2, 0.1, 0.2, 0.5, 2, 5, 8, 9, 8, 7, 7, 7, 7, 7, 6, 6, 7, 8, 9, 8, 5, 2],
};

const HOUR_CUM: Record<Rhythm, Cumulative> = {
  atm: new Cumulative(HOURS.atm),
  branch: new Cumulative(HOURS.branch),
  card: new Cumulative(HOURS.card),
  cardOnline: new Cumulative(HOURS.cardOnline),
  online: new Cumulative(HOURS.online),
};

const SHAPES: Record<DayShape, readonly number[] | null> = { flat: null, cashWithdrawal: DAY_OF_MONTH.cashWithdrawal, cashDeposit: DAY_OF_MONTH.cashDeposit };

/** Per-month day weights for one rhythm and shape, with a range-restricted sampler. */
class DayTable {
  private readonly cum: Float64Array;

  constructor(mi: MonthIndex, rhythm: Rhythm, shape: DayShape) {
    const n = daysInMonth(mi);
    this.cum = new Float64Array(n + 1);
    const dom = SHAPES[shape];
    for (let d = 1; d <= n; d++) {
      const holiday = isHoliday(mi, d);
      const wd = holiday ? 0 : weekdayOf(mi, d);
      const w = (rhythm === 'branch' && holiday ? 0 : (WEEKDAY[rhythm][wd] ?? 1)) * (dom ? (dom[d - 1] ?? 1) : 1);
      this.cum[d] = (this.cum[d - 1] ?? 0) + w;
    }
  }

  /** A day in [from, to] drawn by weight, or null when every day in range has weight 0. */
  draw(u: number, from: number, to: number): number | null {
    const lo = this.cum[from - 1] ?? 0;
    const hi = this.cum[to] ?? lo;
    if (hi <= lo) return null;
    const x = lo + u * (hi - lo);
    let a = from;
    let b = to;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((this.cum[mid] ?? 0) > x) b = mid;
      else a = mid + 1;
    }
    return a;
  }
}

/** Day and hour sampling for one calendar month. */
export class MonthRhythm {
  private readonly tables = new Map<string, DayTable>();

  constructor(readonly mi: MonthIndex) {}

  private table(rhythm: Rhythm, shape: DayShape): DayTable {
    const key = `${rhythm}:${shape}`;
    let t = this.tables.get(key);
    if (!t) {
      t = new DayTable(this.mi, rhythm, shape);
      this.tables.set(key, t);
    }
    return t;
  }

  /** A day of the month in [from, to] for this rhythm (null if e.g. no business day is left). */
  day(rng: Rng, rhythm: Rhythm, shape: DayShape, from: number, to: number): number | null {
    return this.table(rhythm, shape).draw(rng.next(), from, to);
  }

  /** An instant on `day` at an hour typical for the rhythm. */
  instant(rng: Rng, rhythm: Rhythm, day: number): number {
    const hour = HOUR_CUM[rhythm].index(rng.next());
    // Branches open at 08:30.
    const minute = rhythm === 'branch' && hour === 8 ? rng.int(30, 59) : rng.int(0, 59);
    return localToUtc(this.mi, day, hour, minute, rng.int(0, 59), rng.int(0, 999));
  }
}
