import PDFDocument from 'pdfkit';
import { fontFile } from '../pdf-fonts';
import type { ColumnKind, ComplianceSectionResult, KpiTileResult, ReportResult, SectionResult } from '../../shared/contract';
import { COMPARISON_LABELS } from '../../shared/report-definition';
import { complianceSummary } from './compliance-section';
import { COMPLIANCE_COLUMNS, complianceRows, daysText } from './compliance-table';
import { drawChart } from './pdf-chart';
import { formatChange, formatChangeRatio, formatInstant, formatValue } from './format';

/**
 * The report as an A4 PDF, drawn from the result model: cover, contents, then each section (KPI
 * tiles with change arrows, vector charts, tables paginated with their header repeated), and on every
 * page the bank, the period, the filters, the data's as-of and the page number. DejaVu prints Czech
 * and other accented names, which the PDF standard fonts cannot.
 */

export const PAGE = { margin: 48, headerY: 22, footerGap: 34 } as const;
export const INK = { text: '#1d2330', muted: '#5b6475', rule: '#d5dae3', band: '#f3f5f9', accent: '#1f5fae', good: '#1b7f3b', bad: '#b42318', neutral: '#5b6475' } as const;

type Doc = PDFKit.PDFDocument;

function periodLine(r: ReportResult): string {
  return `${r.period.label} (${r.period.from} to ${r.period.lastDay}, bank days in ${r.timeZone})`;
}

function filterLine(r: ReportResult): string {
  return r.filters.length ? r.filters.map((f) => `${f.dimension}: ${f.label}`).join('; ') : 'whole bank (no filters)';
}

export function reportPdf(r: ReportResult): Promise<Buffer> {
  // Dated by the report itself: the same report renders to the same bytes (a share link serves what was exported).
  const info = { Title: r.title, Author: r.author, Subject: `${r.bankName} — ${r.period.label}`, Creator: 'CloudBank Analytics', CreationDate: new Date(r.generatedAt) };
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, bufferPages: true, info });
  doc.registerFont('body', fontFile('DejaVuSans.ttf'));
  doc.registerFont('bold', fontFile('DejaVuSans-Bold.ttf'));
  doc.registerFont('light', fontFile('DejaVuSans-ExtraLight.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

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

function bottom(doc: Doc): number {
  return doc.page.height - PAGE.margin - PAGE.footerGap + 20;
}

function width(doc: Doc): number {
  return doc.page.width - 2 * PAGE.margin;
}

function cover(doc: Doc, r: ReportResult): void {
  const left = PAGE.margin;
  doc.rect(0, 0, doc.page.width, 210).fill(INK.accent);
  doc
    .fillColor('#ffffff')
    .font('body')
    .fontSize(12)
    .text(r.bankName, left, 70, { width: width(doc) });
  doc
    .font('bold')
    .fontSize(28)
    .text(r.title, left, 96, { width: width(doc) });
  doc
    .font('body')
    .fontSize(16)
    .text(r.period.label, left, 146, { width: width(doc) });
  doc.fillColor(INK.text);
  let y = 250;
  const facts: [string, string][] = [
    ['Period', periodLine(r)],
    ['Compared with', r.comparisons.length ? r.comparisons.map((c) => `${COMPARISON_LABELS[c.kind]} (${c.range.label})`).join('; ') : 'no comparison'],
    ['Filters', filterLine(r)],
    ['Data as of', `${formatInstant(r.asOf, r.timeZone)} — ${r.source === 'cache' ? 'this workstation’s cache of the bank' : 'the bank’s database'}`],
    ['Prepared by', `${r.author}, ${formatInstant(r.generatedAt, r.timeZone)}`],
    ['Report id', r.id],
  ];
  for (const [k, v] of facts) {
    doc.font('bold').fontSize(10).fillColor(INK.muted).text(k, left, y, { width: 110 });
    doc
      .font('body')
      .fontSize(10)
      .fillColor(INK.text)
      .text(v, left + 120, y, { width: width(doc) - 120 });
    y = Math.max(doc.y, y + 14) + 8;
  }
  if (r.audience) {
    y += 16;
    doc.rect(left, y, width(doc), 2).fill(INK.accent);
    doc
      .fillColor(INK.text)
      .font('bold')
      .fontSize(11)
      .text('Audience', left, y + 12);
    doc
      .font('body')
      .fontSize(10)
      .text(r.audience, left, doc.y + 4, { width: width(doc), lineGap: 2 });
  }
}

function contents(doc: Doc, starts: { title: string; page: number }[]): void {
  const left = PAGE.margin;
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(INK.text)
    .text('Contents', left, PAGE.margin + 20);
  let y = doc.y + 14;
  for (const s of starts) {
    doc
      .font('body')
      .fontSize(11)
      .fillColor(INK.text)
      .text(s.title, left, y, { width: width(doc) - 50, lineBreak: false, ellipsis: true });
    doc.text(String(s.page), left + width(doc) - 40, y, { width: 40, align: 'right', lineBreak: false });
    doc
      .moveTo(left + Math.min(doc.widthOfString(s.title) + 6, width(doc) - 50), y + 10)
      .lineTo(left + width(doc) - 44, y + 10)
      .dash(1, { space: 2 })
      .strokeColor(INK.rule)
      .stroke()
      .undash();
    y += 20;
  }
}

/** Header and footer on every page but the cover, written last so "page n of N" is known. */
function decorate(doc: Doc, r: ReportResult): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const left = PAGE.margin;
    const w = width(doc);
    // Writing inside the margins would otherwise make pdfkit start a new page.
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    if (i > 0) {
      doc
        .font('bold')
        .fontSize(8)
        .fillColor(INK.muted)
        .text(`${r.bankName} · ${r.title}`, left, PAGE.headerY, { width: w / 2, lineBreak: false, ellipsis: true });
      doc
        .font('body')
        .fontSize(8)
        .text(r.period.label, left + w / 2, PAGE.headerY, { width: w / 2, align: 'right', lineBreak: false });
      doc
        .moveTo(left, PAGE.headerY + 12)
        .lineTo(left + w, PAGE.headerY + 12)
        .lineWidth(0.5)
        .strokeColor(INK.rule)
        .stroke();
    }
    const y = doc.page.height - PAGE.footerGap;
    doc
      .moveTo(left, y - 6)
      .lineTo(left + w, y - 6)
      .lineWidth(0.5)
      .strokeColor(INK.rule)
      .stroke();
    doc.font('body').fontSize(7).fillColor(INK.muted);
    doc.text(`Period ${r.period.from} to ${r.period.lastDay} (${r.timeZone}) · Filters: ${filterLine(r)}`, left, y, { width: w - 70, lineBreak: false, ellipsis: true });
    doc.text(`${r.bankName} · Data as of ${formatInstant(r.asOf, r.timeZone)} (${r.source})`, left, y + 10, { width: w - 70, lineBreak: false, ellipsis: true });
    doc
      .font('bold')
      .fontSize(8)
      .fillColor(INK.text)
      .text(`Page ${i + 1} of ${range.count}`, left + w - 70, y + 4, { width: 70, align: 'right', lineBreak: false });
    doc.page.margins = saved;
  }
}

function heading(doc: Doc, title: string, notes: readonly string[] = []): void {
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

const STATUS_INK: Record<ComplianceSectionResult['monitors'][number]['status'], string> = { breach: INK.bad, warning: '#b25e09', ok: INK.good, unknown: INK.muted };

/** The monitors as a table (status in colour, each figure in its own unit), then what drives each. */
function compliance(doc: Doc, s: ComplianceSectionResult): void {
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(INK.text)
    .text(`As of the end of ${s.at}: ${complianceSummary(s)}. Money in ${s.reportingCurrency}.`, PAGE.margin, doc.y, { width: width(doc) });
  doc.moveDown(0.4);
  const columns = COMPLIANCE_COLUMNS.filter((c) => c.key !== 'note' && c.key !== 'citation').map((c) =>
    c.key === 'warning' ? { ...c, label: 'Warns when' } : c.key === 'crossing' ? { ...c, label: 'Trend crosses' } : c,
  );
  const rows = complianceRows(s).map((r) => {
    // Limits say their side (≤ for a ceiling, ≥ for a floor); deadlines read as words ("9 days overdue").
    const edge = (v: string | number | null, sign: string): string => {
      const text = typeof v !== 'number' ? '–' : r.kind === 'days' ? `${v} days` : formatValue(v, r.kind, r.currency);
      return `${sign} ${text}`;
    };
    const max = r.direction === 'max';
    const value = r.kind === 'days' ? daysText(r.cells.value) : r.cells.value;
    return {
      currency: r.currency,
      cells: { ...r.cells, value, limit: edge(r.cells.limit, max ? '≤' : '≥'), warning: edge(r.cells.warning, max ? '>' : '<') },
      kind: r.kind,
      colors: { status: STATUS_INK[r.status] },
    };
  });
  // The monitor's name is the row's heading: it gets the room, the figures a fixed share each.
  table(doc, { title: s.title, columns, rows, omitted: 0, widths: [0.29, 0.16, 0.16, 0.12, 0.12, 0.15] });
  doc.moveDown(0.6);
  for (const m of s.monitors) {
    if (doc.y + 20 > bottom(doc)) doc.addPage();
    doc
      .font('bold')
      .fontSize(7.5)
      .fillColor(STATUS_INK[m.status])
      .text(`${m.name}: `, PAGE.margin, doc.y, { width: width(doc), continued: true });
    doc.font('body').fillColor(INK.text).text(`${m.note} (${m.citation})`);
  }
  doc.x = PAGE.margin;
}

/** What `table` draws: a table section, or any rows whose figure columns may carry their own kind per row. */
interface PdfTable {
  title: string;
  columns: readonly { key: string; label: string; kind: ColumnKind }[];
  rows: readonly { currency: string | null; cells: Record<string, string | number | null>; kind?: ColumnKind; colors?: Record<string, string> }[];
  omitted: number;
  /** Shares of the width per column (default: figures a fixed width, text columns what is left). */
  widths?: readonly number[];
}

function arrowFor(change: number | null | undefined, better: KpiTileResult['better']): { glyph: string; color: string } {
  if (change === null || change === undefined || change === 0) return { glyph: '■', color: INK.neutral };
  const up = change > 0;
  const good = better === 'neutral' ? null : (better === 'up') === up;
  return { glyph: up ? '▲' : '▼', color: good === null ? INK.neutral : good ? INK.good : INK.bad };
}

function tiles(doc: Doc, r: ReportResult, list: readonly KpiTileResult[]): void {
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

function table(doc: Doc, s: PdfTable): void {
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

function definitions(doc: Doc, r: ReportResult): void {
  heading(doc, 'Definitions');
  for (const m of r.metrics) {
    if (doc.y > bottom(doc) - 40) doc.addPage();
    doc
      .font('bold')
      .fontSize(9)
      .fillColor(INK.text)
      .text(`${m.label} (${m.id})`, PAGE.margin, doc.y, { width: width(doc) });
    doc
      .font('body')
      .fontSize(8.5)
      .fillColor(INK.muted)
      .text(m.definition, { width: width(doc), lineGap: 1 });
    doc.moveDown(0.5);
  }
  for (const s of r.sections) {
    if (s.kind !== 'compliance') continue;
    for (const m of s.monitors) {
      if (doc.y > bottom(doc) - 40) doc.addPage();
      doc
        .font('bold')
        .fontSize(9)
        .fillColor(INK.text)
        .text(`${m.name} (compliance monitor ${m.id}; ${m.citation})`, PAGE.margin, doc.y, { width: width(doc) });
      doc
        .font('body')
        .fontSize(8.5)
        .fillColor(INK.muted)
        .text(m.definition, { width: width(doc), lineGap: 1 });
      doc.moveDown(0.5);
    }
  }
}
