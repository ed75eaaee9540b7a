import type { KpiTileResult, ReportResult } from '../../shared/contract';
import { formatChange, formatChangeRatio, formatValue } from './format';
import { PAGE, INK, bottom, width, type Doc } from './pdf-page';

/*
 * KPI tiles in the report PDF: three a row, each figure with its change against every comparison and an
 * arrow coloured by whether that change is better or worse.
 */

function arrowFor(change: number | null | undefined, better: KpiTileResult['better']): { glyph: string; color: string } {
  if (change === null || change === undefined || change === 0) return { glyph: '■', color: INK.neutral };
  const up = change > 0;
  const good = better === 'neutral' ? null : (better === 'up') === up;
  return { glyph: up ? '▲' : '▼', color: good === null ? INK.neutral : good ? INK.good : INK.bad };
}

export function tiles(doc: Doc, r: ReportResult, list: readonly KpiTileResult[]): void {
  const cols = 3;
  const gap = 10;
  const w = (width(doc) - gap * (cols - 1)) / cols;
  const lines = (t: KpiTileResult): number => Math.min(t.figures.length, 3);
  let y = doc.y;
  for (let i = 0; i < list.length; i += cols) {
    const row = list.slice(i, i + cols);
    const h = 34 + Math.max(...row.map(lines)) * (18 + 11 * r.comparisons.length);
    if (y + h > bottom(doc)) {
      doc.addPage();
      y = doc.y;
    }
    row.forEach((t, j) => {
      const x = PAGE.margin + j * (w + gap);
      doc.roundedRect(x, y, w, h, 4).fillAndStroke(INK.band, INK.rule);
      doc
        .font('body')
        .fontSize(8)
        .fillColor(INK.muted)
        .text(t.label, x + 8, y + 7, { width: w - 16, lineBreak: false, ellipsis: true });
      let ty = y + 20;
      for (const f of t.figures.slice(0, 3)) {
        doc
          .font('bold')
          .fontSize(13)
          .fillColor(INK.text)
          .text(formatValue(f.value, t.unit, f.currency), x + 8, ty, { width: w - 16, lineBreak: false, ellipsis: true });
        ty += 18;
        for (const c of r.comparisons) {
          const abs = c.kind === 'previous' ? f.changePrevious : f.changeYear;
          const rel = c.kind === 'previous' ? f.changePreviousPct : f.changeYearPct;
          const a = arrowFor(abs, t.better);
          const words =
            t.unit === 'ratio' ? formatChange(abs, t.unit, f.currency) : rel === null || rel === undefined ? formatChange(abs, t.unit, f.currency) : formatChangeRatio(rel);
          doc
            .font('body')
            .fontSize(7.5)
            .fillColor(a.color)
            .text(`${a.glyph} ${words}`, x + 8, ty, { continued: true, lineBreak: false });
          doc.fillColor(INK.muted).text(` vs ${c.kind === 'previous' ? c.range.label : c.range.label}`, { lineBreak: false });
          ty += 11;
        }
      }
      if (t.figures.length > 3)
        doc
          .font('body')
          .fontSize(7)
          .fillColor(INK.muted)
          .text(`+${t.figures.length - 3} more currencies in the tables`, x + 8, y + h - 11, { lineBreak: false });
    });
    y += h + gap;
  }
  doc.y = y;
  doc.x = PAGE.margin;
}
