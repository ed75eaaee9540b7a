import { strToU8, zipSync } from 'fflate';
import type { ComplianceSectionResult, ReportResult, SectionResult } from '../../shared/contract';
import { formatMinorPlain } from '../../shared/money';
import { csvCell } from '../../shared/spreadsheet-cell';
import { COMPLIANCE_COLUMNS, complianceRows } from './compliance-table';
import { coverLines } from './xlsx';

/**
 * One CSV per table section (the compliance monitor summary is one too), in a zip with a README of what was asked. Money is a plain decimal in
 * major units (exact, from the minor units' digits), with the currency in its own column; a UTF-8
 * byte-order mark so spreadsheet programs read Czech names correctly. Cells go through the shared
 * spreadsheet rule (formulas defused, plain numbers such as "-10.50" left numeric).
 */

export function tableCsv(s: Extract<SectionResult, { kind: 'table' }>): string {
  const lines = [s.columns.map((c) => csvCell(c.label)).join(',')];
  for (const row of s.rows) {
    lines.push(
      s.columns
        .map((c) => {
          const v = row.cells[c.key] ?? null;
          if (typeof v === 'number' && c.kind === 'money' && row.currency) return csvCell(formatMinorPlain(Math.round(v), row.currency));
          return csvCell(v);
        })
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The compliance summary as one table: each monitor's figures in its unit (stated in the Unit column; ratios as fractions, money in major units). */
export function complianceCsv(s: ComplianceSectionResult): string {
  const head = [...COMPLIANCE_COLUMNS.slice(0, 5).map((c) => c.label), 'Unit', 'Currency', 'Day', ...COMPLIANCE_COLUMNS.slice(5).map((c) => c.label)];
  const lines = [head.map((h) => csvCell(h)).join(',')];
  for (const row of complianceRows(s)) {
    const figure = (k: 'value' | 'limit' | 'warning'): string => {
      const v = row.cells[k];
      return typeof v === 'number' && row.kind === 'money' && row.currency ? csvCell(formatMinorPlain(Math.round(v), row.currency)) : csvCell(v);
    };
    lines.push(
      [
        csvCell(row.cells.monitor),
        csvCell(row.cells.status),
        figure('value'),
        figure('limit'),
        figure('warning'),
        csvCell(row.kind),
        csvCell(row.currency),
        csvCell(s.at),
        csvCell(row.cells.crossing),
        csvCell(row.cells.note),
        csvCell(row.cells.citation),
      ].join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function fileName(s: SectionResult, i: number): string {
  return `${String(i + 1).padStart(2, '0')}-${s.id}.csv`;
}

export function reportCsvZip(r: ReportResult): Buffer {
  const files: Record<string, Uint8Array> = {};
  const readme = [...coverLines(r).map(([k, v]) => `${k}: ${v}`), '', 'Files:'];
  r.sections.forEach((s, i) => {
    if (s.kind !== 'table' && s.kind !== 'compliance') return;
    const name = fileName(s, i);
    files[name] = strToU8(s.kind === 'table' ? tableCsv(s) : complianceCsv(s));
    readme.push(`${name} — ${s.title}`);
  });
  files['README.txt'] = strToU8(`${readme.join('\r\n')}\r\n`);
  // A fixed file time: the same report zips to the same bytes.
  return Buffer.from(zipSync(files, { level: 6, mtime: new Date(r.generatedAt) }));
}
