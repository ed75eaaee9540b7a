import type { ColumnKind, MetricUnit } from '../../../../shared/contract';
import { formatMinor, formatMoney } from '../../format/money';
import { formatCount } from '../../format/number';
import { amountOf } from '../../format/plural';

/** A report figure as the screen shows it: the user's locale, money with its code (or alone in a table's money column). */
export function formatFigure(v: number | null | undefined, kind: MetricUnit | ColumnKind, currency: string | null, opts: { code?: boolean } = {}): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  switch (kind) {
    case 'money':
      if (!currency) return formatCount(v);
      return opts.code === false ? formatMinor(Math.round(v), currency) : formatMoney(Math.round(v), currency);
    case 'ratio':
    case 'share':
      return new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
    case 'change_ratio':
      return new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v);
    case 'ratio_pp':
      return `${new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v * 100)} pp`;
    case 'days':
      return amountOf(v, 'day', 'days');
    case 'text':
      return String(v);
    default:
      return formatCount(v);
  }
}

/** Whether a change is good news for this metric: green, red or neither. */
export function changeColor(change: number | null | undefined, better: 'up' | 'down' | 'neutral'): string {
  if (change === null || change === undefined || change === 0 || better === 'neutral') return 'dimmed';
  return change > 0 === (better === 'up') ? 'teal' : 'red';
}
