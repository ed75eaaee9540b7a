import { Checkbox, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { AlertRow } from '../../../../shared/contract';
import { shortAccountNo } from '../../format/account';
import { formatClock, formatDateTime } from '../../format/date';
import { formatMinor } from '../../format/money';
import { formatCount } from '../../format/number';
import { AlertStatusBadge, RiskBadge, RuleChips, SlaAge } from './badges';
import type { QueueSort } from './fraud-values';

/** Fixed row height: the virtualizer places rows by it. */
export const ROW_HEIGHT = 36;

function SortButton({ sort, current, label, onSort }: { sort: QueueSort; current: QueueSort; label: string; onSort: (s: QueueSort) => void }) {
  const active = sort === current;
  const Icon = sort === 'age' ? IconArrowUp : IconArrowDown;
  return (
    <UnstyledButton className="sort-button" fz="sm" onClick={() => onSort(sort)} title={`Sort by ${label.toLowerCase()}`} aria-pressed={active}>
      {label}
      <Icon size={13} stroke={1.8} opacity={active ? 1 : 0.3} />
    </UnstyledButton>
  );
}

/**
 * The queue's columns after the checkbox: the class its cells share (fraud.css hides some in narrow windows), its width
 * in pixels (the table's layout is fixed; the rules column takes what is left) and its header, sortable or not.
 */
const COLUMNS: { className: string; width?: number; label: string; sort?: QueueSort }[] = [
  { className: 'col-risk', width: 64, label: 'Risk', sort: 'risk' },
  { className: 'col-id num', width: 80, label: 'Alert' },
  { className: 'col-rules', label: 'Rules' },
  { className: 'col-customer', width: 160, label: 'Customer' },
  { className: 'col-account', width: 84, label: 'Account' },
  { className: 'col-branch', width: 150, label: 'Branch' },
  { className: 'col-amount num', width: 136, label: 'Amount', sort: 'amount' },
  { className: 'col-txns num', width: 56, label: 'Txns' },
  { className: 'col-status', width: 108, label: 'Status' },
  { className: 'col-assignee', width: 92, label: 'Assignee' },
  { className: 'col-age num', width: 116, label: 'Age', sort: 'age' },
  { className: 'col-detected num', width: 128, label: 'Detected' },
];
const CHECK_WIDTH = 36;

interface HeaderProps {
  sort: QueueSort;
  onSort: (s: QueueSort) => void;
  allSelected: boolean;
  someSelected: boolean;
  onToggleAll: () => void;
  nothingLoaded: boolean;
}

/** The queue's column headers: select-all and the three sortable columns. */
export function QueueHeader({ sort, onSort, allSelected, someSelected, onToggleAll, nothingLoaded }: HeaderProps) {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th className="col-check" style={{ width: CHECK_WIDTH }}>
          <Checkbox
            size="xs"
            checked={allSelected}
            indeterminate={someSelected && !allSelected}
            onChange={onToggleAll}
            aria-label="Select the loaded alerts"
            disabled={nothingLoaded}
          />
        </Table.Th>
        {COLUMNS.map((c) => (
          <Table.Th key={c.className} className={c.className} style={c.width ? { width: c.width } : undefined}>
            {c.sort ? <SortButton sort={c.sort} current={sort} label={c.label} onSort={onSort} /> : c.label}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

interface RowProps {
  row: AlertRow;
  index: number;
  active: boolean;
  selected: boolean;
  titles: ReadonlyMap<string, string> | undefined;
  now: number;
  onToggle: (id: number) => void;
  onOpen: () => void;
}

/** One alert in the queue. */
export function QueueRow({ row, index, active, selected, titles, now, onToggle, onOpen }: RowProps) {
  return (
    <Table.Tr
      style={{ height: ROW_HEIGHT, cursor: 'pointer' }}
      className={active ? 'queue-row queue-row-active' : 'queue-row'}
      data-testid="alert-row"
      data-alert-id={row.id}
      data-index={index}
      data-active={active || undefined}
      aria-selected={selected}
      onClick={onOpen}
    >
      <Table.Td className="col-check" onClick={(e) => e.stopPropagation()}>
        <Checkbox size="xs" checked={selected} onChange={() => onToggle(row.id)} aria-label={`Select alert ${row.id}`} />
      </Table.Td>
      <Table.Td className="col-risk">
        <RiskBadge score={row.riskScore} />
      </Table.Td>
      <Table.Td className="col-id num" c="dimmed">
        {row.id}
      </Table.Td>
      <Table.Td className="col-rules">
        {/* The rule that raised the alert, whole where the column allows; the others behind "+N" (two squeezed chips read "Str…", "Large tran…"). */}
        <RuleChips rules={row.rules} titles={titles} max={1} />
      </Table.Td>
      <Table.Td className="col-customer">
        <span className="clip" title={row.customerName ?? undefined}>
          {row.customerName ?? '—'}
        </span>
      </Table.Td>
      <Table.Td className="col-account mono" title={row.accountNo}>
        {shortAccountNo(row.accountNo)}
      </Table.Td>
      <Table.Td className="col-branch">
        <span className="clip" title={row.branchName}>
          {row.branchName}
        </span>
      </Table.Td>
      <Table.Td className="col-amount num" data-testid="alert-amount">
        {formatMinor(row.amount, row.currency)}{' '}
        <Text span size="xs" c="dimmed">
          {row.currency}
        </Text>
      </Table.Td>
      <Table.Td className="col-txns num">{formatCount(row.txnCount)}</Table.Td>
      <Table.Td className="col-status">
        <AlertStatusBadge status={row.status} />
      </Table.Td>
      <Table.Td className="col-assignee" data-testid="alert-assignee">
        {row.assignee ?? (
          <Text span size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td className="col-age num">
        <SlaAge detectedAt={row.detectedAt} status={row.status} now={now} />
      </Table.Td>
      <Table.Td className="col-detected num" title={formatDateTime(row.detectedAt)}>
        {formatClock(row.detectedAt, now)}
      </Table.Td>
    </Table.Tr>
  );
}

/** A row whose window has not arrived yet. */
export function SkeletonRow({ top }: { top: number }) {
  return (
    <Table.Tr style={{ height: ROW_HEIGHT }} data-top={top} aria-hidden>
      <Table.Td colSpan={13}>
        <Skeleton height={12} radius="sm" />
      </Table.Td>
    </Table.Tr>
  );
}
