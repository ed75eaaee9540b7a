import { RULE_PARAM_RANGES } from '../../../../shared/fraud-rule-params';
import { formatMoneyText, isCurrencyCode } from '../../../../shared/money';

/**
 * Detail keys that hold money as integer minor units (operations, account opening, products, loans,
 * compliance thresholds). They are said in their currency — "amount: 200.00 EUR", not "amount: 20000".
 */
const MONEY_KEYS = new Set([
  'amount',
  'initialDeposit',
  'threshold',
  'monthlyFee',
  'overdraftLimit',
  'dailyWithdrawalLimit',
  'principal',
  'balance',
  'minAmount',
  'maxAmount',
  'monthlyPayment',
]);

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The currency an entry (or a nested part of it) is in: its own `currency` field, else its parent's. */
function currencyOf(obj: Record<string, Json>, inherited: string | null): string | null {
  const c = obj.currency;
  return typeof c === 'string' && isCurrencyCode(c) ? c : inherited;
}

/** A rule parameter change ({ name, before, after }) whose parameter is money: its before and after are minor units. */
function isMoneyParamChange(obj: Record<string, Json>): boolean {
  return typeof obj.name === 'string' && RULE_PARAM_RANGES[obj.name]?.money === true;
}

function valueText(key: string | null, v: Json, currency: string | null, moneyHere = false): string {
  const money = key !== null && (MONEY_KEYS.has(key) || (moneyHere && (key === 'before' || key === 'after')));
  if (money && typeof v === 'number' && Number.isSafeInteger(v) && currency !== null) return formatMoneyText(v, currency);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return `[${v.map((x) => valueText(key, x, currency)).join(', ')}]`;
  if (isRecord(v)) {
    const cur = currencyOf(v, currency);
    const moneyChange = isMoneyParamChange(v);
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${valueText(k, x, cur, moneyChange)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(v);
}

/** Readable "key: value" pairs of an audit entry's details, money in its currency; nothing for an empty object. */
export function auditDetailPairs(details: Record<string, Json>): { key: string; text: string }[] {
  const currency = currencyOf(details, null);
  return Object.entries(details)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => ({ key, text: valueText(key, v, currency) }));
}

/** One line for the table cell: "amount: 200.00 EUR · currency: EUR · …". */
export function auditDetailSummary(details: Record<string, Json>): string {
  return auditDetailPairs(details)
    .map((p) => `${p.key}: ${p.text}`)
    .join(' · ');
}
