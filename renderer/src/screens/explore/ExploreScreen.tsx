import { Alert, Group, Loader, Paper, SegmentedControl, Skeleton, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartLine, IconTable } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { bankToday, dayIso } from '../../../../shared/bank-time';
import type { Dimension, MethodOutput, MetricInfo, MetricRow, SavedView } from '../../../../shared/contract';
import { keepPreviousData } from '@tanstack/react-query';
import { errorText, useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import { DrillBreadcrumb } from './DrillBreadcrumb';
import { ExploreChart } from './ExploreChart';
import { ExportButtons } from './ExportButtons';
import { FiguresTable } from './FiguresTable';
import { MetricPicker } from './MetricPicker';
import { PeriodControls } from './PeriodControls';
import { SavedViews } from './SavedViews';
import { SourceNote } from './SourceNote';
import { SplitPicker } from './SplitPicker';
import { defaultExploreState, periodLabel, rangeLabel } from './explore-defaults';
import { currenciesOf, currencyAsSplit, rowsOf, shapeResult, type Category, type Series } from './explore-series';
import { crumbsOf, drillIntoDims, drillIntoPeriod, exploreState, fitToMetric, nextSplit, parseExploreParams, toMetricQuery, type ExploreState } from './explore-state';
import { RowsTable } from './RowsTable';
import { useExploreUrl } from './use-explore-url';
import { useRowWindows } from './use-row-windows';

type Catalog = MethodOutput<'metrics.list'>;

/** Any catalog metric for a bank period: charted, split, drilled down to its rows and on to the customer. */
export function ExploreScreen() {
  const catalog = useApiQuery('metrics.list', {});
  return (
    <Stack gap="sm" data-testid="explore-screen">
      {catalog.error && !catalog.data ? (
        <ErrorView message={errorText(catalog.error) ?? ''} onRetry={() => void catalog.refetch()} title="Could not load the metric catalog" />
      ) : !catalog.data ? (
        <LoadingView label="Loading the metric catalog…" />
      ) : catalog.data.metrics.length === 0 ? (
        <EmptyView title="No metrics" description="This bank’s catalog is empty." />
      ) : (
        <Explorer catalog={catalog.data} />
      )}
    </Stack>
  );
}

function Explorer({ catalog }: { catalog: Catalog }) {
  const { query, go } = useExploreUrl();
  const today = dayIso(bankToday(Date.now(), catalog.timeZone));
  const fallback = useMemo(() => defaultExploreState(today), [today]);
  const parsed = parseExploreParams(new URLSearchParams(query), fallback);
  const info: MetricInfo = catalog.metrics.find((m) => m.id === parsed.metric) ?? (catalog.metrics[0] as MetricInfo);
  const state = fitToMetric({ ...parsed, metric: info.id }, info);

  // An address without a view (the menu entry) gets the default one written in, so Back and links work from here.
  useEffect(() => {
    if (!query) go(state, { replace: true });
  }, [query]);

  const dimensionLabel = useCallback((id: string) => catalog.dimensions.find((d) => d.id === id)?.label ?? id, [catalog.dimensions]);
  const key = JSON.stringify(toMetricQuery(state));
  // The answer on screen stays (marked stale) while the next view's loads; new postings refetch both (method-tables.ts).
  const answer = useApiQuery('metrics.query', toMetricQuery(state), { placeholderData: keepPreviousData });
  const result = { data: answer.data, error: errorText(answer.error), refreshing: answer.isFetching && answer.data !== undefined, reload: () => void answer.refetch() };
  const rows = useRowWindows(state, state.view === 'rows');

  // Which columns sort is the layer's to say; one it refuses is marked plain and the order falls back to its default.
  const [unsortable, setUnsortable] = useState<ReadonlySet<string>>(new Set());
  const refused = rows.refusedSort;
  useEffect(() => {
    if (!refused) return;
    setUnsortable((s) => new Set([...s, refused.column]));
    notifications.show({ color: 'yellow', title: 'Cannot sort by that column', message: refused.message.replace(/^sort:\s*/, '') });
    if (state.sort === refused.column) go({ ...state, sort: null, direction: 'desc' }, { replace: true });
  }, [refused]);

  const data = useMemo(() => (result.data ? currencyAsSplit(result.data) : undefined), [result.data]);
  const currencies = useMemo(() => (data ? currenciesOf(data) : []), [data]);
  const [picked, setPicked] = useState<string | null>(null);
  const currency = data?.unit === 'money' ? (picked !== null && currencies.includes(picked) ? picked : (currencies[0] ?? null)) : null;
  // While another metric loads, the previous answer stays on screen: it is drawn and formatted as its own metric
  // (a ratio's 0.0024 is not minor units of money).
  const shownInfo: MetricInfo = (data && catalog.metrics.find((m) => m.id === data.metric)) || info;
  const shaped = useMemo(
    () => (data ? shapeResult({ ...data, additive: shownInfo.additive, rows: rowsOf(data, currency) }, periodLabel) : null),
    [data, currency, shownInfo.additive],
  );

  const drill = useCallback(
    (period: string | null, dims: Record<string, string>, labels: Record<string, string>) => {
      // A click on the previous metric's figures while the new one loads would filter on what it may not have.
      if (result.data?.metric !== state.metric) return;
      let next = state;
      if (period && state.grain) next = drillIntoPeriod(next, period, info);
      if (Object.keys(dims).length > 0) next = drillIntoDims(next, info, dims, labels);
      else if (!period) {
        // The whole period's one figure: the next step is to split it.
        const split = nextSplit(
          info,
          state.filters.map((f) => f.dimension),
        );
        if (split) next = { ...next, by: [split] };
      }
      if (next !== state) go(next);
    },
    [state, info, go, result.data?.metric],
  );
  const onPick = useCallback(
    (category: Category, series: Series | undefined) => drill(category.period, { ...category.dims, ...(series?.dims ?? {}) }, { ...category.labels, ...(series?.labels ?? {}) }),
    [drill],
  );
  const onDrillRow = useCallback((row: MetricRow) => drill(row.period, row.dims, row.labels), [drill]);

  const rootLabel = `${info.label}, ${rangeLabel(state.outer ?? state)}`;
  const filterLabels = answer.data?.filterLabels;
  const crumbs = crumbsOf(
    state,
    rootLabel,
    (r) => rangeLabel(r),
    (f) => filterLabels?.[`${f.dimension}=${f.value}`],
  );
  const splitOptions = catalog.dimensions.filter((d) => info.dimensions.includes(d.id) && !state.filters.some((f) => f.dimension === d.id));
  const change = (patch: Partial<ExploreState>) => go({ ...state, ...patch });
  const openView = (view: SavedView) => go(exploreState({ ...view.query, filters: view.query.filters.map((f) => ({ dimension: f.dimension, value: f.value })) }));

  return (
    <>
      <PageHeader
        title="Explore"
        description="Pick a metric and a period; click a bar or a point to drill down, then open the rows behind it."
        actions={
          <>
            <SavedViews state={state} onOpen={openView} />
            <ExportButtons state={state} />
          </>
        }
      />

      <Paper withBorder p="sm" radius="sm">
        <Group gap="md" align="flex-start" wrap="wrap">
          <MetricPicker metrics={catalog.metrics} value={info.id} onChange={(metric) => change({ metric, sort: null, outer: null })} />
          <Stack gap="xs">
            <PeriodControls
              range={state}
              grain={state.grain}
              compare={state.compare}
              grains={info.grains}
              today={today}
              onChange={(p) => change({ ...p, ...(p.from ? { outer: null } : {}) })}
            />
            <SplitPicker options={splitOptions} value={state.by} onChange={(by: Dimension[]) => change({ by })} />
          </Stack>
        </Group>
      </Paper>

      <Group justify="space-between" wrap="wrap" gap="xs">
        <DrillBreadcrumb crumbs={crumbs} dimensionLabel={dimensionLabel} onStep={(c) => go(c.target)} />
        <Group gap="xs">
          {result.refreshing && <Loader size="xs" aria-label="Updating" />}
          {data && <SourceNote source={data.source} asOf={data.asOf} timeZone={data.timeZone} />}
        </Group>
      </Group>

      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={state.view}
          onChange={(v) => change({ view: v === 'rows' ? 'rows' : 'chart' })}
          data={[
            {
              value: 'chart',
              label: (
                <Group gap={4} wrap="nowrap">
                  <IconChartLine size={14} />
                  Chart and figures
                </Group>
              ),
            },
            {
              value: 'rows',
              label: (
                <Group gap={4} wrap="nowrap">
                  <IconTable size={14} />
                  The {info.rows} behind them
                </Group>
              ),
            },
          ]}
          data-testid="explore-view"
        />
      </Group>

      {state.view === 'rows' ? (
        <RowsTable windows={rows} sort={state.sort} direction={state.direction} onSort={(sort, direction) => change({ sort, direction })} unsortable={unsortable} />
      ) : result.error && !data ? (
        <ErrorView message={result.error} onRetry={result.reload} />
      ) : !data || !shaped ? (
        <Paper withBorder p="sm" radius="sm" data-testid="explore-loading">
          <Skeleton h={320} />
        </Paper>
      ) : (
        <>
          {result.error && (
            <Alert color="red" variant="light" title="Could not update">
              {result.error}
            </Alert>
          )}
          <Paper
            withBorder
            p="sm"
            radius="sm"
            data-testid="explore-chart-panel"
            data-mode={shaped.mode}
            data-currency={currency ?? undefined}
            data-bars={shaped.categories.length}
            data-state={result.data && JSON.stringify(toMetricQuery(exploreState(result.data))) === key ? 'current' : 'stale'}
          >
            {shaped.categories.length === 0 ? (
              <EmptyView title="Nothing in this period" description="No figures for this selection. Pick a longer period, another metric, or step back in the breadcrumb." />
            ) : (
              <ExploreChart
                shaped={shaped}
                info={shownInfo}
                currency={currency}
                currencies={currencies}
                onCurrency={setPicked}
                onPick={onPick}
                label={`${shownInfo.label}: ${shaped.mode === 'time' ? 'over time' : 'by split'}`}
              />
            )}
          </Paper>
          <FiguresTable result={data} info={shownInfo} dimensionLabel={dimensionLabel} periodLabel={periodLabel} onDrill={onDrillRow} />
        </>
      )}
    </>
  );
}
