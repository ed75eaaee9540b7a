import { Alert, Button, Grid, Group, Loader, Menu, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCloudComputing, IconFileAnalytics, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, skipToken } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { MetricId, MetricInfo } from '../../../../shared/contract';
import { reportDefinitionSchema, type ReportDefinitionInput } from '../../../../shared/report-definition';
import { call, errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { useApiEvent } from '../../api/use-event';
import { PageHeader } from '../../components/PageHeader';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { useCan } from '../../state/session';
import { complianceSectionFor, lastQuarter, sectionFor, type Draft } from './builder-state';
import { CatalogPanel } from './CatalogPanel';
import { DefinitionForm } from './DefinitionForm';
import { HistoryPanel } from './HistoryPanel';
import { ReportActions } from './ReportActions';
import { ReportView } from './ReportView';
import { SectionList } from './SectionList';
import { StoragePanel } from './StoragePanel';

/** Report builder and history: managers build and share board packs; auditors read them. */
export function ReportsScreen() {
  const catalog = useApiQuery('metrics.list', {});
  const templates = useApiQuery('reports.templates', {});
  if (catalog.isPending || templates.isPending) return <LoadingView label="Loading the metric catalog and templates…" />;
  if (catalog.error) return <ErrorView message={errorMessage(catalog.error)} onRetry={() => void catalog.refetch()} title="Could not load the metric catalog" />;
  if (templates.error) return <ErrorView message={errorMessage(templates.error)} onRetry={() => void templates.refetch()} title="Could not load the report templates" />;
  return <Builder metrics={catalog.data.metrics} templates={templates.data} />;
}

type Templates = { id: string; name: string; description: string; definition: unknown }[];

function fromTemplate(t: Templates[number] | undefined): Draft {
  const base = (t?.definition ?? { title: 'New report', sections: [] }) as Omit<ReportDefinitionInput, 'period'>;
  return { ...base, period: lastQuarter() };
}

function Builder({ metrics, templates }: { metrics: MetricInfo[]; templates: Templates }) {
  const canBuild = useCan('reports.build');
  const readOnly = !canBuild;
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? null);
  const [draft, setDraft] = useState<Draft>(() => fromTemplate(templates[0]));
  const [openId, setOpenId] = useState<string | null>(null);
  const [job, setJob] = useState<{ id: string; done: number; total: number; step: string } | null>(null);
  const label = useMemo(() => {
    const names = new Map(metrics.map((m) => [m.id, m.label]));
    return (id: MetricId): string => names.get(id) ?? id;
  }, [metrics]);

  const parsed = useMemo(() => reportDefinitionSchema.safeParse(draft), [draft]);
  const [debounced] = useDebouncedValue(parsed.success ? parsed.data : null, 700);
  const preview = useApiQuery('reports.preview', canBuild && debounced ? { definition: debounced } : skipToken, { placeholderData: keepPreviousData });
  const opened = useApiQuery('reports.open', openId ? { id: openId } : skipToken);
  const storage = useApiQuery('reports.storage.get', {});

  useApiEvent('reports.progress', (p) => setJob((j) => (j && j.id === p.jobId ? { ...j, ...p, id: j.id } : j)));
  const generate = useApiMutation('reports.generate', {
    onSuccess: (r) => {
      setJob(null);
      setOpenId(r.entry.id);
      notifications.show({ color: 'teal', message: `${r.result.title} for ${r.result.period.label} is ready.` });
    },
    onError: (e) => {
      setJob(null);
      notifications.show({ color: 'red', title: 'The report could not be generated', message: errorMessage(e) });
    },
  });
  const start = (): void => {
    if (!parsed.success) return;
    const id = crypto.randomUUID();
    setJob({ id, done: 0, total: 0, step: 'Starting…' });
    generate.mutate({ definition: parsed.data, jobId: id, store: false });
  };
  const add = (kind: 'kpis' | 'chart' | 'table' | 'narrative', m: MetricInfo): void => {
    setDraft((d) => ({
      ...d,
      sections: [
        ...d.sections,
        sectionFor(
          kind,
          m.id,
          m.label,
          d.sections.map((s) => s.id),
        ),
      ],
    }));
    notifications.show({ message: `${m.label} added at the end of the report.`, autoClose: 1500 });
  };
  // A cloud build: the request waits in S3 for the Lambda worker; its status is polled until the report can be picked up.
  const [cloud, setCloud] = useState<{ requestId: string; since: number } | null>(null);
  const askCloud = useApiMutation('reports.cloud.request', {
    onSuccess: (r) => setCloud({ requestId: r.requestId, since: Date.now() }),
    onError: (e) => notifications.show({ color: 'red', title: 'Could not ask for a cloud build', message: errorMessage(e) }),
  });
  useEffect(() => {
    if (!cloud) return;
    let stopped = false;
    const poll = async (): Promise<void> => {
      try {
        const s = await call('reports.cloud.status', { requestId: cloud.requestId });
        if (stopped) return;
        if (s.state === 'done' && s.entry) {
          setCloud(null);
          setOpenId(s.entry.id);
          notifications.show({ color: 'teal', message: 'The cloud build is done and has been picked up from S3.' });
          return;
        }
        if (s.state === 'failed') {
          setCloud(null);
          notifications.show({ color: 'red', title: 'The cloud build failed', message: s.message ?? 'See the worker’s log.' });
          return;
        }
      } catch (e) {
        if (stopped) return;
        notifications.show({ color: 'orange', message: `Still waiting for the cloud build: ${errorMessage(e)}` });
      }
      timer = window.setTimeout(() => void poll(), 5000);
    };
    let timer = window.setTimeout(() => void poll(), 2000);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [cloud]);
  const issues = parsed.success ? [] : parsed.error.issues.slice(0, 4).map((i) => `${i.path.join(' › ')}: ${i.message}`);

  return (
    <Stack gap="sm" data-testid="reports-screen">
      <PageHeader
        title="Reports"
        description={
          readOnly
            ? 'Reports generated on this workstation and stored in S3 — read-only for your role.'
            : 'Build a board pack from catalog metrics, preview it, generate, export and share through S3.'
        }
        actions={
          canBuild && (
            <Group gap="xs">
              <Select
                size="xs"
                w={220}
                aria-label="Start from template"
                value={templateId}
                data={templates.map((t) => ({ value: t.id, label: t.name }))}
                onChange={(v) => {
                  setTemplateId(v);
                  setDraft(fromTemplate(templates.find((t) => t.id === v)));
                }}
                data-testid="report-template"
              />
              <Button
                variant="default"
                leftSection={<IconCloudComputing size={16} />}
                disabled={!parsed.success || !storage.data?.settings || cloud !== null}
                loading={askCloud.isPending || cloud !== null}
                title={storage.data?.settings ? 'The Lambda worker builds it from the bank and stores it in S3' : 'Set up report storage first'}
                onClick={() => parsed.success && askCloud.mutate({ definition: parsed.data })}
                data-testid="report-cloud"
              >
                Build in the cloud
              </Button>
              <Button
                leftSection={<IconFileAnalytics size={16} />}
                onClick={start}
                disabled={!parsed.success || generate.isPending}
                loading={generate.isPending}
                data-testid="report-generate"
              >
                Generate report
              </Button>
            </Group>
          )
        }
      />
      {job && (
        <Paper withBorder p="xs" data-testid="report-progress">
          <Group justify="space-between" mb={4}>
            <Text size="sm">Generating: {job.total ? `${job.done} of ${job.total} figures` : 'asking the metric layer…'}</Text>
            <Text size="xs" c="dimmed">
              {job.step}
            </Text>
          </Group>
          <Progress value={job.total ? (100 * job.done) / job.total : 5} animated />
        </Paper>
      )}
      {cloud && (
        <Alert color="blue" variant="light" title="Building in the cloud" data-testid="report-cloud-waiting">
          The request is in S3; the report worker builds it from the bank and this screen picks it up when it is stored (asked at {new Date(cloud.since).toLocaleTimeString()}).
        </Alert>
      )}
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 3 }} display={canBuild ? undefined : 'none'}>
          <CatalogPanel metrics={metrics} readOnly={readOnly} onAdd={add} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} display={canBuild ? undefined : 'none'}>
          <Stack gap="sm">
            <DefinitionForm draft={draft} readOnly={readOnly} onChange={setDraft} />
            <Paper withBorder p="sm">
              <Group justify="space-between" mb={6}>
                <Title order={5}>Sections</Title>
                <Menu position="bottom-end">
                  <Menu.Target>
                    <Button size="compact-xs" variant="light" leftSection={<IconPlus size={14} />}>
                      Add section
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      onClick={() =>
                        setDraft((d) => ({
                          ...d,
                          sections: [
                            ...d.sections,
                            sectionFor(
                              'narrative',
                              'loans_granted_count',
                              'Commentary',
                              d.sections.map((s) => s.id),
                            ),
                          ],
                        }))
                      }
                    >
                      Narrative with placeholders
                    </Menu.Item>
                    <Menu.Item
                      onClick={() => setDraft((d) => ({ ...d, sections: [...d.sections, complianceSectionFor(d.sections.map((s) => s.id))] }))}
                      data-testid="report-add-compliance"
                    >
                      Compliance monitor summary
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
              <SectionList sections={draft.sections} readOnly={readOnly} label={label} onChange={(sections) => setDraft((d) => ({ ...d, sections }))} />
            </Paper>
            {issues.length > 0 && (
              <Alert color="orange" variant="light" title="Fix before generating" data-testid="report-issues">
                {issues.map((i) => (
                  <Text key={i} size="xs">
                    {i}
                  </Text>
                ))}
              </Alert>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: canBuild ? 5 : 12 }}>
          {openId ? (
            <Stack gap="xs">
              <Group justify="space-between">
                <Button size="xs" variant="subtle" leftSection={<IconArrowLeft size={14} />} onClick={() => setOpenId(null)}>
                  {canBuild ? 'Back to the live preview' : 'Close'}
                </Button>
              </Group>
              {opened.isPending ? (
                <LoadingView label="Opening the report…" />
              ) : opened.error ? (
                <ErrorView message={errorMessage(opened.error)} onRetry={() => void opened.refetch()} />
              ) : (
                <>
                  <ReportActions entry={opened.data.entry} canBuild={canBuild} storageSet={Boolean(storage.data?.settings)} onEntry={() => void opened.refetch()} />
                  <ReportView result={opened.data.result} testId="report-opened" />
                </>
              )}
            </Stack>
          ) : canBuild ? (
            <Paper withBorder p="sm" data-testid="report-preview">
              <Group justify="space-between" mb={6}>
                <Title order={5}>Live preview</Title>
                {preview.isFetching && <Loader size="xs" />}
              </Group>
              {!parsed.success ? (
                <Text size="sm" c="dimmed">
                  The preview follows once the definition is complete.
                </Text>
              ) : preview.error ? (
                <ErrorView message={errorMessage(preview.error)} onRetry={() => void preview.refetch()} title="Could not preview" />
              ) : !preview.data ? (
                <LoadingView label="Asking the metric layer…" />
              ) : (
                <ReportView result={preview.data} testId="report-preview-view" />
              )}
            </Paper>
          ) : (
            <Text size="sm" c="dimmed">
              Open a report from the list below.
            </Text>
          )}
        </Grid.Col>
      </Grid>
      <HistoryPanel openId={openId} onOpen={setOpenId} />
      {storage.data && <StoragePanel settings={storage.data.settings} outbox={storage.data.outbox} />}
    </Stack>
  );
}
