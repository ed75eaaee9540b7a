/**
 * Figures measured once on the Berka / PKDD'99 bank data (../shared/data/berka, 1993–1998) and
 * frozen here so generation needs no file access and stays byte-stable. Each constant names its
 * source. Where Berka has nothing to say (no mortgages, no card POS payments, no time of day) or is
 * plainly 1990s (cash-funded accounts), the deviation is marked MODERN with the reason.
 *
 * Quantile tables are [cumulative probability, value] knots; samplers interpolate in log space.
 */

export type Quantiles = ReadonlyArray<readonly [number, number]>;

/**
 * Berka amounts are CZK. Base currency is EUR: divide by 25 (about the CZK/EUR rate since 2000).
 * It also lands 1990s Berka ticket sizes on today's eurozone levels: median ATM withdrawal
 * 3,920 CZK → 157 EUR, median household standing order 3,190 CZK → 128 EUR.
 */
export const CZK_PER_EUR = 25;

const P = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1] as const;
const knots = (values: readonly number[]): Quantiles => values.map((v, i) => [P[i] ?? 1, v] as const);

/** trans.asc amount quantiles (CZK), 46,997 transactions 1993-01-01..1994-03-30. */
export const BERKA_AMOUNTS_CZK = {
  /** type VYDAJ, operation VYBER, no k_symbol: 13,443 cash withdrawals. */
  cashWithdrawal: knots([100, 500, 780, 1700, 3920, 11000, 21100, 28300, 50200, 76500]),
  /** operation VKLAD: 9,744 cash credits. */
  cashDeposit: knots([100, 400, 700, 2700, 10921, 20950, 31032, 38655, 47721, 49992]),
  /** operation PREVOD NA UCET, no k_symbol: 1,973 one-off remittances to another bank. */
  remittance: knots([20, 44, 121, 478, 1339, 2261, 4681, 5908, 8618, 11567]),
  /** operation PREVOD Z UCTU with median < 10,000 CZK: 121 accounts of small regular credits (benefits). */
  smallCredit: knots([2900, 2928, 3008, 3113, 3279, 3448, 3737, 3871, 3972, 3983]),
} as const;

/** order.asc standing-order amounts (CZK) by k_symbol; UVER (loan) orders are modelled by the loan book instead. */
export const BERKA_ORDERS_CZK = {
  /** SIPO household payments (rent, energy, TV licence): 3,502 orders. p0 floored (raw minimum 1 CZK). */
  SIPO: knots([200, 480, 970, 2003, 3190, 5530, 8196, 9546, 13167, 14882]),
  /** POJISTNE insurance: 532 orders. */
  POJISTNE: knots([10, 17, 50, 176, 629, 1652, 3539, 5187, 7996, 12504]),
  /** LEASING: 341 orders. */
  LEASING: knots([397, 658, 894, 1278.5, 1951.3, 3072.1, 4187, 4560.8, 4851.1, 4975.2]),
  /** empty k_symbol: 1,379 other orders (savings plans, memberships, family support). */
  OTHER: knots([20, 44, 127, 475, 1339, 2872, 5018, 6395, 9499, 12925]),
} as const;
export type OrderKind = keyof typeof BERKA_ORDERS_CZK;

/** order.asc k_symbol mix, UVER excluded. */
export const ORDER_KIND_MIX: ReadonlyArray<readonly [OrderKind, number]> = [
  ['SIPO', 3502],
  ['OTHER', 1379],
  ['POJISTNE', 532],
  ['LEASING', 341],
];

/** Standing orders per account (order.asc without UVER): 3,497 of 4,500 accounts have 1–5. */
export const ORDERS_PER_ACCOUNT: ReadonlyArray<readonly [number, number]> = [
  [0, 1003],
  [1, 2054],
  [2, 859],
  [3, 370],
  [4, 198],
  [5, 16],
];

/** Day-of-month counts (trans.asc). Transfer credits and orders only ever fall on days 5–14. */
export const DAY_OF_MONTH = {
  /** PREVOD Z UCTU, no k_symbol (salary): days 5..14. Each of the 232 salary accounts uses one fixed day. */
  salary: [274, 174, 260, 198, 198, 140, 194, 233, 157, 174],
  /** k_symbol DUCHOD (pension): days 5..14. */
  pension: [225, 220, 230, 94, 97, 130, 153, 184, 234, 203],
  /** SIPO orders: days 5..14. */
  householdOrder: [291, 376, 272, 343, 422, 323, 365, 445, 385, 381],
  /** POJISTNE orders: days 5..14. */
  insuranceOrder: [75, 99, 44, 83, 80, 47, 63, 53, 45, 55],
  /** VKLAD cash credits: days 1..31 (a second payday peak on days 5–14). */
  cashDeposit: [169, 175, 192, 185, 556, 611, 635, 593, 536, 479, 594, 662, 709, 610, 238, 218, 223, 335, 156, 175, 185, 171, 159, 176, 162, 171, 191, 156, 140, 113, 69],
  /** VYBER cash withdrawals: days 1..31, flat but for a month-end dip (31 is rarer as a date). */
  cashWithdrawal: [390, 437, 437, 444, 466, 477, 460, 471, 460, 437, 417, 435, 485, 462, 461, 469, 448, 470, 456, 458, 463, 467, 424, 479, 418, 411, 430, 398, 374, 390, 149],
} as const;
/** The first day the 10-day tables above describe. */
export const TRANSFER_WINDOW_FIRST_DAY = 5;
/** All 123 UVER loan debits in trans.asc fall on the 12th: the bank's collection day. */
export const LOAN_DUE_DAY = 12;

/** Cash-funded accounts (no transfer income; 63.8% of Berka accounts): deposits per month when any. */
export const CASH_DEPOSITS_PER_MONTH: ReadonlyArray<readonly [number, number]> = [
  [1, 4492],
  [2, 1550],
  [3, 309],
  [4, 97],
  [5, 19],
  [6, 10],
];
/**
 * MODERN: Berka's 1993 clients were mostly cash-funded (63.8% of accounts had no transfer income).
 * We keep that behaviour for a share of working-age customers (self-employed, tradespeople) and
 * pay the rest a salary by transfer, as a present-day bank would see.
 */
export const CASH_FUNDED_SHARE_OF_WORKING_AGE = 0.22;

/**
 * Income level. district.asc A11 is the 1995 average monthly wage (CZK). Czech average gross wage
 * grew 8,307 → 45,854 CZK from 1995 to 2024 (×5.52, Czech Statistical Office); net ≈ 77% of gross.
 */
export const WAGE_GROWTH_SINCE_1995 = 5.52;
export const NET_TO_GROSS = 0.77;
/** Salary spread around the district level: Berka salary credits / district wage, divided by their median (2.8). */
export const SALARY_SPREAD = knots([0.36, 0.43, 0.54, 0.64, 1, 1.54, 1.82, 1.96, 2.07, 2.14]);
/** DUCHOD pension credit / district average wage (213 pension accounts). */
export const PENSION_TO_WAGE = knots([0.3, 0.4, 0.4, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9]);
/** Balance at the last transaction / mean monthly inflow, accounts with ≥ 6 active months (p0 floored from −0.1). */
export const COVER_MONTHS = knots([0.3, 0.9, 1.1, 1.8, 2.6, 4.2, 5.2, 5.8, 7.4, 11.1]);

/**
 * Spending by calendar month (Jan..Dec), from discretionary debit volume per active account,
 * Jul–Nov 1993 = 1.0 base (12,044 CZK). Measured: Dec 1.23, Feb 0.72, Mar 0.96, Jun 1.29.
 * January measured 1.56 in the single 1994 January; capped at 1.10 as a one-off. Feb softened to
 * 0.85 (single observation); Apr/May fall in the bank's ramp-up, so 1.0; Jun damped to 1.05.
 */
export const MONTH_SPEND_FACTOR = [1.1, 0.85, 0.96, 1.0, 1.0, 1.05, 1.01, 1.03, 0.95, 1.02, 0.98, 1.23] as const;

/** client.asc: 2,645 of 5,369 clients are women (birth_number month + 50). */
export const FEMALE_SHARE = 2645 / 5369;
/** client.asc ages in 1999 at every 5th percentile (0..100%): used as ages at the demo's end date. */
export const AGE_VENTILES = [12, 20, 23, 26, 28, 31, 34, 37, 40, 42, 45, 48, 51, 53, 56, 59, 62, 66, 71, 76, 88] as const;
/** DUCHOD accounts' owners were 54–75 (median 66): pensions start at the Czech retirement age. */
export const PENSION_AGE = 64;

/** card.asc: 892 cards on 4,500 accounts; classic 659, junior 145, gold 88; junior holders aged 12–20. */
export const CARD_SHARE = 892 / 4500;
export const CARD_TYPE_MIX = { debit_classic: 659, junior: 145, debit_gold: 88 } as const;
export const JUNIOR_CARD_MAX_AGE = 20;

/** loan.asc: 682 loans on 4,500 accounts. */
export const LOAN_SHARE = 682 / 4500;
/**
 * loan.asc status: A finished OK, B finished unpaid, C running OK, D running in debt.
 * Median amounts per status relative to the overall median (117,024 CZK) and duration mix.
 */
export const LOAN_OUTCOMES = {
  A: {
    count: 203,
    amountFactor: 79632 / 117024,
    durations: [
      [12, 93],
      [24, 64],
      [36, 32],
      [48, 11],
      [60, 3],
    ],
  },
  B: {
    count: 31,
    amountFactor: 96396 / 117024,
    durations: [
      [12, 10],
      [24, 11],
      [36, 7],
      [48, 2],
      [60, 1],
    ],
  },
  C: {
    count: 403,
    amountFactor: 153504 / 117024,
    durations: [
      [12, 27],
      [24, 57],
      [36, 83],
      [48, 111],
      [60, 125],
    ],
  },
  D: {
    count: 45,
    amountFactor: 260400 / 117024,
    durations: [
      [12, 1],
      [24, 6],
      [36, 8],
      [48, 14],
      [60, 16],
    ],
  },
} as const;
export type LoanOutcome = keyof typeof LOAN_OUTCOMES;
/** loan.asc amount quantiles (CZK), all 682 loans. */
export const LOAN_AMOUNT_CZK = knots([4980, 22968, 34572, 66696, 117024, 210744, 317520, 388512, 482940, 590820]);
