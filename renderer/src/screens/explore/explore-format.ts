import type { MetricUnit } from '../../../../shared/contract/metrics';
import { formatClock } from '../../format/date';
import { formatMinor, formatMoney, formatMoneyCompact } from '../../format/money';
import { formatCount } from '../../format/number';
import { amountOf } from '../../format/plural';

/**
 * How the explorer writes a metric's values. Money arrives as integer minor units with its currency and is
 * only ever formatted through format/money (never divided here); ratios are 0..1; counts are integers.
 */
export function formatValue(value: number, unit: MetricUnit, currency: string | null, locale?: string): string {
  switch (unit) {
    case 'money':
      return currency ? formatMoney(value, currency, locale) : formatCount(value, locale);
    case 'count':
      return formatCount(value, locale);
    case 'ratio':
      return formatRatio(value, locale);
    case 'days':
      return amountOf(value, 'day', 'days', locale);
  }
}

/** The number alone, for a grid whose currency stands beside it. */
export function formatCell(value: number, unit: MetricUnit, currency: string | null, locale?: string): string {
  if (unit === 'money' && currency) return formatMinor(value, currency, locale);
  return formatValue(value, unit, currency, locale);
}

/** A short form for axis labels and headline figures. */
export function formatCompact(value: number, unit: MetricUnit, currency: string | null, locale?: string): string {
  if (unit === 'money' && currency) return formatMoneyCompact(value, currency, locale);
  if (unit === 'ratio') return formatRatio(value, locale);
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** 0.0432 → "4.32 %": two decimals, because NPL and default rates live in single digits. */
export function formatRatio(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
}

/** An absolute change with its sign ("+1,204", "−CZK 3,000.00"); a ratio's change is in percentage points. */
export function formatChange(change: number, unit: MetricUnit, currency: string | null, locale?: string): string {
  if (change === 0) return unit === 'ratio' ? '±0 pp' : '±0';
  const sign = change > 0 ? '+' : '−';
  const abs = Math.abs(change);
  if (unit === 'ratio') return `${sign}${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(abs * 100)} pp`;
  return `${sign}${formatValue(abs, unit, currency, locale)}`;
}

/** The same, number only, for a grid whose currency stands in its own column. */
export function formatChangeCell(change: number, unit: MetricUnit, currency: string | null, locale?: string): string {
  if (unit !== 'money' || !currency) return formatChange(change, unit, currency, locale);
  if (change === 0) return '±0';
  return `${change > 0 ? '+' : '−'}${formatMinor(Math.abs(change), currency, locale)}`;
}

/** A relative change ("+12.5 %"); null when the compared value was zero (no ratio to speak of). */
export function formatChangeRatio(ratio: number | null | undefined, locale?: string): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  const text = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(ratio);
  return text.replace('-', '−');
}

/** Whether a change is good news for this metric, for colouring: deposits up is good, delinquency up is not. */
export function changeTone(change: number | null | undefined, better: 'up' | 'down' | 'neutral'): 'good' | 'bad' | 'neutral' {
  if (change === null || change === undefined || change === 0 || better === 'neutral') return 'neutral';
  return change > 0 === (better === 'up') ? 'good' : 'bad';
}

/** "just now", "3 min", "2 h 5 min", "4 days": how old cached figures are. */
export function formatDataAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * Where the figures come from and how old they are, said plainly: the bank answers live; the cache is this
 * workstation's copy as of its last sync.
 */
export function sourceText(source: 'bank' | 'cache', asOf: number, now: number): string {
  if (source === 'bank') return `From the bank, as of ${formatClock(asOf, now)}`;
  return `From this workstation’s cache, ${formatDataAge(now - asOf)} old (synced ${formatClock(asOf, now)})`;
}

/** The note beside every chart: periods are the bank's days, whatever the desktop's zone. */
export function bankTimeText(timeZone: string): string {
  return `Periods in bank time (${timeZone})`;
}

/** A bank date ('YYYY-MM-DD') as a calendar date, no zone shift: "4 Mar 2026". */
export function formatBankDate(iso: string, locale?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
