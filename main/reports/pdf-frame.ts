import type { ReportResult } from '../../shared/contract';
import { COMPARISON_LABELS } from '../../shared/report-definition';
import { formatInstant } from './format';
import { PAGE, INK, bottom, filterLine, heading, periodLine, width, type Doc } from './pdf-page';

/*
 * What the report PDF has around its sections: the cover, the contents page, the definitions at the end
 * and the running header and footer. Kept apart from the section renderers: these draw the report's
 * facts (bank, period, filters, as-of), not its figures.
 */

export function cover(doc: Doc, r: ReportResult): void {
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

export function contents(doc: Doc, starts: { title: string; page: number }[]): void {
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
export function decorate(doc: Doc, r: ReportResult): void {
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

export function definitions(doc: Doc, r: ReportResult): void {
  heading(doc, 'Definitions');
  for (const m of r.metrics) definition(doc, `${m.label} (${m.id})`, m.definition);
  for (const s of r.sections) {
    if (s.kind !== 'compliance') continue;
    for (const m of s.monitors) definition(doc, `${m.name} (compliance monitor ${m.id}; ${m.citation})`, m.definition);
  }
}

/** One term of the definitions: its name in bold, what it means in small print. */
function definition(doc: Doc, name: string, text: string): void {
  if (doc.y > bottom(doc) - 40) doc.addPage();
  doc
    .font('bold')
    .fontSize(9)
    .fillColor(INK.text)
    .text(name, PAGE.margin, doc.y, { width: width(doc) });
  doc
    .font('body')
    .fontSize(8.5)
    .fillColor(INK.muted)
    .text(text, { width: width(doc), lineGap: 1 });
  doc.moveDown(0.5);
}
