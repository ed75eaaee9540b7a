import type { ColumnKind, ComplianceSectionResult, MonitorStatus } from '../../shared/contract';

/**
 * The compliance summary as rows for the PDF, XLSX and CSV renderers. A monitor's value, limit and
 * warning edge are in its own unit (days, a count, a ratio, money in the reporting currency), so the
 * figure columns carry a kind per row rather than one per column.
 */

export const STATUS_LABELS: Record<MonitorStatus, string> = { breach: 'Breach', warning: 'Warning', ok: 'Within limit', unknown: 'Not computable' };

export interface ComplianceColumn {
  key: 'monitor' | 'status' | 'value' | 'limit' | 'warning' | 'crossing' | 'note' | 'citation';
  label: string;
  /** 'count' stands for "a figure": each row says its own kind for these. */
  kind: ColumnKind;
  figure: boolean;
}

export const COMPLIANCE_COLUMNS: readonly ComplianceColumn[] = [
  { key: 'monitor', label: 'Monitor', kind: 'text', figure: false },
  { key: 'status', label: 'Status', kind: 'text', figure: false },
  { key: 'value', label: 'Value', kind: 'count', figure: true },
  { key: 'limit', label: 'Limit', kind: 'count', figure: true },
  { key: 'warning', label: 'Warning from', kind: 'count', figure: true },
  { key: 'crossing', label: 'Projected crossing', kind: 'text', figure: false },
  { key: 'note', label: 'Note', kind: 'text', figure: false },
  { key: 'citation', label: 'Rule', kind: 'text', figure: false },
];

export interface ComplianceRow {
  status: MonitorStatus;
  /** The reporting currency for money monitors, else null. */
  currency: string | null;
  /** The kind of the figure columns on this row. */
  kind: ColumnKind;
  /** max: the value must stay at or below the limit; min: at or above it. */
  direction: 'max' | 'min';
  cells: Record<ComplianceColumn['key'], string | number | null>;
}

export function complianceRows(s: ComplianceSectionResult): ComplianceRow[] {
  return s.monitors.map((m) => ({
    status: m.status,
    currency: m.unit === 'money' ? m.currency : null,
    kind: m.unit,
    direction: m.direction,
    cells: {
      monitor: m.name,
      status: STATUS_LABELS[m.status],
      value: m.value,
      limit: m.limit,
      warning: m.warning,
      crossing: m.projectedCrossing ?? '',
      note: m.note,
      citation: m.citation,
    },
  }));
}

/** A deadline monitor's figure as words: "9 days overdue", "due today", "12 days left". */
export function daysText(v: number | string | null): string | number | null {
  if (typeof v !== 'number') return v;
  const n = Math.abs(Math.round(v));
  const days = `${n} ${n === 1 ? 'day' : 'days'}`;
  return v < 0 ? `${days} overdue` : v === 0 ? 'due today' : `${days} left`;
}
