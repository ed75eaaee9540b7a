import type { MonitorResult, MonitorStatus, MonitorUnit } from '../../../../shared/contract';
import { formatMoney } from '../../format/money';
import { amountOf } from '../../format/plural';

/** How a monitor's figures read: ratios as percentages, deadlines in days (negative: overdue), money with its currency. */
export function formatMonitorValue(unit: MonitorUnit, value: number | null, currency: string | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 2 })} %`;
    case 'days':
      if (value < 0) return `${Math.abs(value)} ${Math.abs(value) === 1 ? 'day' : 'days'} overdue`;
      if (value === 0) return 'due today';
      return `${value} ${value === 1 ? 'day' : 'days'} left`;
    case 'money':
      return currency ? formatMoney(Math.round(value), currency) : value.toLocaleString();
    default:
      return Math.round(value).toLocaleString();
  }
}

export function formatLimit(m: Pick<MonitorResult, 'unit' | 'direction' | 'limit' | 'currency'>): string {
  const v = m.unit === 'days' ? amountOf(m.limit, 'day', 'days') : formatMonitorValue(m.unit, m.limit, m.currency);
  return `${m.direction === 'max' ? '≤' : '≥'} ${v}`;
}

export const STATUS_COLOR: Record<MonitorStatus, string> = { ok: 'teal', warning: 'orange', breach: 'red', unknown: 'gray' };
export const STATUS_LABEL: Record<MonitorStatus, string> = { ok: 'OK', warning: 'Warning', breach: 'Breach', unknown: 'No data' };

/** A limit or band as the user types it: percentages for ratios (25 → 0.25), plain numbers otherwise. */
export function toStoredLimit(unit: MonitorUnit, typed: string): string {
  const n = Number(typed.replace(',', '.').trim());
  if (!Number.isFinite(n)) return typed;
  return unit === 'ratio' ? String(Math.round(n * 10_000) / 1_000_000) : String(n);
}

export function toTypedLimit(unit: MonitorUnit, stored: number): string {
  return unit === 'ratio' ? String(Math.round(stored * 1_000_000) / 10_000) : String(stored);
}
