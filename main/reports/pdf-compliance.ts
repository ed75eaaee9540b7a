import type { ComplianceSectionResult } from '../../shared/contract';
import { complianceSummary } from './compliance-section';
import { COMPLIANCE_COLUMNS, complianceRows, daysText } from './compliance-table';
import { formatValue } from './format';
import { PAGE, INK, bottom, width, type Doc } from './pdf-page';
import { table } from './pdf-table';

/*
 * The compliance section in the report PDF: the monitors as a table with their status in colour, then
 * what drives each monitor. Its own file because it reshapes the compliance rows for print (sides of
 * limits, deadlines in words) rather than drawing a generic section.
 */

const STATUS_INK: Record<ComplianceSectionResult['monitors'][number]['status'], string> = { breach: INK.bad, warning: '#b25e09', ok: INK.good, unknown: INK.muted };

/** The monitors as a table (status in colour, each figure in its own unit), then what drives each. */
export function compliance(doc: Doc, s: ComplianceSectionResult): void {
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
