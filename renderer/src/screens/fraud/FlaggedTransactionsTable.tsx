import { Badge, Button, Checkbox, Group, Paper, Text, Title } from '@mantine/core';
import type { AlertDetail } from '../../../../shared/contract';
import { DataTable } from '../../components/table/DataTable';
import type { ColumnSpec } from '../../components/table/columns';
import { formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { countOf } from '../../format/plural';

type Txn = AlertDetail['timeline'][number];

/**
 * The alert's evidence as rows an analyst can choose from: confirming fraud marks only the selected
 * ones, so ordinary grocery and fuel payments among the flagged rows are not marked with the rest.
 * Already-confirmed rows cannot be chosen again.
 */
export function FlaggedTransactionsTable({
  detail,
  ruleLabel,
  selected,
  onChange,
  selectable,
}: {
  detail: AlertDetail;
  ruleLabel: string;
  selected: ReadonlySet<number>;
  onChange: (next: Set<number>) => void;
  selectable: boolean;
}) {
  const rows = detail.timeline.filter((t) => t.flagged);
  const choosable = rows.filter((t) => !t.confirmedFraud);
  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  const columns: ColumnSpec<Txn>[] = [
    {
      id: 'pick',
      header: '',
      value: (t) => (selected.has(t.journalId) ? 1 : 0),
      render: (t) =>
        t.confirmedFraud ? (
          <Badge size="xs" color="red" variant="light">
            fraud
          </Badge>
        ) : (
          <Checkbox
            size="xs"
            disabled={!selectable}
            checked={selected.has(t.journalId)}
            onChange={(e) => toggle(t.journalId, e.currentTarget.checked)}
            aria-label={`Select ${t.reference}`}
            data-testid="flagged-pick"
          />
        ),
      sortable: false,
      width: 56,
    },
    { id: 'reference', header: 'Reference', value: (t) => t.reference, render: (t) => <span className="mono">{t.reference}</span>, width: 150, testId: 'flagged-reference' },
    { id: 'time', header: 'Time', value: (t) => t.bookedAt, render: (t) => formatDateTime(t.bookedAt), csv: (t) => new Date(t.bookedAt).toISOString(), width: 150 },
    { id: 'amount', header: 'Amount', value: (t) => t.amount, render: (t) => formatMoney(t.amount, t.currency), numeric: true, width: 120 },
    { id: 'counterparty', header: 'Counterparty', value: (t) => t.counterpartyName ?? t.counterpartyAccount ?? t.description, grow: true },
    { id: 'channel', header: 'Channel', value: (t) => t.channel, width: 80 },
    { id: 'rule', header: 'Rule', value: () => ruleLabel, render: () => <span title={ruleLabel}>{ruleLabel}</span>, width: 150 },
  ];
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="flagged-transactions">
      <Group justify="space-between" mb={6} wrap="wrap" gap="xs">
        <Title order={5}>Flagged transactions</Title>
        <Group gap="xs">
          <Text size="xs" c="dimmed" data-testid="flagged-selected-count">
            {selected.size} of {countOf(rows.length, 'transaction', 'transactions')} selected
          </Text>
          {selectable && choosable.length > 0 && (
            <>
              <Button size="compact-xs" variant="default" onClick={() => onChange(new Set(choosable.map((t) => t.journalId)))} data-testid="flagged-select-all">
                All
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => onChange(new Set())} data-testid="flagged-select-none">
                None
              </Button>
            </>
          )}
        </Group>
      </Group>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(t) => String(t.journalId)}
        emptyTitle="No flagged transactions"
        initialSort={{ id: 'time', desc: false }}
        csvName={`alert-${detail.alert.id}-flagged`}
        rowTestId="flagged-row"
        rowAttributes={(t) => ({ 'data-journal-id': String(t.journalId), 'data-confirmed': t.confirmedFraud ? 'true' : undefined })}
        maxHeight={320}
      />
    </Paper>
  );
}
