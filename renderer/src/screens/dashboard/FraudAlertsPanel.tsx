import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBell, IconBellCheck, IconListDetails } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { EmptyView, ErrorView } from '../../components/StateViews';
import { shortAccountNo } from '../../format/account';
import { formatClock, formatDateTime, startOfLocalDay } from '../../format/date';
import { formatMoney } from '../../format/money';
import { formatCount } from '../../format/number';
import { useNow } from '../../state/clock';
import { navigate } from '../../state/route';
import { useCan } from '../../state/session';
import { desktopAlertsPermission, enableDesktopAlerts } from '../../shell/FraudAlertToaster';
import { RiskBadge, RuleChips } from '../fraud/badges';
import { useRuleTitles } from '../fraud/fraud-state';
import { formatAge, SLA_COLORS, slaLevel } from '../fraud/fraud-values';
import '../fraud/fraud.css';

function Figure({ label, value, hint, color, testId }: { label: string; value: string; hint?: string; color?: string; testId: string }) {
  return (
    <div data-testid={`fraud-${testId}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text className="kpi-value" fz={22} c={color} data-testid={`fraud-${testId}-value`}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </div>
  );
}

function DesktopAlertsButton() {
  const [permission, setPermission] = useState(desktopAlertsPermission);
  if (permission === 'unsupported' || permission === 'denied') return null;
  if (permission === 'granted')
    return (
      <Tooltip label="New high-risk alerts also appear as desktop notifications">
        <Badge variant="light" color="teal" leftSection={<IconBellCheck size={12} />} tt="none" data-testid="desktop-alerts-on">
          Desktop alerts on
        </Badge>
      </Tooltip>
    );
  return (
    <Button size="xs" variant="default" leftSection={<IconBell size={14} />} onClick={() => void enableDesktopAlerts().then(setPermission)} data-testid="enable-desktop-alerts">
      Enable desktop alerts
    </Button>
  );
}

/** The fraud analyst's morning view: what arrived overnight, what is high-risk and waiting, the top five to open. */
export function FraudAlertsPanel() {
  const canView = useCan('fraud.view');
  if (!canView) return null;
  return <Panel />;
}

function Panel() {
  const now = useNow(30_000);
  // "Overnight" is everything since the start of the user's day in their own zone: a panel left open past
  // midnight asks again for the new day. New alerts (pushed, or synced) refetch it.
  const summary = useApiQuery('fraud.summary', { since: startOfLocalDay(now) }, { placeholderData: keepPreviousData });
  const titles = useRuleTitles();
  const reload = () => void summary.refetch();

  const s = summary.data;
  const open = s ? (s.byStatus.new ?? 0) + (s.byStatus.in_review ?? 0) : 0;
  const oldestAge = s?.oldestOpenAt ? now - s.oldestOpenAt : null;
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="fraud-panel">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <div>
          <Text fw={600} size="sm">
            Fraud alerts
          </Text>
          <Text size="xs" c="dimmed">
            {s?.asOf ? `Offline copy as of ${formatClock(s.asOf)}` : `Since ${formatDateTime(startOfLocalDay(now))} in your time zone; updates live`}
          </Text>
        </div>
        <Group gap="xs">
          <DesktopAlertsButton />
          <Button size="xs" leftSection={<IconListDetails size={14} />} onClick={() => navigate('fraud')} data-testid="open-queue">
            Open queue
          </Button>
        </Group>
      </Group>
      {summary.error && !s ? (
        <ErrorView message={errorMessage(summary.error)} onRetry={reload} />
      ) : !s ? (
        <Stack gap="xs" data-testid="fraud-panel-loading">
          <Skeleton h={48} />
          <Skeleton h={120} />
        </Stack>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <Figure label="Overnight" value={formatCount(s.newSince)} hint="new since the start of your day" testId="overnight" color={s.newSince > 0 ? 'red' : undefined} />
            <Figure label="High-risk open" value={formatCount(s.highRiskOpen)} hint="waiting for review" testId="high-risk" color={s.highRiskOpen > 0 ? 'red' : undefined} />
            <Figure label="Open" value={formatCount(open)} hint={`${formatCount(s.byStatus.in_review ?? 0)} in review`} testId="open" />
            <Figure
              label="Oldest waiting"
              value={oldestAge === null ? '—' : formatAge(oldestAge)}
              hint={s.oldestOpenAt ? `since ${formatDateTime(s.oldestOpenAt)}` : 'nothing waiting'}
              color={oldestAge === null ? undefined : SLA_COLORS[slaLevel(oldestAge)]}
              testId="oldest"
            />
          </SimpleGrid>
          {s.top.length === 0 ? (
            <EmptyView title="No open alerts" description="New alerts from the overnight scan and the live monitor appear here." />
          ) : (
            <Stack gap={2} data-testid="fraud-top">
              {s.top.slice(0, 5).map((a) => (
                <UnstyledButton
                  key={a.id}
                  onClick={() => navigate(`fraud/${a.id}`)}
                  className="fraud-top-row"
                  data-testid="fraud-top-alert"
                  data-alert-id={a.id}
                  data-risk={a.riskScore}
                >
                  <Group gap="sm" wrap="nowrap" px={6} py={4}>
                    <RiskBadge score={a.riskScore} />
                    <Text size="sm" fw={500} truncate w={200} style={{ flexShrink: 0 }}>
                      {a.customerName ?? '—'}
                    </Text>
                    <div style={{ flex: 1, minWidth: 0, overflow: 'hidden' }}>
                      <RuleChips rules={a.rules} titles={titles} max={3} />
                    </div>
                    <Text size="sm" className="mono" c="dimmed" w={70} visibleFrom="md" title={a.accountNo}>
                      {shortAccountNo(a.accountNo)}
                    </Text>
                    <Text size="sm" className="num" w={140}>
                      {formatMoney(a.amount, a.currency)}
                    </Text>
                    <Text size="sm" className="num" w={80} c={SLA_COLORS[slaLevel(now - a.detectedAt)]}>
                      {formatAge(now - a.detectedAt)}
                    </Text>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Paper>
  );
}
