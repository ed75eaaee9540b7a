import type { AlertFilter } from '../../../../shared/contract';
import { DISMISS_REASONS } from '../../../../shared/contract/fraud';
import type { FraudAlertStatus } from '../../../../shared/fraud-explanation';
import { parseAmount } from '../../../../shared/money';
import { formatMoney } from '../../format/money';

/** Pure helpers of the fraud screens: labels, colours, SLA ages, filters, the queue's window arithmetic. */

export const STATUS_LABELS: Record<FraudAlertStatus, string> = { new: 'New', in_review: 'In review', confirmed: 'Confirmed fraud', dismissed: 'Dismissed', escalated: 'Escalated' };

export const STATUS_COLORS: Record<FraudAlertStatus, string> = { new: 'blue', in_review: 'violet', confirmed: 'red', dismissed: 'gray', escalated: 'orange' };

export type DismissReason = (typeof DISMISS_REASONS)[number];

export const DISMISS_REASON_LABELS: Record<DismissReason, string> = {
  customer_confirmed: 'Customer confirmed the activity',
  known_pattern: 'Known, legitimate pattern',
  duplicate: 'Duplicate of another alert',
  insufficient_evidence: 'Insufficient evidence',
  other: 'Other (say why in the comment)',
};

export const DISMISS_REASON_OPTIONS = DISMISS_REASONS.map((r) => ({ value: r, label: DISMISS_REASON_LABELS[r] }));

export function isDismissReason(value: string | null): value is DismissReason {
  return value !== null && (DISMISS_REASONS as readonly string[]).includes(value);
}

/** Risk scores from this value up count as high risk (red badge, desktop notification). */
export const HIGH_RISK = 80;

export function riskColor(score: number): string {
  if (score >= HIGH_RISK) return 'red';
  if (score >= 60) return 'orange';
  if (score >= 40) return 'yellow';
  return 'gray';
}

export function riskLabel(score: number): string {
  if (score >= HIGH_RISK) return 'High';
  if (score >= 60) return 'Elevated';
  if (score >= 40) return 'Medium';
  return 'Low';
}

const HOUR = 3_600_000;
/** An alert waiting longer than this is late (amber); longer than the breach limit, overdue (red). */
export const SLA_WARN_MS = 4 * HOUR;
export const SLA_BREACH_MS = 24 * HOUR;

export type SlaLevel = 'ok' | 'warn' | 'breach';

export function slaLevel(ageMs: number): SlaLevel {
  if (ageMs >= SLA_BREACH_MS) return 'breach';
  if (ageMs >= SLA_WARN_MS) return 'warn';
  return 'ok';
}

export const SLA_COLORS: Record<SlaLevel, string | undefined> = { ok: undefined, warn: 'orange', breach: 'red' };

/** Only open alerts have an SLA clock; a disposed one stopped waiting. */
export function isOpen(status: FraudAlertStatus): boolean {
  return status === 'new' || status === 'in_review';
}

/** "12 min", "3 h 20 min", "2 d 4 h": how long an alert has waited. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** "new_payee_large" → "New payee large" when the catalog's title is not known (yet). */
export function humanizeRuleId(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function ruleTitle(id: string, titles: ReadonlyMap<string, string> | undefined): string {
  return titles?.get(id) ?? humanizeRuleId(id);
}

/** What the user typed for "who": me, unassigned, anyone. */
export type AssigneeChoice = 'anyone' | 'me' | 'unassigned';

export type QueueSort = 'risk' | 'age' | 'amount';

/** The queue's filters as the screen holds them (amounts as typed, in `currency`). */
export interface QueueFilterState {
  status: FraudAlertStatus[];
  ruleId: string | null;
  assignee: AssigneeChoice;
  /** ISO 4217 code the amount range is typed in: alerts' amounts are minor units of their own currency, so a range means one currency. */
  currency: string | null;
  minAmount: string;
  maxAmount: string;
  branchId: number | null;
}

export const DEFAULT_QUEUE_FILTERS: QueueFilterState = {
  status: ['new', 'in_review'],
  ruleId: null,
  assignee: 'anyone',
  currency: null,
  minAmount: '',
  maxAmount: '',
  branchId: null,
};

type Bound = { ok: true; minor: number | null } | { ok: false; reason: string };

/** One end of the amount range as typed → minor units of `currency` by the shared parser (ISO decimals, no float); empty is no bound. */
export function parseAmountBound(text: string, currency: string): Bound {
  const t = text.trim();
  if (t === '') return { ok: true, minor: null };
  if (/^0+(?:[.,]0*)?$/.test(t)) return { ok: true, minor: 0 };
  const parsed = parseAmount(t, currency);
  return parsed.ok ? { ok: true, minor: parsed.minor } : parsed;
}

/** What is wrong with the typed amount range, per field (shown under the inputs; such a bound is not sent). */
export function amountFilterProblems(f: QueueFilterState): Partial<Record<'minAmount' | 'maxAmount', string>> {
  const out: Partial<Record<'minAmount' | 'maxAmount', string>> = {};
  for (const field of ['minAmount', 'maxAmount'] as const) {
    if (f[field].trim() === '') continue;
    if (f.currency === null) {
      out[field] = 'Choose the currency first';
      continue;
    }
    const b = parseAmountBound(f[field], f.currency);
    if (!b.ok) out[field] = b.reason;
  }
  return out;
}

/** The contract's filter from the screen's. Amounts go as minor units of the chosen currency, with the currency. */
export function toAlertFilter(f: QueueFilterState): AlertFilter {
  const out: AlertFilter = { status: f.status.length > 0 ? f.status : ['new', 'in_review'] };
  if (f.ruleId) out.ruleId = f.ruleId;
  if (f.assignee !== 'anyone') out.assignee = f.assignee;
  if (f.currency !== null) {
    out.currency = f.currency;
    const min = parseAmountBound(f.minAmount, f.currency);
    const max = parseAmountBound(f.maxAmount, f.currency);
    if (min.ok && min.minor !== null) out.minAmount = min.minor;
    if (max.ok && max.minor !== null) out.maxAmount = max.minor;
  }
  if (f.branchId !== null) out.branchId = f.branchId;
  return out;
}

/** How many filters differ from the defaults (shown on the "Reset" button). */
export function activeFilterCount(f: QueueFilterState): number {
  let n = 0;
  if ([...f.status].sort().join() !== [...DEFAULT_QUEUE_FILTERS.status].sort().join()) n += 1;
  if (f.ruleId) n += 1;
  if (f.assignee !== 'anyone') n += 1;
  if (f.currency !== null) n += 1;
  if (f.minAmount.trim() !== '') n += 1;
  if (f.maxAmount.trim() !== '') n += 1;
  if (f.branchId !== null) n += 1;
  return n;
}

/** Rows per alerts.list call while scrolling. */
export const WINDOW_SIZE = 200;

/** The row after (+1) or before (−1) `index`, kept inside the list; −1 when the list is empty. */
export function stepIndex(index: number, delta: number, total: number): number {
  if (total <= 0) return -1;
  if (index < 0) return delta > 0 ? 0 : total - 1;
  return Math.min(total - 1, Math.max(0, index + delta));
}

const MONEY_KEY = /(amount|total|balance|paidout|received|minin$|^threshold$|lowerbound|peak)/i;
const SHARE_KEY = /share/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Whether an explanation figure is money (integer minor units of the alert's currency). */
export function isMoneyFigure(key: string): boolean {
  return MONEY_KEY.test(key) && !SHARE_KEY.test(key);
}

/**
 * A figure from an explanation (observed / threshold / baseline) as text: money in the alert's
 * currency, shares as percents, instants as dates in the user's zone, other numbers grouped.
 */
export function formatFigure(key: string, value: number | string | undefined, currency: string | null, locale?: string): string {
  if (value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) {
      const ms = Date.parse(value);
      if (Number.isFinite(ms)) return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(ms);
    }
    return value;
  }
  if (currency && isMoneyFigure(key) && Number.isSafeInteger(value)) return formatMoney(value, currency, locale);
  if (SHARE_KEY.test(key) && value >= 0 && value <= 1) return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** "windowHours" → "Window hours": labels for explanation figures and rule parameters. */
export function figureLabel(key: string): string {
  const spaced = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Every figure name an explanation hit mentions, in a stable order: observed first, then the others. */
export function figureKeys(observed: Record<string, unknown>, thresholds: Record<string, unknown>, baseline: Record<string, unknown> | null): string[] {
  const keys: string[] = [];
  for (const k of [...Object.keys(observed), ...Object.keys(thresholds), ...Object.keys(baseline ?? {})]) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** The false-positive rate as a percent string, or "—" when there are no dispositions yet. */
export function formatRate(rate: number | null, locale?: string): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}
