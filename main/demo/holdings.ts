import { roundTo } from './amounts';
import type { Finances } from './finances';
import { REFERENCE_INCOME } from './finances';
import type { OwnAccount } from './persona';
import { product, type ProductCode } from './products';
import type { Rng } from './random';
import type { DemoWindow } from './window';

/**
 * Which accounts a customer holds (1–3: a current account plus up to two of savings, term
 * deposit, foreign-currency account), when each was opened and what it held at the window start.
 * Loans are contracts on the current account (see loans.ts), not separate accounts.
 */
export interface Holdings {
  current: OwnAccount;
  savings: OwnAccount | null;
  term: OwnAccount | null;
  fx: OwnAccount | null;
  savingsPlan: number;
}

/** Current account range launched 2014-03-01; customers from before often kept the old product. */
const NEW_RANGE = Date.UTC(2014, 2, 1);

function currentProduct(rng: Rng, age: number, f: Finances, joinedAt: number): ProductCode {
  if (age <= 26 && (f.income === 'allowance' || rng.chance(0.7))) return 'CUR-YOUNG';
  if (joinedAt < NEW_RANGE && rng.chance(0.3)) return 'CUR-STANDARD';
  if (f.monthly >= REFERENCE_INCOME * 1.5 && rng.chance(0.55)) return 'CUR-PLUS';
  if (age >= 60 && rng.chance(0.55)) return 'CUR-SENIOR';
  return rng.chance(0.1) ? 'CUR-PLUS' : 'CUR-CLASSIC';
}

const account = (code: ProductCode, openedAt: number): OwnAccount => {
  const p = product(code);
  return { id: 0, accountNo: '', product: p, currency: p.currency === 'USD' ? 'USD' : p.currency === 'CZK' ? 'CZK' : 'EUR', openedAt, carried: 0, openingFunds: 0 };
};

export function drawHoldings(rng: Rng, age: number, f: Finances, joinedAt: number, w: DemoWindow): Holdings {
  const current = account(currentProduct(rng, age, f, joinedAt), joinedAt);
  const later = (): number => {
    // Extra accounts open at joining or some time after, never after the end.
    const at = rng.chance(0.45) ? joinedAt + rng.int(0, 3) * 86_400_000 : joinedAt + Math.floor(rng.next() * (w.end - joinedAt) * 0.7);
    return Math.min(at, w.end - 3_600_000);
  };
  const extras: Array<'savings' | 'term' | 'fx'> = [];
  const rich = f.monthly > REFERENCE_INCOME;
  if (rng.chance(age < 26 ? 0.15 : rich ? 0.48 : 0.36)) extras.push('savings');
  if (rng.chance(f.income === 'pension' ? 0.14 : age >= 45 ? 0.1 : 0.03)) extras.push('term');
  if (rng.chance(0.03)) extras.push('fx');

  let savings: OwnAccount | null = null;
  let term: OwnAccount | null = null;
  let fx: OwnAccount | null = null;
  let savingsPlan = 0;
  for (const kind of extras.slice(0, 2)) {
    if (kind === 'savings') {
      const plan = (f.income === 'salary' || f.income === 'pension') && rng.chance(0.6);
      savings = account(plan ? 'SAV-BONUS' : 'SAV-FLEX', later());
      if (plan) savingsPlan = Math.max(2_000, roundTo(Math.round(f.monthly * (0.03 + rng.next() * 0.09)), 1_000));
    } else if (kind === 'term') {
      term = account(rng.chance(0.7) ? 'TD-12M' : 'TD-24M', later());
    } else {
      fx = account(rng.chance(0.65) ? 'SAV-USD' : 'CUR-CZK', later());
    }
  }

  // What each account held when the window opened (Berka cover for current accounts) or is
  // funded with when it opens inside the window.
  const fund = (a: OwnAccount | null, amount: number): void => {
    if (!a) return;
    if (a.openedAt < w.start) a.carried = amount;
    else a.openingFunds = amount;
  };
  // A new current account starts with a small cash deposit; salary does the rest.
  fund(current, current.openedAt < w.start ? a0(rng, f) : rng.int(2, 50) * 1_000);
  fund(savings, Math.round(rng.logNormal(Math.max(50_000, f.monthly * 3), 0.9)));
  fund(term, roundTo(Math.round(rng.logNormal(1_500_000, 0.7)), 10_000));
  if (fx) fund(fx, fx.currency === 'USD' ? roundTo(Math.round(rng.logNormal(400_000, 0.9)), 100) : roundTo(Math.round(rng.logNormal(3_000_000, 0.8)), 100));
  return { current, savings, term, fx, savingsPlan };
}

/** Current-account balance at the window start: income × Berka cover, with some noise. */
function a0(rng: Rng, f: Finances): number {
  return Math.max(1_000, Math.round(f.monthly * f.cover * (0.6 + rng.next() * 0.8)));
}
