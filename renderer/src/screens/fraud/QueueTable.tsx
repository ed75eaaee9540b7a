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
        <Table.Th className="col-check">
          <Checkbox
            size="xs"
            checked={allSelected}
            indeterminate={someSelected && !allSelected}
            onChange={onToggleAll}
            aria-label="Select the loaded alerts"
            disabled={nothingLoaded}
          />
        </Table.Th>
        <Table.Th className="col-risk">
          <SortButton sort="risk" current={sort} label="Risk" onSort={onSort} />
        </Table.Th>
        <Table.Th className="col-id num">Alert</Table.Th>
        <Table.Th className="col-rules">Rules</Table.Th>
        <Table.Th className="col-customer">Customer</Table.Th>
        <Table.Th className="col-account">Account</Table.Th>
        <Table.Th className="col-branch">Branch</Table.Th>
        <Table.Th className="col-amount num">
          <SortButton sort="amount" current={sort} label="Amount" onSort={onSort} />
        </Table.Th>
        <Table.Th className="col-txns num">Txns</Table.Th>
        <Table.Th className="col-status">Status</Table.Th>
        <Table.Th className="col-assignee">Assignee</Table.Th>
        <Table.Th className="col-age num">
          <SortButton sort="age" current={sort} label="Age" onSort={onSort} />
        </Table.Th>
        <Table.Th className="col-detected num">Detected</Table.Th>
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
