import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCloudOff, IconEdit, IconMail, IconMapPin, IconPhone, IconPlus, IconStar } from '@tabler/icons-react';
import type { MouseEvent, ReactNode } from 'react';
import type { AccountSummary, Customer, CustomerView as Customer360Data } from '../../../../shared/contract';
import { errorText, useApiQuery } from '../../api/use-api-query';
import { ErrorView } from '../../components/StateViews';
import { DataTable } from '../../components/table/DataTable';
import { formatDate, formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { navigate } from '../../state/route';
import { useCan } from '../../state/session';
import { KycBadge, RiskBadge } from './badges';
import { isOpenAlert, openAlertsTarget } from './open-alerts';
import { ACCOUNT_COLUMNS, ACTIVITY_COLUMNS, ALERT_COLUMNS, LOAN_COLUMNS } from './customer360-columns';
import { ageOn, CHANNEL_LABELS, dayKey, formatBirthDate, GENDER_LABELS } from './customer-values';
import { RefreshButton } from '../../components/RefreshButton';

/** Customer 360: profile and contact details, accounts, recent activity, loans and fraud alerts on one page. */
export function Customer360({ id }: { id: number }) {
  // Changes to the customer, their accounts or postings (here or synced) refetch it: method-tables.ts.
  const data = useApiQuery('customers.get', { id });
  const reload = (): void => void data.refetch();

  if (data.isPending) return <Loading360 />;
  if (!data.data) {
    return (
      <Stack gap="md" data-testid="customer-360">
        <BackLink />
        <ErrorView message={errorText(data.error) ?? 'The customer could not be loaded.'} onRetry={reload} title="Could not load this customer" />
      </Stack>
    );
  }
  return <View data={data.data} reload={reload} refreshing={data.isFetching} error={errorText(data.error)} />;
}

function BackLink() {
  return (
    <Anchor href="#/customers" size="sm" w="fit-content">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> Customers
      </Group>
    </Anchor>
  );
}

function Loading360() {
  return (
    <Stack gap="md" data-testid="customer-360-loading">
      <BackLink />
      <Skeleton h={44} w={420} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Skeleton h={360} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Skeleton h={160} />
            <Skeleton h={200} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function View({ data, reload, refreshing, error }: { data: Customer360Data; reload: () => void; refreshing: boolean; error: string | null }) {
  const { customer, accounts, recentActivity, loans, alerts, asOf } = data;
  const canOperate = useCan('banking.operate');
  // Fraud alerts are for fraud review only: the server leaves them out (null) for other roles, and the
  // page shows neither the badge nor the table then — a teller must not tip a customer off.
  const canSeeAlerts = useCan('fraud.view') && alerts !== null;
  const openAlerts = canSeeAlerts ? alerts.filter((a) => isOpenAlert(a.status)).length : 0;
  const alertsTarget = canSeeAlerts ? openAlertsTarget(alerts) : null;
  const goToOpenAlerts = () => {
    if (!alertsTarget) return;
    if ('route' in alertsTarget) navigate(alertsTarget.route);
    else document.querySelector(`[data-testid="${alertsTarget.scrollTo}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  // A click anywhere on an account row opens the account; the account number itself is the keyboard link.
  const onAccountsClick = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('a, button')) return;
    const row = target.closest<HTMLElement>('tr[data-row-id]');
    if (row?.dataset.rowId) navigate(`accounts/${row.dataset.rowId}`);
  };

  return (
    <Stack gap="md" data-testid="customer-360" data-customer-id={customer.id}>
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Group gap="sm" align="center">
            <Title order={2} data-testid="customer-name">
              {customer.legalName}
            </Title>
            <KycBadge status={customer.kycStatus} size="md" />
            <RiskBadge rating={customer.riskRating} size="md" />
            {openAlerts > 0 && (
              <Badge
                component="button"
                type="button"
                size="md"
                radius="sm"
                color="red"
                variant="filled"
                style={{ cursor: 'pointer' }}
                onClick={goToOpenAlerts}
                title={openAlerts === 1 ? 'Open the alert' : 'Show the alerts'}
                data-testid="open-alerts-badge"
              >
                {openAlerts} open alert{openAlerts === 1 ? '' : 's'}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            Customer{' '}
            <span className="mono" data-testid="customer-no">
              {customer.customerNo}
            </span>{' '}
            · {customer.branchName} · customer since {formatDate(customer.createdAt)}
          </Text>
        </div>
        <Group gap="xs">
          <RefreshButton onClick={reload} loading={refreshing} label="Reload the customer" tooltip="Reload" />
          {canOperate && (
            <>
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => navigate(`customers/${customer.id}/edit`)} data-testid="edit-customer">
                Edit details
              </Button>
              <Button leftSection={<IconPlus size={16} />} onClick={() => navigate(`accounts/open/${customer.id}`)} disabled={asOf !== null} data-testid="open-account">
                Open account
              </Button>
            </>
          )}
        </Group>
      </Group>

      {asOf !== null && (
        <Alert color="yellow" variant="light" icon={<IconCloudOff size={18} />} title={`Offline — as of ${formatDateTime(asOf)}`} data-testid="customer-as-of">
          The bank is not reachable, so this page shows this workstation’s cached copy. Balances and activity may have changed since; changes and operations wait until the bank is
          back.
        </Alert>
      )}
      {error && (
        <Text size="xs" c="red">
          Refresh failed: {error}
        </Text>
      )}

      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <ProfileCard customer={customer} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <div onClick={onAccountsClick} className="clickable-rows">
              <DataTable
                columns={ACCOUNT_COLUMNS}
                rows={accounts}
                rowKey={(r) => String(r.id)}
                emptyTitle="No accounts yet"
                emptyDescription={canOperate ? 'Open the customer’s first account with “Open account”.' : undefined}
                initialSort={{ id: 'openedAt', desc: false }}
                csvName={`accounts-${customer.customerNo}`}
                toolbar={<SectionTitle title="Accounts" extra={<Totals accounts={accounts} />} />}
                maxHeight={320}
                rowTestId="customer-account-row"
                testId="customer-accounts"
                caption="The customer’s accounts"
              />
            </div>
            <DataTable
              columns={ACTIVITY_COLUMNS}
              rows={recentActivity}
              rowKey={(r) => `${r.journalId}-${r.accountNo}`}
              emptyTitle="No transactions yet"
              initialSort={{ id: 'bookedAt', desc: true }}
              csvName={`activity-${customer.customerNo}`}
              toolbar={
                <SectionTitle
                  title="Recent activity"
                  extra={
                    <Text size="xs" c="dimmed">
                      latest {recentActivity.length} postings, all accounts
                    </Text>
                  }
                />
              }
              maxHeight={360}
              rowTestId="customer-activity-row"
              testId="customer-activity"
              caption="Recent postings on the customer’s accounts"
            />
            <DataTable
              columns={LOAN_COLUMNS}
              rows={loans}
              rowKey={(r) => String(r.id)}
              emptyTitle="No loans"
              initialSort={{ id: 'start', desc: true }}
              csvName={`loans-${customer.customerNo}`}
              toolbar={<SectionTitle title="Loans" />}
              maxHeight={260}
              rowTestId="customer-loan-row"
              testId="customer-loans"
              caption="The customer’s loans"
            />
            {canSeeAlerts && (
              <DataTable
                columns={ALERT_COLUMNS}
                rows={alerts}
                rowKey={(r) => String(r.id)}
                emptyTitle="No fraud alerts"
                emptyDescription="Nothing has been flagged on this customer’s accounts."
                initialSort={{ id: 'detectedAt', desc: true }}
                csvName={`alerts-${customer.customerNo}`}
                toolbar={<SectionTitle title="Alerts so far" />}
                maxHeight={260}
                rowTestId="customer-alert-row"
                testId="customer-alerts"
                caption="Fraud alerts on the customer’s accounts"
              />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function SectionTitle({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <Group gap="sm">
      <Text fw={600} size="sm">
        {title}
      </Text>
      {extra}
    </Group>
  );
}

/** Balances summed per currency (never across currencies), over open and frozen accounts. */
function Totals({ accounts }: { accounts: AccountSummary[] }) {
  const sums = new Map<string, number>();
  for (const a of accounts) if (a.status !== 'closed') sums.set(a.currency, (sums.get(a.currency) ?? 0) + a.balance);
  if (sums.size === 0) return null;
  return (
    <Text size="xs" c="dimmed" className="num" data-testid="accounts-total">
      total {[...sums].map(([currency, minor]) => formatMoney(minor, currency)).join(' · ')}
    </Text>
  );
}

function Row({ label, children, preferred, testId }: { label: string; children: ReactNode; preferred?: boolean; testId?: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid={testId} data-preferred={preferred || undefined}>
      <Text size="xs" c="dimmed" w={110} style={{ flexShrink: 0 }} pt={2}>
        {label}
      </Text>
      <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
        <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
          {children}
        </Text>
        {preferred && (
          <Badge size="xs" radius="sm" variant="filled" leftSection={<IconStar size={10} />} style={{ flexShrink: 0 }}>
            preferred
          </Badge>
        )}
      </Group>
    </Group>
  );
}

function ProfileCard({ customer: c }: { customer: Customer }) {
  const today = dayKey();
  const age = ageOn(c.dateOfBirth, today);
  const reviewDue = c.kycNextReview <= today;
  const ch = c.preferredChannel;
  return (
    <Paper withBorder radius="sm" p="md" data-testid="customer-profile">
      <Stack gap="md">
        <Stack gap={6}>
          <Text fw={600} size="sm">
            Contact details
          </Text>
          <Group gap={6} mb={2}>
            <Text size="xs" c="dimmed">
              Prefers to be contacted by
            </Text>
            <Badge size="sm" radius="sm" variant="light" data-testid="preferred-channel" data-channel={ch}>
              {CHANNEL_LABELS[ch]}
            </Badge>
          </Group>
          <Row label="Address" preferred={ch === 'post'} testId="contact-address">
            <Group gap={4} wrap="nowrap" align="flex-start">
              <IconMapPin size={14} style={{ marginTop: 3, flexShrink: 0 }} />
              <span>
                {c.address}
                <br />
                {c.city}
              </span>
            </Group>
          </Row>
          <Row label="Phone" preferred={ch === 'phone' || ch === 'sms'} testId="contact-phone">
            <Anchor href={`tel:${c.phone.replace(/[^\d+]/g, '')}`} size="sm" className="mono">
              <Group gap={4} component="span" wrap="nowrap">
                <IconPhone size={14} />
                {c.phone}
              </Group>
            </Anchor>
          </Row>
          <Row label="E-mail" preferred={ch === 'email'} testId="contact-email">
            <Anchor href={`mailto:${c.email}`} size="sm">
              <Group gap={4} component="span" wrap="nowrap">
                <IconMail size={14} />
                {c.email}
              </Group>
            </Anchor>
          </Row>
          <Row label="Home branch" preferred={ch === 'branch'} testId="contact-branch">
            <Anchor href="#/branches" size="sm">
              {c.branchName}
            </Anchor>
          </Row>
        </Stack>
        <Stack gap={6}>
          <Text fw={600} size="sm">
            Profile
          </Text>
          <Row label="Born">
            <span className="num">{formatBirthDate(c.dateOfBirth)}</span>
            {age !== null && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({age} years)
              </Text>
            )}
          </Row>
          <Row label="Gender">{GENDER_LABELS[c.gender]}</Row>
          <Row label="National id">
            <span className="mono" data-testid="customer-national-id">
              {c.nationalId}
            </span>
          </Row>
          <Row label="Occupation">{c.occupation}</Row>
        </Stack>
        <Stack gap={6}>
          <Text fw={600} size="sm">
            KYC
          </Text>
          <Row label="Status">
            <KycBadge status={c.kycStatus} />
          </Row>
          <Row label="Risk rating">
            <RiskBadge rating={c.riskRating} />
          </Row>
          <Row label="Next review">
            <Text span size="sm" c={reviewDue ? 'red' : undefined} fw={reviewDue ? 600 : undefined} data-testid="kyc-next-review">
              {formatBirthDate(c.kycNextReview)}
              {reviewDue ? ' — due' : ''}
            </Text>
          </Row>
          <Row label="Last changed">
            <Text span size="sm" c="dimmed">
              {formatDateTime(c.updatedAt)}
            </Text>
          </Row>
        </Stack>
      </Stack>
    </Paper>
  );
}
