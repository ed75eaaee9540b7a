import type { Row } from '../source';

/**
 * The product catalogue. Rates in basis points a year, fees and limits in minor units of the
 * product's currency. MODERN: Berka has no product table (only a statement-fee frequency:
 * 92.6% monthly at 14.60 CZK), so prices follow present-day Central European retail banks.
 */
export type ProductCode =
  | 'CUR-CLASSIC'
  | 'CUR-PLUS'
  | 'CUR-YOUNG'
  | 'CUR-SENIOR'
  | 'CUR-STANDARD'
  | 'CUR-CZK'
  | 'SAV-FLEX'
  | 'SAV-BONUS'
  | 'SAV-USD'
  | 'TD-12M'
  | 'TD-24M'
  | 'LOAN-CONS'
  | 'LOAN-CAR'
  | 'MORT-FIX5';

type Kind = Row<'products'>['kind'];

interface ProductDef {
  code: ProductCode;
  name: string;
  kind: Kind;
  currency: string;
  rateBp: number;
  fee: number;
  overdraft: number;
  dailyLimit: number;
  active: boolean;
  launched: string;
  description: string;
}

const DEFS: readonly ProductDef[] = [
  {
    code: 'CUR-CLASSIC',
    name: 'Current Account Classic',
    kind: 'current',
    currency: 'EUR',
    rateBp: 0,
    fee: 390,
    overdraft: 50_000,
    dailyLimit: 100_000,
    active: true,
    launched: '2014-03-01',
    description: 'Everyday account with debit card option, online banking and a 500 EUR arranged overdraft.',
  },
  {
    code: 'CUR-PLUS',
    name: 'Current Account Plus',
    kind: 'current',
    currency: 'EUR',
    rateBp: 10,
    fee: 890,
    overdraft: 250_000,
    dailyLimit: 300_000,
    active: true,
    launched: '2014-03-01',
    description: 'Premium account: 2,500 EUR overdraft, higher cash limits, travel insurance, 0.10% interest.',
  },
  {
    code: 'CUR-YOUNG',
    name: 'Young Account',
    kind: 'current',
    currency: 'EUR',
    rateBp: 0,
    fee: 0,
    overdraft: 0,
    dailyLimit: 50_000,
    active: true,
    launched: '2016-09-01',
    description: 'Free account for customers aged 15–26; no overdraft.',
  },
  {
    code: 'CUR-SENIOR',
    name: 'Senior Account',
    kind: 'current',
    currency: 'EUR',
    rateBp: 0,
    fee: 150,
    overdraft: 20_000,
    dailyLimit: 80_000,
    active: true,
    launched: '2015-01-01',
    description: 'Reduced fee for customers over 60, free branch payments.',
  },
  {
    code: 'CUR-STANDARD',
    name: 'Standard Current Account (legacy)',
    kind: 'current',
    currency: 'EUR',
    rateBp: 0,
    fee: 290,
    overdraft: 30_000,
    dailyLimit: 60_000,
    active: false,
    launched: '1993-01-01',
    description: 'Closed to new customers since 2014; existing accounts keep their terms.',
  },
  {
    code: 'CUR-CZK',
    name: 'CZK Current Account',
    kind: 'current',
    currency: 'CZK',
    rateBp: 0,
    fee: 9_900,
    overdraft: 1_000_000,
    dailyLimit: 2_000_000,
    active: true,
    launched: '2015-06-01',
    description: 'Czech koruna account for cross-border customers.',
  },
  {
    code: 'SAV-FLEX',
    name: 'Flexible Savings',
    kind: 'savings',
    currency: 'EUR',
    rateBp: 200,
    fee: 0,
    overdraft: 0,
    dailyLimit: 0,
    active: true,
    launched: '2014-03-01',
    description: 'Instant-access savings, 2.00% a year, interest credited monthly.',
  },
  {
    code: 'SAV-BONUS',
    name: 'Bonus Savings',
    kind: 'savings',
    currency: 'EUR',
    rateBp: 275,
    fee: 0,
    overdraft: 0,
    dailyLimit: 0,
    active: true,
    launched: '2019-02-01',
    description: 'Savings with a monthly deposit plan, 2.75% a year.',
  },
  {
    code: 'SAV-USD',
    name: 'USD Savings',
    kind: 'savings',
    currency: 'USD',
    rateBp: 150,
    fee: 0,
    overdraft: 0,
    dailyLimit: 0,
    active: true,
    launched: '2017-05-01',
    description: 'US dollar savings, 1.50% a year.',
  },
  {
    code: 'TD-12M',
    name: 'Term Deposit 12 months',
    kind: 'term_deposit',
    currency: 'EUR',
    rateBp: 300,
    fee: 0,
    overdraft: 0,
    dailyLimit: 0,
    active: true,
    launched: '2014-03-01',
    description: 'Fixed 3.00% for 12 months, renewed automatically.',
  },
  {
    code: 'TD-24M',
    name: 'Term Deposit 24 months',
    kind: 'term_deposit',
    currency: 'EUR',
    rateBp: 325,
    fee: 0,
    overdraft: 0,
    dailyLimit: 0,
    active: true,
    launched: '2014-03-01',
    description: 'Fixed 3.25% for 24 months, renewed automatically.',
  },
  {
    code: 'LOAN-CONS',
    name: 'Consumer Loan',
    kind: 'loan',
    currency: 'EUR',
    rateBp: 890,
    fee: 0,
    overdraft: 0,
    dailyLimit: 0,
    active: true,
    launched: '1993-01-01',
    description: 'Unsecured loan, 500–40,000 EUR over 12–60 months, 8.90% a year.',
  },
  {
    code: 'LOAN-CAR',
    name: 'Car Loan',
    kind: 'loan',
    currency: 'EUR',
    rateBp: 690,
    fee: 0,
    overdraft: 0,
    dailyLimit: 0,
    active: true,
    launched: '2012-04-01',
    description: 'Loan for a new or used car, 6.90% a year.',
  },
  {
    code: 'MORT-FIX5',
    name: 'Mortgage, 5-year fixed',
    kind: 'mortgage',
    currency: 'EUR',
    rateBp: 409,
    fee: 0,
    overdraft: 0,
    dailyLimit: 0,
    active: true,
    launched: '2005-01-01',
    description: 'Home loan up to 30 years, rate fixed for 5 years at 4.09%.',
  },
];

export interface Product extends ProductDef {
  id: number;
}

export const PRODUCTS: readonly Product[] = DEFS.map((d, i) => ({ ...d, id: i + 1 }));

const BY_CODE = new Map<ProductCode, Product>(PRODUCTS.map((p) => [p.code, p]));

export function product(code: ProductCode): Product {
  const p = BY_CODE.get(code);
  if (!p) throw new Error(`unknown product ${code}`);
  return p;
}

export function productRows(): Row<'products'>[] {
  return PRODUCTS.map((p) => {
    const at = Date.parse(`${p.launched}T08:00:00Z`);
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      kind: p.kind,
      currency: p.currency,
      interest_rate_bp: p.rateBp,
      monthly_fee: p.fee,
      overdraft_limit: p.overdraft,
      daily_withdrawal_limit: p.dailyLimit,
      active: p.active ? 1 : 0,
      description: p.description,
      created_at: at,
      updated_at: at,
    };
  });
}
