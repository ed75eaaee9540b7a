import type { ColumnKind } from '../../shared/contract';
import { formatValue } from './format';
import { PAGE, INK, bottom, width, type Doc } from './pdf-page';

/*
 * A table in the report PDF: header band, zebra rows, paginated with the header repeated. Used by table
 * sections and by the compliance section's monitor table, so it takes any rows, not one section kind.
 */

/** What `table` draws: a table section, or any rows whose figure columns may carry their own kind per row. */
export interface PdfTable {
  title: string;
  columns: readonly { key: string; label: string; kind: ColumnKind }[];
  rows: readonly { currency: string | null; cells: Record<string, string | number | null>; kind?: ColumnKind; colors?: Record<string, string> }[];
  omitted: number;
  /** Shares of the width per column (default: figures a fixed width, text columns what is left). */
  widths?: readonly number[];
}

export function table(doc: Doc, s: PdfTable): void {
  const left = PAGE.margin;
  const total = width(doc);
  if (!s.rows.length) {
    doc.font('body').fontSize(9).fillColor(INK.muted).text('No figures for this period and these filters.', left, doc.y);
    return;
  }
  // Text columns share what the figures leave; figures get a fixed width each.
  const numeric = s.columns.filter((c) => c.kind !== 'text');
  const texts = s.columns.filter((c) => c.kind === 'text');
  const numW = Math.min(96, (total * 0.62) / Math.max(1, numeric.length));
  const textW = (total - numW * numeric.length) / Math.max(1, texts.length);
  const widths = s.columns.map((c) => (c.kind === 'text' ? (c.key === 'currency' ? Math.min(textW, 54) : textW) : numW));
  const spare = total - widths.reduce((a, b) => a + b, 0);
  const firstText = s.columns.findIndex((c) => c.kind === 'text' && c.key !== 'currency');
  if (firstText >= 0) widths[firstText] = (widths[firstText] ?? 0) + spare;
  if (s.widths?.length === s.columns.length) s.widths.forEach((f, i) => (widths[i] = f * total));
  const rowH = 15;
  const header = (): void => {
    const y = doc.y;
    doc.rect(left, y, total, rowH + 4).fill(INK.accent);
    let x = left;
    s.columns.forEach((c, i) => {
      const w = widths[i] ?? 0;
      doc
        .font('bold')
        .fontSize(7.5)
        .fillColor('#ffffff')
        .text(c.label, x + 4, y + 5, { width: w - 8, height: rowH - 4, align: c.kind === 'text' ? 'left' : 'right', ellipsis: true });
      x += w;
    });
    doc.y = y + rowH + 4;
  };
  header();
  s.rows.forEach((row, n) => {
    if (doc.y + rowH > bottom(doc)) {
      doc.addPage();
      doc.font('bold').fontSize(9).fillColor(INK.muted).text(`${s.title} (continued)`, left, doc.y);
      doc.moveDown(0.3);
      header();
    }
    const y = doc.y;
    if (n % 2 === 1) doc.rect(left, y, total, rowH).fill(INK.band);
    let x = left;
    s.columns.forEach((c, i) => {
      const w = widths[i] ?? 0;
      const v = row.cells[c.key];
      // A row with its own kind has no currency column: its money says its currency.
      const kind = c.kind !== 'text' && row.kind ? row.kind : c.kind;
      const text = kind === 'text' || typeof v === 'string' ? String(v ?? '') : formatValue(typeof v === 'number' ? v : null, kind, row.currency, { code: row.kind !== undefined });
      doc
        .font('body')
        .fontSize(8)
        .fillColor(row.colors?.[c.key] ?? INK.text)
        .text(text, x + 4, y + 4, { width: w - 8, height: rowH - 6, align: c.kind === 'text' ? 'left' : 'right', ellipsis: true });
      x += w;
    });
    doc.y = y + rowH;
  });
  doc
    .moveTo(left, doc.y)
    .lineTo(left + total, doc.y)
    .lineWidth(0.5)
    .strokeColor(INK.rule)
    .stroke();
  if (s.omitted)
    doc
      .font('body')
      .fontSize(7.5)
      .fillColor(INK.muted)
      .text(`${s.omitted.toLocaleString('en')} smaller rows not shown.`, left, doc.y + 3);
  doc.x = left;
}
