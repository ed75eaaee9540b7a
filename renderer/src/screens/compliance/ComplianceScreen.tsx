import { Stack, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { MONITOR_IDS, type MonitorId } from '../../../../shared/contract';
import { PageHeader } from '../../components/PageHeader';
import { EmptyView } from '../../components/StateViews';
import { useCan } from '../../state/session';
import { navigate, useSubPath } from '../../state/route';
import { OutboxIndicator } from '../fraud/OutboxIndicator';
import { CasePage, CasesList } from './CasesPanel';
import { ChangesPanel } from './ChangesPanel';
import { CtrPanel } from './CtrPanel';
import { KycPanel } from './KycPanel';
import { MonitorDetailPage } from './MonitorDetailPage';
import { MonitorsPanel } from './MonitorsPanel';
import { TasksPanel } from './TasksPanel';

const TABS = [
  { value: 'monitors', label: 'Monitors' },
  { value: 'tasks', label: 'Tasks' },
  { value: 'reports', label: 'Large-cash reports' },
  { value: 'cases', label: 'Cases & SARs' },
  { value: 'kyc', label: 'KYC reviews' },
  { value: 'changes', label: 'Limits & inputs' },
] as const;
type TabValue = (typeof TABS)[number]['value'];

function isMonitor(v: string | undefined): v is MonitorId {
  return v !== undefined && (MONITOR_IDS as readonly string[]).includes(v);
}

/** Compliance: monitors and their drill-down, tasks, large-cash reports, cases, KYC reviews, maker–checker changes. */
export function ComplianceScreen() {
  const sub = useSubPath('compliance');
  const canAct = useCan('compliance.act');
  const [first, second] = sub;
  if (first === 'monitor') {
    return isMonitor(second) ? <MonitorDetailPage id={second} /> : <EmptyView title="There is no such monitor" />;
  }
  if (first === 'cases' && second) {
    const id = Number(second);
    return Number.isSafeInteger(id) && id > 0 ? <CasePage id={id} /> : <EmptyView title="There is no such case" />;
  }
  // Only the open tab's panel is mounted (keepMounted={false}).
  const panels: Record<TabValue, ReactNode> = {
    monitors: <MonitorsPanel />,
    tasks: <TasksPanel canAct={canAct} />,
    reports: <CtrPanel />,
    cases: <CasesList />,
    kyc: <KycPanel />,
    changes: <ChangesPanel />,
  };
  const tab = TABS.some((t) => t.value === first) ? (first ?? 'monitors') : 'monitors';
  return (
    <Stack gap="md">
      <PageHeader
        title="Compliance"
        description="Regulatory monitors against their limits, filing deadlines and the work that keeps them in line."
        aside={<OutboxIndicator />}
        testId="compliance-header"
      />
      <Tabs value={tab} onChange={(v) => navigate(v && v !== 'monitors' ? `compliance/${v}` : 'compliance')} keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} data-testid={`tab-${t.value}`}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value} pt="md">
            {panels[t.value]}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
