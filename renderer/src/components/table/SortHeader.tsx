import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';

interface SortableColumn {
  getCanSort: () => boolean;
  getIsSorted: () => false | 'asc' | 'desc';
  toggleSorting: (desc?: boolean, isMulti?: boolean) => void;
  getNextSortingOrder: (multi?: boolean) => 'asc' | 'desc' | false;
}

/** A header cell whose label is a real button (keyboard sortable) and which announces its order. */
interface Props {
  column: SortableColumn;
  label: string;
  numeric?: boolean;
  /** Overrides the default class ("num" for numeric columns). */
  className?: string;
  width?: number | string;
}

export function SortHeader({ column, label, numeric, className = numeric ? 'num' : undefined, width }: Props) {
  const sorted = column.getIsSorted();
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
  if (!column.getCanSort()) {
    return (
      <Table.Th className={className} style={{ width }}>
        {label}
      </Table.Th>
    );
  }
  const Icon = sorted === 'asc' ? IconArrowUp : sorted === 'desc' ? IconArrowDown : IconSelector;
  const next = column.getNextSortingOrder();
  return (
    <Table.Th className={className} style={{ width }} aria-sort={ariaSort}>
      <UnstyledButton
        className="sort-button"
        fz="sm"
        onClick={() => (next === false ? column.toggleSorting(undefined) : column.toggleSorting(next === 'desc'))}
        title={next === false ? `Clear sorting by ${label}` : `Sort by ${label}, ${next === 'asc' ? 'ascending' : 'descending'}`}
      >
        {label}
        <Icon size={13} stroke={1.8} opacity={sorted ? 1 : 0.45} />
      </UnstyledButton>
    </Table.Th>
  );
}
