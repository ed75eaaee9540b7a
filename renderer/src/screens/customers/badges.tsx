import { Badge, type BadgeProps } from '@mantine/core';
import type { AccountSummary, CustomerFields } from '../../../../shared/contract';
import { KYC_LABELS, RISK_LABELS } from './customer-values';

const KYC_COLOR: Record<CustomerFields['kycStatus'], string> = { pending: 'yellow', verified: 'teal', expired: 'orange', rejected: 'red' };
const RISK_COLOR: Record<CustomerFields['riskRating'], string> = { low: 'gray', medium: 'orange', high: 'red' };
const ACCOUNT_COLOR: Record<AccountSummary['status'], string> = { open: 'teal', frozen: 'blue', closed: 'gray' };

type Size = BadgeProps['size'];

export function KycBadge({ status, size = 'sm' }: { status: CustomerFields['kycStatus']; size?: Size }) {
  return (
    <Badge size={size} radius="sm" variant="light" color={KYC_COLOR[status]} data-testid="kyc-badge" data-status={status}>
      {KYC_LABELS[status]}
    </Badge>
  );
}

export function RiskBadge({ rating, size = 'sm' }: { rating: CustomerFields['riskRating']; size?: Size }) {
  return (
    <Badge size={size} radius="sm" variant={rating === 'low' ? 'outline' : 'light'} color={RISK_COLOR[rating]} data-testid="risk-badge" data-rating={rating}>
      {RISK_LABELS[rating]}
    </Badge>
  );
}

export function AccountStatusBadge({ status, reason }: { status: AccountSummary['status']; reason?: string | null }) {
  return (
    <Badge size="sm" radius="sm" variant="light" color={ACCOUNT_COLOR[status]} title={reason ?? undefined} data-testid="account-status" data-status={status}>
      {status}
    </Badge>
  );
}
