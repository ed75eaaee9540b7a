import { Badge } from '@mantine/core';
import type { AuditEntry } from '../../../../shared/contract';
import type { ColumnSpec } from '../../components/table/columns';
import { formatDateTime } from '../../format/date';
import { AuditDetailsCell } from './AuditDetailsCell';

function detailsText(details: Record<string, unknown>): string {
  const keys = Object.keys(details);
  return keys.length === 0 ? '' : JSON.stringify(details);
}

function actionColor(action: string): string {
  if (/fail|denied|locked|broken/i.test(action)) return 'red';
  if (/sign|login|logout|mfa/i.test(action)) return 'blue';
  return 'gray';
}

export const AUDIT_COLUMNS: ColumnSpec<AuditEntry>[] = [
  { id: 'seq', header: 'Seq', numeric: true, value: (r) => r.seq, width: 70, testId: 'audit-seq' },
  { id: 'at', header: 'Time', value: (r) => r.at, render: (r) => formatDateTime(r.at), csv: (r) => new Date(r.at).toISOString(), width: 170 },
  { id: 'actor', header: 'Actor', value: (r) => r.actor, render: (r) => <span className="mono">{r.actor}</span> },
  {
    id: 'action',
    header: 'Action',
    value: (r) => r.action,
    render: (r) => (
      <Badge variant="light" size="sm" radius="sm" color={actionColor(r.action)} tt="none">
        {r.action}
      </Badge>
    ),
  },
  { id: 'entity', header: 'Entity', value: (r) => r.entity },
  { id: 'entityId', header: 'Entity ID', value: (r) => r.entityId, render: (r) => <span className="mono">{r.entityId ?? '—'}</span> },
  {
    id: 'details',
    header: 'Details',
    sortable: false,
    grow: true,
    value: (r) => detailsText(r.details),
    // Money in its currency, one line that opens into every key (the CSV keeps the stored JSON, minor units, exact).
    render: (r) => <AuditDetailsCell details={r.details} />,
  },
];
