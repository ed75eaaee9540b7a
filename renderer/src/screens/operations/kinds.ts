import { IconArrowDownToArc, IconArrowUpFromArc, IconArrowsExchange, IconWorldUpload, type TablerIcon } from '@tabler/icons-react';
import type { OperationKind } from '../../../../shared/contract';

export const OPERATION_KINDS: readonly OperationKind[] = ['deposit', 'withdrawal', 'transfer', 'external_transfer'];

export interface KindInfo {
  label: string;
  /** What the confirm button and the receipt call it. */
  noun: string;
  description: string;
  icon: TablerIcon;
  /** The customer account is debited (the rules for frozen accounts, overdraft and limits apply). */
  debit: boolean;
}

export const KIND_INFO: Record<OperationKind, KindInfo> = {
  deposit: { label: 'Deposit', noun: 'cash deposit', description: 'Cash paid in at the counter', icon: IconArrowDownToArc, debit: false },
  withdrawal: { label: 'Withdrawal', noun: 'cash withdrawal', description: 'Cash paid out at the counter; counts against the daily limit', icon: IconArrowUpFromArc, debit: true },
  transfer: { label: 'Transfer', noun: 'internal transfer', description: 'To another account at this bank, posted at once', icon: IconArrowsExchange, debit: true },
  external_transfer: {
    label: 'External transfer',
    noun: 'external transfer',
    description: 'To an account at another bank; pending until settled',
    icon: IconWorldUpload,
    debit: true,
  },
};

export function isOperationKind(value: string | undefined): value is OperationKind {
  return value !== undefined && (OPERATION_KINDS as readonly string[]).includes(value);
}
