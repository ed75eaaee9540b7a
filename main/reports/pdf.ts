import { a4Document } from '../pdf-fonts';
import type { ReportResult, SectionResult } from '../../shared/contract';
import { drawChart } from './pdf-chart';
import { compliance } from './pdf-compliance';
import { contents, cover, decorate, definitions } from './pdf-frame';
import { tiles } from './pdf-kpis';
import { PAGE, INK, bottom, heading, width, type Doc } from './pdf-page';
import { table } from './pdf-table';

/**
 * The report as an A4 PDF, drawn from the result model: cover, contents, then each section (KPI
 * tiles with change arrows, vector charts, tables paginated with their header repeated), and on every
 * page the bank, the period, the filters, the data's as-of and the page number. DejaVu prints Czech
 * and other accented names, which the PDF standard fonts cannot.
 *
 * This file lays the report out and picks each section's renderer; the page (pdf-page.ts), the frame
 * around the sections (pdf-frame.ts), tables, KPI tiles, charts and the compliance section each have
 * their own file.
 */

export function reportPdf(r: ReportResult): Promise<Buffer> {
  // Dated by the report itself: the same report renders to the same bytes (a share link serves what was exported).
  const info = { Title: r.title, Author: r.author, Subject: `${r.bankName} — ${r.period.label}`, Creator: 'CloudBank Analytics', CreationDate: new Date(r.generatedAt) };
  const { doc, done } = a4Document(PAGE.margin, info);

  cover(doc, r);
  doc.addPage();
  const contentsPage = 1;
  const starts: { title: string; page: number }[] = [];
  doc.addPage();
  for (const s of r.sections) {
    // A section starts on a fresh page when less than a fifth of this one is left.
    if (doc.y > bottom(doc) - 150) doc.addPage();
    starts.push({ title: s.title, page: doc.bufferedPageRange().start + doc.bufferedPageRange().count });
    section(doc, r, s);
    doc.moveDown(1.2);
  }
  if (doc.y > bottom(doc) - 200) doc.addPage();
  starts.push({ title: 'Definitions', page: doc.bufferedPageRange().count });
  definitions(doc, r);

  doc.switchToPage(contentsPage);
  contents(doc, starts);
  decorate(doc, r);
  doc.end();
  return done;
}

function section(doc: Doc, r: ReportResult, s: SectionResult): void {
  switch (s.kind) {
    case 'narrative':
      heading(doc, s.title);
      doc
        .font('body')
        .fontSize(10.5)
        .fillColor(INK.text)
        .text(s.text, PAGE.margin, doc.y, { width: width(doc), lineGap: 3, align: 'left' });
      return;
    case 'kpis':
      heading(doc, s.title, s.notes);
      tiles(doc, r, s.tiles);
      return;
    case 'chart': {
      const h = 230;
      // The title travels with its chart.
      if (doc.y + h + 30 + 12 * s.notes.length > bottom(doc)) doc.addPage();
      heading(doc, s.title, s.notes);
      drawChart(doc, s, { x: PAGE.margin, y: doc.y, w: width(doc), h });
      doc.y += h + 6;
      doc.x = PAGE.margin;
      return;
    }
    case 'table':
      // A title and at least a few rows together, never a title alone at the foot of a page.
      if (doc.y + 90 > bottom(doc)) doc.addPage();
      heading(doc, s.title, s.notes);
      table(doc, s);
      return;
    case 'compliance':
      if (doc.y + 120 > bottom(doc)) doc.addPage();
      heading(doc, s.title, s.notes);
      compliance(doc, s);
      return;
  }
}
