import type { ReportResult } from '../../shared/contract';

/*
 * The report PDF's page: its geometry, its inks and the few lines every part of it writes the same way
 * (section headings, the period and filter lines). Shared by the frame (cover, contents, header and
 * footer, definitions) and the section renderers, so they cannot drift apart.
 */

export const PAGE = { margin: 48, headerY: 22, footerGap: 34 } as const;
export const INK = { text: '#1d2330', muted: '#5b6475', rule: '#d5dae3', band: '#f3f5f9', accent: '#1f5fae', good: '#1b7f3b', bad: '#b42318', neutral: '#5b6475' } as const;

export type Doc = PDFKit.PDFDocument;

export function periodLine(r: ReportResult): string {
  return `${r.period.label} (${r.period.from} to ${r.period.lastDay}, bank days in ${r.timeZone})`;
}

export function filterLine(r: ReportResult): string {
  return r.filters.length ? r.filters.map((f) => `${f.dimension}: ${f.label}`).join('; ') : 'whole bank (no filters)';
}

/** The lowest y a line may start at before the footer. */
export function bottom(doc: Doc): number {
  return doc.page.height - PAGE.margin - PAGE.footerGap + 20;
}

export function width(doc: Doc): number {
  return doc.page.width - 2 * PAGE.margin;
}

/** A section's title and its notes in small print. */
export function heading(doc: Doc, title: string, notes: readonly string[] = []): void {
  doc
    .font('bold')
    .fontSize(14)
    .fillColor(INK.text)
    .text(title, PAGE.margin, doc.y, { width: width(doc) });
  doc.moveDown(0.2);
  for (const n of notes)
    doc
      .font('body')
      .fontSize(8)
      .fillColor(INK.muted)
      .text(n, { width: width(doc) });
  doc.moveDown(0.4).fillColor(INK.text);
}
