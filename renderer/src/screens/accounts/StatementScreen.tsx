import { Anchor, Breadcrumbs, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, TextInput, useMantineTheme } from '@mantine/core';
import { IconFileTypeCsv, IconFileTypePdf } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { formatIban } from '../../../../shared/account-number';
import type { Statement } from '../../../../shared/contract';
import { keepPreviousData, skipToken } from '@tanstack/react-query';
import { call } from '../../api/client';
import { errorText, useApiQuery } from '../../api/use-api-query';
import { EChart } from '../../components/chart/EChart';
import { PageHeader } from '../../components/PageHeader';
import { ErrorView } from '../../components/StateViews';
import { DataTable } from '../../components/table/DataTable';
import { formatDate, formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { formatCount } from '../../format/number';
import { useTheme } from '../../state/theme';
import { BALANCE_CHART_HEIGHT, balanceOption } from './balance-chart';
import { DownloadButton } from '../../components/DownloadButton';
import { useFileDownload } from '../../components/use-file-download';
import { statementColumns } from './statement-columns';
import { PRESETS, presetOf, presetRange, rangeToUtc, userTimeZone, type DayRange, type PresetId } from './statement-range';
import { countOf } from '../../format/plural';

function Summary({ label, minor, currency, testId, hint }: { label: string; minor: number; currency: string; testId: string; hint?: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={`${testId}-card`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text className="kpi-value" fz={20} c={minor < 0 ? 'red' : undefined} data-testid={testId} data-minor={minor}>
        {formatMoney(minor, currency)}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function BalanceChart({ statement }: { statement: Statement }) {
  const theme = useMantineTheme();
  const scheme = useTheme((s) => s.scheme);
  const option = useMemo(() => balanceOption(statement, theme, scheme), [statement, theme, scheme]);
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          Running balance
        </Text>
        <Text size="xs" c="dimmed">
          {statement.account.currency}; times in your time zone
        </Text>
      </Group>
      <EChart option={option} height={BALANCE_CHART_HEIGHT} testId="statement-chart" label="Running balance of the account over the statement period" />
    </Paper>
  );
}

/** Statement for a period of days in the user's zone: summary, running-balance chart, every line, PDF and CSV. */
export function StatementScreen({ id }: { id: number }) {
  const [range, setRange] = useState<DayRange>(() => presetRange('this_month'));
  const utc = rangeToUtc(range);
  const period = 'error' in utc ? null : utc;
  const timeZone = userTimeZone();
  // The previous period's statement stays on screen (dimmed) while the next one loads.
  const q = useApiQuery('statements.get', period ? { accountId: id, from: period.from, to: period.to, timeZone } : skipToken, { placeholderData: keepPreviousData });
  const s = q.data;
  const error = 'error' in utc ? utc.error : errorText(q.error);
  const refreshing = q.isFetching && s !== undefined;
  const columns = useMemo(() => statementColumns(s?.account.currency ?? 'EUR'), [s?.account.currency]);
  const preset = presetOf(range);

  const { busy: downloading, download } = useFileDownload(
    (format: 'pdf' | 'csv') => (period ? call('statements.export', { accountId: id, from: period.from, to: period.to, timeZone, format }) : Promise.resolve(null)),
    (format) => `Could not export the ${format.toUpperCase()}`,
  );

  const account = s?.account;
  return (
    <Stack gap="md" data-testid="statement-screen">
      <PageHeader
        above={
          <Breadcrumbs separator="›" fz="xs" mb={4}>
            <Anchor href="#/accounts" size="xs">
              Accounts
            </Anchor>
            <Anchor href={`#/accounts/${id}`} size="xs" className="mono">
              {account ? formatIban(account.accountNo) : `#${id}`}
            </Anchor>
            <Text size="xs">Statement</Text>
          </Breadcrumbs>
        }
        title="Statement"
        descriptionTestId="statement-account"
        description={
          account ? (
            <>
              <span className="mono">{formatIban(account.accountNo)}</span> · {account.customer?.legalName ?? account.name} · {account.productName ?? account.currency}
            </>
          ) : (
            'Loading the account…'
          )
        }
        actions={
          <>
            <DownloadButton format="pdf" busy={downloading} onDownload={download} icon={<IconFileTypePdf size={16} />} disabled={!period || !s} testId="statement-pdf">
              Download PDF
            </DownloadButton>
            <DownloadButton format="csv" busy={downloading} onDownload={download} icon={<IconFileTypeCsv size={16} />} disabled={!period || !s} testId="statement-csv">
              Download CSV
            </DownloadButton>
          </>
        }
      />
      <Paper withBorder radius="sm" p="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <div>
            <Text size="sm" fw={500} mb={4} id="statement-preset-label">
              Period
            </Text>
            <SegmentedControl
              aria-labelledby="statement-preset-label"
              value={preset ?? ''}
              onChange={(v) => setRange(presetRange(v as PresetId))}
              data={PRESETS.map((p) => ({ value: p.id, label: p.label }))}
              data-testid="statement-presets"
            />
          </div>
          <TextInput
            type="date"
            label="First day"
            value={range.first}
            max={range.last}
            onChange={(e) => setRange({ ...range, first: e.currentTarget.value })}
            data-testid="statement-from"
            w={170}
          />
          <TextInput
            type="date"
            label="Last day"
            value={range.last}
            min={range.first}
            onChange={(e) => setRange({ ...range, last: e.currentTarget.value })}
            data-testid="statement-to"
            w={170}
          />
          <Text size="xs" c="dimmed" pb={8}>
            {'error' in utc ? (
              <Text span c="red" size="xs" data-testid="statement-range-error">
                {utc.error}
              </Text>
            ) : (
              <>Days in your time zone ({timeZone}), both included</>
            )}
          </Text>
        </Group>
      </Paper>
      {error && !s ? (
        <ErrorView message={error} onRetry={period ? () => void q.refetch() : undefined} title="Could not load the statement" />
      ) : !s ? (
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm" data-testid="statement-loading">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={74} />
          ))}
        </SimpleGrid>
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm" data-testid="statement-summary" style={{ opacity: refreshing ? 0.6 : 1 }}>
            <Summary label="Opening balance" minor={s.opening} currency={s.account.currency} testId="statement-opening" hint={`at the start of ${formatDate(s.from)}`} />
            <Summary
              label="Credits"
              minor={s.credits}
              currency={s.account.currency}
              testId="statement-credits"
              hint={`${formatCount(s.lines.filter((l) => l.amount > 0).length)} in`}
            />
            <Summary
              label="Debits"
              minor={s.debits}
              currency={s.account.currency}
              testId="statement-debits"
              hint={`${formatCount(s.lines.filter((l) => l.amount < 0).length)} out`}
            />
            <Summary label="Closing balance" minor={s.closing} currency={s.account.currency} testId="statement-closing" hint={`at the end of ${formatDate(s.to - 1)}`} />
          </SimpleGrid>
          {s.lines.length > 0 && <BalanceChart statement={s} />}
          <DataTable
            columns={columns}
            rows={s.lines}
            rowKey={(r) => `${r.journalId}-${r.reference}`}
            loading={refreshing}
            error={error}
            emptyTitle="No movements in this period"
            emptyDescription="Opening and closing balance are the same. Choose a longer period to see earlier movements."
            initialSort={{ id: 'bookedAt', desc: false }}
            rowTestId="statement-line"
            testId="statement-lines"
            caption="Statement lines"
            toolbar={
              <Text size="xs" c="dimmed" data-testid="statement-count" data-count={s.lines.length}>
                {countOf(s.lines.length, 'movement', 'movements')} · {formatDateTime(s.from)} – {formatDateTime(s.to - 1)}
              </Text>
            }
          />
        </>
      )}
    </Stack>
  );
}
