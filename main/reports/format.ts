import type { ColumnKind, Figure, MetricUnit } from '../../shared/contract';
import { describeMoney } from '../../shared/money';

/**
 * Figures as printed in the PDF and the narrative. Grouped by hand (as shared/money does) rather than
 * by Intl, so a pack says the same on the desktop, in the CLI and in Lambda whatever their ICU.
 */

const MINUS = '\u2212';

function group(n: number, decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [whole = '0', frac] = fixed.split('.');
  const g = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 && Number(fixed) !== 0 ? MINUS : ''}${g}${frac === undefined ? '' : `.${frac}`}`;
}

export function formatCount(n: number): string {
  return group(Math.round(n));
}

export function formatRatio(r: number): string {
  return `${group(r * 100, 1)} %`;
}

/** A relative change: "+4.2 %", "−1.0 %". */
export function formatChangeRatio(r: number): string {
  return `${r > 0 ? '+' : ''}${group(r * 100, 1)} %`;
}

/** A value of a unit; money needs its currency (minor units in, "1,234.50 CZK" out). */
export function formatValue(v: number | null | undefined, unit: MetricUnit | ColumnKind, currency: string | null, opts: { code?: boolean } = {}): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  switch (unit) {
    case 'money': {
      if (!currency) return formatCount(v);
      const text = describeMoney(v, currency).replace(/^-/, MINUS);
      // In a table the currency has its own column: the figure alone stays on one line.
      return opts.code === false ? text.replace(/ [A-Z]{3}$/, '') : text;
    }
    case 'ratio':
    case 'share':
      return formatRatio(v);
    case 'ratio_pp':
      return `${v > 0 ? '+' : ''}${group(v * 100, 1)} pp`;
    case 'change_ratio':
      return formatChangeRatio(v);
    case 'days':
      return `${group(v, 1)} days`;
    case 'text':
      return String(v);
    default:
      return formatCount(v);
  }
}

/** An absolute change with its sign: "+12", "−3,400.00 CZK"; a ratio's change in percentage points. */
export function formatChange(v: number | null | undefined, unit: MetricUnit, currency: string | null): string {
  if (v === null || v === undefined) return '–';
  if (unit === 'ratio') return `${v > 0 ? '+' : ''}${group(v * 100, 1)} pp`;
  const text = formatValue(v, unit, currency);
  return v > 0 ? `+${text}` : text;
}

/** Several currencies of one figure, as a sentence says them: "1,000.00 CZK and 20.00 EUR". */
export function joinFigures(figures: readonly Figure[], pick: (f: Figure) => string): string {
  const parts = figures.map(pick);
  if (parts.length <= 1) return parts[0] ?? '–';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

/** An instant in the bank's zone, as printed on every page: "31 Dec 1997, 23:59 (Europe/Prague)". */
export function formatInstant(ms: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${f.format(ms)} (${timeZone})`;
}
