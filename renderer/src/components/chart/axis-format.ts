/** The step ECharts picks for an axis (1, 2, 5 × 10^k over about `splitNumber` intervals), for precision only. */
function niceStep(range: number, splitNumber: number): number {
  const raw = range / Math.max(1, splitNumber);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/**
 * Compact axis labels ("5.88K", "5.9K", "5.92K") with as many decimals as the ticks' spacing needs, so
 * neighbouring labels never read the same: a plain compact format turned a balance moving between
 * 5,880 and 5,920 into "5.9K 5.9K 5.9K".
 */
export function distinctAxisFormatter(min: number, max: number, splitNumber = 4, locale?: string): (v: number) => string {
  const step = niceStep(Math.abs(max - min), splitNumber);
  const top = Math.max(Math.abs(min), Math.abs(max));
  const unit = top >= 1e12 ? 1e12 : top >= 1e9 ? 1e9 : top >= 1e6 ? 1e6 : top >= 1e3 ? 1e3 : 1;
  const digits = Math.min(4, Math.max(0, Math.ceil(-Math.log10(step / unit) - 1e-9)));
  const fmt = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return (v: number) => fmt.format(v);
}
