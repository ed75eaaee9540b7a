import type { SectionResult } from '../../shared/contract';
import { currencyDecimals } from '../../shared/money';

/**
 * A chart drawn as PDF vector paths (axes, gridlines, bars or lines, legend), so it stays sharp when
 * printed or zoomed and its labels are real text. Money is plotted in major units of each series'
 * currency; a chart never mixes currencies on one axis without saying so in its legend.
 */

type Chart = Extract<SectionResult, { kind: 'chart' }>;
const PALETTE = ['#1f5fae', '#e07b24', '#2a9d8f', '#9b5de5', '#d1495b', '#6c757d', '#edae49', '#00798c'];

function major(v: number, unit: Chart['unit'], currency: string | null): number {
  return unit === 'money' && currency ? v / 10 ** currencyDecimals(currency) : v;
}

/** Round tick steps (1, 2, 5 × 10^n) covering [min, max] in about five steps. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (min === max) max = min + 1;
  const raw = (max - min) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.floor(min / step) * step; t <= max + step * 1e-9; t += step) out.push(Number(t.toFixed(10)));
  if ((out[out.length - 1] ?? 0) < max) out.push((out[out.length - 1] ?? 0) + step);
  return out;
}

export function compact(v: number, unit: Chart['unit']): string {
  if (unit === 'ratio') return `${(v * 100).toFixed(Math.abs(v) < 0.1 ? 1 : 0)} %`;
  const a = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  if (a >= 1e9) return `${sign}${+(a / 1e9).toFixed(1)}bn`;
  if (a >= 1e6) return `${sign}${+(a / 1e6).toFixed(1)}m`;
  if (a >= 1e3) return `${sign}${+(a / 1e3).toFixed(1)}k`;
  return `${sign}${+a.toFixed(2)}`;
}

export function drawChart(doc: PDFKit.PDFDocument, c: Chart, box: { x: number; y: number; w: number; h: number }): void {
  const series = c.series.map((s) => ({ ...s, plotted: s.values.map((v) => (v === null ? null : major(v, c.unit, s.currency))) }));
  const legendH = series.length > 1 || series.some((s) => s.currency) ? 16 : 0;
  const left = box.x + 52;
  const right = box.x + box.w - 6;
  const top = box.y + 6 + legendH;
  const base = box.y + box.h - 34;
  if (!c.categories.length || !series.length) {
    doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.5).strokeColor('#d5dae3').stroke();
    doc
      .font('body')
      .fontSize(9)
      .fillColor('#5b6475')
      .text('No figures for this period and these filters.', box.x, box.y + box.h / 2 - 6, { width: box.w, align: 'center' });
    return;
  }
  const stacked = c.style === 'stacked';
  const values: number[] = [];
  if (stacked) {
    c.categories.forEach((_, i) => {
      let pos = 0;
      let neg = 0;
      for (const s of series) {
        const v = s.plotted[i] ?? 0;
        if (v >= 0) pos += v;
        else neg += v;
      }
      values.push(pos, neg);
    });
  } else for (const s of series) for (const v of s.plotted) if (v !== null) values.push(v);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const yOf = (v: number): number => base - ((v - lo) / (hi - lo || 1)) * (base - top);

  // Gridlines and the value axis.
  doc.lineWidth(0.5);
  for (const t of ticks) {
    const y = yOf(t);
    doc
      .moveTo(left, y)
      .lineTo(right, y)
      .strokeColor(t === 0 ? '#8a93a3' : '#e3e7ee')
      .stroke();
    doc
      .font('body')
      .fontSize(7)
      .fillColor('#5b6475')
      .text(compact(t, c.unit), box.x, y - 4, { width: 46, align: 'right', lineBreak: false });
  }
  const n = c.categories.length;
  const slot = (right - left) / n;
  // Category labels: every one when they fit, else every k-th.
  const every = Math.max(1, Math.ceil((n * 46) / (right - left)));
  c.categories.forEach((cat, i) => {
    if (i % every !== 0) return;
    doc
      .font('body')
      .fontSize(7)
      .fillColor('#1d2330')
      .text(cat, left + i * slot, base + 5, { width: slot * every, align: every === 1 ? 'center' : 'left', lineBreak: false, ellipsis: true });
  });
  if (c.axis)
    doc
      .font('body')
      .fontSize(7)
      .fillColor('#5b6475')
      .text(c.axis, left, base + 19, { width: right - left, align: 'center', lineBreak: false });

  const color = (i: number): string => PALETTE[i % PALETTE.length] ?? '#1f5fae';
  if (c.style === 'line') {
    series.forEach((s, si) => {
      let started = false;
      s.plotted.forEach((v, i) => {
        if (v === null) {
          started = false;
          return;
        }
        const x = left + slot * (i + 0.5);
        if (!started) doc.moveTo(x, yOf(v));
        else doc.lineTo(x, yOf(v));
        started = true;
      });
      doc.lineWidth(1.8).strokeColor(color(si)).stroke();
      s.plotted.forEach((v, i) => {
        if (v !== null) doc.circle(left + slot * (i + 0.5), yOf(v), 2.2).fill(color(si));
      });
    });
  } else {
    const groups = stacked ? 1 : series.length;
    const barW = Math.max(2, (slot * 0.7) / groups);
    c.categories.forEach((_, i) => {
      let pos = 0;
      let neg = 0;
      series.forEach((s, si) => {
        const v = s.plotted[i];
        if (v === null || v === undefined) return;
        const x = left + slot * i + slot * 0.15 + (stacked ? 0 : si * barW);
        const from = stacked ? (v >= 0 ? pos : neg) : 0;
        const to = from + v;
        if (stacked) {
          if (v >= 0) pos = to;
          else neg = to;
        }
        const y1 = yOf(Math.max(from, to));
        const y2 = yOf(Math.min(from, to));
        doc.rect(x, y1, barW - (groups > 1 ? 1 : 0), Math.max(0.5, y2 - y1)).fill(color(si));
      });
    });
    // Values over single-series bars, when there is room to read them.
    if (series.length === 1 && n <= 16) {
      const s = series[0];
      s?.plotted.forEach((v, i) => {
        if (v === null) return;
        doc
          .font('body')
          .fontSize(6.5)
          .fillColor('#1d2330')
          .text(compact(v, c.unit), left + slot * i, yOf(Math.max(0, v)) - 9, { width: slot, align: 'center', lineBreak: false });
      });
    }
  }
  if (legendH) {
    let x = left;
    series.forEach((s, si) => {
      const label = s.currency && !s.name.includes(s.currency) ? `${s.name} (${s.currency})` : s.name;
      doc.rect(x, box.y + 4, 8, 8).fill(color(si));
      doc
        .font('body')
        .fontSize(7.5)
        .fillColor('#1d2330')
        .text(label, x + 11, box.y + 4, { lineBreak: false });
      x += 11 + doc.widthOfString(label) + 14;
    });
  }
  doc.fillColor('#1d2330');
}
