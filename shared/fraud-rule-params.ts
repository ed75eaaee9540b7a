import { z } from 'zod';

/**
 * The ranges of the detection rules' numeric parameters, by name (a name means the same thing in
 * every rule that has it). The server checks a proposed version with these schemas and the rule form
 * validates with the very same ones before anything is sent, so both say the same thing.
 */
interface Range {
  min: number;
  max: number;
  /** Whole numbers only (counts, minutes, hours, days, money in minor units). */
  int?: boolean;
  /** What the figure is, for the message ("a share", "hours"). */
  what: string;
  /** Money: minor units of the account's currency (the form types it in major units). */
  money?: boolean;
}

const MONEY: Range = { min: 0, max: Number.MAX_SAFE_INTEGER, int: true, what: 'an amount of money', money: true };
const SHARE: Range = { min: 0, max: 1, what: 'a fraction (0.5 for 50 %)' };
const HOURS: Range = { min: 1, max: 8760, int: true, what: 'hours' };
const DAYS: Range = { min: 1, max: 3650, int: true, what: 'days' };

export const RULE_PARAM_RANGES: Readonly<Record<string, Range>> = {
  score: { min: 0, max: 100, what: 'a score' },
  peerScore: { min: 0, max: 100, what: 'a score' },
  minAmount: MONEY,
  minPeak: MONEY,
  minIn: MONEY,
  threshold: MONEY,
  minHistory: { min: 0, max: 100_000, int: true, what: 'a count' },
  zScore: { min: 0.5, max: 50, what: 'standard deviations' },
  minSd: { min: 0.01, max: 10, what: 'a spread on the log scale' },
  peerRank: SHARE,
  minPeerRank: SHARE,
  minPeerBalanceRank: SHARE,
  minShareOfBalance: SHARE,
  drainedShare: SHARE,
  cashOutShare: SHARE,
  outShare: SHARE,
  margin: SHARE,
  followShare: SHARE,
  maxShare: SHARE,
  sameAmount: SHARE,
  minFee: SHARE,
  maxFee: SHARE,
  rungTolerance: SHARE,
  windowMinutes: { min: 1, max: 10_080, int: true, what: 'minutes' },
  windowHours: HOURS,
  newForHours: HOURS,
  cashOutHours: HOURS,
  followHours: HOURS,
  windowDays: { ...DAYS, max: 365 },
  minHistoryDays: { ...DAYS, min: 0 },
  dormantDays: DAYS,
  maxCount: { min: 1, max: 10_000, int: true, what: 'a count' },
  minPayees: { min: 0, max: 10_000, int: true, what: 'a count' },
  minCount: { min: 1, max: 10_000, int: true, what: 'a count' },
  minSenders: { min: 1, max: 10_000, int: true, what: 'a count' },
  minCounterparties: { min: 1, max: 10_000, int: true, what: 'a count' },
  fanMin: { min: 2, max: 10_000, int: true, what: 'a count' },
  chainMinHops: { min: 2, max: 100, int: true, what: 'a count of hops' },
  cycleMinHops: { min: 2, max: 100, int: true, what: 'a count of hops' },
};

/** Any other numeric parameter: finite and not negative. */
const FALLBACK: Range = { min: 0, max: Number.MAX_VALUE, what: 'a number' };

export function ruleParamRange(name: string): Range {
  return RULE_PARAM_RANGES[name] ?? FALLBACK;
}

/** Whether a rule parameter is an amount of money (minor units), by the same table. */
export function isMoneyRuleParam(name: string): boolean {
  return RULE_PARAM_RANGES[name]?.money === true;
}

const fmt = (n: number): string => (n >= Number.MAX_SAFE_INTEGER ? 'any size' : n.toLocaleString('en-US', { maximumFractionDigits: 4 }));

/** The schema of one numeric parameter's value (minor units for money). */
export function ruleParamNumberSchema(name: string) {
  const r = ruleParamRange(name);
  const unbounded = r.max >= Number.MAX_SAFE_INTEGER;
  const range = unbounded ? `${fmt(r.min)} or more` : `from ${fmt(r.min)} to ${fmt(r.max)}`;
  let s = z
    .number({ error: 'Enter a number' })
    .refine(Number.isFinite, { message: 'Enter a number' })
    .refine((v) => v >= r.min && (unbounded || v <= r.max), { message: `Must be ${range} (${r.what})` })
    // Money has no business ceiling here, only the exact-integer one (2^53 − 1 minor units).
    .refine((v) => v <= r.max, { message: `Too large: at most ${r.max === Number.MAX_SAFE_INTEGER ? '2^53 − 1 minor units' : fmt(r.max)} (${r.what})` });
  if (r.int) s = s.refine(Number.isInteger, { message: `Must be a whole number (${r.what})` });
  return s;
}

/** Relations between parameters of one rule: issues keyed by the parameter they are shown at. */
export function ruleParamsCrossIssues(params: Readonly<Record<string, number | boolean | null>>): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  const { minFee, maxFee } = params;
  if (typeof minFee === 'number' && typeof maxFee === 'number' && minFee > maxFee) out.push({ name: 'maxFee', message: 'The largest fee cannot be below the smallest' });
  return out;
}

/** The first issue of one value, or null: the same check the server makes. */
export function ruleParamIssue(name: string, value: number): string | null {
  const res = ruleParamNumberSchema(name).safeParse(value);
  return res.success ? null : (res.error.issues[0]?.message ?? 'Not allowed');
}
